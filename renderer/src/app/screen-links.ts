import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import {
  applyStyle,
  isSdTask,
  type CheckpointPreset,
  type EmbeddingPreset,
  type LoraPreset,
  type PromptStyle,
  type TaskRecord,
  type ToolId,
} from '#contract'
import { joinPrompt, openToolTask, openToolWithImage, rerunToolTask, type PromptUse } from '../features/tools'
import {
  loadTaskIntoWorkbench,
  pickedFromResult,
  sendResultTo,
  type SendTarget,
} from '../features/workbench/send-to'
import { useWorkbenchStore } from '../features/workbench/workbench-store'
import { useHistoryStore } from '../features/history/history-store'
import { usePresetsStore } from '../features/presets/presets-store'
import { setNextOrigin } from '../features/lineage'
import type { Client } from '../bridge'
import { useUiStore } from './ui-store'

/**
 * What one screen hands to another: presets and history fill the workbench and bring it forward;
 * the workbench sends the user to Settings. Kept here so features never import each other's stores.
 */
export function useScreenLinks(client: Client) {
  const { t } = useTranslation()
  return useMemo(() => {
    const workbench = () => useWorkbenchStore.getState()
    const showWorkbench = () => useUiStore.getState().showView('workbench')
    return {
      applyCheckpoint(preset: CheckpointPreset) {
        workbench().applyCheckpointPreset(preset)
        setNextOrigin({ kind: 'preset', label: preset.displayName.slice(0, 200) })
        showWorkbench()
      },
      /** A library card's LoRA or embedding, at the prompt editor's last cursor. */
      insertExtraNetwork(preset: LoraPreset | EmbeddingPreset) {
        workbench().insertExtraNetwork(preset)
        showWorkbench()
      },
      applyStyle(style: PromptStyle) {
        const { draft, applyParams } = workbench()
        const styled = applyStyle(draft.prompt ?? '', draft.negative_prompt ?? '', style)
        applyParams({ prompt: styled.prompt, negative_prompt: styled.negative })
        showWorkbench()
      },
      /** The workbench's prompts as they are now, for a new prompt style. */
      workbenchPrompts() {
        const { draft } = workbench()
        return { prompt: draft.prompt ?? '', negativePrompt: draft.negative_prompt ?? '' }
      },
      /**
       * The task's mode and parameters, and an image task's input images from their local copies. A
       * tool task opens on the Tools screen with its form as sent; a custom request has nothing to load.
       */
      sendToWorkbench(record: TaskRecord) {
        if (record.kind === 'tool') return Promise.resolve(openToolTask(record))
        if (!isSdTask(record)) return Promise.resolve()
        showWorkbench()
        return loadTaskIntoWorkbench(client, t, record, false)
      },
      /** A caption, an expanded prompt or a style into the workbench's prompt, as one undoable edit. */
      usePrompt(text: string, use: PromptUse) {
        const { draft, applyParams } = workbench()
        applyParams({ prompt: joinPrompt(draft.prompt ?? '', text, use) })
        showWorkbench()
      },
      /** A result in a tool's image slot on the Tools screen (Outpaint…, Swap face…, Detect faces, Describe). */
      async openTool(toolId: ToolId, record: TaskRecord, imageIndex: number) {
        openToolWithImage(toolId, await pickedFromResult(client, t, record, imageIndex))
      },
      /** A result as the source of an image mode, with the task's parameters. */
      sendImageTo(target: SendTarget, record: TaskRecord, imageIndex: number) {
        showWorkbench()
        return sendResultTo(client, t, target, record, imageIndex)
      },
      /**
       * Submits a task again. A text2image task goes straight out; an image task is loaded into the
       * workbench with its inputs and generated there, so the upload consent and checks apply.
       */
      async rerun(record: TaskRecord) {
        if (record.kind === 'tool') {
          await rerunToolTask(client, record)
          return
        }
        if (record.kind === 'custom') {
          const { businessTaskId: _sent, ...body } = record.body
          await client.call('tools.customRequest', {
            path: record.path,
            toolCode: record.toolCode ?? '',
            body,
          })
          return
        }
        // A training job is sent again from the Training screen, where its dataset is checked anew.
        if (record.kind === 'training') return
        showWorkbench()
        if (record.kind === 'text2image') {
          await client.call('tasks.submit', {
            kind: 'text2image',
            params: record.params,
            origin: { kind: 'rerun', taskId: record.id },
          })
          return
        }
        await loadTaskIntoWorkbench(client, t, record, true)
      },
      openSettings() {
        useUiStore.getState().showView('settings')
      },
      /** The history with one task's details open (a training job, its LoRA, its dataset). */
      openHistory(taskId: string) {
        useHistoryStore.getState().openDetail(taskId)
        useUiStore.getState().showView('history')
      },
      /** The library's LoRA tab searched for one name: where a finished training job put its LoRA. */
      openLoraPreset(name: string) {
        const presets = usePresetsStore.getState()
        presets.setTab('lora')
        presets.setText(name)
        useUiStore.getState().showView('presets')
      },
    }
  }, [client, t])
}
