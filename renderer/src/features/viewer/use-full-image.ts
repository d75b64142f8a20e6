import { useEffect, useState } from 'react'
import type { Client } from '../../bridge'

/** Full images are megabytes as data URLs: keep only the few around the current one. */
const keep = 8
const cache = new Map<string, string>()

const remember = (key: string, url: string) => {
  cache.delete(key)
  cache.set(key, url)
  while (cache.size > keep) cache.delete(cache.keys().next().value ?? '')
}

/** A cached image at full size as a data URL; `null` while loading, `'failed'` when it cannot be read. */
export function useFullImage(client: Client, cacheKey: string | null): string | null | 'failed' {
  const [state, setState] = useState<{ key: string | null; url: string | null | 'failed' }>({
    key: null,
    url: null,
  })
  useEffect(() => {
    if (!cacheKey || cache.has(cacheKey)) return
    let current = true
    client.call('images.get', { cacheKey, size: 'full' }).then(
      ({ dataUrl }) => {
        remember(cacheKey, dataUrl)
        if (current) setState({ key: cacheKey, url: dataUrl })
      },
      () => current && setState({ key: cacheKey, url: 'failed' }),
    )
    return () => {
      current = false
    }
  }, [client, cacheKey])
  if (!cacheKey) return 'failed'
  return cache.get(cacheKey) ?? (state.key === cacheKey ? state.url : null)
}
