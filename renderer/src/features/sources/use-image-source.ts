import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorCode } from '#contract'
import { useClient } from '../../app/client-context'
import { BridgeError, type Client } from '../../bridge'
import { dataUrlHead, imageSizeOf } from './image-bytes'
import { pickedFromLink, shortTaskId, type PickedImage, type ResultDrag } from './picked-image'
import { readImageFile, type ReadFailure } from './read-image-file'

/** `not_an_image`: a drop or paste that carried neither an image, a result nor a link. */
export type SourceFailure = ReadFailure | 'import_failed' | 'not_an_image'

export type PickState =
  | { readonly status: 'idle' }
  | { readonly status: 'reading'; readonly file: string; readonly fraction: number }
  | { readonly status: 'importing'; readonly file: string }
  | { readonly status: 'loading'; readonly file: string }
  | {
      readonly status: 'failed'
      readonly file: string
      readonly reason: SourceFailure
      readonly code?: ErrorCode
    }

type ImportOutcome =
  { ok: true; picked: PickedImage } | { ok: false; reason: SourceFailure; code?: ErrorCode }

/** Main refuses what it cannot read with `invalid_request` and a reason; those read as local failures. */
function importFailure(error: unknown): Extract<ImportOutcome, { ok: false }> {
  if (!(error instanceof BridgeError)) return { ok: false, reason: 'import_failed', code: 'internal' }
  const reason = error.details?.reason
  if (error.code === 'invalid_request' && reason === 'not_an_image')
    return { ok: false, reason: 'wrong_type' }
  if (error.code === 'invalid_request' && reason === 'unreadable') return { ok: false, reason: 'unreadable' }
  if (error.code === 'image_too_large') return { ok: false, reason: 'too_large' }
  return { ok: false, reason: 'import_failed', code: error.code }
}

async function importBytes(client: Client, base64: string, dataUrl: string, label: string) {
  try {
    const imported = await client.call('images.import', { base64 })
    const picked: PickedImage = {
      source: { type: 'cached', cacheKey: imported.cacheKey },
      previewUrl: dataUrl,
      width: imported.width,
      height: imported.height,
      label,
      needsUpload: true,
    }
    return { ok: true, picked } satisfies ImportOutcome
  } catch (error) {
    return importFailure(error)
  }
}

/** A result's full image from the cache, or null when it is not there (the source still works). */
async function resultPreview(client: Client, cacheKey: string | null) {
  if (cacheKey === null) return null
  try {
    return (await client.call('images.get', { cacheKey, size: 'full' })).dataUrl
  } catch {
    return null
  }
}

/**
 * Turns what the user brings (a file, a clipboard image, a dropped result, a pasted link) into a
 * PickedImage. Local bytes go to main's image cache; only the latest pick's answer is applied, so a
 * slow import of an earlier file cannot replace a later choice.
 */
export function useImageSource(onChange: (next: PickedImage | null) => void) {
  const client = useClient()
  const { t } = useTranslation()
  const [state, setState] = useState<PickState>({ status: 'idle' })
  const latest = useRef(0)

  const pickFile = useCallback(
    async (file: File) => {
      const ticket = ++latest.current
      const name = file.name || t('sources.pastedImage')
      setState({ status: 'reading', file: name, fraction: 0 })
      const read = await readImageFile(file, (fraction) => {
        if (ticket === latest.current) setState({ status: 'reading', file: name, fraction })
      })
      if (ticket !== latest.current) return
      if (!read.ok) {
        setState({ status: 'failed', file: name, reason: read.reason })
        return
      }
      setState({ status: 'importing', file: name })
      const outcome = await importBytes(client, read.base64, read.dataUrl, name)
      if (ticket !== latest.current) return
      if (outcome.ok) {
        setState({ status: 'idle' })
        onChange(outcome.picked)
      } else {
        setState({ status: 'failed', file: name, reason: outcome.reason, code: outcome.code })
      }
    },
    [client, onChange, t],
  )

  const pickResult = useCallback(
    async ({ taskId, index, cacheKey }: ResultDrag) => {
      const ticket = ++latest.current
      const label = t('sources.resultLabel', { task: shortTaskId(taskId), number: index + 1 })
      setState({ status: 'loading', file: label })
      const previewUrl = await resultPreview(client, cacheKey)
      if (ticket !== latest.current) return
      const size = previewUrl === null ? null : imageSizeOf(dataUrlHead(previewUrl))
      setState({ status: 'idle' })
      onChange({
        source: { type: 'result', taskId, index },
        previewUrl,
        width: size?.width ?? null,
        height: size?.height ?? null,
        label,
        needsUpload: false,
      })
    },
    [client, onChange, t],
  )

  const pickLink = useCallback(
    (url: string) => {
      latest.current += 1
      setState({ status: 'idle' })
      onChange(pickedFromLink(url))
    },
    [onChange],
  )

  const clear = useCallback(() => {
    latest.current += 1
    setState({ status: 'idle' })
    onChange(null)
  }, [onChange])

  const fail = useCallback((file: string, reason: SourceFailure) => {
    latest.current += 1
    setState({ status: 'failed', file, reason })
  }, [])

  return { state, pickFile, pickResult, pickLink, clear, fail }
}
