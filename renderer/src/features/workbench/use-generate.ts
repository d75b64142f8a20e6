import { useCallback, useRef, useState } from 'react'
import type { ErrorCode, Profile, StorageConfig } from '../../../../main/contract'
import { useClient } from '../../app/client-context'
import { BridgeError, type Client } from '../../bridge'
import { buildRequest } from './request'
import { requestImages } from './request-images'
import { selectValidation } from './selectors'
import type { WorkbenchState } from './store-types'
import { activeProfile, imageUploads, uploadGate } from './upload-gate'
import { useWorkbenchStore } from './workbench-store'

/** What Generate is waiting for: checking the profile, reading the images, or main (uploads included). */
export type SubmitStage = 'checking' | 'preparing' | 'uploading' | 'sending'

export type SubmitState =
  | { readonly status: 'idle' }
  | { readonly status: 'submitting'; readonly stage: SubmitStage }
  | { readonly status: 'submitted'; readonly taskId: string }
  | { readonly status: 'failed'; readonly code: ErrorCode }
  /** The first upload to this profile's storage: the user sees where images go and agrees. */
  | { readonly status: 'confirmUpload'; readonly profile: Profile; readonly storage: StorageConfig }
  /** Local images but no storage set up for the profile. */
  | { readonly status: 'needsStorage'; readonly profile: Profile }

export const errorCodeOf = (error: unknown): ErrorCode =>
  error instanceof BridgeError ? error.code : 'internal'

type Gate = { readonly open: true; readonly keepUploads: boolean } | { readonly open: false }

/** Asks the profile whether local images may go out now; says why not through `setState`. */
async function checkUploads(
  client: Client,
  state: WorkbenchState,
  confirmed: boolean,
  setState: (next: SubmitState) => void,
): Promise<Gate> {
  const uploads = imageUploads(state)
  if (uploads === 'none') return { open: true, keepUploads: false }
  setState({ status: 'submitting', stage: 'checking' })
  const profile = await activeProfile(client)
  if (profile === null) throw new BridgeError({ code: 'not_found', message: 'No active profile.' })
  const gate = uploadGate(profile, state.uploadConsents, uploads)
  if (gate.kind === 'needsStorage') {
    setState({ status: 'needsStorage', profile })
    return { open: false }
  }
  if (gate.kind === 'confirm' && !confirmed) {
    setState({ status: 'confirmUpload', profile, storage: gate.storage })
    return { open: false }
  }
  const profileDefault = gate.kind === 'open' ? gate.keepUploadsDefault : gate.storage.keepUploads
  const chosen = state.inputOptions.keepUploads
  return { open: true, keepUploads: chosen?.profileId === profile.id ? chosen.keep : profileDefault }
}

/**
 * Submits the current mode's request through `tasks.submit`. Does nothing while the form is
 * invalid or a submit is in flight, so a held Ctrl+Enter or a double click queues one task, not
 * several. Before local images first go to a profile's storage the user is shown where (once per
 * profile and bucket); the stage says whether images are being read or uploaded.
 */
export function useGenerate() {
  const client = useClient()
  const [state, setState] = useState<SubmitState>({ status: 'idle' })
  const inFlight = useRef(false)

  const run = useCallback(
    async (confirmed: boolean) => {
      const store = useWorkbenchStore.getState()
      if (inFlight.current || !selectValidation(store).valid) return
      inFlight.current = true
      try {
        const gate = await checkUploads(client, store, confirmed, setState)
        if (!gate.open) return
        setState({ status: 'submitting', stage: 'preparing' })
        const images = await requestImages(client, store.mode, store)
        const options = { allowResize: store.inputOptions.allowResize, keepUploads: gate.keepUploads }
        const request = buildRequest(store.mode, store.draft, images, options)
        setState({ status: 'submitting', stage: imageUploads(store) === 'local' ? 'uploading' : 'sending' })
        const { taskId } = await client.call('tasks.submit', request)
        setState({ status: 'submitted', taskId })
      } catch (error) {
        setState({ status: 'failed', code: errorCodeOf(error) })
      } finally {
        inFlight.current = false
      }
    },
    [client],
  )

  const generate = useCallback(() => run(false), [run])

  /** "Upload and generate": remembered for this profile and bucket, then the submit goes on. */
  const confirmUpload = useCallback(() => {
    if (state.status !== 'confirmUpload') return Promise.resolve()
    useWorkbenchStore.getState().consentToUploads(state.profile.id, state.storage.bucket)
    return run(true)
  }, [run, state])

  const dismiss = useCallback(() => setState({ status: 'idle' }), [])

  /** After `image_too_large`: let main resize or re-encode, and submit again. */
  const retryWithResize = useCallback(() => {
    useWorkbenchStore.getState().setInputOption('allowResize', true)
    return run(false)
  }, [run])

  return { state, generate, confirmUpload, dismiss, retryWithResize }
}
