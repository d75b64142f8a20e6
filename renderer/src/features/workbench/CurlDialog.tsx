import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorCode } from '#contract'
import { useClient } from '../../app/client-context'
import { Modal } from '../../shared/ui/Modal'
import { buildRequest } from './request'
import { requestImages } from './request-images'
import { errorCodeOf } from './use-generate'
import { useWorkbenchStore } from './workbench-store'

type Preview =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly curl: string }
  | { readonly status: 'failed'; readonly code: ErrorCode }

/**
 * The request a submit of the current mode would send, built by main (`tasks.previewRequest`) from
 * the same request as Generate's, so it is byte for byte what the API client sends, with
 * placeholder credentials. The dialog itself takes focus: Copy is
 * disabled until the preview arrives.
 */
export function CurlDialog({ onClose }: { readonly onClose: () => void }) {
  const { t } = useTranslation()
  const client = useClient()
  const [preview, setPreview] = useState<Preview>({ status: 'loading' })
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle')

  useEffect(() => {
    let current = true
    const store = useWorkbenchStore.getState()
    const options = {
      allowResize: store.inputOptions.allowResize,
      keepUploads: store.inputOptions.keepUploads?.keep ?? false,
    }
    const request = async () => {
      const images = await requestImages(client, store.mode, store)
      return client.call('tasks.previewRequest', buildRequest(store.mode, store.draft, images, options))
    }
    request().then(
      ({ curl }) => current && setPreview({ status: 'ready', curl }),
      (error: unknown) => current && setPreview({ status: 'failed', code: errorCodeOf(error) }),
    )
    return () => {
      current = false
    }
  }, [client])

  const copyCommand = async (curl: string) => {
    try {
      await navigator.clipboard.writeText(curl)
      setCopy('copied')
    } catch {
      setCopy('failed')
    }
  }

  return (
    <Modal
      title={t('workbench.curl.title')}
      description={t('workbench.curl.explain')}
      onCancel={onClose}
      initialFocus="dialog"
      className="wb-dialog"
      backdropClassName="wb-backdrop"
    >
      {preview.status === 'loading' && <p role="status">{t('workbench.curl.loading')}</p>}
      {preview.status === 'failed' && (
        <p role="alert">{t('workbench.curl.failed', { reason: t(`errors.${preview.code}`) })}</p>
      )}
      {preview.status === 'ready' && (
        <pre className="wb-curl" tabIndex={0} aria-label={t('workbench.curl.title')}>
          {preview.curl}
        </pre>
      )}
      <div className="wb-row">
        <button
          type="button"
          disabled={preview.status !== 'ready'}
          onClick={() => preview.status === 'ready' && void copyCommand(preview.curl)}
        >
          {t('workbench.curl.copy')}
        </button>
        <button type="button" onClick={onClose}>
          {t('workbench.curl.close')}
        </button>
        <span role="status">
          {copy === 'copied' && t('workbench.curl.copied')}
          {copy === 'failed' && t('workbench.curl.copyFailed')}
        </span>
      </div>
    </Modal>
  )
}
