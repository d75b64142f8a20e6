import { toolRegistry, type ToolId, type ToolTaskRecord } from '#contract'
import { useUiStore } from '../../app/ui-store'
import type { Client } from '../../bridge'
import { pickedFromLink, type PickedImage } from '../sources'
import { readForm, valuesFromBody } from './form/field-values'
import { imageToolActions } from './image-actions'
import { useToolsStore } from './tools-store'
import { submitTool } from './use-run-tool'

/** The field an image from elsewhere goes into: the action's field, else the tool's first image field. */
function imageFieldOf(toolId: ToolId): string | null {
  const action = imageToolActions.find((candidate) => candidate.toolId === toolId)
  if (action) return action.field
  return toolRegistry[toolId].fields.find((field) => field.type === 'image')?.name ?? null
}

/**
 * Opens `toolId` on the Tools screen with `image` in its image slot (the rest of its form kept).
 * Task cards and the history call it from places the shell passes no callbacks to, so it brings
 * the screen forward itself, as the image slots' "open Settings" does.
 */
export function openToolWithImage(toolId: ToolId, image: PickedImage): void {
  const field = imageFieldOf(toolId)
  useToolsStore.getState().openTool(toolId, field === null ? {} : { [field]: image })
  useUiStore.getState().showView('tools')
}

/** A tool task's form as it was sent, open on the Tools screen. */
export function openToolTask(record: ToolTaskRecord): void {
  const fields = toolRegistry[record.toolId].fields
  useToolsStore.getState().openTool(record.toolId, valuesFromBody(fields, record.params, pickedFromLink))
  useUiStore.getState().showView('tools')
}

/**
 * Re-runs a tool task: its form as it was sent, submitted again (a new task; the same upload gate),
 * and shown on the Tools screen. Answers false when the form no longer passes (it stays open to fix).
 */
export async function rerunToolTask(client: Client, record: ToolTaskRecord): Promise<boolean> {
  openToolTask(record)
  const store = useToolsStore.getState()
  const form = store.forms[record.toolId] ?? {}
  const read = readForm(toolRegistry[record.toolId].fields, form)
  if (!read.ok) {
    store.setIssues(record.toolId, read.issues)
    return false
  }
  const outcome = await submitTool(client, record.toolId, read.input, read.pickedImages)
  if ('gate' in outcome) return false
  useToolsStore.getState().setRun(record.toolId, { taskId: outcome.taskId, form })
  return true
}
