/**
 * Second factor (两步验证) helpers: RFC 6238 TOTP through otplib (SHA-1, 6 digits, 30 s — what every
 * authenticator app uses), the otpauth:// URI and its QR code (qrcode, as SVG), and recovery codes.
 * Pure: no database, no clock of its own (the caller passes `now`).
 */
import crypto from 'node:crypto'
import { generate, generateSecret, generateURI, verify } from 'otplib'
import QRCode from 'qrcode'

export const TOTP_PERIOD_S = 30
/** a code of the step before or after the current one is accepted too (a phone's clock a little off) */
export const TOTP_TOLERANCE_STEPS = 1
export const TOTP_ISSUER = '一网'
export const RECOVERY_CODE_COUNT = 10
/** no 0/O, 1/I/L: read off paper without doubt */
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** A new shared secret: 20 random bytes, base32 (what authenticator apps expect). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 })
}

/** The time step (RFC 6238 T) a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_S)
}

/** The code for a time step (tests and the demo; the server never hands codes out). */
export function totpCodeAt(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * TOTP_PERIOD_S })
}

/** Whether a string has the shape of a TOTP code (6 digits), rather than a recovery code. */
export function looksLikeTotpCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code.replace(/\s/g, ''))
}

/**
 * The time step `code` belongs to, if it is the secret's code for the current step or one step either
 * side; null otherwise. Replay is the caller's to refuse (a step at or before the last one accepted).
 */
export async function matchTotp(secret: string, code: string, now: Date): Promise<number | null> {
  const token = code.replace(/\s/g, '')
  if (!/^[0-9]{6}$/.test(token)) return null
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_TOLERANCE_STEPS * TOTP_PERIOD_S,
  })
  // the TOTP result carries its time step (the functional API's type also covers HOTP, which has none)
  return result.valid && 'timeStep' in result ? result.timeStep : null
}

/** otpauth://totp/一网:<username>?secret=…&issuer=一网 — what the QR code carries. */
export function totpUri(username: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret })
}

/** The URI as a QR code, an SVG document (shown as an image; no script, no external reference). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } })
}

/** Ten one-time recovery codes, `XXXXX-XXXXX` (about 49 bits each). */
export function newRecoveryCodes(n = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: n }, () => {
    let s = ''
    for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)]
    return `${s.slice(0, 5)}-${s.slice(5)}`
  })
}
