import { useTranslation } from 'react-i18next'
import { taskText } from '#contract'
import { changedFields, diffWords, type CompareItem } from './param-diff'

/** A prompt's words as they changed: removed struck through, added underlined. */
function WordDiff({ label, before, after }: { label: string; before: string; after: string }) {
  const { t } = useTranslation()
  const parts = diffWords(before, after)
  return (
    <div className="viewer-word-diff">
      <h5>{label}</h5>
      {before === after ? (
        <p className="viewer-muted">{t('viewer.diff.same')}</p>
      ) : (
        <p>
          {parts.map((part, index) =>
            part.kind === 'same' ? (
              <span key={index}>{part.text}</span>
            ) : part.kind === 'added' ? (
              <ins key={index} aria-label={t('viewer.diff.added', { text: part.text })}>
                {part.text}
              </ins>
            ) : (
              <del key={index} aria-label={t('viewer.diff.removed', { text: part.text })}>
                {part.text}
              </del>
            ),
          )}
        </p>
      )}
    </div>
  )
}

/** What differs between two results: each changed setting in words, and the prompts word by word. */
export function ParamDiff({ a, b }: { readonly a: CompareItem; readonly b: CompareItem }) {
  const { t } = useTranslation()
  const unknown = a.record.paramsUnknown === true || b.record.paramsUnknown === true
  if (unknown) return <p className="viewer-muted">{t('viewer.paramsUnknown')}</p>
  const changes = changedFields(a, b)
  return (
    <section className="viewer-diff" aria-label={t('viewer.diff.title')}>
      <h4>{t('viewer.diff.title')}</h4>
      {changes.length === 0 ? (
        <p>{t('viewer.diff.noSettings')}</p>
      ) : (
        <ul data-testid="compare-changes">
          {changes.map((change) => (
            <li key={change.field}>
              {t('viewer.diff.changed', {
                field: t(`viewer.fields.${change.field}`),
                before: change.field === 'kind' ? t(`viewer.kinds.${change.before}`) : change.before,
                after: change.field === 'kind' ? t(`viewer.kinds.${change.after}`) : change.after,
              })}
            </li>
          ))}
        </ul>
      )}
      <WordDiff
        label={t('viewer.diff.prompt')}
        before={taskText(a.record).prompt}
        after={taskText(b.record).prompt}
      />
      <WordDiff
        label={t('viewer.diff.negative')}
        before={taskText(a.record).negative}
        after={taskText(b.record).negative}
      />
    </section>
  )
}
