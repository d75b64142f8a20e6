import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  historyPageLimit,
  isSdTask,
  type ErrorShape,
  type HistoryQueryInput,
  type TaskRecord,
} from '#contract'
import type { Client } from '../../bridge'
import { toErrorShape } from './history-store'

/** Rows per `history.list` call while scrolling. */
export const historyPageSize = 100
/** Pages kept in memory (4,000 tasks); the ones farthest from the view are dropped first. */
const maxCachedPages = 40

interface PagesState {
  /** Bumped on every new query or refresh; answers for an older one are dropped. */
  readonly generation: number
  readonly total: number | null
  readonly pages: ReadonlyMap<number, readonly TaskRecord[]>
  readonly error: ErrorShape | null
}

export interface HistoryPages {
  /** Tasks matching the query; null until the first page arrived. */
  readonly total: number | null
  readonly error: ErrorShape | null
  /** Checkpoint and VAE names among the loaded tasks, as suggestions for the filters. */
  readonly knownNames: { readonly checkpoints: string[]; readonly vaes: string[] }
  /** The task at a position, when its page is loaded. */
  recordAt(index: number): TaskRecord | undefined
  /** Loads the pages holding rows `start`…`end` (the visible ones), if not loaded or loading. */
  ensureRange(start: number, end: number): void
  /** Reloads what is shown, keeping the old rows on screen until the new ones arrive. */
  refresh(): void
  /** Puts a changed task in place when it is loaded; answers whether it was. */
  replace(record: TaskRecord): boolean
  /** Ids of rows `start`…`end` (inclusive), loading pages as needed. */
  idsInRange(start: number, end: number): Promise<string[]>
  /** Every id the query matches, page by page (for an action on "all"). */
  allIds(limit: number): Promise<string[]>
}

const pageOf = (index: number) => Math.floor(index / historyPageSize)

/** The page numbers covering rows `start`…`end`. */
const pagesIn = ([start, end]: readonly [number, number]) =>
  Array.from({ length: pageOf(end) - pageOf(start) + 1 }, (_, offset) => pageOf(start) + offset)

const maxSuggestions = 200

function namesIn(pages: ReadonlyMap<number, readonly TaskRecord[]>) {
  const checkpoints = new Set<string>()
  const vaes = new Set<string>()
  for (const items of pages.values()) {
    for (const record of items) {
      if (record.paramsUnknown === true || !isSdTask(record)) continue
      const { params } = record
      if (checkpoints.size < maxSuggestions) checkpoints.add(params.alwayson_scripts.sd_model_checkpoint)
      const vae = params.alwayson_scripts.sd_vae
      if (vae && vaes.size < maxSuggestions) vaes.add(vae)
    }
  }
  return { checkpoints: [...checkpoints].sort(), vaes: [...vaes].sort() }
}

/** Drops the cached pages farthest from `near` until the cache is within its bound. */
function bounded(pages: Map<number, readonly TaskRecord[]>, near: number) {
  if (pages.size <= maxCachedPages) return pages
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near))
  for (const page of byDistance.slice(0, pages.size - maxCachedPages)) pages.delete(page)
  return pages
}

/**
 * The history as pages of `history.list`, loaded as rows come into view: never the whole table.
 * A new query starts empty; a refresh (after a delete, an import or a pushed change) reloads the
 * pages in view and then swaps them in, so the list does not flash.
 */
export function useHistoryPages(client: Client, query: HistoryQueryInput): HistoryPages {
  const [state, setState] = useState<PagesState>({
    generation: 0,
    total: null,
    pages: new Map(),
    error: null,
  })
  const generation = useRef(0)
  const inFlight = useRef(new Set<number>())
  const lastRange = useRef<[number, number]>([0, historyPageSize - 1])
  const queryRef = useRef(query)
  const queryKey = JSON.stringify(query)

  const fetchPage = useCallback(
    (page: number, limit = historyPageSize) =>
      client.call('history.list', { ...queryRef.current, offset: page * historyPageSize, limit }),
    [client],
  )

  const load = useCallback(
    (pages: readonly number[], replaceAll: boolean) => {
      const mine = generation.current
      pages.forEach((page) => inFlight.current.add(page))
      Promise.all(pages.map((page) => fetchPage(page).then((answer) => [page, answer] as const)))
        .then((answers) => {
          if (generation.current !== mine) return
          setState((current) => {
            const next = new Map(replaceAll ? [] : current.pages)
            for (const [page, answer] of answers) next.set(page, answer.items)
            const total = answers.at(-1)?.[1].total ?? current.total
            return {
              generation: mine,
              total,
              pages: bounded(next, pageOf(lastRange.current[0])),
              error: null,
            }
          })
        })
        .catch((error: unknown) => {
          if (generation.current === mine) setState((current) => ({ ...current, error: toErrorShape(error) }))
        })
        .finally(() => {
          if (generation.current === mine) pages.forEach((page) => inFlight.current.delete(page))
        })
    },
    [fetchPage],
  )

  const restart = useCallback(
    (keepRows: boolean) => {
      generation.current += 1
      inFlight.current = new Set()
      if (!keepRows) setState({ generation: generation.current, total: null, pages: new Map(), error: null })
      load(pagesIn(lastRange.current), true)
    },
    [load],
  )

  useEffect(() => {
    queryRef.current = JSON.parse(queryKey) as HistoryQueryInput
    lastRange.current = [0, historyPageSize - 1]
    restart(false)
  }, [queryKey, restart])

  return useMemo<HistoryPages>(
    () => ({
      total: state.total,
      error: state.error,
      knownNames: namesIn(state.pages),
      recordAt: (index) => state.pages.get(pageOf(index))?.[index % historyPageSize],
      ensureRange(start, end) {
        lastRange.current = [start, end]
        // After a failure, loading waits for an explicit refresh instead of retrying every render.
        if (state.error) return
        const wanted = pagesIn(lastRange.current).filter(
          (page) => !state.pages.has(page) && !inFlight.current.has(page),
        )
        if (wanted.length > 0) load(wanted, false)
      },
      refresh: () => restart(true),
      replace(record) {
        for (const [page, items] of state.pages) {
          const at = items.findIndex((item) => item.id === record.id)
          if (at < 0) continue
          setState((current) => {
            const next = new Map(current.pages)
            next.set(
              page,
              items.map((item, index) => (index === at ? record : item)),
            )
            return { ...current, pages: next }
          })
          return true
        }
        return false
      },
      async idsInRange(start, end) {
        const ids: string[] = []
        for (let page = pageOf(start); page <= pageOf(end); page += 1) {
          const items = state.pages.get(page) ?? (await fetchPage(page)).items
          items.forEach((item, index) => {
            const position = page * historyPageSize + index
            if (position >= start && position <= end) ids.push(item.id)
          })
        }
        return ids
      },
      async allIds(limit) {
        const ids: string[] = []
        let cursor: string | undefined
        do {
          const answer = await client.call('history.list', {
            ...queryRef.current,
            cursor,
            limit: historyPageLimit,
          })
          ids.push(...answer.items.map((item) => item.id))
          cursor = answer.nextCursor ?? undefined
        } while (cursor !== undefined && ids.length < limit)
        return ids.slice(0, limit)
      },
    }),
    [state, load, restart, fetchPage, client],
  )
}
