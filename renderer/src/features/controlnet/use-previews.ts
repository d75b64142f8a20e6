import { useCallback, useState } from 'react'
import type { ErrorCode, ImageSource } from '../../../../main/contract'
import { useClient } from '../../app/client-context'
import { BridgeError } from '../../bridge'

export type PreviewState =
  | { readonly status: 'busy' }
  | { readonly status: 'done'; readonly dataUrl: string; readonly width: number; readonly height: number }
  | { readonly status: 'failed'; readonly code: ErrorCode }

/**
 * A preview is a function of the image and the preprocessor, so it is kept under that pair: it
 * follows its unit when units move, and disappears when either changes.
 */
export const previewKey = (source: ImageSource, preprocessor: string) =>
  JSON.stringify([source, preprocessor.trim()])

/**
 * The CNT preview (§13) per image and preprocessor: main runs the tool task and caches its
 * result, which is then fetched as a data: URL. Nothing here spends generation credits.
 */
export function usePreviews() {
  const client = useClient()
  const [previews, setPreviews] = useState<Readonly<Record<string, PreviewState>>>({})

  const run = useCallback(
    async (source: ImageSource, preprocessor: string) => {
      const key = previewKey(source, preprocessor)
      const settle = (state: PreviewState) => setPreviews((all) => ({ ...all, [key]: state }))
      settle({ status: 'busy' })
      try {
        const made = await client.call('tools.previewPreprocessor', { source, preprocessor })
        const { dataUrl } = await client.call('images.get', { cacheKey: made.cacheKey, size: 'full' })
        settle({ status: 'done', dataUrl, width: made.width, height: made.height })
      } catch (error) {
        settle({ status: 'failed', code: error instanceof BridgeError ? error.code : 'internal' })
      }
    },
    [client],
  )

  return { previews, run }
}
