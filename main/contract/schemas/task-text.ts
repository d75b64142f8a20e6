import type { TaskRecord } from './task'

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * The words a task is found and shown by, whatever its kind: an SD task's prompts; a tool's prompt
 * fields (`prompt`, `sourcePrompt`) and its text output (caption, expanded prompts, style); a
 * custom request's `prompt` field if any; a training job's trigger words and LoRA name. Pure, shared by the history index, exports, the CLI and
 * the renderer's rows.
 */
export function taskText(record: TaskRecord): { readonly prompt: string; readonly negative: string } {
  switch (record.kind) {
    case 'tool': {
      const output = record.toolOutput
      const parts = [
        textOf(record.params.prompt),
        textOf(record.params.sourcePrompt),
        output?.caption ?? '',
        ...(output?.prompts ?? []),
        output?.style ?? '',
      ]
      return {
        prompt: parts.filter((part) => part !== '').join('\n'),
        negative: textOf(record.params.negativePrompt),
      }
    }
    case 'custom':
      return { prompt: textOf(record.body.prompt), negative: textOf(record.body.negativePrompt) }
    case 'training':
      // A job is found by its trigger words and the LoRA it produced.
      return {
        prompt: [...record.triggerWords, record.lora?.fileName ?? '', record.loraHint ?? '']
          .filter((part) => part !== '')
          .join('\n'),
        negative: '',
      }
    default:
      return { prompt: record.params.prompt, negative: record.params.negative_prompt }
  }
}
