import { useEffect } from 'react'
import { useClient } from '../../app/client-context'
import { presetListInput, presetListKinds } from './first-calls'
import type { AssetOptions } from './store-types'
import { useWorkbenchStore } from './workbench-store'

/**
 * Feeds the checkpoint/VAE pickers and the prompt editor's completions from the preset library,
 * and again whenever the library changes (edits, imports, syncs from the server's lists).
 */
export function usePresetAssets(): void {
  const client = useClient()
  const setAssetOptions = useWorkbenchStore((state) => state.setAssetOptions)
  const setMissingOnServer = useWorkbenchStore((state) => state.setMissingOnServer)
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
    }
    const reload = () => void load().catch(() => undefined)
    reload()
    const unsubscribe = client.on('presets.changed', reload)
    return () => {
      current = false
      unsubscribe()
    }
  }, [client, setAssetOptions, setMissingOnServer])
}
