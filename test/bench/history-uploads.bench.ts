import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { image2ImageParamsSchema, text2ImageParamsSchema, type TaskInput, type TaskRecord } from '#contract'
import { createHistoryStore } from '../../main/services/history/history-store'
import { createLogger, createSecretRedactor } from '../../main/services/logger'

/*
 * What crash-safe deletion of uploaded input images (upload-ledger.ts) costs a start-up, on a
 * history of 100,000 tasks (one in ten an img2img task with an uploaded source, 20 of them
 * finished with their upload still there, as a crash leaves them):
 *   1. open (lock, per-table check, schema), as history.bench.ts measures it: compare the two;
 *   2. the start-up reads of what is left to delete: goal ≤ 1 ms, whatever the history's size;
 *   3. the one-time migration of a version-1 file (builds the index in one pass).
 */

const taskCount = 100_000
const owingCount = 20
const say = (line: string) => process.stdout.write(`${line}\n`)
const ms = (value: number) => `${value.toFixed(2)} ms`
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

const open = (dir: string) =>
  createHistoryStore({
    dataDir: dir,
    clock: Date.now,
    logger: createLogger({ redactor: createSecretRedactor() }),
  })

const common = (index: number) => ({
  prompt: `a lighthouse at dusk, storm, waves, ${index}`,
  negative_prompt: 'worst quality, low quality',
  seed: index,
  alwayson_scripts: { sd_model_checkpoint: `model-${index % 20}.safetensors` },
})

function upload(index: number, stillThere: boolean): TaskInput {
  return {
    role: 'source',
    origin: 'upload',
    url: `https://bkt.example.com/img-open-workbench/2025-01-01/${index}.png?X-Amz-Signature=abc`,
    urlExpiresAt: null,
    cacheKey: index.toString(16).padStart(64, 'b'),
    storageObject: stillThere ? { bucket: 'bkt', key: `img-open-workbench/2025-01-01/${index}.png` } : null,
    keepUpload: false,
    sent: { width: 512, height: 512, bytes: 300_000 },
    resizedFrom: null,
  }
}

function syntheticTask(index: number, start: number): TaskRecord {
  const createdAt = start + index * 600_000
  const base = {
    id: `bench-${index}`,
    profileId: `profile-${index % 3}`,
    profileName: 'Main',
    status: 'succeeded' as const,
    description: null,
    createdAt,
    updatedAt: createdAt + 30_000,
    finishedAt: createdAt + 30_000,
    error: null,
    images: [],
  }
  if (index % 10 !== 0)
    return { ...base, kind: 'text2image', params: text2ImageParamsSchema.parse(common(index)) }
  const input = upload(index, false)
  return {
    ...base,
    kind: 'image2image',
    params: image2ImageParamsSchema.parse({
      ...common(index),
      alwayson_scripts: { ...common(index).alwayson_scripts, image_link: input.url },
    }),
    inputs: [input],
  }
}

function build(dir: string) {
  const store = open(dir)
  const start = Date.UTC(2024, 0, 1)
  for (let from = 0; from < taskCount; from += 5000) {
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify(syntheticTask(from + i, start)))
    if (store.importRecords(lines.join('\n'), 'jsonl').imported !== 5000) throw new Error('import failed')
  }
  // An import never brings deletions owed to another app's storage: these come from this app's runs.
  for (let n = 0; n < owingCount; n += 1) {
    const task = syntheticTask(n * 10, Date.UTC(2025, 0, 1))
    store.insert({ ...task, id: `owing-${n}`, inputs: [upload(n, true)] })
  }
  store.close()
}

function timeOpen(dir: string, runs: number) {
  const times: number[] = []
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now()
    open(dir).close()
    times.push(performance.now() - started)
  }
  return times
}

/** Phase 2, in a fresh process (as history.bench.ts does). */
function measure(dir: string) {
  say(`open (lock + integrity check + schema), 5 runs: median ${ms(median(timeOpen(dir, 5)))}`)
  const store = open(dir)
  const owing: number[] = []
  const notes: number[] = []
  let found = 0
  for (let run = 0; run < 20; run += 1) {
    let started = performance.now()
    found = store.unreleasedUploads().length
    owing.push(performance.now() - started)
    started = performance.now()
    store.uploadNotes()
    notes.push(performance.now() - started)
  }
  store.close()
  say(
    `start-up read of finished tasks still holding uploads (${found} of ${taskCount}): first ${ms(owing[0] ?? 0)}, median of 20 ${ms(median(owing))}`,
  )
  say(`start-up read of upload notes: first ${ms(notes[0] ?? 0)}, median of 20 ${ms(median(notes))}`)

  // What the ledger adds to every open: its two tables' integrity check (the schema is IF NOT EXISTS).
  const checks: number[] = []
  const db = new Database(join(dir, 'history.db'), { readonly: true })
  for (let run = 0; run < 20; run += 1) {
    const started = performance.now()
    db.pragma('quick_check(tasks_releasing)')
    db.pragma('quick_check(upload_notes)')
    checks.push(performance.now() - started)
  }
  db.close()
  say(`added to each open by the ledger's tables (their quick_check), 20 runs: median ${ms(median(checks))}`)

  // What version 1 wrote: the same tasks without the ledger's tables.
  const raw = new Database(join(dir, 'history.db'))
  raw.exec('DROP TABLE tasks_releasing; DROP TABLE upload_notes; PRAGMA user_version = 1;')
  raw.close()
  const [migration = 0] = timeOpen(dir, 1)
  say(`first open of a version-1 file (builds the index once): ${ms(migration)}`)
  say(`the open after it: ${ms(timeOpen(dir, 1)[0] ?? 0)}`)
}

if (process.argv[2] === 'measure' && process.argv[3]) {
  measure(process.argv[3])
} else {
  const dir = await mkdtemp(join(tmpdir(), 'img-open-bench-uploads-'))
  try {
    build(dir)
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), 'measure', dir],
      { stdio: 'inherit' },
    )
    if (child.status !== 0) process.exitCode = 1
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
