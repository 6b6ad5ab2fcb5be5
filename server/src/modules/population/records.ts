/**
 * 实有人口 writes: registering a person into a household (opening a stay), correcting their fields, and the moves —
 * moving out, death, transfer to another household, moving back in — each closing and opening residence_history
 * rows with the person's change and its audit row in one transaction, nothing overwritten; and naming a
 * household's head (户主). A refused request writes nothing: every check runs before the transaction.
 */
import type { Ctx } from '../../context'
import { commitChange, sameVersion, STALE_RECORD } from '../../core'
import type { Db } from '../../db/client'
import { AppError, invalidInput, notFound } from '../../errors'
import { managedGroupTagIn } from '#contracts/ledger-names'
import { isValidIdNumber, normalizeIdNumber } from '../../lib/id-number'
import { maskIdNumber, maskPhone } from '../../lib/pii'
import { authorize } from '../../permissions'
import { GB_EDUCATION, GB_ETHNICITY, GB_MARITAL, GB_POLITICAL, GB_RELATION, type CodeSet } from '#contracts/gb-codes'
import type { CreatePersonBody, DeathBody, MoveInBody, MoveOutBody, PersonCard, SetHeadBody, TransferBody, UpdatePersonBody } from '#contracts/population'
import { getPersonCard, today, visiblePerson } from './service'
import { openStays, relationWordOf } from './stays'
import {
  clearHouseholdHead,
  closeStay,
  findHouseholdWithPlace,
  findOpenStay,
  findPersonIdByIdNumberIdx,
  insertPersonRow,
  listPresentMembers,
  setHeadIfNone,
  updateHouseholdHeadVersioned,
  updatePersonVersioned,
  type PersonRow,
} from './queries'

type Detail = { field: string; message: string }

const CODE_FIELDS: [keyof CreatePersonBody & keyof UpdatePersonBody, CodeSet, string][] = [
  ['ethnicity', GB_ETHNICITY, '民族'],
  ['politicalStatus', GB_POLITICAL, '政治面貌'],
  ['education', GB_EDUCATION, '学历'],
  ['maritalStatus', GB_MARITAL, '婚姻状况'],
  ['relationCode', GB_RELATION, '与户主关系'],
]

/** Every GB code named must exist in its code set (400 listing each bad field). */
function checkCodes(body: Partial<Record<string, unknown>>): void {
  const bad: Detail[] = []
  for (const [field, set, label] of CODE_FIELDS) {
    const v = body[field]
    if (typeof v === 'string' && !set.has(v)) bad.push({ field, message: `${label}代码 ${v} 不在国家标准代码表中` })
  }
  if (bad.length) throw invalidInput(bad)
}

/** A date of a change: not in the future (400). */
function checkDate(ctx: Ctx, date: string, field = 'date'): void {
  if (date > today(ctx)) throw invalidInput([{ field, message: '日期不能晚于今天' }])
}

/** What an audit row keeps of a person: never cipher texts; ID number and phone masked. */
function audited(ctx: Ctx, r: PersonRow) {
  const pii = ctx.deps.pii
  return {
    name: r.name,
    gridCode: r.gridCode,
    householdId: r.householdId,
    relationCode: r.relationCode,
    residenceType: r.residenceType,
    status: r.status,
    ethnicity: r.ethnicity,
    politicalStatus: r.politicalStatus,
    education: r.education,
    maritalStatus: r.maritalStatus,
    hukouAddress: r.hukouAddress,
    sameAsHukou: r.sameAsHukou,
    occupation: r.occupation,
    workplace: r.workplace,
    tags: r.tags,
    idNumber: r.idNumberEnc ? maskIdNumber(pii.decrypt(r.idNumberEnc)) : null,
    phone: r.phoneEnc ? maskPhone(pii.decrypt(r.phoneEnc)) : null,
  }
}

/** A household in the caller's place, named in a body: 400 UNKNOWN_HOUSEHOLD otherwise. */
async function householdInScope(ctx: Ctx, householdId: number, field = 'householdId') {
  const h = await findHouseholdWithPlace(ctx.db, householdId)
  if (!h || !ctx.actor.placeCode || !h.household.gridCode.startsWith(ctx.actor.placeCode)) {
    throw new AppError('UNKNOWN_HOUSEHOLD', undefined, [{ field, message: '住户不存在或不在您的辖区内' }])
  }
  return h.household
}

