/**
 * 居民自助注册: one-time codes to a phone, the resident's account with their home, code login, and
 * the grid worker's one-tap confirmation of the household. Residents never hold a password: the
 * code is their credential (each code login replaces the account's random, unusable secret).
 */
import crypto from 'node:crypto'
import type { HouseholdClaim, RegionOption, SendCodeResponse, SignupBody, SignupBuilding, CodePurpose } from '#contracts/signup'
import type { Me } from '#contracts/auth'
import type { AppDeps, Ctx } from '../../context'
import { makeCtx } from '../../context'
import { inTransaction, recordAudit, recordAuditAs, writeChange } from '../../core'
import type { Db } from '../../db/client'
import { AppError, notFound } from '../../errors'
import { hashPassword } from '../../lib/password'
import { maskPhone } from '../../lib/pii'
import { isoShanghai, shanghaiDate } from '../../lib/time'
import { authorize, placePath } from '../../permissions'
import { authenticate, getMe, loadActorByUsername, openVerifiedSession } from '../auth'
import { moveStay } from '../population'
import { presentBuilding, presentClaim } from './presenter'
import { codeSender } from './sms'
import {
  countRecentCodes,
  decideClaim,
  findBuildingForSignup,
  findClaimView,
  findHousehold,
  findLatestClaimOfUser,
  findLatestLiveCode,
  findResidentAccountByPhone,
  findUnit,
  insertClaim,
  insertHouseholdRow,
  insertPhoneCode,
  insertResidentAccount,
  insertResidentRow,
  listBuildingsOfCommunity,
  listClaimsUnder,
  listRegionOptions,
  markCodeUsed,
  replaceAccountSecret,
  setResidentHousehold,
  spendCodeAttempt,
} from './queries'

export const CODE_TTL_MS = 5 * 60_000
export const RESEND_AFTER_MS = 60_000
export const MAX_CODES_PER_PHONE_HOUR = 5
export const MAX_CODES_PER_IP_HOUR = 30
export const MAX_CODE_ATTEMPTS = 5

const PURPOSE_TEXT: Record<CodePurpose, string> = { signup: '注册', login: '登录', report: '反映问题' }

const codeHash = (phoneIdx: string, code: string) => crypto.createHash('sha256').update(`${phoneIdx}:${code}`).digest('hex')

/** Send a 6-digit code to a phone (rate-limited per phone and per address). */
export async function sendPhoneCode(deps: AppDeps, input: { phone: string; purpose: CodePurpose; ip: string | null }): Promise<SendCodeResponse> {
  const db = deps.database.db
  const now = deps.clock.now()
  const phoneIdx = deps.pii.blindIndex(input.phone)
  const hourAgo = new Date(now.getTime() - 3600_000)
  const recent = await countRecentCodes(db, { phoneIdx, since: hourAgo })
  if (recent.last && now.getTime() - recent.last.getTime() < RESEND_AFTER_MS) {
    const wait = Math.ceil((RESEND_AFTER_MS - (now.getTime() - recent.last.getTime())) / 1000)
    throw new AppError('CODE_TOO_FREQUENT', `验证码发送过于频繁，请 ${wait} 秒后再试`)
  }
  if (recent.count >= MAX_CODES_PER_PHONE_HOUR) throw new AppError('CODE_LIMIT', '该手机号本小时获取验证码次数已达上限，请稍后再试')
  if (input.ip && (await countRecentCodes(db, { ip: input.ip, since: hourAgo })).count >= MAX_CODES_PER_IP_HOUR) {
    throw new AppError('CODE_LIMIT', '获取验证码次数过多，请稍后再试')
  }
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS)
  await db.transaction(async (tx) => {
    await insertPhoneCode(tx, { phoneIdx, purpose: input.purpose, codeHash: codeHash(phoneIdx, code), createdAt: now, expiresAt, ip: input.ip })
    await recordAuditAs(tx, { userId: null, role: null, name: maskPhone(input.phone) }, { ip: input.ip, now }, {
      action: 'phoneCode.send',
      entityType: 'phoneCode',
      detail: { purpose: input.purpose },
    })
  })
  await codeSender(deps.log, deps.env.seedDemo).send(input.phone, `【一网】您的${PURPOSE_TEXT[input.purpose]}验证码是 ${code}，5 分钟内有效。如非本人操作请忽略。`, code)
  return {
    sentTo: maskPhone(input.phone)!,
    expiresAt: isoShanghai(expiresAt),
    resendAfterSeconds: RESEND_AFTER_MS / 1000,
    ...(deps.env.seedDemo ? { demoCode: code } : {}),
  }
}

