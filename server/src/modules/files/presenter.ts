/** An upload as the API confirms it: never its bytes. */
import type { FileInfo } from '#contracts/files'

export function presentFile(f: { id: string; mime: string; size: number; sha256: string }): FileInfo {
  return { id: f.id, mime: f.mime, size: f.size, sha256: f.sha256 }
}
