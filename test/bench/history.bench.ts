import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import {
  controlNetParamsSchema,
  image2ImageParamsSchema,
  text2ImageParamsSchema,
  type HistoryQueryInput,
  type TaskInput,
  type TaskKind,
  type TaskRecord,
} from '#contract'
import { createHistoryStore, type HistoryStore } from '../../main/services/history/history-store'
import { createLogger, createSecretRedactor } from '../../main/services/logger'

/*
 * History figures with 100,000 synthetic tasks on a real temp dir (ext4 here, so fsync is real):
 *   1. open: lock, per-table quick_check, schema — goal ≤ 300 ms;
 *   2. one page of 50 for text searches and filters, with its total — goal ≤ 30 ms;
 *   3. a durable append (insert, committed and fsynced) — goal p99 ≤ 10 ms;
 *   4. the RSS of a process that opened the history and ran all of the above (measured in a
 *      fresh child process, so the build's garbage does not count).
 */

const taskCount = 100_000
const words =
  'masterpiece best quality 1girl solo long hair red scarf city street night neon lights rain umbrella smile looking at viewer detailed background cinematic lighting bokeh depth of field portrait close-up upper body blue eyes blonde hair school uniform sky clouds sunset mountains lake forest trees flowers cherry blossoms castle dragon armor knight ocean waves lighthouse cliff snow winter cozy cafe window reflection'.split(
    ' ',
  )
const chinese = ['一个女孩', '红色围巾', '城市街道', '夜晚', '霓虹灯', '雨伞', '微笑', '樱花', '山水', '古风']
const checkpoints = Array.from({ length: 20 }, (_, i) => `model-${i}.safetensors`)
const statuses = [
  'succeeded',
  'succeeded',
  'succeeded',
  'succeeded',
  'succeeded',
  'succeeded',
  'failed',
  'cancelled',
] as const

// mulberry32: a small seeded generator without the correlated draws of a plain LCG.
let state = 42
const random = (n: number) => {
  state = (state + 0x6d2b79f5) | 0
  let t = Math.imul(state ^ (state >>> 15), 1 | state)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n)
}
const pick = <T>(list: readonly T[]): T => list[random(list.length)] as T

// Mostly text-to-image, as a real history is: 70 %, img2img 15 %, inpaint 10 %, ControlNet 5 %.
const kinds: readonly TaskKind[] = [
  ...Array<TaskKind>(14).fill('text2image'),
  'image2image',
  'image2image',
  'image2image',
  'inpaint',
  'inpaint',
  'controlnet',
]

function prompt(): string {
  const terms = Array.from({ length: 12 + random(30) }, () =>
    random(12) === 0 ? pick(chinese) : pick(words),
  )
  if (random(5) === 0) terms.push(`<lora:detail_${random(50)}:0.${random(9) + 1}>`)
  return terms.join(', ')
}

const inputLink = (index: number, role: string) =>
  `https://bucket.example.com/img-open-workbench/${index}-${role}.png`

const benchInput = (index: number, role: TaskInput['role']): TaskInput => ({
  role,
  ...(role === 'control' ? { unit: 0 } : {}),
  origin: 'upload',
  url: inputLink(index, role),
  urlExpiresAt: null,
  cacheKey: (index * 4 + 3).toString(16).padStart(64, 'b'),
  storageObject: null,
  keepUpload: false,
  sent: { width: 512, height: 512, bytes: 300_000 },
  resizedFrom: null,
})