/** Check and use up a code; every wrong try counts, five end the code. Returns the phone's blind index. */
export async function consumePhoneCode(deps: AppDeps, phone: string, purpose: CodePurpose, code: string): Promise<string> {
  const db = deps.database.db
  const now = deps.clock.now()
  const phoneIdx = deps.pii.blindIndex(phone)
  const invalid = (left?: number) =>
    new AppError('CODE_INVALID', left !== undefined && left > 0 ? `验证码不正确，还可以再试 ${left} 次` : undefined, [{ field: 'code', message: '验证码不正确' }])
  const live = await findLatestLiveCode(db, phoneIdx, purpose, now)
  if (!live) throw invalid()
  const attempts = await spendCodeAttempt(db, live.id, MAX_CODE_ATTEMPTS)
  if (attempts === undefined) throw new AppError('CODE_LOCKED', '验证码错误次数过多，请重新获取')
  const ok = crypto.timingSafeEqual(Buffer.from(codeHash(phoneIdx, code)), Buffer.from(live.codeHash))
  if (!ok) throw invalid(MAX_CODE_ATTEMPTS - attempts)
  if (!(await markCodeUsed(db, live.id, now))) throw invalid()
  return phoneIdx
}

export async function listRegionsForSignup(deps: AppDeps, parent: string | undefined): Promise<RegionOption[]> {
  return listRegionOptions(deps.database.db, parent ?? null)
}

export async function listBuildingsForSignup(deps: AppDeps, community: string): Promise<SignupBuilding[]> {
  return (await listBuildingsOfCommunity(deps.database.db, community)).map(presentBuilding)
}

interface Session {
  token: string
  user: Me
}

async function sessionOf(deps: AppDeps, userId: number, ip: string | null, userAgent: string | null, method: string): Promise<Session> {
  const { token } = await openVerifiedSession(deps, { userId, ip, userAgent, method })
  const auth = await authenticate(deps, token)
  return { token, user: await getMe(makeCtx(deps, auth.actor, ip)) }
}

/**
 * Create the resident, their account and the household claim, and sign them in.
 * Until the grid worker confirms, the resident belongs to the building's grid without a household.
 */
export async function signUpResident(deps: AppDeps, body: SignupBody, ip: string | null, userAgent: string | null): Promise<Session> {
  const db = deps.database.db
  const bld = await findBuildingForSignup(db, Number(body.buildingId))
  if (!bld || bld.retiredAt) throw new AppError('UNKNOWN_BUILDING', '楼栋不存在，请重新选择', [{ field: 'buildingId', message: '楼栋不存在' }])
  const unit = body.unitId ? await findUnit(db, Number(body.unitId)) : undefined
  if (body.unitId && (!unit || unit.buildingId !== bld.id)) throw new AppError('UNKNOWN_UNIT', '单元不存在，请重新选择', [{ field: 'unitId', message: '单元不存在' }])
  const phoneIdx = deps.pii.blindIndex(body.phone)
  if (await findResidentAccountByPhone(db, phoneIdx)) throw new AppError('PHONE_REGISTERED')
  await consumePhoneCode(deps, body.phone, 'signup', body.code)

  const now = deps.clock.now()
  const secret = await hashPassword(crypto.randomBytes(24).toString('base64url'))
  const userId = await db.transaction(async (tx) => {
    const r = await insertResidentRow(tx, {
      gridCode: bld.gridCode,
      name: body.name.trim(),
      phoneEnc: deps.pii.encrypt(body.phone),
      phoneIdx,
      tags: ['自助注册'],
      createdAt: now,
    })
    const u = await insertResidentAccount(tx, {
      username: `jm_${phoneIdx.slice(0, 20)}`,
      passwordHash: secret,
      role: 'resident',
      scope: placePath(bld.gridCode),
      displayName: body.name.trim(),
      residentId: r.id,
      passwordChangedAt: now,
      createdAt: now,
    })
    if (!u) throw new AppError('PHONE_REGISTERED')
    // the new resident files the claim to their home: one change through the core, in their own name
    const ctx = await ownCtx(deps, tx, u.username, ip)
    await writeChange(ctx, tx, {
      entityId: r.id,
      apply: (t) => insertClaim(t, { residentId: r.id, userId: u.id, gridCode: bld.gridCode, buildingId: bld.id, unitId: unit?.id ?? null, room: body.room, createdAt: now }),
      audit: (claim) => ({ action: 'resident.signup', entityType: 'resident', after: { gridCode: bld.gridCode, householdClaimId: String(claim.id) } }),
      notify: [
        {
          to: [{ kind: 'gridStaff', gridCode: bld.gridCode }],
          kind: 'householdClaim',
          title: '新居民待确认住户',
          body: `${body.name.trim()} 注册为${bld.compoundName ?? ''}${bld.name}${unit?.name ?? ''}${body.room}的居民，请确认住户。`,
        },
      ],
    })
    return u.id
  })
  deps.outbox.kick()
  return sessionOf(deps, userId, ip, userAgent, 'signup')
}

