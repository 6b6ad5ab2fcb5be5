/**
 * Field encryption for personal data (ID numbers, phones) and blind indexes for exact lookup.
 * AES-256-GCM by default; SM4 (国密) selectable: Node has no SM4-GCM, so SM4-CTR with an
 * HMAC-SM3 tag, encrypt-then-MAC. Ciphertexts carry their algorithm so both can be read.
 * Blind index: HMAC-SHA256 (or HMAC-SM3 under SM4) of the normalised value with a separate derived key.
 */
import crypto from 'node:crypto'
import type { PiiCipher } from '../env'

export interface PiiKeys {
  cipher: PiiCipher
  encKey: Buffer
  macKey: Buffer
  indexKey: Buffer
}

/** Derive the three working keys from one 32-byte master key (HKDF-SHA256). */
export function derivePiiKeys(masterKeyBase64: string, cipher: PiiCipher): PiiKeys {
  const master = Buffer.from(masterKeyBase64, 'base64')
  if (master.length !== 32) throw new Error(`PII master key must be 32 bytes, got ${master.length}`)
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32))
  return { cipher, encKey: derive('yiwang/pii/enc'), macKey: derive('yiwang/pii/mac'), indexKey: derive('yiwang/pii/index') }
}

export function generateMasterKey(): string {
  return crypto.randomBytes(32).toString('base64')
}

export class Pii {
  constructor(private readonly keys: PiiKeys) {}

  encrypt(plain: string): string {
    if (this.keys.cipher === 'sm4') {
      const iv = crypto.randomBytes(16)
      const c = crypto.createCipheriv('sm4-ctr', this.keys.encKey.subarray(0, 16), iv)
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      const tag = crypto.createHmac('sm3', this.keys.macKey).update(iv).update(ct).digest()
      return `s1.${Buffer.concat([iv, tag, ct]).toString('base64')}`
    }
    const iv = crypto.randomBytes(12)
    const c = crypto.createCipheriv('aes-256-gcm', this.keys.encKey, iv)
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()])
    return `a1.${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64')}`
  }

  decrypt(token: string): string {
    const [kind, body] = token.split('.', 2)
    const raw = Buffer.from(body ?? '', 'base64')
    if (kind === 'a1') {
      if (raw.length < 28) throw new Error('PII ciphertext is truncated')
      try {
        // authTagLength pins the tag to 16 bytes: a shortened tag must never be accepted.
        const d = crypto.createDecipheriv('aes-256-gcm', this.keys.encKey, raw.subarray(0, 12), { authTagLength: 16 })
        d.setAuthTag(raw.subarray(12, 28))
        return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8')
      } catch {
        throw new Error('PII ciphertext failed authentication')
      }
    }
    if (kind === 's1') {
      if (raw.length < 48) throw new Error('PII ciphertext is truncated')
      const iv = raw.subarray(0, 16)
      const tag = raw.subarray(16, 48)
      const ct = raw.subarray(48)
      const expect = crypto.createHmac('sm3', this.keys.macKey).update(iv).update(ct).digest()
      if (!crypto.timingSafeEqual(tag, expect)) throw new Error('PII ciphertext failed authentication')
      const d = crypto.createDecipheriv('sm4-ctr', this.keys.encKey.subarray(0, 16), iv)
      return Buffer.concat([d.update(ct), d.final()]).toString('utf8')
    }
    throw new Error('unknown PII ciphertext format')
  }

  /**
   * Deterministic keyed hash for equality lookup; never reversible. The value is normalised first
   * so that the ways people type the same number meet: full-width digits (Chinese IME) become
   * ASCII, spaces and hyphens go, a lowercase x becomes X.
   */
  blindIndex(value: string): string {
    const algo = this.keys.cipher === 'sm4' ? 'sm3' : 'sha256'
    return crypto.createHmac(algo, this.keys.indexKey).update(normalizeForIndex(value)).digest('base64url').slice(0, 32)
  }

  encryptOrNull(v: string | null | undefined): string | null {
    return v ? this.encrypt(v) : null
  }
}

export function normalizeForIndex(value: string): string {
  return value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()
}

/** 520423********1234 — keep the area code and the last four. */
export function maskIdNumber(v: string | null | undefined): string | null {
  if (!v) return null
  if (v.length < 10) return '*'.repeat(v.length)
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`
}

/** 138****5678 */
export function maskPhone(v: string | null | undefined): string | null {
  if (!v) return null
  if (v.length < 7) return '*'.repeat(v.length)
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the surname stays so a worker can still greet them. */
export function maskName(name: string | null | undefined): string {
  if (!name) return ''
  const chars = [...name]
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`
}
