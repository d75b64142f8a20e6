import type { Preset } from '#contract'
import { useEffect } from 'react'
import type { Client } from '../../bridge'
import { useClient } from '../../app/client-context'
import { presetListInput, presetListKinds } from './first-calls'
import type { AssetHashes, AssetOptions } from './store-types'
import { useWorkbenchStore } from './workbench-store'

type PresetPages = ReadonlyArray<readonly [keyof AssetOptions, readonly Preset[]]>

const loadPages = (client: Client): Promise<PresetPages> =>
  Promise.all(
    presetListKinds.map(
      async ([kind, key]) => [key, (await client.call('presets.list', presetListInput(kind))).items] as const,
    ),
  )

function showPages(pages: PresetPages): void {
  const store = useWorkbenchStore.getState()
  const names = (missing: boolean) =>
    Object.fromEntries(
      pages.map(([key, items]) => [
        key,
        items.filter((preset) => preset.missingOnServer === missing).map((preset) => preset.fileName),
      ]),
    ) as Record<keyof AssetOptions, string[]>
  store.setAssetOptions(names(false), 'presets')
  store.setMissingOnServer(names(true))
  store.setAssetHashes(
    Object.fromEntries(
      pages.map(([key, items]) => [
        key,
        Object.fromEntries(items.flatMap((preset) => (preset.hash ? [[preset.fileName, preset.hash]] : []))),
      ]),
    ) as AssetHashes,
  )
}

let firstLoad: Promise<PresetPages> | undefined

/**
 * Starts the first load before the first render (main.tsx): the answers are usually in already (the
 * reads went out with the connection, app/early-client.ts), and shown then, the first screen renders
 * with its pickers filled instead of filling them a render later. The screen's own first load takes
 * this one over, answered or not.
 */
export function preloadPresetAssets(client: Client): Promise<void> {
  const pages = loadPages(client)
  firstLoad = pages
  return pages.then(showPages)
}

/**
 * Feeds the checkpoint/VAE pickers, the prompt editor's completions and the hashes a pasted
 * `Model hash` is matched against from the preset library, and again whenever the library changes
 * (edits, imports, syncs from the server's lists).
 */
export function usePresetAssets(): void {
  const client = useClient()
  useEffect(() => {
    let current = true
    const load = async () => {
      const preloaded = firstLoad
      firstLoad = undefined
      const pages = await (preloaded ?? loadPages(client))
      if (current) showPages(pages)
    }
    const reload = () => void load().catch(() => undefined)
    reload()
    const unsubscribe = client.on('presets.changed', reload)
    return () => {
      current = false
      unsubscribe()
    }
  }, [client])
}
