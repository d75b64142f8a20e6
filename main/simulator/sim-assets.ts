import type { AssetKind } from '../services/api/api-types'

/*
 * The simulator's model, LoRA, VAE and embedding lists. Checkpoint rows carry the documented 12
 * fields (two of them are not in the stored docs; `modelDesc` and `createTime` stand in). The other
 * lists use the first field names of api-guesses.ts guess 9.
 */

interface CheckpointSeed {
  readonly file: string
  readonly name: string
  readonly base: string
  readonly version: string
}

const checkpoints: readonly CheckpointSeed[] = [
  { file: 'revAnimated_v122_7371.safetensors', name: 'ReV Animated', base: 'SD 1.5', version: 'v1.2.2' },
  { file: 'photon_v1_84728.safetensors', name: 'Photon', base: 'SD 1.5', version: 'v1' },
  {
    file: 'majicmixRealistic_v7_176425.safetensors',
    name: 'majicMIX realistic',
    base: 'SD 1.5',
    version: 'v7',
  },
  { file: 'dreamshaper_8_128713.safetensors', name: 'DreamShaper', base: 'SD 1.5', version: '8' },
  { file: 'sd_xl_base_1.0.safetensors', name: 'SDXL Base', base: 'SDXL 1.0', version: '1.0' },
  { file: 'juggernautXL_v9_348913.safetensors', name: 'Juggernaut XL', base: 'SDXL 1.0', version: 'v9' },
]

const loras = [
  { file: 'add_detail', name: 'Detail Tweaker', base: 'SD 1.5' },
  { file: 'more_details', name: 'More Details', base: 'SD 1.5' },
  { file: 'blindbox_v1_mix', name: 'Blindbox', base: 'SD 1.5' },
  { file: 'xl_more_art-full_v1', name: 'XL More Art', base: 'SDXL 1.0' },
] as const

const vaes = [
  { file: 'vae-ft-mse-840000-ema-pruned.ckpt', name: 'SD 1.5 MSE VAE', base: 'SD 1.5' },
  { file: 'kl-f8-anime2.ckpt', name: 'Anime VAE (kl-f8-anime2)', base: 'SD 1.5' },
  { file: 'sdxl_vae.safetensors', name: 'SDXL VAE', base: 'SDXL 1.0' },
] as const

const embeddings = [
  { file: 'EasyNegative', name: 'EasyNegative', base: 'SD 1.5' },
  { file: 'badhandv4', name: 'bad hand v4', base: 'SD 1.5' },
  { file: 'ng_deepnegative_v1_75t', name: 'Deep Negative', base: 'SD 1.5' },
] as const

const hex = (text: string): string =>
  Array.from({ length: 64 }, (_, i) => ((text.charCodeAt(i % text.length) * (i + 7)) % 16).toString(16))
    .join('')
    .toUpperCase()

const thumbnail = (baseUrl: string, kind: AssetKind, file: string) =>
  `${baseUrl}/sim-images/asset/${kind}/${encodeURIComponent(file)}.png`

/** Every row of one list, as the service would send it. */
export function assetRows(kind: AssetKind, baseUrl: string): Record<string, unknown>[] {
  switch (kind) {
    case 'checkpoint':
      return checkpoints.map((model, index) => ({
        id: 39 + index,
        sdModelCheckpoint: model.file,
        sdModelName: model.name,
        modelBaseModel: model.base,
        modelHash: hex(model.file),
        modelType: 'Checkpoint',
        modelVersion: model.version,
        modelStatus: 1,
        modelUploadStatus: 2,
        modelImgUrl2: thumbnail(baseUrl, kind, model.file),
        modelDesc: `${model.name} (simulated)`,
        createTime: '2024-06-01 12:00:00',
      }))
    case 'lora':
      return loras.map((lora, index) => ({
        id: 100 + index,
        sdLoraFileSimplifyName: lora.file,
        sdLoraName: lora.name,
        loraBaseModel: lora.base,
        loraImgUrl: thumbnail(baseUrl, kind, lora.file),
      }))
    case 'vae':
      return vaes.map((vae, index) => ({
        id: 200 + index,
        sdVaeName: vae.file,
        sdVaeShowName: vae.name,
        vaeBaseModel: vae.base,
      }))
    case 'embedding':
      return embeddings.map((embedding, index) => ({
        id: 300 + index,
        sdEmbeddingName: embedding.file,
        sdEmbeddingShowName: embedding.name,
        embeddingBaseModel: embedding.base,
      }))
  }
}

/** Whether a checkpoint name is one the simulator can "run". */
export const isKnownCheckpoint = (file: string): boolean => checkpoints.some((model) => model.file === file)

/** Whether a VAE name is accepted (the listed ones, or A1111's "Automatic"/"None"). */
export const isKnownVae = (file: string): boolean =>
  file === 'Automatic' || file === 'None' || vaes.some((vae) => vae.file === file)
