import { sdEndpoints, sdQueryPaths } from '#contract'

export { authHeaders, joinUrl } from '#contract'

/**
 * The documented SD endpoint paths (shared/api/img-open-api.md §1, §2, §5, §6, §9, §11), by name,
 * read from the registry rows (main/contract/endpoints/sd-rows.ts); the tools' paths come from
 * their own rows (tool-paths.ts). List paths other than the model list are guesses: see
 * api-guesses.ts.
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
} as const
