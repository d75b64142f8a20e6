import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { acceptedImageTypes } from './image-bytes'
import { LinkField } from './LinkField'
import type { PickedImage } from './picked-image'
import { SlotStorageNotice } from './SlotStorageNotice'
import { useSlotActions } from './slot-actions'
import { SourcePreview } from './SourcePreview'
import { failureText, progressText } from './source-text'
import { lacksImageStorage } from './upload-gate'
import { useActiveProfile } from './use-active-profile'
import { useImageSource } from './use-image-source'
import { imageSourceSlotAttribute, useSlotEvents } from './use-slot-events'
import './sources.css'

export interface ImageSourcePickerProps {
  /** The slot's name ("Source image", "Control image"): the group's legend and the controls' context. */
  readonly label: string
  readonly value: PickedImage | null
  readonly onChange: (next: PickedImage | null) => void
  /** Shown in the empty slot instead of the default hint (ControlNet: "uses the base image"). */
  readonly emptyHint?: string
}

/**
 * One input image slot: choose a file, drop a file or a result, paste an image or a link when the
 * slot has focus, or type a link. Controlled: the parent keeps the PickedImage. A local image on a
 * profile without image storage is flagged here, where it was chosen.
 */
export function ImageSourcePicker({ label, value, onChange, emptyHint }: ImageSourcePickerProps) {
  const { t } = useTranslation()
  const id = useId()
  const fileInput = useRef<HTMLInputElement>(null)
  const linkButton = useRef<HTMLButtonElement>(null)
  const [linkOpen, setLinkOpen] = useState(false)
  const { state, pickFile, pickResult, pickLink, clear, fail } = useImageSource(onChange)
  const { dragging, handlers } = useSlotEvents({
    pickFile: (file) => void pickFile(file),
    pickResult: (result) => void pickResult(result),
    pickLink,
    refuse: () => fail('', 'not_an_image'),
  })
  const { onPaste, ...dropHandlers } = handlers
  const progress = progressText(t, state)
  const profile = useActiveProfile(value?.needsUpload === true)
  const busy = state.status !== 'idle' && state.status !== 'failed'
  const slotActions = useSlotActions()

  return (
    <fieldset
      className="src-picker"
      {...{ [imageSourceSlotAttribute]: '' }}
      data-dragging={dragging || undefined}
      aria-busy={busy || undefined}
      {...dropHandlers}
    >
      <legend>{label}</legend>
      <div
        className="src-slot"
        tabIndex={0}
        role="group"
        aria-label={t('sources.slot', { label })}
        aria-describedby={`${id}-hint`}
        onPaste={onPaste}
      >
        {value ? (
          <SourcePreview image={value} />
        ) : (
          <p className="src-empty">{emptyHint ?? t('sources.empty')}</p>
        )}
        <small id={`${id}-hint`} className="src-hint">
          {dragging ? t('sources.dropNow') : t('sources.hint')}
        </small>
      </div>
      {profile && lacksImageStorage(profile) && <SlotStorageNotice profile={profile} />}
      <div className="src-actions">
        <button type="button" disabled={busy} onClick={() => fileInput.current?.click()}>
          {t('sources.chooseFile')}
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          accept={acceptedImageTypes}
          aria-label={t('sources.fileInput', { label })}
          onChange={(event) => {
            const file = event.target.files?.[0]
            // Cleared so choosing the same file again picks it again.
            event.target.value = ''
            if (file) void pickFile(file)
          }}
        />
        <button
          ref={linkButton}
          type="button"
          aria-expanded={linkOpen}
          onClick={() => setLinkOpen(!linkOpen)}
        >
          {t('sources.link.open')}
        </button>
        {value && (
          <button type="button" onClick={clear}>
            {t('sources.clear')}
          </button>
        )}
        {value && slotActions?.(value)}
      </div>
      {linkOpen && (
        <LinkField
          onPick={pickLink}
          onClose={() => {
            setLinkOpen(false)
            // The box is going away; without this, keyboard focus would drop to the page.
            linkButton.current?.focus()
          }}
        />
      )}
      <p role="status" className="src-hint">
        {progress}
        {state.status === 'reading' && (
          <progress max={1} value={state.fraction} aria-label={t('sources.status.progress')} />
        )}
      </p>
      {state.status === 'failed' && (
        <p role="alert" className="src-issue">
          {failureText(t, state)}
        </p>
      )}
    </fieldset>
  )
}
