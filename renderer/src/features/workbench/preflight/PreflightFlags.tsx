import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useWorkbenchStore } from '../workbench-store'
import { listOf, preflightNames, replaceAt, type NameFlag, type NameKind } from './preflight'
import './preflight.css'

/** Puts a suggestion where the flagged name is: the checkpoint or VAE field, or the prompt text. */
function useApplySuggestion() {
  const setScript = useWorkbenchStore((state) => state.setScript)
  const setParam = useWorkbenchStore((state) => state.setParam)
  return (flag: NameFlag, name: string) => {
    if (flag.kind === 'checkpoint') setScript('sd_model_checkpoint', name)
    else if (flag.kind === 'vae') setScript('sd_vae', name)
    else if (flag.at) {
      const text = useWorkbenchStore.getState().draft[flag.at.prompt] ?? ''
      setParam(flag.at.prompt, replaceAt(text, flag.at, name))
    }
  }
}

/**
 * The pre-flight check of the names a request would send, shown where they are typed: a name the
 * synced lists do not hold (or a preset the server no longer lists) is flagged with the nearest
 * listed names, each a button that puts it in place. It does not block Generate: a list may be
 * out of date, and the service has the last word.
 */
export function PreflightFlags({ kinds }: { readonly kinds: readonly NameKind[] }) {
  const { t } = useTranslation()
  const draft = useWorkbenchStore((state) => state.draft)
  const assets = useWorkbenchStore((state) => state.assets)
  const missing = useWorkbenchStore((state) => state.missingOnServer)
  const hashes = useWorkbenchStore((state) => state.assetHashes)
  const apply = useApplySuggestion()
  const flags = useMemo(
    () => preflightNames(draft, assets, missing).filter((flag) => kinds.includes(flag.kind)),
    [draft, assets, missing, kinds],
  )
  if (flags.length === 0) return null
  return (
    <ul className="wb-preflight" aria-label={t('workbench.preflight.label')}>
      {flags.map((flag) => (
        <li key={`${flag.kind}-${flag.name}-${flag.at?.prompt ?? ''}-${flag.at?.from ?? 0}`} role="note">
          <span className="wb-preflight-problem">
            {t(`workbench.preflight.${flag.problem}`, {
              kind: t(`workbench.preflight.kind.${flag.kind}`),
              name: flag.name,
            })}
          </span>
          {flag.suggestions.length > 0 && (
            <span className="wb-preflight-suggestions">
              {t('workbench.preflight.didYouMean')}
              {flag.suggestions.map((name) => (
                <button key={name} type="button" className="wb-chip" onClick={() => apply(flag, name)}>
                  {name}
                </button>
              ))}
              {Object.keys(hashes[listOf[flag.kind]]).length === 0 && (
                <span className="wb-preflight-how">
                  {t('workbench.preflight.byName', { kind: t(`workbench.preflight.kind.${flag.kind}`) })}
                </span>
              )}
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}
