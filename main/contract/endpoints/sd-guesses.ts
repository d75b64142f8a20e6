/*
 * The SD endpoints' wire guesses that the body builders need (shared/api/img-open-api.md §2, §9,
 * §11, Appendix B). They live in the contract beside the builders so that a body can be built, and
 * shown, on either side of the IPC boundary; main/services/api/api-guesses.ts re-exports them with
 * the guesses about answers. Confirming a guess is a change here only.
 */

/**
 * Guess 11: text2image v3 takes the model, VAE, task id and output format under the names its
 * img2img v3 sibling documents.
 */
export const v3Fields = {
  taskId: 'businessTaskId',
  model: 'baseModelCode',
  vae: 'vaeName',
  outputFormat: 'targetImageFormat',
} as const

/**
 * Guess 15: the ControlNet units. §11 marks `controlnet` required but its inner structure was not
 * stored. The service wraps A1111, whose API takes `alwayson_scripts.controlnet.args`: a list of
 * units with A1111's field names, sent here in this order. Each unit carries its control image as
 * a link named `image_link`, the name §9 and §11 use for the base image (the service takes URLs
 * only, §0; A1111's own `image` field holds base64); the optional base image is
 * `alwayson_scripts.image_link`. `control_type` (§11's list) goes too: A1111 uses it only to filter
 * its UI, but the vendor lists control types, so its wrapper may route by them.
 */
export const controlNetGuess = {
  scriptKey: 'controlnet',
  unitImageField: 'image_link',
  baseImageField: 'image_link',
  unitFields: [
    'enabled',
    'control_type',
    'module',
    'model',
    'weight',
    'image_link',
    'resize_mode',
    'processor_res',
    'threshold_a',
    'threshold_b',
    'guidance_start',
    'guidance_end',
    'control_mode',
    'pixel_perfect',
  ],
} as const

/**
 * Guess 16: text2image v3 takes ControlNet units and ADetailer inside
 * `saasDrawingExternalImageParameterBO` ("settings for scripts and plugins", the name its img2img v3
 * sibling documents, §9), keyed like v2's `alwayson_scripts`: `{controlnet: {args: [unit…]},
 * ADetailer: {args: [unit…]}}`, units as in guess 15. The object is sent only when one of them is.
 */
export const v3ExternalParameters = {
  field: 'saasDrawingExternalImageParameterBO',
  controlNet: 'controlnet',
  adetailer: 'ADetailer',
} as const
