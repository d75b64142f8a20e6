/**
 * The documented endpoint paths (shared/api/img-open-api.md §1, §2, §5, §6, §9, §11, §12, §13).
 * List paths other than the model list are guesses: see api-guesses.ts.
 */
export const apiPaths = {
  text2image: '/AIGCImgOpenServ/saas/sd/v2/text2image',
  text2imageV3: '/AIGCImgOpenServ/saas/sd/v3/text2Image',
  /** img2img v2 (§9); inpainting goes here too, with a mask (api-guesses.ts guess 14). */
  image2image: '/AIGCImgOpenServ/saas/sd/v2/image2image',
  /** ControlNet v2 (§11). */
  controlnet: '/AIGCImgOpenServ/saas/sd/v2/controlnet',
  queryTask: '/AIGCImgOpenServ/saas/sd/v2/queryTaskInfo',
  queryArchivedTask: '/AIGCImgOpenServ/saas/sd/queryTaskInfo',
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

/** The two auth headers every call carries. */
export const authHeaders = {
  accessKeyId: 'X-Request-req-accessKeyId',
  accessKeySecret: 'X-Request-req-accessKeySecret',
} as const

/** Joins a base URL (which may carry a path prefix, e.g. behind a gateway) and an API path. */
export const joinUrl = (baseUrl: string, path: string): string => `${baseUrl.replace(/\/+$/, '')}${path}`
