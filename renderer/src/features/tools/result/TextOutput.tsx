import { useTranslation } from 'react-i18next'

/** Where a text result goes in the workbench: replacing its prompt, or after it. */
export type PromptUse = 'replace' | 'append'

interface TextOutputProps {
  /** What the text is ("Caption", "Prompt 2"), for its heading and its buttons' names. */
  readonly label: string
  readonly text: string
  onUse(text: string, use: PromptUse): void
}

/**
 * A caption, an expanded prompt or a style, as selectable text with Use as prompt / Append. The
 * text came from the network: React renders it as text, never as markup.
 */
export function TextOutput({ label, text, onUse }: TextOutputProps) {
  const { t } = useTranslation()
  return (
    <figure className="tl-text" aria-label={label}>
      <figcaption>{label}</figcaption>
      <p className="tl-text-body">{text}</p>
      <div className="tl-actions">
        <button
          type="button"
          aria-label={t('tools.result.useAsPromptOf', { label })}
          onClick={() => onUse(text, 'replace')}
        >
          {t('tools.result.useAsPrompt')}
        </button>
        <button
          type="button"
          aria-label={t('tools.result.appendOf', { label })}
          onClick={() => onUse(text, 'append')}
        >
          {t('tools.result.append')}
        </button>
      </div>
    </figure>
  )
}

/** The prompt after a text result is used: replaced by it, or with it after a comma. */
export function joinPrompt(current: string, text: string, use: PromptUse): string {
  if (use === 'replace' || current.trim() === '') return text
  return `${current.trimEnd().replace(/,$/, '')}, ${text}`
}
