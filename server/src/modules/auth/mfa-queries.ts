/** The SQL of second factors: TOTP columns of the account, login challenges, recovery codes. */
import { and, eq, isNull, lte, or, lt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { mfaChallenge, mfaRecoveryCode, userAccount } from '../../db/schema/index'

export type AccountRow = typeof userAccount.$inferSelect

export async function insertChallenge(db: Db, c: { tokenHash: string; userId: number; createdAt: Date; expiresAt: Date }): Promise<void> {
  await db.insert(mfaChallenge).values(c)
}

export async function findChallenge(db: Db, tokenHash: string) {
  const rows = await db.select().from(mfaChallenge).where(eq(mfaChallenge.tokenHash, tokenHash)).limit(1)
  return rows[0]
}

export async function deleteChallenge(db: Db, tokenHash: string): Promise<void> {
  await db.delete(mfaChallenge).where(eq(mfaChallenge.tokenHash, tokenHash))
}

export async function deleteExpiredChallenges(db: Db, now: Date): Promise<void> {
  await db.delete(mfaChallenge).where(lte(mfaChallenge.expiresAt, now))
}

/**
 * Take a TOTP time step for the account, atomically: only a step later than the last one accepted
 * wins, so a code is good once (two requests racing with the same code: one of them).
 */
export async function claimTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const rows = await db
    .update(userAccount)
    .set({ totpLastStep: step })
    .where(and(eq(userAccount.id, userId), or(isNull(userAccount.totpLastStep), lt(userAccount.totpLastStep, step))))
    .returning({ id: userAccount.id })
  return rows.length === 1
}

/** A new secret waiting to be confirmed (it replaces any earlier unconfirmed one). */
export async function setPendingSecret(db: Db, userId: number, secretEnc: string): Promise<AccountRow | undefined> {
  const rows = await db.update(userAccount).set({ totpPendingSecretEnc: secretEnc }).where(eq(userAccount.id, userId)).returning()
  return rows[0]
}

/**
 * The pending secret becomes the account's factor, with the step of the code that confirmed it as the
 * last one used. Undefined when there is no pending secret any more, or a factor was enabled meanwhile.
 */
export async function enableTotp(db: Db, userId: number, o: { pendingSecretEnc: string; step: number; at: Date }): Promise<AccountRow | undefined> {
  const rows = await db
    .update(userAccount)
    .set({ totpSecretEnc: o.pendingSecretEnc, totpPendingSecretEnc: null, totpEnabledAt: o.at, totpLastStep: o.step })
    .where(and(eq(userAccount.id, userId), eq(userAccount.totpPendingSecretEnc, o.pendingSecretEnc), isNull(userAccount.totpEnabledAt)))
    .returning()
  return rows[0]
}

/** An account enrolled directly (the demo seed and test factories): the factor and its recovery codes at once. */
export async function setEnrolledSecret(db: Db, userId: number, secretEnc: string, at: Date): Promise<void> {
  await db.update(userAccount).set({ totpSecretEnc: secretEnc, totpPendingSecretEnc: null, totpEnabledAt: at, totpLastStep: null }).where(eq(userAccount.id, userId))
}

/** The account's recovery codes are these (keyed hashes) from now on; earlier ones, used or not, are gone. */
export async function replaceRecoveryCodes(db: Db, userId: number, hashes: string[], at: Date): Promise<void> {
  await db.delete(mfaRecoveryCode).where(eq(mfaRecoveryCode.userId, userId))
  await db.insert(mfaRecoveryCode).values(hashes.map((codeHash) => ({ userId, codeHash, createdAt: at })))
}

/** Use a recovery code, atomically: true only for an unused code of this account (then never again). */
export async function useRecoveryCode(db: Db, userId: number, codeHash: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(mfaRecoveryCode)
    .set({ usedAt: at })
    .where(and(eq(mfaRecoveryCode.userId, userId), eq(mfaRecoveryCode.codeHash, codeHash), isNull(mfaRecoveryCode.usedAt)))
    .returning({ id: mfaRecoveryCode.id })
  return rows.length === 1
}

export async function countRecoveryCodesLeft(db: Db, userId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mfaRecoveryCode)
    .where(and(eq(mfaRecoveryCode.userId, userId), isNull(mfaRecoveryCode.usedAt)))
  return r?.n ?? 0
}

/** Remove an account's second factor: secret, pending secret, recovery codes, open challenges. */
export async function clearSecondFactor(db: Db, userId: number): Promise<AccountRow | undefined> {
  await db.delete(mfaRecoveryCode).where(eq(mfaRecoveryCode.userId, userId))
  await db.delete(mfaChallenge).where(eq(mfaChallenge.userId, userId))
  const rows = await db
    .update(userAccount)
    .set({ totpSecretEnc: null, totpPendingSecretEnc: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(userAccount.id, userId))
    .returning()
  return rows[0]
}
