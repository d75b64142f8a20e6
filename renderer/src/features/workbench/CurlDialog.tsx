import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorCode } from '../../../../main/contract'
import { useClient } from '../../app/client-context'
import { errorCodeOf } from './use-generate'
import { useWorkbenchStore } from './workbench-store'

type Preview =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly curl: string }
  | { readonly status: 'failed'; readonly code: ErrorCode }

const focusable = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('button, [tabindex="0"]')].filter(
    (element) => !element.hasAttribute('disabled'),
  )

/**
 * The request a submit would send, built by main (`tasks.previewRequest`) so it is byte for byte
 * what the API client sends, with placeholder credentials. Modal: Tab stays inside, Escape closes.
 */
export function CurlDialog({ onClose }: { readonly onClose: () => void }) {
  const { t } = useTranslation()
  const client = useClient()
  const id = useId()
  const dialog = useRef<HTMLDivElement>(null)
  const [preview, setPreview] = useState<Preview>({ status: 'loading' })
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle')

  useEffect(() => {
    let current = true
    const params = useWorkbenchStore.getState().draft
    client.call('tasks.previewRequest', { params }).then(
      ({ curl }) => current && setPreview({ status: 'ready', curl }),
      (error: unknown) => current && setPreview({ status: 'failed', code: errorCodeOf(error) }),
    )
    dialog.current?.focus()
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

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      onClose()
    } else if (event.key === 'Tab' && dialog.current) {
      const items = focusable(dialog.current)
      const first = items[0]
      const last = items.at(-1)
      if (event.shiftKey && document.activeElement === first) last?.focus()
      else if (!event.shiftKey && document.activeElement === last) first?.focus()
      else return
      event.preventDefault()
    }
  }

  return (
    <div className="wb-backdrop">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-explain`}
        tabIndex={-1}
        className="wb-dialog"
        onKeyDown={onKeyDown}
      >
        <h3 id={`${id}-title`}>{t('workbench.curl.title')}</h3>
        <p id={`${id}-explain`}>{t('workbench.curl.explain')}</p>
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
      </div>
    </div>
  )
}