/** The ID document: an ID card number passes GB 11643 and gives birth date and gender. */
function identityOf(body: CreatePersonBody) {
  const idType = body.idType ?? 'idCard'
  if (!body.idNumber) return { idType, idNumber: null, gender: body.gender ?? null, birthDate: body.birthDate ?? null }
  if (idType !== 'idCard') return { idType, idNumber: body.idNumber.trim(), gender: body.gender ?? null, birthDate: body.birthDate ?? null }
  const idNumber = normalizeIdNumber(body.idNumber)
  if (!isValidIdNumber(idNumber)) throw invalidInput([{ field: 'idNumber', message: '身份证号校验不通过（GB 11643），请核对' }])
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
  const gender = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female'
  if (body.birthDate && body.birthDate !== birthDate) throw invalidInput([{ field: 'birthDate', message: '出生日期与身份证号不一致' }])
  if (body.gender && body.gender !== gender) throw invalidInput([{ field: 'gender', message: '性别与身份证号不一致' }])
  return { idType, idNumber, gender, birthDate }
}

/** 登记人员: a person into a household of the caller's place, opening their first stay. Returns the new id. */
export async function registerPerson(ctx: Ctx, body: CreatePersonBody): Promise<number> {
  authorize(ctx.actor, 'population.record')
  checkCodes(body)
  if (managedGroupTagIn(body.tags)) throw new AppError('MANAGED_GROUP_TAG', undefined, [{ field: 'tags', message: `「${managedGroupTagIn(body.tags)}」不能作为标签` }])
  const fromDate = body.fromDate ?? today(ctx)
  checkDate(ctx, fromDate, 'fromDate')
  const h = await householdInScope(ctx, Number(body.householdId))
  const person = identityOf(body)
  const pii = ctx.deps.pii
  if (person.idNumber && (await findPersonIdByIdNumberIdx(ctx.db, pii.blindIndex(person.idNumber))) !== undefined) {
    throw new AppError('RESIDENT_ALREADY_REGISTERED')
  }
  const residenceType = body.residenceType ?? 'registered'
  const r = await commitChange(ctx, {
    entityId: (r: PersonRow) => r.id,
    apply: (tx) =>
      insertPersonRow(tx, {
        householdId: h.id,
        gridCode: h.gridCode,
        name: body.name.trim(),
        gender: person.gender,
        birthDate: person.birthDate,
        idType: person.idType,
        idNumberEnc: person.idNumber ? pii.encrypt(person.idNumber) : null,
        idNumberIdx: person.idNumber ? pii.blindIndex(person.idNumber) : null,
        phoneEnc: body.phone ? pii.encrypt(body.phone) : null,
        phoneIdx: body.phone ? pii.blindIndex(body.phone) : null,
        relation: relationWordOf(body.relationCode),
        relationCode: body.relationCode,
        residenceType,
        nationality: body.nationality ?? (residenceType === 'overseas' ? 'UNK' : 'CHN'),
        ethnicity: body.ethnicity ?? null,
        politicalStatus: body.politicalStatus ?? null,
        education: body.education ?? null,
        maritalStatus: body.maritalStatus ?? null,
        hukouAddress: body.hukouAddress ?? null,
        sameAsHukou: body.sameAsHukou ?? residenceType === 'registered',
        occupation: body.occupation ?? null,
        workplace: body.workplace ?? null,
        tags: body.tags ?? [],
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }),
    audit: (r) => ({ action: 'person.register', entityType: 'resident', after: { ...audited(ctx, r), fromDate } }),
    after: async (tx, r) => {
      await openStays(tx, [r], { fromDate, reason: body.startReason ?? 'initial', recordedByUserId: ctx.actor.userId })
      if (body.relationCode === '02') await setHeadIfNone(tx, h.id, r.id)
    },
  })
  return r.id
}

