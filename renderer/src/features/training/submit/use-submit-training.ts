import { useCallback, useState } from 'react'
import type { ErrorCode, Profile, StorageConfig } from '#contract'
import { useClient } from '../../../app/client-context'
import type { Client } from '../../../bridge'
import { checkUploads, useUploadConsents } from '../../sources'
import { failureOf, readForm, type FieldIssue } from '../../tools'
import type { DatasetCheck } from '../dataset/dataset-types'
import { settingsFields, splitTriggerWords } from '../settings/training-form'
import { useTrainingStore } from '../training-store'

/** Before and after Submit: waiting on the user about uploads, sending, or what went wrong. */
export type SubmitState =
  | { readonly status: 'idle' }
  | { readonly status: 'sending' }
  | { readonly status: 'failed'; readonly code: ErrorCode; readonly message: string }
  | { readonly status: 'confirmUpload'; readonly profile: Profile; readonly storage: StorageConfig }
  | { readonly status: 'needsStorage'; readonly profile: Profile }
  | { readonly status: 'sent'; readonly taskId: string; readonly linkLifetimeShort: boolean }

/** The upload gate for the active profile, as the img2img inputs pass it; null when open. */
async function uploadGate(client: Client, consented: boolean): Promise<SubmitState | null> {
  const consents = useUploadConsents.getState()
  const gate = await checkUploads(client, consents.consents, 'local')
  if (gate.kind === 'needsStorage') return { status: 'needsStorage', profile: gate.profile }
  if (gate.kind === 'confirm') {
    if (!consented) return { status: 'confirmUpload', profile: gate.profile, storage: gate.storage }
    consents.consentTo(gate.profile.id, gate.storage)
  }
  return null
}

/**
 * Submit for the Training screen: the form checked against the row (issues named by field), the
 * dataset's checks, the upload gate (storage set up, consent per destination), then
 * `training.submit`, which records the job before anything leaves the machine.
 */
export function useSubmitTraining(check: DatasetCheck) {
  const client = useClient()
  const [state, setState] = useState<SubmitState>({ status: 'idle' })
  const [issues, setIssues] = useState<Readonly<Record<string, FieldIssue>>>({})

  const submit = useCallback(
    async (consented = false) => {
      const draft = useTrainingStore.getState()
      const read = readForm(settingsFields, draft.values)
      setIssues(read.ok ? {} : read.issues)
      if (!read.ok || !check.ok) return
      setState({ status: 'sending' })
      try {
        const gate = await uploadGate(client, consented)
        if (gate) {
          setState(gate)
          return
        }
        const hint = draft.loraHint.trim()
        const sent = await client.call('training.submit', {
          datasetCacheKeys: check.usable.flatMap((image) => (image.cacheKey ? [image.cacheKey] : [])),
          params: { ...read.input.body },
          ...(draft.startingPoint ? { start: draft.startingPoint } : {}),
          triggerWords: splitTriggerWords(draft.triggerWords),
          ...(hint ? { loraHint: hint } : {}),
          keepUploads: draft.keepUploads,
          linkLifetimeDays: draft.linkLifetimeDays,
        })
        setState({ status: 'sent', ...sent })
      } catch (error) {
        setState({ status: 'failed', ...failureOf(error) })
      }
    },
    [client, check],
  )
  const dismiss = useCallback(() => setState({ status: 'idle' }), [])
  return { state, issues, submit, dismiss }
}