/** The kind's params and input images around the common text-to-image fields. */
function kindParts(kind: TaskKind, index: number, common: Record<string, unknown>) {
  const scripts = common.alwayson_scripts as Record<string, unknown>
  if (kind === 'text2image') return { kind, params: text2ImageParamsSchema.parse(common) }
  if (kind === 'controlnet') {
    const args = [{ control_type: 'canny', image_link: inputLink(index, 'control') }]
    return {
      kind,
      params: controlNetParamsSchema.parse({
        ...common,
        alwayson_scripts: { ...scripts, controlnet: { args } },
      }),
      inputs: [benchInput(index, 'control')],
    }
  }
  const mask = kind === 'inpaint' ? { mask_link: inputLink(index, 'mask') } : {}
  return {
    kind,
    params: image2ImageParamsSchema.parse({
      ...common,
      alwayson_scripts: { ...scripts, image_link: inputLink(index, 'source'), ...mask },
    }),
    inputs: [benchInput(index, 'source'), ...(kind === 'inpaint' ? [benchInput(index, 'mask')] : [])],
  }
}

function syntheticTask(index: number, start: number): TaskRecord {
  const createdAt = start + index * 600_000 + random(600_000)
  const status = pick(statuses)
  const kind = pick(kinds)
  return {
    id: `bench-${index}`,
    profileId: `profile-${random(3)}`,
    profileName: 'Main',
    ...kindParts(kind, index, {
      prompt: prompt(),
      negative_prompt: `worst quality, low quality, lowres, bad anatomy, ${pick(words)}`,
      seed: random(4_000_000_000),
      steps: 20 + random(20),
      width: 512 + 64 * random(8),
      height: 512 + 64 * random(8),
      alwayson_scripts: {
        sd_model_checkpoint: pick(checkpoints),
        ...(random(3) === 0 ? { sd_vae: `vae-${random(3)}.safetensors` } : {}),
      },
    }),
    status,
    description: null,
    createdAt,
    updatedAt: createdAt + 30_000,
    finishedAt: createdAt + 30_000,
    error: status === 'failed' ? { code: 'server', message: 'The Img Open service had a problem.' } : null,
    images:
      status === 'succeeded'
        ? Array.from({ length: 1 + random(4) }, (_, n) => ({
            url: `https://aigcoss.zhiqiteai.cn/api/outputs/txt2img-images/2025-01-01/${index}-${n}.png`,
            seed: random(4_000_000_000),
            status: 2,
            auditPassed: true,
            auditLabels: [],
            cacheKey: (index * 4 + n).toString(16).padStart(64, 'a'),
          }))
        : [],
  }
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b)
const quantile = (values: number[], q: number) =>
  sorted(values)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? 0
const ms = (value: number) => `${value.toFixed(2)} ms`
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
const say = (line: string) => process.stdout.write(`${line}\n`)

const open = (dir: string) =>
  createHistoryStore({
    dataDir: dir,
    clock: Date.now,
    logger: createLogger({ redactor: createSecretRedactor() }),
  })

