import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { Result } from '#contract'
import type { Services } from '../../../main/services/create-services'
import { decodeRecordText } from '../../../main/services/history/record-codec'

/** The secrets of one run: unique, so any occurrence anywhere can only be a leak. */
export interface Canaries {
  readonly accessKeyId: string
  readonly accessKeySecret: string
  /** Tried first and refused by the service: a wrong secret must not leak either. */
  readonly wrongSecret: string
  /**
   * The image storage's secret access key, and one tried first with refused keys. The storage's key
   * id is no needle: every presigned link names it (X-Amz-Credential), as S3 requires.
   */
  readonly storageSecret: string
  readonly wrongStorageSecret: string
}

export function makeCanaries(): Canaries {
  const hex = () => randomUUID().replaceAll('-', '')
  return {
    accessKeyId: `CANARYKEYID${hex()}`,
    accessKeySecret: `CANARY-${randomUUID()}`,
    wrongSecret: `CANARY-WRONG-${randomUUID()}`,
    storageSecret: `CANARY-S3-${randomUUID()}`,
    wrongStorageSecret: `CANARY-S3-WRONG-${randomUUID()}`,
  }
}

/**
 * What must never be seen: each secret, its random part alone, and the key id up to its last four
 * characters (those four are what `credentials.status` may show). Plain text is enough for
 * answers, events and log lines.
 */
export function textNeedles(canaries: Canaries): string[] {
  const { accessKeyId, accessKeySecret, wrongSecret, storageSecret, wrongStorageSecret } = canaries
  return [
    accessKeySecret,
    accessKeySecret.slice('CANARY-'.length),
    wrongSecret,
    wrongSecret.slice('CANARY-WRONG-'.length),
    accessKeyId.slice(0, -4),
    storageSecret,
    storageSecret.slice('CANARY-S3-'.length),
    wrongStorageSecret,
    wrongStorageSecret.slice('CANARY-S3-WRONG-'.length),
  ]
}

/** Base64 of `text` at each of the three byte alignments it could start at inside a longer value. */
function base64Forms(text: string): string[] {
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.from(text.slice(offset)).toString('base64')
    // The last group mixes in whatever follows the text in the real value; leave it out.
    return encoded.slice(0, Math.floor((encoded.length - 4) / 4) * 4)
  })
}

/** Byte patterns for files: the text needles in UTF-8 and UTF-16LE, and the secrets in base64. */
export function byteNeedles(canaries: Canaries): { readonly label: string; readonly bytes: Buffer }[] {
  const plain = textNeedles(canaries).flatMap((needle) => [
    { label: `utf8 ${needle}`, bytes: Buffer.from(needle, 'utf8') },
    { label: `utf16 ${needle}`, bytes: Buffer.from(needle, 'utf16le') },
  ])
  const secrets = [
    canaries.accessKeySecret,
    canaries.wrongSecret,
    canaries.accessKeyId.slice(0, -4),
    canaries.storageSecret,
    canaries.wrongStorageSecret,
  ]
  const encoded = secrets.flatMap((secret) =>
    base64Forms(secret).map((form) => ({ label: `base64 ${form}`, bytes: Buffer.from(form) })),
  )
  return [...plain, ...encoded]
}

/** Every file under `dir` (recursively), by path relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
}

/** "file: pattern" for each file under `dir` holding one of the patterns, read as raw bytes. */
export async function leaksInFiles(dir: string, canaries: Canaries): Promise<string[]> {
  const needles = byteNeedles(canaries)
  const found: string[] = []
  for (const file of await listFiles(dir)) {
    const bytes = await readFile(join(dir, file))
    for (const needle of needles) if (bytes.includes(needle.bytes)) found.push(`${file}: ${needle.label}`)
  }
  return found
}

/**
 * Every value of every table of `history.db` as text, task records decoded: a record is stored
 * deflated (record-codec.ts), so a scan of the file's raw bytes cannot see a key inside one.
 */
export function historyTexts(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[]
    return tables.flatMap((table) =>
      (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).flatMap((row) =>
        Object.values(row).map((value) =>
          value instanceof Uint8Array
            ? table === 'task_bodies'
              ? decodeRecordText(value)
              : Buffer.from(value).toString('utf8')
            : String(value),
        ),
      ),
    )
  } finally {
    db.close()
  }
}

/** The texts among `texts` that hold a needle, shortened for a readable failure. */
export function leaksInTexts(texts: readonly string[], canaries: Canaries): string[] {
  const needles = textNeedles(canaries)
  return texts
    .filter((text) => needles.some((needle) => text.includes(needle)))
    .map((text) => text.slice(0, 300))
}

/**
 * The services as the renderer reaches them, keeping every answer and every pushed event as the
 * JSON that would cross the bridge.
 */
export function recordTraffic(services: Services) {
  const answers: string[] = []
  const events: string[] = []
  const unsubscribe = services.events.subscribe((name, payload) =>
    events.push(JSON.stringify({ name, payload })),
  )
  const dispatch = async (name: string, input: unknown): Promise<Result<unknown>> => {
    const result = await services.dispatch(name, input, { transport: 'in-process' })
    answers.push(JSON.stringify({ name, result }))
    return result
  }
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await dispatch(name, input)
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code}`)
    return result.value as T
  }
  return { answers, events, dispatch, call, stop: unsubscribe }
}
