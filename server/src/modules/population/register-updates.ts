/**
 * What a visit (走访) may change in the people register: a person moved out, a person died, someone new found
 * living in the visited household. Applied by the visits module inside the visit's transaction (ctx.db), through
 * the same service functions as the register's own routes (their checks, their audit rows).
 */
import { defineRegisterUpdate, type AnyRegisterUpdate } from '../../core/register-updates'
import { GB_RELATION } from '#contracts/gb-codes'
import { moveOut, recordDeath, registerPerson } from './records'
import { today } from './service'

const RELATION_OPTIONS = GB_RELATION.items.map((i) => ({ value: i.code, label: i.name }))

export const personMoveOut = defineRegisterUpdate<{ date?: string; note?: string }>({
  kind: 'person.moveOut',
  title: '人员已搬离',
  subjectTypes: ['resident'],
  fields: [
    { key: 'date', label: '搬离日期', type: 'date', required: true },
    { key: 'note', label: '去向', type: 'text' },
  ],
  async apply(ctx, subject, p) {
    const date = p.date ?? today(ctx)
    const card = await moveOut(ctx, subject.id, { date, ...(p.note ? { note: p.note } : {}) })
    return { summary: `${card.person.name} 于 ${date} 搬离${p.note ? `（${p.note}）` : ''}` }
  },
})

export const personDeath = defineRegisterUpdate<{ date?: string }>({
  kind: 'person.death',
  title: '人员已去世',
  subjectTypes: ['resident'],
  fields: [{ key: 'date', label: '去世日期', type: 'date', required: true }],
  async apply(ctx, subject, p) {
    const date = p.date ?? today(ctx)
    const card = await recordDeath(ctx, subject.id, { date })
    return { summary: `${card.person.name} 于 ${date} 去世` }
  },
})

export const personNewResident = defineRegisterUpdate<{ name: string; idNumber?: string; relationCode: string }>({
  kind: 'person.newResident',
  title: '发现新住人员',
  subjectTypes: ['household'],
  fields: [
    { key: 'name', label: '姓名', type: 'text', required: true },
    { key: 'idNumber', label: '身份证号', type: 'idNumber' },
    { key: 'relationCode', label: '与户主关系', type: 'code', required: true, options: RELATION_OPTIONS },
  ],
  async apply(ctx, subject, p) {
    await registerPerson(ctx, {
      householdId: String(subject.id),
      name: p.name,
      relationCode: p.relationCode,
      startReason: 'moveIn',
      ...(p.idNumber ? { idNumber: p.idNumber } : {}),
    })
    return { summary: `登记新住人员 ${p.name}（${GB_RELATION.name(p.relationCode) ?? p.relationCode}）` }
  },
})

/** The people register's updates, for app.ts's registry of register updates. */
export const populationRegisterUpdates: readonly AnyRegisterUpdate[] = [personMoveOut, personDeath, personNewResident]
