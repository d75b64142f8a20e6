import { useCallback, useState } from 'react'
import {
  errorShapeSchema,
  toolRegistry,
  type ErrorCode,
  type Profile,
  type StorageConfig,
  type ToolId,
} from '#contract'
import { useClient } from '../../app/client-context'
import { BridgeError, type Client } from '../../bridge'
import { checkUploads, useUploadConsents, type ImageUploads, type PickedImage } from '../sources'
import { readForm, type ToolInput } from './form/field-values'
import { formOf, useToolsStore } from './tools-store'

/** Before a run: asking the profile, or waiting for the user on where local images go. */
export type GateState =
  | { readonly status: 'idle' }
  | { readonly status: 'checking' }
  | { readonly status: 'failed'; readonly code: ErrorCode; readonly message: string }
  | {
      readonly status: 'confirmUpload'
      readonly profile: Profile
      readonly storage: StorageConfig
      readonly keepUploads: boolean
    }
  | { readonly status: 'needsStorage'; readonly profile: Profile }

/** What a run may upload: local bytes always; earlier results only if their links expired. */
export function uploadsOf(images: readonly PickedImage[]): ImageUploads {
  if (images.some((image) => image.needsUpload)) return 'local'
  return images.some((image) => image.source.type === 'result') ? 'fallback' : 'none'
}

/**
 * A refusal as the user reads it: the message main sent (it names the field) with its code, from a
 * bridge error or a task's stored error; anything else is `internal`, with no text of its own.
 */
export function failureOf(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof BridgeError) return { code: error.code, message: error.message }
  const shape = errorShapeSchema.safeParse(error)
  return shape.success
    ? { code: shape.data.code, message: shape.data.message }
    : { code: 'internal', message: '' }
}

/**
 * Submits one tool's input through the same upload gate as Generate (storage set up, consent per
 * destination); answers the task id, or the gate's state when the user has to act first.
 */
export async function submitTool(
  client: Client,
  toolId: ToolId,
  input: ToolInput,
  images: readonly PickedImage[],
  consented = false,
): Promise<{ taskId: string } | { gate: GateState }> {
  const uploads = uploadsOf(images)
  let keepUploads = false
  if (uploads !== 'none') {
    const gate = await checkUploads(client, useUploadConsents.getState().consents, uploads)
    if (gate.kind === 'needsStorage') return { gate: { status: 'needsStorage', profile: gate.profile } }
    if (gate.kind === 'confirm') {
      if (!consented)
        return {
          gate: {
            status: 'confirmUpload',
            profile: gate.profile,
            storage: gate.storage,
            keepUploads: gate.storage.keepUploads,
          },
        }
      useUploadConsents.getState().consentTo(gate.profile.id, gate.storage)
      keepUploads = gate.storage.keepUploads
    } else keepUploads = gate.keepUploadsDefault
  }
  const { taskId } = await client.call('tools.submit', {
    toolId,
    body: { ...input.body },
    images: { ...input.images },
    options: { allowResize: false, keepUploads },
  })
  return { taskId }
}

/**
 * Run for the Tools screen's open tool: checks its form against the row (issues shown by the
 * fields), passes the upload gate, submits, and remembers the task id so the result shows.
 */
export function useRunTool(toolId: ToolId) {
  const client = useClient()
  const [gate, setGate] = useState<GateState>({ status: 'idle' })

  const run = useCallback(
    async (consented = false) => {
      const store = useToolsStore.getState()
      const read = readForm(toolRegistry[toolId].fields, formOf(store, toolId))
      if (!read.ok) {
        store.setIssues(toolId, read.issues)
        return
      }
      setGate({ status: 'checking' })
      try {
        const outcome = await submitTool(client, toolId, read.input, read.pickedImages, consented)
        if ('gate' in outcome) {
          setGate(outcome.gate)
          return
        }
        setGate({ status: 'idle' })
        useToolsStore.getState().setRun(toolId, { taskId: outcome.taskId, form: formOf(store, toolId) })
      } catch (error) {
        setGate({ status: 'failed', ...failureOf(error) })
      }
    },
    [client, toolId],
  )

  const dismiss = useCallback(() => setGate({ status: 'idle' }), [])
  return { gate, run, dismiss }
}