/** 修改人员信息: fields and GB codes, with the version seen (409 when stale). */
export async function updatePerson(ctx: Ctx, id: number, body: UpdatePersonBody): Promise<PersonCard> {
  const found = await visiblePerson(ctx, id)
  authorize(ctx.actor, 'population.keep')
  const r = found.resident
  sameVersion(r.version, body.version)
  const { version, name, phone, relationCode, ...rest } = body
  const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined))
  if (!Object.keys(fields).length && name === undefined && phone === undefined && relationCode === undefined) {
    throw invalidInput([{ field: 'version', message: '没有需要修改的内容' }], '没有需要修改的内容')
  }
  checkCodes(body)
  if (managedGroupTagIn(body.tags)) throw new AppError('MANAGED_GROUP_TAG', undefined, [{ field: 'tags', message: `「${managedGroupTagIn(body.tags)}」不能作为标签` }])
  const pii = ctx.deps.pii
  const patch = {
    ...fields,
    ...(name !== undefined ? { name: name.trim() } : {}),
    ...(phone !== undefined ? { phoneEnc: phone ? pii.encrypt(phone) : null, phoneIdx: phone ? pii.blindIndex(phone) : null } : {}),
    ...(relationCode !== undefined ? { relationCode, relation: relationWordOf(relationCode) } : {}),
    updatedAt: ctx.now,
  }
  await commitChange(ctx, {
    entityId: id,
    apply: (tx) => updatePersonVersioned(tx, id, version, patch),
    conflict: { message: STALE_RECORD },
    audit: (u) => ({ action: 'person.update', entityType: 'resident', before: audited(ctx, r), after: audited(ctx, u) }),
  })
  return getPersonCard(ctx, id)
}

/** A person present who may move: 422 when deceased or already gone; 409 on a stale version. */
async function movable(ctx: Ctx, id: number, version: number | undefined, date: string) {
  const found = await visiblePerson(ctx, id)
  authorize(ctx.actor, 'population.record')
  const r = found.resident
  if (version !== undefined) sameVersion(r.version, version)
  if (r.status === 'deceased') throw new AppError('PERSON_DECEASED')
  checkDate(ctx, date)
  return r
}

/** Close the person's open stay on `date`; its start must not be later (422). */
async function closeOpenStay(tx: Db, r: PersonRow, o: { date: string; endReason: string; note: string | null }) {
  const stay = await findOpenStay(tx, r.id)
  if (!stay) return
  if (stay.fromDate > o.date) throw new AppError('MOVE_BEFORE_STAY')
  const closed = await closeStay(tx, stay.id, { toDate: o.date, endReason: o.endReason, note: o.note })
  if (!closed) throw new AppError('VERSION_CONFLICT', STALE_RECORD)
  if (r.householdId !== null) await clearHouseholdHead(tx, r.householdId, r.id)
}

/** The open stay's start, checked before any write: a date before it is 422. */
async function checkAfterStay(ctx: Ctx, r: PersonRow, date: string) {
  const stay = await findOpenStay(ctx.db, r.id)
  if (stay && stay.fromDate > date) throw new AppError('MOVE_BEFORE_STAY')
}

/** 迁出: the person left the place; their stay closes, the record stays (status movedOut). */
export async function moveOut(ctx: Ctx, id: number, body: MoveOutBody): Promise<PersonCard> {
  const r = await movable(ctx, id, body.version, body.date)
  if (r.status !== 'present') throw new AppError('PERSON_NOT_PRESENT')
  await checkAfterStay(ctx, r, body.date)
  await commitChange(ctx, {
    entityId: id,
    apply: async (tx) => {
      await closeOpenStay(tx, r, { date: body.date, endReason: 'moveOut', note: body.note ?? null })
      return updatePersonVersioned(tx, id, r.version, { status: 'movedOut', updatedAt: ctx.now })
    },
    audit: (u) => ({ action: 'person.moveOut', entityType: 'resident', before: { status: r.status }, after: { status: u.status }, detail: { date: body.date, note: body.note ?? null } }),
  })
  return getPersonCard(ctx, id)
}

/** 死亡: the stay closes with death; the person can no longer move. */
export async function recordDeath(ctx: Ctx, id: number, body: DeathBody): Promise<PersonCard> {
  const r = await movable(ctx, id, body.version, body.date)
  await checkAfterStay(ctx, r, body.date)
  await commitChange(ctx, {
    entityId: id,
    apply: async (tx) => {
      await closeOpenStay(tx, r, { date: body.date, endReason: 'death', note: body.note ?? null })
      return updatePersonVersioned(tx, id, r.version, { status: 'deceased', updatedAt: ctx.now })
    },
    audit: (u) => ({ action: 'person.death', entityType: 'resident', before: { status: r.status }, after: { status: u.status }, detail: { date: body.date, note: body.note ?? null } }),
  })
  return getPersonCard(ctx, id)
}

