import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { modelFamilies, type ModelFamily } from '#contract'
import { selectPage, usePresetsStore } from './presets-store'

const isFamily = (value: string): value is ModelFamily => (modelFamilies as readonly string[]).includes(value)

/** Search words, tag, family and "favourites only"; main does the filtering. */
export function PresetFilters() {
  const { t } = useTranslation()
  const { text, tag, family, favouriteOnly } = usePresetsStore(
    useShallow((state) => ({
      text: state.text,
      tag: state.tag,
      family: state.family,
      favouriteOnly: state.favouriteOnly,
    })),
  )
  const tags = usePresetsStore(selectPage)?.tags ?? []
  const { setText, setTag, setFamily, setFavouriteOnly } = usePresetsStore.getState()
  return (
    <div className="preset-filters">
      <label>
        {t('presets.filters.search')}
        <input type="search" value={text} onChange={(event) => setText(event.target.value)} />
      </label>
      <label>
        {t('presets.filters.tag')}
        <select value={tag} onChange={(event) => setTag(event.target.value)}>
          <option value="">{t('presets.filters.allTags')}</option>
          {tags.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('presets.filters.family')}
        <select
          value={family}
          onChange={(event) => setFamily(isFamily(event.target.value) ? event.target.value : '')}
        >
          <option value="">{t('presets.filters.allFamilies')}</option>
          {modelFamilies.map((name) => (
            <option key={name} value={name}>
              {t(`presets.families.${name}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="preset-check">
        <input
          type="checkbox"
          checked={favouriteOnly}
          onChange={(event) => setFavouriteOnly(event.target.checked)}
        />
        {t('presets.filters.favouritesOnly')}
      </label>
    </div>
  )
}
