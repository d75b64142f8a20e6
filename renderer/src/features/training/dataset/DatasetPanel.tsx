import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useTrainingStore } from '../training-store'
import { datasetLimits } from './dataset-check'
import type { DatasetCheck } from './dataset-types'
import { DatasetGrid } from './DatasetGrid'
import { droppedFiles, namedFiles } from './read-dataset'
import { useAddImages } from './use-add-images'

/** A folder picker: the attribute is not in React's typings, so it is passed as a plain prop. */
const folderPicker = { webkitdirectory: '', directory: '' } as Record<string, string>

function PickButton({
  label,
  folder,
  onFiles,
}: {
  label: string
  folder: boolean
  onFiles(files: File[]): void
}) {
  return (
    <label className="file-button">
      {label}
      <input
        type="file"
        multiple
        accept={folder ? undefined : 'image/*'}
        aria-label={label}
        {...(folder ? folderPicker : {})}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])]
          event.target.value = ''
          onFiles(files)
        }}
      />
    </label>
  )
}

/**
 * Step 1: the pictures to train on, from a folder, a file picker or a drop. Each is read into the
 * image cache here (nothing is uploaded yet) and every problem is named before Submit is possible.
 */
export function DatasetPanel({ check }: { readonly check: DatasetCheck }) {
  const { t } = useTranslation()
  const images = useTrainingStore((state) => state.images)
  const skipped = useTrainingStore((state) => state.skipped)
  const removeImage = useTrainingStore((state) => state.removeImage)
  const clearImages = useTrainingStore((state) => state.clearImages)
  const addImages = useAddImages()
  const [over, setOver] = useState(false)
  const add = (picked: { files: Parameters<typeof addImages>[0]; skipped: number }) =>
    void addImages(picked.files, picked.skipped)

  return (
    <section className="tr-step" aria-labelledby="tr-dataset-title">
      <h3 id="tr-dataset-title">{t('training.dataset.title')}</h3>
      <p className="tr-hint">{t('training.dataset.explain', datasetLimits)}</p>
      <div
        className="tr-drop"
        data-over={over || undefined}
        onDragOver={(event) => {
          event.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault()
          setOver(false)
          void droppedFiles(event.dataTransfer).then(add)
        }}
      >
        <span>{t('training.dataset.drop')}</span>
        <PickButton
          label={t('training.dataset.pickFolder')}
          folder
          onFiles={(files) => add(namedFiles(files))}
        />
        <PickButton
          label={t('training.dataset.pickFiles')}
          folder={false}
          onFiles={(files) => add(namedFiles(files))}
        />
        {images.length > 0 && (
          <button type="button" onClick={clearImages}>
            {t('training.dataset.clear')}
          </button>
        )}
      </div>
      <p className="tr-count" aria-live="polite">
        {t('training.dataset.count', { count: check.usable.length })}
        {skipped > 0 && ` · ${t('training.dataset.skipped', { count: skipped })}`}
      </p>
      {check.problems.length > 0 && images.length > 0 && (
        <ul className="tr-problems" aria-label={t('training.dataset.problems')}>
          {check.problems.map((problem) => (
            <li key={problem.kind}>{t(`training.dataset.set.${problem.kind}`, problem)}</li>
          ))}
        </ul>
      )}
      {images.length > 0 && <DatasetGrid images={images} byImage={check.byImage} onRemove={removeImage} />}
    </section>
  )
}
