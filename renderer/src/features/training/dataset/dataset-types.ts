/** One image of the training set as the screen shows it; the pixels live in main's image cache. */
export interface DatasetImage {
  /** Unique within the set, also when two files share a name (folders in a drop). */
  readonly id: string
  /** The file's name as the user knows it (with its folder inside a dropped or picked folder). */
  readonly name: string
  readonly state: 'reading' | 'ready' | 'unreadable'
  /** The SHA-256 of its bytes: two files with the same key are the same picture. */
  readonly cacheKey: string | null
  readonly type: 'png' | 'jpeg' | 'webp' | null
  readonly width: number | null
  readonly height: number | null
  readonly bytes: number | null
  /** A small WebP from the cache, as a data: URL (the CSP allows data: images only). */
  readonly thumbUrl: string | null
}

/** What is wrong with one image, named where the image is shown. */
export type ImageProblem =
  | { readonly kind: 'unreadable' }
  | { readonly kind: 'duplicate'; readonly of: string }
  | { readonly kind: 'tooSmall'; readonly side: number; readonly resolution: number }

/** What is wrong with the set as a whole. */
export type SetProblem =
  | { readonly kind: 'tooFew'; readonly count: number; readonly min: number }
  | { readonly kind: 'tooMany'; readonly count: number; readonly max: number }
  | { readonly kind: 'stillReading'; readonly count: number }

export interface DatasetCheck {
  /** The images that would be sent: readable, not a repeat, in the order shown. */
  readonly usable: readonly DatasetImage[]
  readonly byImage: Readonly<Record<string, ImageProblem>>
  readonly problems: readonly SetProblem[]
  /** Nothing blocks a submit (a too-small image does: the service would upscale it blurry). */
  readonly ok: boolean
}
