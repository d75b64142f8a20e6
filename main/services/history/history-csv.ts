import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { isSdTask, taskText, type TaskRecord } from '#contract'

/**
 * The CSV form of a task: readable columns for spreadsheets, plus `params`, `images`, `error` and
 * `inputs` as JSON so an import restores the record exactly (those columns are what an import
 * reads). New columns go last, so files from before them still import (a missing column = absent).
 */
export const csvColumns = [
  'id',
  'kind',
  'status',
  'profileId',
  'profileName',
  'createdAt',
  'updatedAt',
  'finishedAt',
  'prompt',
  'negativePrompt',
  'checkpoint',
  'vae',
  'width',
  'height',
  'steps',
  'cfgScale',
  'sampler',
  'seed',
  'description',
  'params',
  'images',
  'error',
  'paramsUnknown',
  /** The input images of img2img, inpaint and ControlNet tasks (issue 7); empty for text2image. */
  'inputs',
  /** Whether the submit allowed resizing input images (a retry may resize again); empty = no. */
  'allowResize',
  /** The endpoint a ControlNet task went to; empty = ControlNet v2. */
  'endpoint',
  /** Tool tasks (issue 12): which tool, its code and its output (JSON). */
  'toolId',
  'toolCode',
  'toolOutput',
  /** Custom requests: the path, the last answer and the files kept (JSON); the body is in `params`. */
  'path',
  'answer',
  'media',
] as const

type CsvColumn = (typeof csvColumns)[number]

// Free-text cells a spreadsheet could take for a formula (=, +, -, @) get a leading apostrophe
// (OWASP's CSV-injection advice); a cell already starting with one gets another, so it reverses.
const textColumns = new Set<CsvColumn>([
  'id',
  'profileId',
  'profileName',
  'prompt',
  'negativePrompt',
  'checkpoint',
  'vae',
  'sampler',
  'description',
])
const formulaStart = /^[=+\-@\t\r']/

const protect = (text: string) => (formulaStart.test(text) ? `'${text}` : text)
const unprotect = (text: string) => (text.startsWith("'") ? text.slice(1) : text)

/** ISO 8601 for spreadsheets; a time with a fraction of a millisecond stays a number, exactly. */
const timeText = (ms: number | null) => {
  if (ms === null) return ''
  return Number.isInteger(ms) && ms >= 0 && ms <= 8.64e15 ? new Date(ms).toISOString() : String(ms)
}

/** The SD columns; empty for tools and custom requests, whose body goes in `params` as JSON. */
function sdColumns(record: TaskRecord) {
  if (!isSdTask(record))
    return { checkpoint: '', vae: '', width: '', height: '', steps: '', cfgScale: '', sampler: '', seed: '' }
  const { params } = record
  return {
    checkpoint: params.alwayson_scripts.sd_model_checkpoint,
    vae: params.alwayson_scripts.sd_vae ?? '',
    width: params.width,
    height: params.height,
    steps: params.steps,
    cfgScale: params.cfg_scale,
    sampler: params.sampler_index,
    seed: params.seed,
  }
}

function toolColumns(record: TaskRecord) {
  return {
    toolId: record.kind === 'tool' ? record.toolId : '',
    toolCode: record.kind === 'tool' || record.kind === 'custom' ? (record.toolCode ?? '') : '',
    toolOutput: record.kind === 'tool' && record.toolOutput ? JSON.stringify(record.toolOutput) : '',
    path: record.kind === 'custom' ? record.path : '',
    answer: record.kind === 'custom' && record.answer !== null ? JSON.stringify(record.answer) : '',
    media: record.kind === 'custom' ? JSON.stringify(record.media) : '',
  }
}

function csvRow(record: TaskRecord): Record<CsvColumn, string | number> {
  const text = taskText(record)
  const row: Record<CsvColumn, string | number> = {
    id: record.id,
    kind: record.kind,
    status: record.status,
    profileId: record.profileId,
    profileName: record.profileName,
    createdAt: timeText(record.createdAt),
    updatedAt: timeText(record.updatedAt),
    finishedAt: timeText(record.finishedAt),
    prompt: text.prompt,
    negativePrompt: text.negative,
    ...sdColumns(record),
    description: record.description ?? '',
    params: JSON.stringify(record.kind === 'custom' ? record.body : record.params),
    images: JSON.stringify(record.images),
    error: record.error === null ? '' : JSON.stringify(record.error),
    paramsUnknown: record.paramsUnknown === true ? 'true' : '',
    inputs: record.inputs === undefined ? '' : JSON.stringify(record.inputs),
    allowResize: record.allowResize === true ? 'true' : '',
    endpoint: record.kind === 'controlnet' ? (record.endpoint ?? '') : '',
    ...toolColumns(record),
  }
  for (const column of textColumns) {
    const value = row[column]
    if (typeof value === 'string') row[column] = protect(value)
  }
  return row
}

/** CSV text for some records; the header only when asked (the first chunk of an export). */
export function recordsToCsv(records: readonly TaskRecord[], header: boolean): string {
  return stringify(records.map(csvRow), { header, columns: [...csvColumns] })
}

const time = (text: string | undefined): number | null => {
  if (text === undefined || text === '') return null
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) return Number(text)
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? Number.NaN : ms
}

