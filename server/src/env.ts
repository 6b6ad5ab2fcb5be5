/**
 * The only reader of process.env. Parsed once, every problem listed at once,
 * typed and frozen. DATABASE_URL absent ⇒ embedded PGlite in DATA_DIR/pglite.
 */
import path from 'node:path'
import { ADMIN_ROLES, ROLES, type Role } from '#contracts/roles'

export type PiiCipher = 'aes-256-gcm' | 'sm4'

export interface Env {
  readonly nodeEnv: 'development' | 'production' | 'test'
  readonly port: number
  readonly host: string
  /** PostgreSQL connection string; undefined means embedded PGlite. */
  readonly databaseUrl: string | undefined
  readonly dataDir: string
  readonly dbPoolSize: number
  /** PostgreSQL: how long a request may wait for a connection before it is answered 503 (ms). */
  readonly dbConnectTimeoutMs: number
  /** base64 of 32 bytes; undefined ⇒ a demo key is generated into dataDir. */
  readonly piiKey: string | undefined
  readonly piiCipher: PiiCipher
  readonly logLevel: string
  readonly cookieSecure: boolean
  /** Load the demo county on first start (default true). */
  readonly seedDemo: boolean
  /** Run background jobs in this process (default true). */
  readonly jobsEnabled: boolean
  /**
   * Which X-Forwarded-For hops to believe: false (default, the socket address), a hop count,
   * or a comma-separated list of balancer addresses/CIDRs.
   */
  readonly trustProxy: boolean | number | string
  /** origins allowed to call the API cross-origin (CORS_ORIGINS, comma-separated); none by default */
  readonly corsOrigins: readonly string[]
  /** Number of processes `npm start` runs when DATABASE_URL is set. */
  readonly instances: number
  /** How often the background jobs tick (ms). */
  readonly jobIntervalMs: number
  /** How long an instance may serve a session's caller from memory (s; 0 turns the cache off). Revocation is pushed. */
  readonly sessionCacheSeconds: number
  /**
   * Roles whose accounts must use a second factor (TOTP) — MFA_REQUIRED_ROLES, a comma list, `none` for
   * no role; by default the three administrators (三员) and the county accounts.
   */
  readonly mfaRequiredRoles: readonly Role[]
  /** Set by the primary for the processes it forks (INSTANCES > 1): they serve, they do not seed. */
  readonly isClusterWorker: boolean
  /** Where uploaded file bytes live: a folder (DATA_DIR/files by default), or an S3-compatible bucket when S3_BUCKET is set. */
  readonly fileStore: FileStoreConfig
  /** Uploads one account may make per Asia/Shanghai day; residents have their own, lower limits. */
  readonly uploadQuota: { readonly staff: UploadQuota; readonly resident: UploadQuota }
}

export type FileStoreConfig =
  | { readonly kind: 'local'; readonly dir: string }
  | {
      readonly kind: 's3'
      /** e.g. http://127.0.0.1:9000 (MinIO, Ceph, a cloud's S3 endpoint); undefined means AWS itself */
      readonly endpoint: string | undefined
      readonly bucket: string
      readonly region: string
      /** undefined: the SDK's own chain (AWS_* variables, instance roles) */
      readonly accessKeyId: string | undefined
      readonly secretAccessKey: string | undefined
      /** bucket in the path (http://host/bucket/key), as most self-hosted stores need; default true */
      readonly forcePathStyle: boolean
    }

export interface UploadQuota {
  readonly files: number
  readonly bytes: number
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`)
  }
}

type Source = Record<string, string | undefined>

/** 三员 and the county accounts: the accounts that can see or change a whole county. */
export const DEFAULT_MFA_REQUIRED_ROLES: readonly Role[] = [...ADMIN_ROLES, 'county']

function parseMfaRoles(raw: string | undefined, problems: string[]): readonly Role[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_MFA_REQUIRED_ROLES
  if (raw.trim().toLowerCase() === 'none') return []
  const list = raw.split(',').map((r) => r.trim()).filter(Boolean)
  const unknown = list.filter((r) => !(ROLES as readonly string[]).includes(r))
  if (unknown.length) problems.push(`MFA_REQUIRED_ROLES: unknown role ${unknown.join(', ')} (roles: ${ROLES.join(', ')}; or none)`)
  // residents sign in with a code sent to their phone, on the phone pages, which have no enrolment
  if (list.includes('resident')) problems.push('MFA_REQUIRED_ROLES: resident accounts sign in with phone codes; a second factor is for staff roles')
  return [...new Set(list.filter((r): r is Role => (ROLES as readonly string[]).includes(r)))]
}

function parseOrigins(raw: string | undefined, problems: string[]): string[] {
  const list = (raw ?? '').split(',').map((o) => o.trim()).filter(Boolean)
  for (const o of list) {
    if (!/^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/i.test(o)) problems.push(`CORS_ORIGINS: ${o} 不是一个来源（应如 https://example.gov.cn，不带路径）`)
  }
  return list
}

