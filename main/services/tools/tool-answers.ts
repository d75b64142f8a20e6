import { readToolData, readToolOutput, toolRegistry, type TaskRecord, type ToolAnswer } from '#contract'
import { mediaLinksIn } from './tool-results'

/** Tool tasks and custom requests: the records this folder sends and tracks. */
export type ToolishRecord = Extract<TaskRecord, { kind: 'tool' | 'custom' }>

export const isToolish = (record: TaskRecord): record is ToolishRecord =>
  record.kind === 'tool' || record.kind === 'custom'

const textKinds = ['faces', 'caption', 'prompts', 'style'] as const

/**
 * The completion rule for a record's answer `data`: a tool's by its row (tool-output.ts); a custom
 * request is done when its answer links to a file or holds any known text output, and otherwise
 * fails or waits by the same status and message rules.
 */
export function readRecordAnswer(record: ToolishRecord, data: unknown): ToolAnswer {
  if (record.kind === 'tool') return readToolData(toolRegistry[record.toolId].output, data)
  const read = readToolData('image', data)
  if (read.state !== 'pending') return read
  const found = mediaLinksIn(data).length > 0 || textKinds.some((kind) => readToolOutput(kind, data) !== null)
  return found ? { state: 'done', output: {}, status: read.status, message: read.message } : read
}
