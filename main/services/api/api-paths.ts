import { sdEndpoints, sdQueryPaths } from '#contract'

export { authHeaders, joinUrl } from '#contract'

/**
 * The documented endpoint paths (shared/api/img-open-api.md §1, §2, §5, §6, §9, §11, §12, §13), by
 * name, read from the registry rows (main/contract/endpoints/sd-rows.ts). List paths other than the
 * model list are guesses: see api-guesses.ts.
 */
export const apiPaths = {
  text2image: sdEndpoints['text2image-v2'].path,
  text2imageV3: sdEndpoints['text2image-v3'].path,
  /** img2img v2 (§9); inpainting goes here too, with a mask (the registry's `inpaint` row). */
  image2image: sdEndpoints['image2image-v2'].path,
  /** ControlNet v2 (§11). */
  controlnet: sdEndpoints['controlnet-v2'].path,
  queryTask: sdQueryPaths.realtime,
  queryArchivedTask: sdQueryPaths.archived,
  /** The CNT preview tool (§13): what a ControlNet preprocessor extracts from an image. */
  cntPreview: '/AIGCImgOpenServ/saas/tool/cnt/preview',
} as const

/** Tool codes (§12): whatever follows `tool/` in the tool's own path; multi-segment codes keep their slash. */
export const toolCodes = {
  cntPreview: 'cnt/preview',
} as const

const toolCodePattern = /^[A-Za-z0-9]+(?:\/[A-Za-z0-9]+)*$/

/** Whether a tool code can be put in a path as is (letters and digits, slash-separated). */
export const isToolCode = (toolCode: string): boolean =>
  toolCode.length <= 100 && toolCodePattern.test(toolCode)

/** The tool task query path for a tool code (§12): `/AIGCImgOpenServ/saas/tool/{toolCode}/queryTask`. */
export const toolQueryPath = (toolCode: string): string => `/AIGCImgOpenServ/saas/tool/${toolCode}/queryTask`