/** Sign a resident in with a code sent to their phone. */
export async function loginWithCode(deps: AppDeps, phone: string, code: string, ip: string | null, userAgent: string | null): Promise<Session> {
  const db = deps.database.db
  const account = await findResidentAccountByPhone(db, deps.pii.blindIndex(phone))
  if (!account) throw notFound('该手机号尚未注册，请先注册')
  if (account.disabledAt) throw new AppError('ACCOUNT_DISABLED')
  await consumePhoneCode(deps, phone, 'login', code)
  await replaceAccountSecret(db, account.userId, await hashPassword(crypto.randomBytes(24).toString('base64url')), deps.clock.now())
  return sessionOf(deps, account.userId, ip, userAgent, 'phoneCode')
}

/**
 * The resident account (its username) of a phone, creating it (without a household) for someone who reports from
 * a grid's QR code without signing up: their appeals then follow them when they later sign in.
 * The caller must have verified the phone with a code.
 */
export async function residentAccountForPhone(deps: AppDeps, phone: string, phoneIdx: string, gridCode: string, name: string | undefined): Promise<string> {
  const db = deps.database.db
  const existing = await findResidentAccountByPhone(db, phoneIdx)
  if (existing) {
    if (existing.disabledAt) throw new AppError('ACCOUNT_DISABLED', '该手机号的账号已停用')
    return existing.username
  }
  const now = deps.clock.now()
  const secret = await hashPassword(crypto.randomBytes(24).toString('base64url'))
  const displayName = name?.trim() || '扫码群众'
  return db.transaction(async (tx) => {
    const r = await insertResidentRow(tx, { gridCode, name: displayName, phoneEnc: deps.pii.encrypt(phone), phoneIdx, tags: ['扫码反映'], createdAt: now })
    const u = await insertResidentAccount(tx, {
      username: `jm_${phoneIdx.slice(0, 20)}`,
      passwordHash: secret,
      role: 'resident',
      scope: placePath(gridCode),
      displayName,
      residentId: r.id,
      passwordChangedAt: now,
      createdAt: now,
    })
    if (!u) throw new AppError('PHONE_REGISTERED', '该手机号已注册，请重试')
    await recordAudit(await ownCtx(deps, tx, u.username, null), tx, { action: 'resident.createFromQr', entityType: 'resident', entityId: r.id, after: { gridCode } })
    return u.username
  })
}

/** A context in the name of an account just created inside `tx` (its own audit rows and changes). */
async function ownCtx(deps: AppDeps, tx: Db, username: string, ip: string | null): Promise<Ctx> {
  return { ...makeCtx(deps, await loadActorByUsername(tx, username), ip), db: tx }
}

// ——— household claims ———

async function present(ctx: Ctx, v: NonNullable<Awaited<ReturnType<typeof findClaimView>>>): Promise<HouseholdClaim> {
  const c = v.claim
  const room = v.unitName ? `${v.unitName}${c.room}` : c.room
  const existing = c.householdId !== null || Boolean(await findHousehold(ctx.db, c.buildingId, c.unitId, room))
  return presentClaim(ctx.deps.pii, v, existing)
}

