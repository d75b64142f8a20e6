import { useTranslation } from 'react-i18next'
import type { ModelHashNote } from './hash-match'

/**
 * What a pasted A1111 text did: the fields were filled, and how its `Model hash` was matched — by
 * hash to a synced model, or (an old 8-digit hash, or a hash no listed model has) by name only.
 */
export function PasteNotice({ note }: { readonly note: ModelHashNote | null }) {
  const { t } = useTranslation()
  const match = note?.match
  const hashLine =
    note === null || match === undefined
      ? null
      : match.outcome === 'matched'
        ? t('workbench.paste.hashMatched', { hash: note.hash, name: match.fileName })
        : match.outcome === 'legacy'
          ? t('workbench.paste.hashLegacy', { hash: note.hash })
          : match.listHasHashes
            ? t('workbench.paste.hashUnknown', { hash: note.hash })
            : t('workbench.paste.hashNotListed', { hash: note.hash })
  return (
    <p role="status" className="wb-hint">
      {t('workbench.paste.filled')}
      {hashLine !== null && ` ${hashLine}`}
    </p>
  )
}
