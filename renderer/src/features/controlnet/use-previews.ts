import { useCallback, useState } from 'react'
import type { ErrorCode, ImageSource, Profile, StorageConfig } from '#contract'
import { useClient } from '../../app/client-context'
import { BridgeError } from '../../bridge'
import { checkUploads, useUploadConsents, type ImageUploads } from '../sources'

export type PreviewState =
  | { readonly status: 'busy' }
  | { readonly status: 'done'; readonly dataUrl: string; readonly width: number; readonly height: number }
  | { readonly status: 'failed'; readonly code: ErrorCode }
  /** The image would be the first upload to this storage destination: the user sees where and agrees. */
  | { readonly status: 'confirmUpload'; readonly profile: Profile; readonly storage: StorageConfig }
  /** A local image, and no storage set up for the profile. */
  | { readonly status: 'needsStorage'; readonly profile: Profile }

/** What the preview button of one unit can do with its image and preprocessor. */
export interface PreviewControls {
  readonly previews: Readonly<Record<string, PreviewState>>
  run(source: ImageSource, preprocessor: string): Promise<void>
  /** Remembers the destination the dialog showed, then runs the preview again through the gate. */
  confirmUpload(source: ImageSource, preprocessor: string): Promise<void>
  /** Closes the dialog or the notice; nothing was sent. */
  dismiss(source: ImageSource, preprocessor: string): void
}

/**
 * A preview is a function of the image and the preprocessor, so it is kept under that pair: it
 * follows its unit when units move, and disappears when either changes.
 */
export const previewKey = (source: ImageSource, preprocessor: string) =>
  JSON.stringify([source, preprocessor.trim()])

/** What the preview tool would upload: a local image always, a result only if its link expired. */
const uploadsOf = (source: ImageSource): ImageUploads =>
  source.type === 'cached' ? 'local' : source.type === 'result' ? 'fallback' : 'none'

/**
 * The CNT preview (§13) per image and preprocessor: main runs the tool task and caches its
 * result, which is then fetched as a data: URL. Nothing here spends generation credits. An image
 * that main would upload passes the same gate as Generate first: storage set up, and the user's
 * consent to the destination.
 */
export function usePreviews(): PreviewControls {
  const client = useClient()
  const [previews, setPreviews] = useState<Readonly<Record<string, PreviewState>>>({})

  const settle = useCallback((key: string, state: PreviewState | null) => {
    setPreviews((all) => {
      const { [key]: _settled, ...others } = all
      return state === null ? others : { ...others, [key]: state }
    })
  }, [])

  const run = useCallback(
    async (source: ImageSource, preprocessor: string) => {
      const key = previewKey(source, preprocessor)
      settle(key, { status: 'busy' })
      try {
        const uploads = uploadsOf(source)
        const gate =
          uploads === 'none'
            ? null
            : await checkUploads(client, useUploadConsents.getState().consents, uploads)
        if (gate?.kind === 'needsStorage') {
          settle(key, { status: 'needsStorage', profile: gate.profile })
          return
        }
        if (gate?.kind === 'confirm') {
          settle(key, { status: 'confirmUpload', profile: gate.profile, storage: gate.storage })
          return
        }
        const made = await client.call('tools.previewPreprocessor', { source, preprocessor })
        const { dataUrl } = await client.call('images.get', { cacheKey: made.cacheKey, size: 'full' })
        settle(key, { status: 'done', dataUrl, width: made.width, height: made.height })
      } catch (error) {
        settle(key, { status: 'failed', code: error instanceof BridgeError ? error.code : 'internal' })
      }
    },
    [client, settle],
  )

  const confirmUpload = useCallback(
    (source: ImageSource, preprocessor: string) => {
      const asked = previews[previewKey(source, preprocessor)]
      if (asked?.status !== 'confirmUpload') return Promise.resolve()
      useUploadConsents.getState().consentTo(asked.profile.id, asked.storage)
      return run(source, preprocessor)
    },
    [previews, run],
  )

  const dismiss = useCallback(
    (source: ImageSource, preprocessor: string) => settle(previewKey(source, preprocessor), null),
    [settle],
  )

  return { previews, run, confirmUpload, dismiss }
}
