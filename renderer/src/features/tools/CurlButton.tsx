import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureOf } from './use-run-tool'

type CurlState =
  | { readonly status: 'idle' }
  | { readonly status: 'ready'; readonly curl: string; readonly copied: boolean }
  | { readonly status: 'failed'; readonly message: string }

/**
 * Copy as curl: main builds the exact request (keys as placeholders, never the secret), the
 * command is shown and copied to the clipboard.
 */
export function CurlButton({ preview }: { preview(): Promise<{ curl: string }> | null }) {
  const { t } = useTranslation()
  const [state, setState] = useState<CurlState>({ status: 'idle' })
  const copy = async () => {
    const pending = preview()
    if (pending === null) return
    try {
      const { curl } = await pending
      let copied = true
      try {
        await navigator.clipboard.writeText(curl)
      } catch {
        copied = false
      }
      setState({ status: 'ready', curl, copied })
    } catch (error) {
      const { code, message } = failureOf(error)
      setState({ status: 'failed', message: message || t(`errors.${code}`) })
    }
  }
  return (
    <>
      <button type="button" onClick={() => void copy()}>
        {t('tools.copyCurl')}
      </button>
      {state.status === 'ready' && (
        <div className="tl-curl">
          <p role="status">{state.copied ? t('tools.curlCopied') : t('tools.curlShown')}</p>
          <pre aria-label={t('tools.curlLabel')}>{state.curl}</pre>
        </div>
      )}
      {state.status === 'failed' && (
        <p role="alert" className="tl-issue">
          {state.message}
        </p>
      )}
    </>
  )
}