function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false
  if (raw === 'true') return true
  if (/^[0-9]+$/.test(raw)) return Number(raw)
  if (/^[0-9a-fA-F:.,/ ]+$/.test(raw)) return raw
  problems.push(`TRUST_PROXY must be true, false, a hop count or addresses, got "${raw}"`)
  return false
}

function parseFileStore(source: Source, dataDir: string, bool: (name: string, fallback: boolean) => boolean, problems: string[]): FileStoreConfig {
  const bucket = source.S3_BUCKET || undefined
  if (!bucket) {
    for (const name of ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      if (source[name]) problems.push(`${name} is set but S3_BUCKET is not: set S3_BUCKET to store files in S3`)
    }
    return { kind: 'local', dir: path.join(dataDir, 'files') }
  }
  const endpoint = source.S3_ENDPOINT || undefined
  if (endpoint && !/^https?:\/\/[^\s/]+(\/.*)?$/.test(endpoint)) problems.push(`S3_ENDPOINT must be an http(s) URL, got "${endpoint}"`)
  const accessKeyId = source.S3_ACCESS_KEY_ID || undefined
  const secretAccessKey = source.S3_SECRET_ACCESS_KEY || undefined
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together')
  return {
    kind: 's3',
    endpoint,
    bucket,
    region: source.S3_REGION || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    forcePathStyle: bool('S3_FORCE_PATH_STYLE', true),
  }
}

export function parseEnv(source: Source = process.env): Env {
  const problems: string[] = []
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = source[name]
    if (raw === undefined || raw === '') return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer in [${min}, ${max}], got "${raw}"`)
      return fallback
    }
    return n
  }
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = source[name]
    if (raw === undefined || raw === '') return fallback
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false
    problems.push(`${name} must be true or false, got "${raw}"`)
    return fallback
  }

  const nodeEnvRaw = source.NODE_ENV ?? 'development'
  const nodeEnv = (['development', 'production', 'test'].includes(nodeEnvRaw) ? nodeEnvRaw : 'development') as Env['nodeEnv']

  const databaseUrl = source.DATABASE_URL || undefined
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://')
  }

  const piiKey = source.PII_KEY || undefined
  if (piiKey && Buffer.from(piiKey, 'base64').length !== 32) {
    problems.push('PII_KEY must be base64 of exactly 32 bytes')
  }
  const piiCipherRaw = (source.PII_CIPHER || 'aes-256-gcm').toLowerCase()
  if (piiCipherRaw !== 'aes-256-gcm' && piiCipherRaw !== 'sm4') {
    problems.push(`PII_CIPHER must be aes-256-gcm or sm4, got "${piiCipherRaw}"`)
  }
  if (nodeEnv === 'production' && !piiKey) {
    problems.push('PII_KEY is required when NODE_ENV=production')
  }

  const dataDir = path.resolve(source.DATA_DIR || 'data')
  const MB = 1024 * 1024
  const env: Env = {
    nodeEnv,
    port: int('PORT', 3000, 0, 65535),
    host: source.HOST || '0.0.0.0',
    databaseUrl,
    dataDir,
    dbPoolSize: int('DB_POOL_SIZE', 10, 1, 200),
    dbConnectTimeoutMs: int('DB_CONNECT_TIMEOUT_MS', 5_000, 100, 120_000),
    piiKey,
    piiCipher: piiCipherRaw === 'sm4' ? 'sm4' : 'aes-256-gcm',
    logLevel: source.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : nodeEnv === 'production' ? 'info' : 'warn'),
    // in production the session cookie only travels over HTTPS, unless turned off on purpose (COOKIE_SECURE=false)
    cookieSecure: bool('COOKIE_SECURE', nodeEnv === 'production'),
    seedDemo: bool('SEED_DEMO', true),
    jobsEnabled: bool('JOBS', true),
    instances: int('INSTANCES', 1, 1, 64),
    jobIntervalMs: int('JOB_INTERVAL_MS', 30_000, 100, 3_600_000),
    sessionCacheSeconds: int('SESSION_CACHE_SECONDS', 60, 0, 3600),
    isClusterWorker: source.YIWANG_WORKER === '1',
    trustProxy: parseTrustProxy(source.TRUST_PROXY, problems),
    corsOrigins: parseOrigins(source.CORS_ORIGINS, problems),
    mfaRequiredRoles: Object.freeze(parseMfaRoles(source.MFA_REQUIRED_ROLES, problems)),
    fileStore: parseFileStore(source, dataDir, bool, problems),
    uploadQuota: {
      staff: { files: int('UPLOAD_DAILY_FILES', 200, 1, 1_000_000), bytes: int('UPLOAD_DAILY_MB', 200, 1, 1_000_000) * MB },
      resident: { files: int('UPLOAD_DAILY_FILES_RESIDENT', 30, 1, 1_000_000), bytes: int('UPLOAD_DAILY_MB_RESIDENT', 50, 1, 1_000_000) * MB },
    },
  }
  if (problems.length) throw new EnvError(problems)
  return Object.freeze(env)
}
