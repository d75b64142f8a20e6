/** The documented endpoint paths (shared/api/img-open-api.md §1, §2, §5, §6, §9). List paths other than the model list are guesses: see api-guesses.ts. */
export const apiPaths = {
  text2image: '/AIGCImgOpenServ/saas/sd/v2/text2image',
  text2imageV3: '/AIGCImgOpenServ/saas/sd/v3/text2Image',
  /** img2img v2 (§9); inpainting goes here too, with a mask (api-guesses.ts guess 14). */
  image2image: '/AIGCImgOpenServ/saas/sd/v2/image2image',
  queryTask: '/AIGCImgOpenServ/saas/sd/v2/queryTaskInfo',
  queryArchivedTask: '/AIGCImgOpenServ/saas/sd/queryTaskInfo',
} as const

/** The two auth headers every call carries. */
export const authHeaders = {
  accessKeyId: 'X-Request-req-accessKeyId',
  accessKeySecret: 'X-Request-req-accessKeySecret',
} as const

/** Joins a base URL (which may carry a path prefix, e.g. behind a gateway) and an API path. */
export const joinUrl = (baseUrl: string, path: string): string => `${baseUrl.replace(/\/+$/, '')}${path}`
