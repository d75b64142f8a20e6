import type { PresetKind } from '#contract'
import type { WarmCall } from '../../bridge/warm-calls'
import type { AssetOptions } from './store-types'

/** The preset lists feeding the checkpoint/VAE pickers and the prompt editor's completions. */
export const presetListKinds = [
  ['checkpoint', 'checkpoints'],
  ['vae', 'vaes'],
  ['lora', 'loras'],
  ['embedding', 'embeddings'],
] as const satisfies ReadonlyArray<readonly [PresetKind, keyof AssetOptions]>

export const presetListInput = (kind: PresetKind) => ({ kind, limit: 500 })

/**
 * What the workbench reads as it mounts, sent by main.tsx before the workbench's code has loaded
 * (bridge/warm-calls.ts). A tiny module of its own, so the entry chunk does not pull in the screen.
 */
export const workbenchFirstCalls: readonly WarmCall[] = [
  ...presetListKinds.map(([kind]) => ({ name: 'presets.list', input: presetListInput(kind) }) as const),
  { name: 'tasks.active', input: {} },
  { name: 'profiles.list', input: {} },
]
