/**
 * 晒单 shows what was asked and what was done — never who asked, how to reach them, or which door.
 * `scrubPublicText` removes phone numbers (mobile and landline), ID numbers, room numbers (302室,
 * 2单元302, 3-2-301, 1栋2单元301), the names of the people named on the appeal, and the usual ways of
 * naming a person (张大爷, 李女士); what remains is trimmed to one line.
 */

const PATTERNS: [RegExp, string][] = [
  // 18- or 15-digit ID numbers (GB 11643), before phones so their digits are not half-matched
  [/(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])/g, '***'],
  [/(?<![0-9])[1-9][0-9]{14}(?![0-9])/g, '***'],
  // mobile phones, with or without separators, and landlines (0851-12345678, 0851 1234567)
  [/(?<![0-9])1[3-9][0-9](?:[\s-]?[0-9]{4}){2}(?![0-9])/g, '***'],
  [/(?<![0-9])0[0-9]{2,3}[\s-]?[0-9]{7,8}(?![0-9])/g, '***'],
  // rooms: 1栋2单元301, 2单元302(室), 3-2-301, 302室 / 302号房 / 302房
  [/[0-9]+\s*(?:栋|幢|号楼)\s*[0-9]+\s*单元\s*[0-9]{2,4}\s*(?:室|号房|房|号)?/g, '某户'],
  [/[0-9]+\s*单元\s*[0-9]{2,4}\s*(?:室|号房|房|号)?/g, '某户'],
  [/(?<![0-9])[0-9]{1,2}-[0-9]{1,2}-[0-9]{3,4}(?![0-9])/g, '某户'],
  [/[0-9]{3,4}\s*(?:室|号房|房)/g, '某户'],
  // a person by surname and how neighbours call them
  [/[\u4e00-\u9fa5]{1,2}(?:先生|女士|小姐|阿姨|大爷|大妈|大娘|大叔|大哥|大姐|奶奶|爷爷|婆婆|师傅|老师)/g, '居民'],
]

export function scrubPublicText(text: string, names: (string | null | undefined)[] = []): string {
  let out = text
  // the people named on the appeal, longest first (a full name before a part of it)
  for (const name of [...new Set(names.filter((n): n is string => !!n && n.trim().length >= 2))].sort((a, b) => b.length - a.length)) {
    out = out.split(name.trim()).join('居民')
  }
  for (const [re, by] of PATTERNS) out = out.replace(re, by)
  // several numbers in a row read as one
  return out.replace(/\s+/g, ' ').replace(/\*\*\*(?:[\s,，、]*\*\*\*)+/g, '***').trim()
}

/** A one-line public summary of the matter and its result (≤ 120 characters). */
export function publicSummaryOf(title: string, result: string | null, names: (string | null | undefined)[] = []): string {
  const line = [title, result].filter(Boolean).map((s) => s!.trim().replace(/[。.；;\s]+$/, '')).join('。处理结果：')
  const scrubbed = scrubPublicText(line, names)
  return scrubbed.length > 120 ? `${scrubbed.slice(0, 119)}…` : scrubbed
}
