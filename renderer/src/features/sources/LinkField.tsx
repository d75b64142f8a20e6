import { useId, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { parseImageLink } from './picked-image'

interface LinkFieldProps {
  readonly onPick: (url: string) => void
  readonly onClose: () => void
}

/**
 * "Paste link": one URL box, checked as http(s) before it is taken. Not a <form>, because the
 * picker usually sits inside the workbench's form and forms cannot nest.
 */
export function LinkField({ onPick, onClose }: LinkFieldProps) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState('')
  const [invalid, setInvalid] = useState(false)

  const submit = () => {
    const url = parseImageLink(text)
    if (url === null) {
      setInvalid(true)
      return
    }
    onPick(url)
    onClose()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      submit()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
    }
  }

  return (
    <div className="src-link">
      <label htmlFor={id}>{t('sources.link.label')}</label>
      <input
        id={id}
        type="url"
        inputMode="url"
        autoFocus
        placeholder="https://"
        value={text}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${id}-issue` : `${id}-hint`}
        onChange={(event) => {
          setText(event.target.value)
          setInvalid(false)
        }}
        onKeyDown={onKeyDown}
      />
      <button type="button" onClick={submit}>
        {t('sources.link.use')}
      </button>
      <button type="button" onClick={onClose}>
        {t('sources.link.cancel')}
      </button>
      {invalid ? (
        <small id={`${id}-issue`} role="alert" className="src-issue">
          {t('sources.link.invalid')}
        </small>
      ) : (
        <small id={`${id}-hint`} className="src-hint">
          {t('sources.link.hint')}
        </small>
      )}
    </div>
  )
}
