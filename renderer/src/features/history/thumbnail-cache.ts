import { useEffect, useState } from 'react'
import type { Client } from '../../bridge'

/** Thumbnails kept in memory: about 400 × 15 KB of WebP data URLs. */
const maxEntries = 400
/** `images.get` calls at once; rows scrolled past before their turn are never fetched. */
const maxConcurrent = 4

type Listener = (dataUrl: string | null) => void

export interface ThumbnailCache {
  /** Calls `listener` with the thumbnail (or null when there is none); returns the unsubscribe. */
  request(cacheKey: string, listener: Listener): () => void
  /** A thumbnail already in memory, for a synchronous first paint. */
  peek(cacheKey: string): string | null | undefined
}

/**
 * A bounded LRU of thumbnail data URLs with a small fetch queue. A request whose row left the
 * screen before its turn is dropped, so flinging through 100,000 tasks fetches only what stops.
 */
export function createThumbnailCache(client: Client, limits = { maxEntries, maxConcurrent }): ThumbnailCache {
  const done = new Map<string, string | null>()
  const waiting = new Map<string, Set<Listener>>()
  const queue: string[] = []
  let active = 0

  const remember = (key: string, value: string | null) => {
    done.delete(key)
    done.set(key, value)
    for (const old of done.keys()) {
      if (done.size <= limits.maxEntries) break
      done.delete(old)
    }
  }

  const pump = () => {
    while (active < limits.maxConcurrent && queue.length > 0) {
      const key = queue.shift()
      if (key === undefined || (waiting.get(key)?.size ?? 0) === 0) {
        if (key !== undefined) waiting.delete(key)
        continue
      }
      active += 1
      // Never rejects: a failed load answers null; the chain only frees the slot afterwards.
      void client
        .call('images.get', { cacheKey: key, size: 'thumb' })
        .then(
          (answer) => answer.dataUrl,
          () => null,
        )
        .then((dataUrl) => {
          remember(key, dataUrl)
          waiting.get(key)?.forEach((listener) => listener(dataUrl))
          waiting.delete(key)
        })
        .finally(() => {
          active -= 1
          pump()
        })
    }
  }

  return {
    peek(cacheKey) {
      if (!done.has(cacheKey)) return undefined
      const value = done.get(cacheKey) ?? null
      remember(cacheKey, value)
      return value
    },
    request(cacheKey, listener) {
      if (done.has(cacheKey)) {
        listener(done.get(cacheKey) ?? null)
        return () => undefined
      }
      const listeners = waiting.get(cacheKey) ?? new Set<Listener>()
      if (!waiting.has(cacheKey)) {
        waiting.set(cacheKey, listeners)
        queue.push(cacheKey)
      }
      listeners.add(listener)
      pump()
      return () => listeners.delete(listener)
    },
  }
}

const caches = new WeakMap<Client, ThumbnailCache>()

/** One cache per bridge client, so switching screens keeps the thumbnails already fetched. */
export function thumbnailCacheFor(client: Client): ThumbnailCache {
  let cache = caches.get(client)
  if (!cache) {
    cache = createThumbnailCache(client)
    caches.set(client, cache)
  }
  return cache
}

/** The thumbnail of a cached image: undefined while loading, null when there is none. */
export function useThumbnail(cache: ThumbnailCache, cacheKey: string | null): string | null | undefined {
  const [loaded, setLoaded] = useState<{ key: string; url: string | null } | null>(null)
  useEffect(() => {
    if (cacheKey === null) return undefined
    return cache.request(cacheKey, (url) => setLoaded({ key: cacheKey, url }))
  }, [cache, cacheKey])
  if (cacheKey === null) return null
  if (loaded?.key === cacheKey) return loaded.url
  return cache.peek(cacheKey)
}
