import { useEffect, useState, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { sdKindNames, taskStatuses, type Profile, type TaskKind, type TaskStatus } from '#contract'
import { bilingual } from '../tools'
import { useClient } from '../../app/client-context'
import {
  historyViews,
  selectFilters,
  selectView,
  useHistoryStore,
  type HistoryFilters,
} from './history-store'

/** Typing settles for this long before the history is asked again. */
const debounceMs = 250

/** A text filter that updates the query once typing pauses. */
function useDebouncedFilter(key: 'text' | 'checkpoint' | 'vae') {
  const current = useHistoryStore((state) => state.filters[key])
  const setFilters = useHistoryStore((state) => state.setFilters)
  const [draft, setDraft] = useState(current)
  const [synced, setSynced] = useState(current)
  // A reset elsewhere (e.g. "clear filters") replaces the draft.
  if (current !== synced) {
    setSynced(current)
    setDraft(current)
  }
  useEffect(() => {
    if (draft === current) return undefined
    const timer = setTimeout(() => setFilters({ [key]: draft }), debounceMs)
    return () => clearTimeout(timer)
  }, [draft, current, key, setFilters])
  return [draft, setDraft] as const
}

const sortChoices = [
  ['createdAt', 'desc'],
  ['createdAt', 'asc'],
  ['updatedAt', 'desc'],
  ['updatedAt', 'asc'],
] as const satisfies readonly (readonly [HistoryFilters['sort'], HistoryFilters['direction']])[]

export function SearchBox({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation()
  const [text, setText] = useDebouncedFilter('text')
  return (
    <input
      ref={inputRef}
      type="search"
      className="history-search"
      aria-label={t('history.search.label')}
      placeholder={t('history.search.placeholder')}
      value={text}
      maxLength={500}
      onChange={(event) => setText(event.target.value)}
    />
  )
}

/** Checkpoint, VAE, status, mode, profile, date range, sort and the list/grid switch. */
export function HistoryFilterBar({
  knownCheckpoints,
  knownVaes,
}: {
  knownCheckpoints: string[]
  knownVaes: string[]
}) {
  const { t, i18n } = useTranslation()
  const client = useClient()
  const filters = useHistoryStore(selectFilters)
  const view = useHistoryStore(selectView)
  const { setFilters, resetFilters, setView } = useHistoryStore.getState()
  const [checkpoint, setCheckpoint] = useDebouncedFilter('checkpoint')
  const [vae, setVae] = useDebouncedFilter('vae')
  const [profiles, setProfiles] = useState<readonly Profile[]>([])
  useEffect(() => {
    client.call('profiles.list', {}).then(
      (answer) => setProfiles(answer.profiles),
      () => setProfiles([]),
    )
  }, [client])

  return (
    <div className="history-filters" role="group" aria-label={t('history.filters.label')}>
      <label>
        {t('history.filters.checkpoint')}
        <input
          list="history-checkpoints"
          value={checkpoint}
          maxLength={256}
          onChange={(event) => setCheckpoint(event.target.value)}
        />
      </label>
      <datalist id="history-checkpoints">
        {knownCheckpoints.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <label>
        {t('history.filters.vae')}
        <input
          list="history-vaes"
          value={vae}
          maxLength={256}
          onChange={(event) => setVae(event.target.value)}
        />
      </label>
      <datalist id="history-vaes">
        {knownVaes.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <label>
        {t('history.filters.status')}
        <select
          value={filters.status}
          onChange={(event) => setFilters({ status: event.target.value as TaskStatus | '' })}
        >
          <option value="">{t('history.filters.any')}</option>
          {taskStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`history.status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('history.filters.mode')}
        <select
          value={filters.kind}
          onChange={(event) => setFilters({ kind: event.target.value as TaskKind | '' })}
        >
          <option value="">{t('history.filters.allModes')}</option>
          {sdKindNames().map(({ kind, name }) => (
            <option key={kind} value={kind}>
              {bilingual(name, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('history.filters.profile')}
        <select value={filters.profileId} onChange={(event) => setFilters({ profileId: event.target.value })}>
          <option value="">{t('history.filters.any')}</option>
          {profiles.map((profile) => (
            <option key={profile.id} value={profile.id}>
              {profile.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('history.filters.from')}
        <input
          type="date"
          value={filters.from}
          onChange={(event) => setFilters({ from: event.target.value })}
        />
      </label>
      <label>
        {t('history.filters.to')}
        <input type="date" value={filters.to} onChange={(event) => setFilters({ to: event.target.value })} />
      </label>
      <label>
        {t('history.sort.label')}
        <select
          value={`${filters.sort}:${filters.direction}`}
          onChange={(event) => {
            const [sort, direction] =
              sortChoices.find(([key, dir]) => `${key}:${dir}` === event.target.value) ?? sortChoices[0]
            setFilters({ sort, direction })
          }}
        >
          {sortChoices.map(([key, dir]) => (
            <option key={`${key}:${dir}`} value={`${key}:${dir}`}>
              {t(`history.sort.${key}.${dir}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={resetFilters}>
        {t('history.filters.clear')}
      </button>
      <div className="history-view-switch" role="group" aria-label={t('history.view.label')}>
        {historyViews.map((name) => (
          <button key={name} type="button" aria-pressed={view === name} onClick={() => setView(name)}>
            {t(`history.view.${name}`)}
          </button>
        ))}
      </div>
    </div>
  )
}
