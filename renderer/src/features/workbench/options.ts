/*
 * Choice lists as A1111 (1.10) and ADetailer (24.x) name them, so values pasted from an infotext
 * or a history entry match an option. The service may accept others; a value not listed here is
 * still shown and sent unchanged.
 */

export const samplerNames = [
  'DPM++ 2M Karras',
  'DPM++ SDE Karras',
  'DPM++ 2M SDE Karras',
  'DPM++ 2M SDE Exponential',
  'DPM++ 3M SDE Karras',
  'DPM++ 3M SDE Exponential',
  'DPM++ 2S a Karras',
  'DPM++ 2M',
  'DPM++ SDE',
  'DPM++ 2M SDE',
  'DPM++ 2S a',
  'Euler a',
  'Euler',
  'LMS',
  'LMS Karras',
  'Heun',
  'DPM2',
  'DPM2 a',
  'DPM2 Karras',
  'DPM2 a Karras',
  'DPM fast',
  'DPM adaptive',
  'Restart',
  'DDIM',
  'PLMS',
  'UniPC',
  'LCM',
] as const

export const upscalerNames = [
  'Latent',
  'Latent (antialiased)',
  'Latent (bicubic)',
  'Latent (bicubic antialiased)',
  'Latent (nearest)',
  'Latent (nearest-exact)',
  'None',
  'Lanczos',
  'Nearest',
  'ESRGAN_4x',
  'LDSR',
  'R-ESRGAN 4x+',
  'R-ESRGAN 4x+ Anime6B',
  'ScuNET GAN',
  'ScuNET PSNR',
  'SwinIR 4x',
] as const

/**
 * Suggestions for `output_image_format`: the contract lists no accepted values (Appendix B, 6), so
 * these are the formats A1111, which the service wraps, saves; the field stays free text.
 */
export const outputFormatNames = ['png', 'jpg', 'webp'] as const

export const adetailerModels = [
  'None',
  'face_yolov8n.pt',
  'face_yolov8s.pt',
  'hand_yolov8n.pt',
  'person_yolov8n-seg.pt',
  'person_yolov8s-seg.pt',
  'yolov8x-worldv2.pt',
  'mediapipe_face_full',
  'mediapipe_face_short',
  'mediapipe_face_mesh',
  'mediapipe_face_mesh_eyes_only',
] as const

export const adetailerMaskMergeModes = ['None', 'Merge', 'Merge and Invert'] as const

export const controlnetModels = [
  'None',
  'control_v11p_sd15_inpaint',
  'control_v11p_sd15_openpose',
  'control_v11p_sd15_lineart',
  'control_v11f1p_sd15_depth',
  'control_v11p_sd15s2_lineart_anime',
] as const

export const controlnetModules = [
  'None',
  'inpaint_global_harmonious',
  'inpaint_only',
  'inpaint_only+lama',
  'openpose_full',
  'lineart_coarse',
  'lineart_realistic',
  'depth_midas',
  'depth_hand_refiner',
] as const

/** The options to offer: the known list, plus the current value when it is not in it. */
export const withCurrent = (options: readonly string[], current: string | undefined): readonly string[] =>
  current === undefined || current === '' || options.includes(current) ? options : [current, ...options]
