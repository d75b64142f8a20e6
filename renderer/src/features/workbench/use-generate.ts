import { useCallback, useRef, useState } from 'react'
import type { ErrorCode, Profile, StorageConfig } from '#contract'
import { useClient } from '../../app/client-context'
import { BridgeError, type Client } from '../../bridge'
import { expandForSubmit, useDynamicPrompts } from '../dynamic-prompts'
import { checkUploads, useUploadConsents } from '../sources'
import { buildRequest } from './request'
import { nextOrigin } from '../lineage'
import { requestImages } from './request-images'
import { selectValidation } from './selectors'
import type { WorkbenchState } from './store-types'
import { imageUploads } from './upload-gate'
import { useWorkbenchStore } from './workbench-store'

/** What Generate is waiting for: checking the profile, reading the images, or main (uploads included). */
export type SubmitStage = 'checking' | 'preparing' | 'uploading' | 'sending'

export type SubmitState =
  | { readonly status: 'idle' }
  | { readonly status: 'submitting'; readonly stage: SubmitStage }
  | { readonly status: 'submitted'; readonly taskId: string }
  /**
   * A batch (dynamic prompts) went into the profile's queue: its tasks are recorded, and get cards,
   * only as the queue sends them, so until then the bar says how many wait in the queue.
   */
  | { readonly status: 'queued'; readonly taskIds: readonly string[] }
  | { readonly status: 'failed'; readonly code: ErrorCode }
  /** The first upload to this storage destination: the user sees where images go and agrees. */
  | {
      readonly status: 'confirmUpload'
      readonly profile: Profile
      readonly storage: StorageConfig
      readonly keepUploads: boolean
    }
  /** Local images but no storage set up for the profile. */
  | { readonly status: 'needsStorage'; readonly profile: Profile }

/** The same request with another prompt, remembering the template it was expanded from. */
function withPrompt<R extends { params: { prompt: string } }>(
  request: R,
  prompt: string,
  template: string,
): R {
  return { ...request, params: { ...request.params, prompt }, promptTemplate: template }
}

export const errorCodeOf = (error: unknown): ErrorCode =>
  error instanceof BridgeError ? error.code : 'internal'

/** The keep-uploads choice made beside Generate for this profile, else its storage's own setting. */
function keepUploadsFor(state: WorkbenchState, profile: Profile, profileDefault: boolean): boolean {
  const chosen = state.inputOptions.keepUploads
  return chosen?.profileId === profile.id ? chosen.keep : profileDefault
}

/**
 * The workbench to send, whether its uploads stay in the bucket, and the profile whose storage was
 * shown (sent with the request, so a profile switched meanwhile in Settings is not used unseen).
 */
type Clearance =
  | {
      readonly open: true
      readonly state: WorkbenchState
      readonly keepUploads: boolean
      readonly profileId?: string
    }
  | { readonly open: false }

/**
 * Asks the active profile whether the request's images may go out, and answers the workbench as
 * it is once the answer came: edits made while main was asked are sent too. When those edits
 * changed what has to be uploaded (a local file instead of a result), the profile is asked again.
 */
export async function clearUploads(
  client: Client,
  setState: (next: SubmitState) => void,
): Promise<Clearance> {
  let state = useWorkbenchStore.getState()
  for (;;) {
    const uploads = imageUploads(state)
    if (uploads === 'none') return { open: true, state, keepUploads: false }
    setState({ status: 'submitting', stage: 'checking' })
    const gate = await checkUploads(client, useUploadConsents.getState().consents, uploads)
    state = useWorkbenchStore.getState()
    if (imageUploads(state) !== uploads) continue
    switch (gate.kind) {
      case 'needsStorage':
        setState({ status: 'needsStorage', profile: gate.profile })
        return { open: false }
      case 'confirm': {
        const keepUploads = keepUploadsFor(state, gate.profile, gate.storage.keepUploads)
        setState({ status: 'confirmUpload', profile: gate.profile, storage: gate.storage, keepUploads })
        return { open: false }
      }
      case 'open':
        return {
          open: true,
          state,
          keepUploads: keepUploadsFor(state, gate.profile, gate.keepUploadsDefault),
          profileId: gate.profile.id,
        }
    }
  }
}

/**
 * Submits the current mode's request through `tasks.submit`; the tasks of a dynamic-prompts batch
 * go through `queue.submit`. Does nothing while the form is
 * invalid or a submit is in flight, so a held Ctrl+Enter or a double click queues one task, not
 * several. Before local images first go to a storage destination the user is shown where. The
 * stage says whether images are being read or uploaded.
 */
export function useGenerate() {
  const client = useClient()
  const [state, setState] = useState<SubmitState>({ status: 'idle' })
  const inFlight = useRef(false)

  const run = useCallback(async () => {
    if (inFlight.current || !selectValidation(useWorkbenchStore.getState()).valid) return
    inFlight.current = true
    try {
      const cleared = await clearUploads(client, setState)
      if (!cleared.open) return
      const { state: workbench } = cleared
      // Edited into an invalid form while the profile was asked: Generate's reason says why.
      if (!selectValidation(workbench).valid) {
        setState({ status: 'idle' })
        return
      }
      setState({ status: 'submitting', stage: 'preparing' })
      const images = await requestImages(client, workbench.mode, workbench)
      const options = { allowResize: workbench.inputOptions.allowResize, keepUploads: cleared.keepUploads }
      const request = {
        ...buildRequest(workbench.mode, workbench.draft, images, options),
        ...(cleared.profileId === undefined ? {} : { profileId: cleared.profileId }),
        ...nextOrigin(),
      }
      const stage = imageUploads(workbench) === 'local' ? 'uploading' : 'sending'
      setState({ status: 'submitting', stage })
      const template = request.params.prompt
      const expanded = await expandForSubmit(client, template, useDynamicPrompts.getState())
      if (expanded === null) {
        const { taskId } = await client.call('tasks.submit', request)
        setState({ status: 'submitted', taskId })
        return
      }
      const sends = expanded.prompts.map((prompt) => withPrompt(request, prompt, template))
      const [only] = sends
      if (sends.length === 1 && only) {
        const { taskId } = await client.call('tasks.submit', only)
        setState({ status: 'submitted', taskId })
        return
      }
      // A batch goes through the profile's queue (issue 15 §3): sent as the concurrency limit
      // allows, backed off on "too many tasks", and kept across a restart.
      const taskIds: string[] = []
      for (const each of sends) taskIds.push((await client.call('queue.submit', each)).taskId)
      setState({ status: 'queued', taskIds })
    } catch (error) {
      setState({ status: 'failed', code: errorCodeOf(error) })
    } finally {
      inFlight.current = false
    }
  }, [client])

  const generate = useCallback(() => run(), [run])

  /**
   * "Upload and generate": remembered for the destination shown, then the submit starts again, so
   * a destination changed meanwhile is asked about rather than used unseen.
   */
  const confirmUpload = useCallback(() => {
    if (state.status !== 'confirmUpload') return Promise.resolve()
    useUploadConsents.getState().consentTo(state.profile.id, state.storage)
    return run()
  }, [run, state])

  const dismiss = useCallback(() => setState({ status: 'idle' }), [])

  /** After `image_too_large`: let main resize or re-encode, and submit again. */
  const retryWithResize = useCallback(() => {
    useWorkbenchStore.getState().setInputOption('allowResize', true)
    return run()
  }, [run])

  return { state, generate, confirmUpload, dismiss, retryWithResize }
}
