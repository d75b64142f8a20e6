import { useTranslation } from 'react-i18next'
import { NumberField } from './Fields'
import { selectLastSeed, selectSeedMode } from './selectors'
import { seedModes } from './store-types'
import { useWorkbenchStore } from './workbench-store'

/** Seed with A1111's dice (-1) and recycle (last seed) buttons, and the three seed modes. */
export function SeedGroup() {
  const { t } = useTranslation()
  const seed = useWorkbenchStore((state) => state.draft.seed)
  const mode = useWorkbenchStore(selectSeedMode)
  const lastSeed = useWorkbenchStore(selectLastSeed)
  const setSeed = useWorkbenchStore((state) => state.setSeed)
  const setSeedMode = useWorkbenchStore((state) => state.setSeedMode)
  const randomizeSeed = useWorkbenchStore((state) => state.randomizeSeed)
  const recycleLastSeed = useWorkbenchStore((state) => state.recycleLastSeed)
  return (
    <fieldset className="wb-group">
      <legend>{t('workbench.groups.seed')}</legend>
      <div role="radiogroup" aria-label={t('workbench.seed.mode')} className="wb-segmented">
        {seedModes.map((name) => (
          <label key={name}>
            <input
              type="radio"
              name="wb-seed-mode"
              checked={mode === name}
              onChange={() => setSeedMode(name)}
            />
            {t(`workbench.seed.${name}`)}
          </label>
        ))}
      </div>
      <NumberField
        label={t('workbench.fields.seed')}
        path="seed"
        value={seed}
        hint={t('workbench.seed.hint')}
        onChange={setSeed}
        addon={
          <>
            <button
              type="button"
              className="wb-icon"
              aria-label={t('workbench.seed.dice')}
              title={t('workbench.seed.dice')}
              onClick={randomizeSeed}
            >
              <span aria-hidden="true">⚄</span>
            </button>
            <button
              type="button"
              className="wb-icon"
              aria-label={t('workbench.seed.recycle')}
              title={t('workbench.seed.recycle')}
              disabled={lastSeed === null}
              onClick={recycleLastSeed}
            >
              <span aria-hidden="true">♻</span>
            </button>
          </>
        }
      />
      <small className="wb-hint">
        {lastSeed === null
          ? t('workbench.seed.noLastSeed')
          : t('workbench.seed.lastSeed', { seed: lastSeed })}
      </small>
    </fieldset>
  )
}
