import { text2ImageLimits } from '#contract'

/** Base resolutions: SD 1.5 (512), SD 2.x (768), SDXL and later (1024). */
export const sizeFamilies = [512, 768, 1024] as const
export type SizeFamily = (typeof sizeFamilies)[number]

export const aspectRatios = ['1:1', '4:3', '3:4', '3:2', '2:3', '16:9', '9:16'] as const
export type AspectRatio = (typeof aspectRatios)[number]

export interface ImageSize {
  readonly width: number
  readonly height: number
}

type LandscapeRatio = '1:1' | '4:3' | '3:2' | '16:9'

/** SDXL was trained on buckets of about one megapixel; these are its published landscape buckets. */
const sdxlBuckets: Record<LandscapeRatio, ImageSize> = {
  '1:1': { width: 1024, height: 1024 },
  '4:3': { width: 1152, height: 896 },
  '3:2': { width: 1216, height: 832 },
  '16:9': { width: 1344, height: 768 },
}

const portraitOf: Partial<Record<AspectRatio, LandscapeRatio>> = {
  '3:4': '4:3',
  '2:3': '3:2',
  '9:16': '16:9',
}

const roundToStep = (value: number) =>
  Math.round(value / text2ImageLimits.size.multipleOf) * text2ImageLimits.size.multipleOf

const ratioValue = (ratio: LandscapeRatio) => {
  const [w = 1, h = 1] = ratio.split(':').map(Number)
  return w / h
}

/**
 * The size for a family and a ratio. SD 1.x and 2.x keep the base on the short side (what they
 * were trained at; a longer side stays coherent), SDXL uses its buckets.
 */
export function aspectSize(family: SizeFamily, ratio: AspectRatio): ImageSize {
  const landscape = portraitOf[ratio]
  if (landscape) {
    const size = aspectSize(family, landscape)
    return { width: size.height, height: size.width }
  }
  const wide = ratio as LandscapeRatio
  if (family === 1024) return sdxlBuckets[wide]
  return { width: roundToStep(family * ratioValue(wide)), height: family }
}

/** The family whose area is closest to the size's, so the ratio buttons follow a loaded size. */
export function nearestFamily({ width, height }: ImageSize): SizeFamily {
  const side = Math.sqrt(width * height)
  return sizeFamilies.reduce((best, family) =>
    Math.abs(family - side) < Math.abs(best - side) ? family : best,
  )
}

/** Which ratio button the size matches in that family, if any. */
export const matchingRatio = (family: SizeFamily, size: ImageSize): AspectRatio | null =>
  aspectRatios.find((ratio) => {
    const preset = aspectSize(family, ratio)
    return preset.width === size.width && preset.height === size.height
  }) ?? null

/**
 * The generation size closest to a source image's: its aspect kept, scaled down to fit the
 * schema's largest side, each side rounded to the size step and kept above the smallest.
 */
export function sizeForSource(source: ImageSize): ImageSize {
  const { min, max, multipleOf } = text2ImageLimits.size
  const scale = Math.min(1, max / Math.max(source.width, source.height))
  const side = (value: number) => Math.max(min, Math.round((value * scale) / multipleOf) * multipleOf)
  return { width: side(source.width), height: side(source.height) }
}
