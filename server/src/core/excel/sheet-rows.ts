/**
 * How many rows the first worksheet of an .xlsx holds, counted cheaply before the dry run reads it: the zip's
 * central directory names `xl/worksheets/sheet1.xml`, whose deflated bytes are streamed through zlib and
 * its `<row` tags counted (nothing is parsed or kept). The background dry run shows `processed / total`
 * with this as the total until the exact count is known. Null when the file is not laid out so.
 */
import { createInflateRaw } from 'node:zlib'

const SHEET = 'xl/worksheets/sheet1.xml'

/** The sheet entry's method, compressed size and data offset, from the central directory. */
function findEntry(b: Buffer): { method: number; size: number; offset: number } | null {
  // End of central directory: signature 0x06054b50 within the last 64 KB + 22 bytes
  let eocd = -1
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65_557); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return null
  const entries = b.readUInt16LE(eocd + 10)
  let p = b.readUInt32LE(eocd + 16)
  for (let n = 0; n < entries && p + 46 <= b.length; n++) {
    if (b.readUInt32LE(p) !== 0x02014b50) return null
    const method = b.readUInt16LE(p + 10)
    const size = b.readUInt32LE(p + 20)
    const nameLen = b.readUInt16LE(p + 28)
    const extraLen = b.readUInt16LE(p + 30)
    const commentLen = b.readUInt16LE(p + 32)
    const local = b.readUInt32LE(p + 42)
    const name = b.toString('utf8', p + 46, p + 46 + nameLen)
    if (name === SHEET) {
      if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) return null
      const offset = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28)
      return { method, size, offset }
    }
    p += 46 + nameLen + extraLen + commentLen
  }
  return null
}

/** The number of `<row` elements of the first worksheet (header and blank rows included), or null. */
export async function countSheetRows(b: Buffer): Promise<number | null> {
  const e = findEntry(b)
  if (!e || (e.method !== 0 && e.method !== 8) || e.offset + e.size > b.length) return null
  const data = b.subarray(e.offset, e.offset + e.size)
  const count = (s: string) => (s.match(/<row[\s>]/g) ?? []).length
  if (e.method === 0) return count(data.toString('latin1'))
  return new Promise((resolve) => {
    let n = 0
    let tail = ''
    const z = createInflateRaw()
    z.on('data', (chunk: Buffer) => {
      const s = tail + chunk.toString('latin1')
      n += count(s)
      // a tag split across chunks: the last 4 characters (never a whole 5-character match) go with the next chunk
      tail = s.slice(-4)
    })
    z.on('end', () => resolve(n))
    z.on('error', () => resolve(null))
    z.end(data)
  })
}
