import { useEffect } from 'react'
import { useClient } from '../../app/client-context'
import { presetListInput, presetListKinds } from './first-calls'
import type { AssetHashes, AssetOptions } from './store-types'
import { useWorkbenchStore } from './workbench-store'

/**
 * Feeds the checkpoint/VAE pickers, the prompt editor's completions and the hashes a pasted
 * `Model hash` is matched against from the preset library, and again whenever the library changes
 * (edits, imports, syncs from the server's lists).
 */
export function usePresetAssets(): void {
  const client = useClient()
  const setAssetOptions = useWorkbenchStore((state) => state.setAssetOptions)
  const setMissingOnServer = useWorkbenchStore((state) => state.setMissingOnServer)
  const setAssetHashes = useWorkbenchStore((state) => state.setAssetHashes)
  useEffect(() => {
    let current = true
    const load = async () => {
      const pages = await Promise.all(
        presetListKinds.map(
          async ([kind, key]) =>
            [key, (await client.call('presets.list', presetListInput(kind))).items] as const,
        ),
      )
      if (!current) return
      const names = (missing: boolean) =>
        Object.fromEntries(
          pages.map(([key, items]) => [
            key,
            items.filter((preset) => preset.missingOnServer === missing).map((preset) => preset.fileName),
          ]),
        ) as Record<keyof AssetOptions, string[]>
      setAssetOptions(names(false), 'presets')
      setMissingOnServer(names(true))
      setAssetHashes(
        Object.fromEntries(
          pages.map(([key, items]) => [
            key,
            Object.fromEntries(
              items.flatMap((preset) => (preset.hash ? [[preset.fileName, preset.hash]] : [])),
            ),
          ]),
        ) as AssetHashes,
      )
    }
    const reload = () => void load().catch(() => undefined)
    reload()
    const unsubscribe = client.on('presets.changed', reload)
    return () => {
      current = false
      unsubscribe()
    }
  }, [client, setAssetOptions, setMissingOnServer, setAssetHashes])
}