/** 户间变动: to another household in the caller's place; the old stay closes and a new one opens the same day. */
export async function transferPerson(ctx: Ctx, id: number, body: TransferBody): Promise<PersonCard> {
  const r = await movable(ctx, id, body.version, body.date)
  if (r.status !== 'present') throw new AppError('PERSON_NOT_PRESENT')
  checkCodes({ relationCode: body.relationCode })
  const to = await householdInScope(ctx, Number(body.householdId))
  if (to.id === r.householdId) throw new AppError('SAME_HOUSEHOLD')
  await checkAfterStay(ctx, r, body.date)
  await commitChange(ctx, {
    entityId: id,
    apply: async (tx) => {
      await closeOpenStay(tx, r, { date: body.date, endReason: 'transfer', note: null })
      const u = await updatePersonVersioned(tx, id, r.version, {
        householdId: to.id,
        gridCode: to.gridCode,
        relationCode: body.relationCode,
        relation: relationWordOf(body.relationCode),
        updatedAt: ctx.now,
      })
      if (u) {
        await openStays(tx, [u], { fromDate: body.date, reason: 'transfer', recordedByUserId: ctx.actor.userId })
        if (body.relationCode === '02') await setHeadIfNone(tx, to.id, id)
      }
      return u
    },
    audit: (u) => ({
      action: 'person.transfer',
      entityType: 'resident',
      before: { householdId: r.householdId, gridCode: r.gridCode, relationCode: r.relationCode },
      after: { householdId: u.householdId, gridCode: u.gridCode, relationCode: u.relationCode },
      detail: { date: body.date },
    }),
  })
  return getPersonCard(ctx, id)
}

/** 迁回: a person who moved out comes back to a household of the caller's place; a new stay opens. */
export async function moveIn(ctx: Ctx, id: number, body: MoveInBody): Promise<PersonCard> {
  const r = await movable(ctx, id, body.version, body.date)
  if (r.status === 'present') throw new AppError('PERSON_ALREADY_PRESENT')
  if (body.relationCode) checkCodes({ relationCode: body.relationCode })
  const to = await householdInScope(ctx, Number(body.householdId))
  const relationCode = body.relationCode ?? r.relationCode
  await commitChange(ctx, {
    entityId: id,
    apply: async (tx) => {
      const u = await updatePersonVersioned(tx, id, r.version, {
        status: 'present',
        householdId: to.id,
        gridCode: to.gridCode,
        ...(relationCode ? { relationCode, relation: relationWordOf(relationCode) } : {}),
        updatedAt: ctx.now,
      })
      if (u) await openStays(tx, [u], { fromDate: body.date, reason: 'moveIn', recordedByUserId: ctx.actor.userId })
      return u
    },
    audit: (u) => ({
      action: 'person.moveIn',
      entityType: 'resident',
      before: { status: r.status, householdId: r.householdId },
      after: { status: u.status, householdId: u.householdId },
      detail: { date: body.date },
    }),
  })
  return getPersonCard(ctx, id)
}

/** 设为户主: a present member of the household becomes its head (the household's version seen; 409 stale). */
export async function setHouseholdHead(ctx: Ctx, householdId: number, body: SetHeadBody): Promise<PersonCard> {
  authorize(ctx.actor, 'population.keep')
  const h = await findHouseholdWithPlace(ctx.db, householdId)
  if (!h) throw notFound('住户不存在或不在您的辖区内')
  authorize(ctx.actor, 'population.place', h.household.gridCode)
  sameVersion(h.household.version, body.version)
  const members = await listPresentMembers(ctx.db, [householdId])
  const head = members.find((m) => m.id === Number(body.residentId))
  if (!head) throw new AppError('HEAD_NOT_MEMBER')
  await commitChange(ctx, {
    entityId: householdId,
    apply: (tx) => updateHouseholdHeadVersioned(tx, householdId, body.version, head.id),
    conflict: { message: STALE_RECORD },
    audit: (u) => ({ action: 'household.setHead', entityType: 'household', before: { headResidentId: h.household.headResidentId }, after: { headResidentId: u.headResidentId } }),
  })
  return getPersonCard(ctx, head.id)
}

