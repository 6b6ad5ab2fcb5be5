/**
 * Personal-data protection (DOMAIN §6, GB/T 35273): field encryption with AES-256-GCM (default) or
 * SM4-CTR + HMAC-SM3 (国密), tamper detection, blind indexes for exact lookup, and screen masking.
 */
import { describe, expect, it } from 'vitest'
import { derivePiiKeys, generateMasterKey, maskIdNumber, maskPhone, normalizeForIndex, Pii } from './pii'

const MASTER = Buffer.alloc(32, 7).toString('base64')
const OTHER = Buffer.alloc(32, 9).toString('base64')
/**
 * Keys are derived on first use, inside a test: derived while the file loads, a broken derivation
 * would fail the file's loading rather than a test (and mutation testing cannot see that).
 */
function lazyPii(master: string, cipher: 'aes-256-gcm' | 'sm4'): Pii {
  let pii: Pii | undefined
  const get = () => (pii ??= new Pii(derivePiiKeys(master, cipher)))
  return {
    encrypt: (v: string) => get().encrypt(v),
    decrypt: (v: string) => get().decrypt(v),
    blindIndex: (v: string) => get().blindIndex(v),
    encryptOrNull: (v: string | null | undefined) => get().encryptOrNull(v),
  } as unknown as Pii
}
const aes = lazyPii(MASTER, 'aes-256-gcm')
const sm4 = lazyPii(MASTER, 'sm4')

/** Flip one bit of the decoded body of a token at the given byte (negative counts from the end). */
function flipByte(token: string, at: number): string {
  const [kind, body] = token.split('.', 2) as [string, string]
  const raw = Buffer.from(body, 'base64')
  const i = at < 0 ? raw.length + at : at
  raw[i]! ^= 0x01
  return `${kind}.${raw.toString('base64')}`
}

function truncate(token: string, bytes: number): string {
  const [kind, body] = token.split('.', 2) as [string, string]
  return `${kind}.${Buffer.from(body, 'base64').subarray(0, bytes).toString('base64')}`
}

describe.each([
  ['aes-256-gcm', aes, 'a1.'],
  ['sm4', sm4, 's1.'],
] as const)('%s', (_name, pii, prefix) => {
  it('decrypts what it encrypted: ID numbers, phones, Chinese text, the empty string', () => {
    for (const v of ['52042319800101901X', '13800138000', '镇宁自治县环翠街道北街社区龙城印象1栋', '']) {
      const token = pii.encrypt(v)
      expect(token.startsWith(prefix)).toBe(true)
      expect(pii.decrypt(token)).toBe(v)
    }
  })

  it('never shows the plain value and never repeats a ciphertext', () => {
    const a = pii.encrypt('13800138000')
    const b = pii.encrypt('13800138000')
    expect(a).not.toBe(b)
    expect(a).not.toContain('13800138000')
    expect(Buffer.from(a.slice(3), 'base64').toString('latin1')).not.toContain('13800138000')
  })

  it('refuses a tampered ciphertext, IV or tag', () => {
    const token = pii.encrypt('52042319800101901X')
    expect(() => pii.decrypt(flipByte(token, -1))).toThrow() // last ciphertext byte
    expect(() => pii.decrypt(flipByte(token, 0))).toThrow() // IV
    expect(() => pii.decrypt(flipByte(token, prefix === 'a1.' ? 12 : 16))).toThrow() // first tag byte
  })

  it('refuses a truncated token (a shortened tag must not be accepted)', () => {
    const token = pii.encrypt('52042319800101901X')
    const ivAndTag = prefix === 'a1.' ? 28 : 48
    for (const keep of [0, 5, ivAndTag - 12, ivAndTag - 4, ivAndTag]) {
      expect(() => pii.decrypt(truncate(token, keep)), `keep ${keep}`).toThrow(/PII/)
    }
  })

  it('refuses a token made with another key', () => {
    const other = new Pii(derivePiiKeys(OTHER, _name))
    expect(() => other.decrypt(pii.encrypt('13800138000'))).toThrow()
  })

  it('refuses an unknown format', () => {
    expect(() => pii.decrypt('13800138000')).toThrow(/PII/)
    expect(() => pii.decrypt('z9.AAAA')).toThrow(/PII/)
  })

  it('blind index: equal for equal values, different otherwise, never the value itself', () => {
    const idx = pii.blindIndex('52042319800101901X')
    expect(idx).toBe(pii.blindIndex('52042319800101901X'))
    expect(idx).not.toBe(pii.blindIndex('520423198001019028'))
    expect(idx).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(idx).not.toContain('520423')
    expect(new Pii(derivePiiKeys(OTHER, _name)).blindIndex('52042319800101901X')).not.toBe(idx)
  })

  it('blind index: the ways people type the same number find the same row', () => {
    const id = pii.blindIndex('52042319800101901X')
    expect(pii.blindIndex(' 52042319800101901x ')).toBe(id)
    expect(pii.blindIndex('５２０４２３１９８００１０１９０１Ｘ')).toBe(id) // full-width digits from an IME
    const phone = pii.blindIndex('13800138000')
    expect(pii.blindIndex('138 0013 8000')).toBe(phone)
    expect(pii.blindIndex('138-0013-8000')).toBe(phone)
    expect(pii.blindIndex('13800138001')).not.toBe(phone)
  })

  it('encryptOrNull keeps absence absent', () => {
    expect(pii.encryptOrNull(null)).toBeNull()
    expect(pii.encryptOrNull(undefined)).toBeNull()
    expect(pii.encryptOrNull('')).toBeNull()
    expect(pii.decrypt(pii.encryptOrNull('13800138000')!)).toBe('13800138000')
  })
})