async function build(store: HistoryStore) {
  const started = performance.now()
  const start = Date.UTC(2024, 0, 1)
  for (let from = 0; from < taskCount; from += 5000) {
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify(syntheticTask(from + i, start)))
    const result = store.importRecords(lines.join('\n'), 'jsonl')
    if (result.imported !== 5000)
      throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 3))}`)
  }
  say(`build: ${taskCount} tasks imported in ${(performance.now() - started) / 1000} s`)
}

function timeQueries(store: HistoryStore) {
  const cases: [string, HistoryQueryInput][] = [
    ['newest page, no filter', {}],
    ['text "scarf" (common word)', { text: 'scarf' }],
    ['text "lighthouse cliff" (two words)', { text: 'lighthouse cliff' }],
    ['text "红色围巾" (Chinese substring)', { text: '红色围巾' }],
    ['text "detail_7" (rare)', { text: 'detail_7' }],
    ['checkpoint', { checkpoint: 'model-3.safetensors' }],
    ['status failed+cancelled', { status: ['failed', 'cancelled'] }],
    [
      'profile + date range',
      { profileId: 'profile-1', from: Date.UTC(2024, 6, 1), to: Date.UTC(2024, 8, 1) },
    ],
    [
      'text + checkpoint + status',
      { text: 'rain umbrella', checkpoint: 'model-7.safetensors', status: ['succeeded'] },
    ],
    ['VAE filter', { vae: 'vae-1.safetensors' }],
    ['mode ControlNet (5 %)', { kind: ['controlnet'] }],
    ['mode img2img + inpaint', { kind: ['image2image', 'inpaint'] }],
    ['mode inpaint + status failed', { kind: ['inpaint'], status: ['failed'] }],
    ['mode ControlNet + text "scarf"', { kind: ['controlnet'], text: 'scarf' }],
    ['mode ControlNet + checkpoint', { kind: ['controlnet'], checkpoint: 'model-3.safetensors' }],
    ['mode ControlNet, sorted by updatedAt', { kind: ['controlnet'], sort: 'updatedAt' }],
    ['sorted by updatedAt', { sort: 'updatedAt' }],
    ['text sorted by updatedAt', { text: 'neon', sort: 'updatedAt' }],
    ['deep offset 50,000', { offset: 50_000 }],
    // The first case also pays for warming up (JIT, caches); the same query again, warm.
    ['newest page, no filter (again, warm)', {}],
  ]
  say('one page of 50 with its total (median / p95 of 20 runs):')
  for (const [name, query] of cases) {
    const times: number[] = []
    let total = 0
    for (let run = 0; run < 20; run += 1) {
      const started = performance.now()
      total = store.query({ limit: 50, ...query }).total
      times.push(performance.now() - started)
    }
    say(
      `  ${name.padEnd(38)} ${ms(quantile(times, 0.5)).padStart(10)} / ${ms(quantile(times, 0.95)).padStart(10)}   (${total} match)`,
    )
  }
}

function timeAppends(store: HistoryStore) {
  const inserts: number[] = []
  const updates: number[] = []
  for (let i = 0; i < 1000; i += 1) {
    const record = {
      ...syntheticTask(taskCount + i, Date.now()),
      id: `append-${i}`,
      status: 'submitting' as const,
      images: [],
    }
    let started = performance.now()
    store.insert(record)
    inserts.push(performance.now() - started)
    started = performance.now()
    store.update(record.id, { status: 'queued' })
    updates.push(performance.now() - started)
  }
  const line = (name: string, times: number[]) =>
    say(
      `${name}: p50 ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}, max ${ms(quantile(times, 1))}`,
    )
  line('durable insert (1,000, each committed + fsynced)', inserts)
  line('durable status update (1,000)', updates)
}

/** Phase 2, in a fresh process: open, query, append, and the memory all that takes. */
function measure(dir: string) {
  globalThis.gc?.()
  say(`RSS before opening (Node, tsx, modules): ${mib(process.memoryUsage().rss)}`)
  const openTimes: number[] = []
  const openCpu: number[] = []
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now()
    const cpu = process.cpuUsage()
    const store = open(dir)
    openTimes.push(performance.now() - started)
    const used = process.cpuUsage(cpu)
    openCpu.push((used.user + used.system) / 1000)
    store.close()
  }
  // CPU time too: on a busy machine the wall time mostly measures the wait for a core.
  say(
    `open (lock + integrity check + schema), 5 runs: median ${ms(quantile(openTimes, 0.5))} wall, ${ms(quantile(openCpu, 0.5))} CPU; max ${ms(quantile(openTimes, 1))} wall`,
  )
  const store = open(dir)
  globalThis.gc?.()
  say(`RSS after open: ${mib(process.memoryUsage().rss)}`)
  timeQueries(store)
  timeAppends(store)
  globalThis.gc?.()
  say(
    `RSS after queries and appends: ${mib(process.memoryUsage().rss)} (heap used ${mib(process.memoryUsage().heapUsed)})`,
  )
  store.close()
}

if (process.argv[2] === 'measure' && process.argv[3]) {
  measure(process.argv[3])
} else {
  const dir = await mkdtemp(join(tmpdir(), 'img-open-bench-history-'))
  try {
    const store = open(dir)
    await build(store)
    store.close()
    say(`history.db: ${mib((await stat(join(dir, 'history.db'))).size)}`)
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
