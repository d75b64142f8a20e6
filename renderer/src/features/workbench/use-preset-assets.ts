import { useEffect } from 'react'
import type { PresetKind } from '#contract'
import { useClient } from '../../app/client-context'
import type { AssetOptions } from './store-types'
import { useWorkbenchStore } from './workbench-store'

const listKinds = [
  ['checkpoint', 'checkpoints'],
  ['vae', 'vaes'],
  ['lora', 'loras'],
  ['embedding', 'embeddings'],
] as const satisfies ReadonlyArray<readonly [PresetKind, keyof AssetOptions]>

/**
 * Feeds the checkpoint/VAE pickers and the prompt editor's completions from the preset library,
 * and again whenever the library changes (edits, imports, syncs from the server's lists).
 */
export function usePresetAssets(): void {
  const client = useClient()
  const setAssetOptions = useWorkbenchStore((state) => state.setAssetOptions)
  useEffect(() => {
    let current = true
    const load = async () => {
      const entries = await Promise.all(
        listKinds.map(async ([kind, key]) => {
          const page = await client.call('presets.list', { kind, limit: 500 })
          return [key, page.items.map((preset) => preset.fileName)] as const
        }),
      )
      if (current) setAssetOptions(Object.fromEntries(entries), 'presets')
    }
    const reload = () => void load().catch(() => undefined)
    reload()
    const unsubscribe = client.on('presets.changed', reload)
    return () => {
      current = false
      unsubscribe()
    }
  }, [client, setAssetOptions])
}