const json = (text: string | undefined, absent: unknown): unknown =>
  text === undefined || text === '' ? absent : JSON.parse(text)

/** The tool and custom-request columns back, by kind (the body of a custom request is `params`). */
function toolCandidate(row: Record<string, string>): Record<string, unknown> {
  if (row.kind === 'tool')
    return { toolId: row.toolId, toolCode: row.toolCode, toolOutput: json(row.toolOutput, null) }
  if (row.kind !== 'custom') return {}
  return {
    path: row.path,
    toolCode: row.toolCode === undefined || row.toolCode === '' ? null : row.toolCode,
    body: json(row.params, undefined),
    params: undefined,
    answer: json(row.answer, null),
    media: json(row.media, []),
  }
}

/** One CSV row back into a candidate record (checked by the caller); throws on unreadable JSON. */
function rowToCandidate(row: Record<string, string>): unknown {
  const text = (column: CsvColumn) => (row[column] === undefined ? undefined : unprotect(row[column]))
  const description = text('description')
  return {
    id: text('id'),
    kind: row.kind,
    status: row.status,
    profileId: text('profileId'),
    profileName: text('profileName'),
    createdAt: time(row.createdAt),
    updatedAt: time(row.updatedAt),
    finishedAt: time(row.finishedAt),
    description: description === undefined || description === '' ? null : description,
    params: json(row.params, undefined),
    images: json(row.images, []),
    error: json(row.error, null),
    ...(row.paramsUnknown === 'true' ? { paramsUnknown: true } : {}),
    ...(row.inputs === undefined || row.inputs === '' ? {} : { inputs: json(row.inputs, undefined) }),
    ...(row.allowResize === 'true' ? { allowResize: true } : {}),
    ...(row.endpoint === undefined || row.endpoint === '' ? {} : { endpoint: row.endpoint }),
    ...toolCandidate(row),
  }
}

export interface CsvCandidate {
  /** 1-based line where the record starts. */
  readonly line: number
  readonly candidate?: unknown
  readonly error?: string
}

const newlinesIn = (record: Record<string, string>) =>
  Object.values(record).reduce((sum, value) => sum + (value.match(/\n/g)?.length ?? 0), 0)

/** Parses CSV text into candidates, one per record, keeping going past rows that cannot be read. */
export function csvToCandidates(text: string): CsvCandidate[] {
  const out: CsvCandidate[] = []
  const rows = parse(text, {
    bom: true,
    columns: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const line = typeof error?.lines === 'number' ? error.lines : 0
      out.push({ line, error: 'This CSV line could not be read.' })
      return undefined
    },
  }) as { record: Record<string, string>; info: { lines: number } }[]
  for (const { record, info } of rows) {
    const line = info.lines - newlinesIn(record)
    try {
      out.push({ line, candidate: rowToCandidate(record) })
    } catch {
      out.push({ line, error: 'A JSON column of this line is not valid JSON.' })
    }
  }
  return out.sort((a, b) => a.line - b.line)
}