/** Claims in the caller's place (grid staff: their grid; the community: its grids). */
export async function listHouseholdClaims(ctx: Ctx, status: HouseholdClaim['status'] | undefined): Promise<HouseholdClaim[]> {
  authorize(ctx.actor, 'householdClaim.decide')
  const rows = await listClaimsUnder(ctx.db, ctx.actor.placeCode!, status, 100)
  return Promise.all(rows.map((v) => present(ctx, v)))
}

export async function myHouseholdClaim(ctx: Ctx): Promise<HouseholdClaim | null> {
  const v = await findLatestClaimOfUser(ctx.db, ctx.actor.userId)
  return v ? present(ctx, v) : null
}

async function loadDecidable(ctx: Ctx, id: number) {
  authorize(ctx.actor, 'householdClaim.decide')
  const v = await findClaimView(ctx.db, id)
  // out of scope and missing look the same
  if (!v) throw notFound()
  authorize(ctx.actor, 'householdClaim.place', v.claim.gridCode)
  if (v.claim.status !== 'pending') throw new AppError('CLAIM_DECIDED')
  return v
}

const TAKEN = { code: 'CLAIM_TAKEN' } as const

/** One tap: link the resident to the household at the address they gave (created if new). */
export async function confirmHouseholdClaim(ctx: Ctx, id: number): Promise<HouseholdClaim> {
  const v = await loadDecidable(ctx, id)
  const c = v.claim
  const room = v.unitName ? `${v.unitName}${c.room}` : c.room
  await inTransaction(ctx, (tx) =>
    writeChange(ctx, tx, {
      entityId: c.id,
      apply: async (t) => {
        let householdId = (await findHousehold(t, c.buildingId, c.unitId, room))?.id
        const created = householdId === undefined
        householdId ??= await insertHouseholdRow(t, {
          gridCode: c.gridCode,
          buildingId: c.buildingId,
          unitId: c.unitId,
          room,
          address: `${v.buildingAddress ?? `${v.compoundName ?? ''}${v.buildingName}`}${room}`,
        })
        if (!(await decideClaim(t, c.id, { status: 'confirmed', decidedAt: ctx.now, decidedBy: ctx.actor.userId, householdId }))) return undefined
        await setResidentHousehold(t, c.residentId, householdId, c.gridCode)
        // now living at an address of the register: their residence history (实有人口) starts here
        await moveStay(t, { id: c.residentId, householdId, gridCode: c.gridCode }, { date: shanghaiDate(ctx.now), recordedByUserId: ctx.actor.userId })
        return { householdId, created }
      },
      conflict: TAKEN,
      audit: (r) => ({
        action: 'householdClaim.confirm',
        entityType: 'householdClaim',
        after: { householdId: String(r.householdId), residentId: String(c.residentId), createdHousehold: r.created },
      }),
      notify: [
        {
          to: [{ kind: 'user', userId: c.userId }],
          kind: 'householdConfirmed',
          title: '住户已确认',
          body: `网格员已确认您的住址：${v.compoundName ?? ''}${v.buildingName}${room}。`,
        },
      ],
    }),
  )
  return present(ctx, (await findClaimView(ctx.db, id))!)
}

export async function rejectHouseholdClaim(ctx: Ctx, id: number, reason: string): Promise<HouseholdClaim> {
  const v = await loadDecidable(ctx, id)
  await inTransaction(ctx, (tx) =>
    writeChange(ctx, tx, {
      entityId: v.claim.id,
      apply: async (t) => ((await decideClaim(t, v.claim.id, { status: 'rejected', decidedAt: ctx.now, decidedBy: ctx.actor.userId, reason })) ? true : undefined),
      conflict: TAKEN,
      audit: { action: 'householdClaim.reject', entityType: 'householdClaim', detail: { reason } },
      notify: [
        {
          to: [{ kind: 'user', userId: v.claim.userId }],
          kind: 'householdConfirmed',
          title: '住址未能确认',
          body: `网格员未能确认您填写的住址：${reason}。您仍可正常反映问题，如需更正请联系网格员。`,
        },
      ],
    }),
  )
  return present(ctx, (await findClaimView(ctx.db, id))!)
}