describe('switching cipher', () => {
  it('either configuration reads the other one\'s ciphertexts under the same master key', () => {
    expect(sm4.decrypt(aes.encrypt('13800138000'))).toBe('13800138000')
    expect(aes.decrypt(sm4.encrypt('13800138000'))).toBe('13800138000')
  })
})

describe('keys', () => {
  it('a generated master key is 32 random bytes in base64', () => {
    const k = generateMasterKey()
    expect(Buffer.from(k, 'base64')).toHaveLength(32)
    expect(generateMasterKey()).not.toBe(k)
  })

  it('derives three different working keys from one master key', () => {
    const keys = derivePiiKeys(MASTER, 'aes-256-gcm')
    const hex = [keys.encKey, keys.macKey, keys.indexKey].map((k) => k.toString('hex'))
    expect(new Set(hex).size).toBe(3)
    for (const k of [keys.encKey, keys.macKey, keys.indexKey]) expect(k).toHaveLength(32)
    expect(derivePiiKeys(MASTER, 'sm4').indexKey.equals(keys.indexKey)).toBe(true)
  })

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => derivePiiKeys(Buffer.alloc(16, 1).toString('base64'), 'aes-256-gcm')).toThrow(/32/)
  })
})

describe('masking', () => {
  it('ID numbers keep the area code and the last four: 520423********1234', () => {
    expect(maskIdNumber('520423198001011234')).toBe('520423********1234')
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X')
    expect(maskIdNumber('520423800101123')).toBe('520423*****1123') // old 15-digit numbers
  })

  it('phones keep the first three and the last four: 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })

  it('short or missing values reveal nothing', () => {
    expect(maskIdNumber('123456789')).toBe('*********')
    expect(maskPhone('123456')).toBe('******')
    expect(maskIdNumber(null)).toBeNull()
    expect(maskPhone(undefined)).toBeNull()
    expect(maskPhone('')).toBeNull()
  })
})

describe('what is stored stays readable and findable (keys derived the same way in every version)', () => {
  // Written by this code with MASTER; if the key derivation, cipher or index changed, stored phones
  // could no longer be decrypted or found.
  const STORED = {
    aes: { token: 'a1.PSI/gNMBBawkP/+XohaAdXX91TVHYgwy7mXub/3+Mi7JMglXjmPx', index: 'U8Kno0TaxiAg4jwDJrCcjzEOIcEebOMQ' },
    sm4: { token: 's1.wHEQVfPHIrCRR9FDpqhM+k0FCmnZxd9+J6nrSOiOMA69LT5XAJGsnWmwtwI0fHrF3fZzTQC4vLK06Rc=', index: 'bSnppqBhlT6wVP44Do-SzOfmdd4uebzu' },
  }

  it('decrypts values stored earlier and finds them by the same blind index', () => {
    expect(aes.decrypt(STORED.aes.token)).toBe('13812345678')
    expect(sm4.decrypt(STORED.sm4.token)).toBe('13812345678')
    expect(aes.blindIndex('13812345678')).toBe(STORED.aes.index)
    expect(sm4.blindIndex('138 1234 5678')).toBe(STORED.sm4.index)
    // either reader reads both formats
    expect(sm4.decrypt(STORED.aes.token)).toBe('13812345678')
    expect(aes.decrypt(STORED.sm4.token)).toBe('13812345678')
  })

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => derivePiiKeys(Buffer.alloc(31).toString('base64'), 'aes-256-gcm')).toThrow('PII master key must be 32 bytes, got 31')
    expect(() => derivePiiKeys(Buffer.alloc(33).toString('base64'), 'sm4')).toThrow('got 33')
  })

  it('says what is wrong with a bad token: truncated, failed authentication, or an unknown format', () => {
    expect(() => aes.decrypt('a1.AAAA')).toThrow('PII ciphertext is truncated')
    expect(() => aes.decrypt('a1')).toThrow('PII ciphertext is truncated')
    expect(() => aes.decrypt('s1.AAAA')).toThrow('PII ciphertext is truncated')
    const tampered = `a1.${Buffer.from(Buffer.from(STORED.aes.token.slice(3), 'base64').map((b, i) => (i === 30 ? b ^ 1 : b))).toString('base64')}`
    expect(() => aes.decrypt(tampered)).toThrow('PII ciphertext failed authentication')
    expect(() => aes.decrypt(`x1.${STORED.aes.token.slice(3)}`)).toThrow('unknown PII ciphertext format')
    expect(() => aes.decrypt(`s2.${STORED.sm4.token.slice(3)}`)).toThrow('unknown PII ciphertext format')
  })

  it('normalises what people type before indexing: full-width digits, spaces, hyphens, a lowercase x', () => {
    expect(normalizeForIndex('５２０４２３ 1990-0101 123x')).toBe('520423199001011 23X'.replace(' ', ''))
  })
})
