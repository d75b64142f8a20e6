import { useCallback, useRef, useState, type DragEvent } from 'react'
import type { ImportedParamsSource } from '#contract'
import { useClient } from '../../app/client-context'
import { isImageSourceTarget } from '../sources'
import { draftPatchOf } from './mode-drafts'
import { readParamsFromPng, type PngFailureReason } from './png-params'
import { useWorkbenchStore } from './workbench-store'
import { setNextOrigin } from '../lineage'

export type PngLoadState =
  | { readonly status: 'idle' }
  | { readonly status: 'reading'; readonly fileName: string }
  | {
      readonly status: 'loaded'
      readonly fileName: string
      readonly source: ImportedParamsSource
      readonly skipped: readonly string[]
    }
  | {
      readonly status: 'failed'
      readonly fileName: string
      readonly reason: PngFailureReason
      readonly code?: string
    }

/** Files dropped on an image slot are input images, not parameters: the slot takes those. */
const carriesFiles = (event: DragEvent) =>
  event.dataTransfer.types.includes('Files') && !isImageSourceTarget(event.target)

// CodeMirror's root class: the prompt editor's own drop handling covers text files.
const isInPromptEditor = (target: EventTarget) =>
  target instanceof Element && target.closest('.cm-editor') !== null

/**
 * Loads a PNG's generation parameters into the workbench as one undo step, from the file button or
 * a drop anywhere on the screen. Only the latest file's answer is applied, so a slow read of an
 * earlier file cannot overwrite a later one.
 */
export function usePngParams() {
  const client = useClient()
  const [state, setState] = useState<PngLoadState>({ status: 'idle' })
  const [dragging, setDragging] = useState(false)
  // The last image brought in, which Describe image can caption whether or not it held parameters.
  const [dropped, setDropped] = useState<File | null>(null)
  const latestLoad = useRef(0)
  // dragenter/dragleave fire for every child crossed; a depth count says when the pointer really left.
  const dragDepth = useRef(0)

  const load = useCallback(
    async (file: File) => {
      const ticket = ++latestLoad.current
      setState({ status: 'reading', fileName: file.name })
      setDropped(file)
      const result = await readParamsFromPng(client, file)
      if (ticket !== latestLoad.current) return
      if (!result.ok) {
        setState({ status: 'failed', fileName: file.name, reason: result.reason, code: result.code })
        return
      }
      const { applyParams, mode } = useWorkbenchStore.getState()
      applyParams(draftPatchOf(mode, result.params, { partial: true }))
      setNextOrigin({ kind: 'infotext', label: file.name.slice(0, 200) })
      setState({ status: 'loaded', fileName: file.name, source: result.source, skipped: result.skipped })
    },
    [client],
  )

  const dropTarget = {
    onDragEnterCapture: (event: DragEvent) => {
      if (!carriesFiles(event)) return
      dragDepth.current += 1
      setDragging(true)
    },
    onDragLeaveCapture: (event: DragEvent) => {
      if (!carriesFiles(event)) return
      dragDepth.current = Math.max(0, dragDepth.current - 1)
      if (dragDepth.current === 0) setDragging(false)
    },
    onDragOverCapture: (event: DragEvent) => {
      if (!carriesFiles(event)) return
      event.preventDefault()
      event.dataTransfer.dropEffect = 'copy'
    },
    // Capture phase, so the prompt editor does not see an image first; a text file dropped on the
    // editor is left to it (it inserts the text). Elsewhere the default would open the file.
    onDropCapture: (event: DragEvent) => {
      const file = event.dataTransfer.files[0]
      dragDepth.current = 0
      setDragging(false)
      if (!file || (file.type.startsWith('text/') && isInPromptEditor(event.target))) return
      event.preventDefault()
      void load(file)
    },
  }

  return { state, load, dragging, dropTarget, dropped }
}
