import { useMemo } from 'react'
import {
  applyStyle,
  type CheckpointPreset,
  type PromptStyle,
  type Text2ImageParams,
} from '../../../main/contract'
import { useWorkbenchStore } from '../features/workbench/workbench-store'
import type { Client } from '../bridge'
import { useUiStore } from './ui-store'

/**
 * What one screen hands to another: presets and history fill the workbench and bring it forward.
 * Kept here so features never import each other's stores.
 */
export function useScreenLinks(client: Client) {
  return useMemo(() => {
    const workbench = () => useWorkbenchStore.getState()
    const showWorkbench = () => useUiStore.getState().showView('workbench')
    return {
      applyCheckpoint(preset: CheckpointPreset) {
        workbench().applyCheckpointPreset(preset)
        showWorkbench()
      },
      applyStyle(style: PromptStyle) {
        const { draft, applyParams } = workbench()
        const styled = applyStyle(draft.prompt ?? '', draft.negative_prompt ?? '', style)
        applyParams({ prompt: styled.prompt, negative_prompt: styled.negative })
        showWorkbench()
      },
      sendToWorkbench(params: Text2ImageParams) {
        workbench().applyParams(params, { replace: true })
        showWorkbench()
      },
      rerun(params: Text2ImageParams) {
        showWorkbench()
        return client.call('tasks.submit', { params })
      },
    }
  }, [client])
}
