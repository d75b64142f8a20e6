import type { ControlType } from '#contract'

/**
 * A1111 ControlNet's usual preprocessors and models per control type (sd-webui-controlnet's
 * preprocessor list and the ControlNet 1.1 model names). The service's own mapping lives in a
 * sheet the contract only links to (§11), so these are suggestions: the user may type any name.
 */
interface ControlTypeChoices {
  /** The first is the one a new unit of this type starts with. */
  readonly preprocessors: readonly string[]
  readonly models: readonly string[]
}

/** "none": the control image is already a map (an edge image, a pose skeleton…). */
export const noPreprocessor = 'none'

/** The model value that lets the service pick one for the control type. */
export const automaticModel = 'None'

export const controlTypeChoices = {
  canny: {
    preprocessors: ['canny', 'invert'],
    models: ['control_v11p_sd15_canny', 'diffusers_xl_canny_full'],
  },
  depth: {
    preprocessors: [
      'depth_midas',
      'depth_zoe',
      'depth_anything',
      'depth_anything_v2',
      'depth_leres',
      'depth_leres++',
      'depth_hand_refiner',
    ],
    models: ['control_v11f1p_sd15_depth', 'diffusers_xl_depth_full'],
  },
  inpaint: {
    preprocessors: ['inpaint_only', 'inpaint_only+lama', 'inpaint_global_harmonious'],
    models: ['control_v11p_sd15_inpaint'],
  },
  lineart: {
    preprocessors: [
      'lineart_standard',
      'lineart_realistic',
      'lineart_coarse',
      'lineart_anime',
      'lineart_anime_denoise',
      'invert',
    ],
    models: ['control_v11p_sd15_lineart', 'control_v11p_sd15s2_lineart_anime'],
  },
  MLSD: { preprocessors: ['mlsd', 'invert'], models: ['control_v11p_sd15_mlsd'] },
  NormalMap: {
    preprocessors: ['normal_bae', 'normal_midas', 'normal_dsine'],
    models: ['control_v11p_sd15_normalbae'],
  },
  OpenPose: {
    preprocessors: [
      'openpose',
      'openpose_face',
      'openpose_faceonly',
      'openpose_hand',
      'openpose_full',
      'dw_openpose_full',
      'animal_openpose',
    ],
    models: ['control_v11p_sd15_openpose', 'thibaud_xl_openpose'],
  },
  Reference: { preprocessors: ['reference_only', 'reference_adain', 'reference_adain+attn'], models: [] },
  Scribble: {
    preprocessors: ['scribble_pidinet', 'scribble_hed', 'scribble_xdog', 't2ia_sketch_pidi', 'invert'],
    models: ['control_v11p_sd15_scribble'],
  },
  Segmentation: {
    preprocessors: ['seg_ofade20k', 'seg_ofcoco', 'seg_ufade20k', 'seg_anime_face', 'mobile_sam'],
    models: ['control_v11p_sd15_seg'],
  },
  Shuffle: { preprocessors: ['shuffle'], models: ['control_v11e_sd15_shuffle'] },
  SoftEdge: {
    preprocessors: [
      'softedge_pidinet',
      'softedge_hed',
      'softedge_pidisafe',
      'softedge_hedsafe',
      'softedge_teed',
      'softedge_anyline',
    ],
    models: ['control_v11p_sd15_softedge'],
  },
  'T2I-Adapter': {
    preprocessors: ['t2ia_color_grid', 't2ia_sketch_pidi', 't2ia_style_clipvision'],
    models: ['t2iadapter_color_sd14v1', 't2iadapter_sketch_sd14v1', 't2iadapter_style_sd14v1'],
  },
  Tile: {
    preprocessors: ['tile_resample', 'tile_colorfix', 'tile_colorfix+sharp', 'blur_gaussian'],
    models: ['control_v11f1e_sd15_tile'],
  },
  Recolor: { preprocessors: ['recolor_luminance', 'recolor_intensity'], models: ['ioclab_sd15_recolor'] },
  'IP-Adapter': {
    preprocessors: ['ip-adapter_clip_sd15', 'ip-adapter_clip_sdxl_plus_vith', 'ip-adapter_face_id_plus'],
    models: ['ip-adapter_sd15', 'ip-adapter-plus_sd15', 'ip-adapter_sdxl_vit-h'],
  },
  'Instant-ID': {
    preprocessors: ['instant_id_face_embedding', 'instant_id_face_keypoints'],
    models: ['ip-adapter_instant_id_sdxl', 'control_instant_id_sdxl'],
  },
} as const satisfies Record<ControlType, ControlTypeChoices>

/** The preprocessors offered for a control type, "none" always last. */
export const preprocessorsFor = (type: ControlType): readonly string[] => [
  ...controlTypeChoices[type].preprocessors,
  noPreprocessor,
]

export const defaultPreprocessor = (type: ControlType): string =>
  controlTypeChoices[type].preprocessors[0] ?? noPreprocessor

export const modelSuggestionsFor = (type: ControlType): readonly string[] => [
  automaticModel,
  ...controlTypeChoices[type].models,
]

/** One of a preprocessor's two sliders (A1111 sends them as threshold_a / threshold_b). */
export interface ThresholdSpec {
  /** Message key under `controlnet.thresholds`. */
  readonly name: string
  readonly min: number
  readonly max: number
  readonly step: number
  /** What A1111 uses when the unit says -1. */
  readonly preset: number
}

type Thresholds = { readonly a: ThresholdSpec; readonly b?: ThresholdSpec }

const leres: Thresholds = {
  a: { name: 'removeNear', min: 0, max: 100, step: 0.1, preset: 0 },
  b: { name: 'removeBackground', min: 0, max: 100, step: 0.1, preset: 0 },
}
const styleFidelity: Thresholds = { a: { name: 'styleFidelity', min: 0, max: 1, step: 0.01, preset: 0.5 } }
const gamma: Thresholds = { a: { name: 'gamma', min: 0.1, max: 2, step: 0.001, preset: 1 } }
const variation: ThresholdSpec = { name: 'variation', min: 3, max: 32, step: 1, preset: 8 }

/** The preprocessors with sliders, as sd-webui-controlnet defines them; the rest have none. */
const thresholdTable: Readonly<Record<string, Thresholds>> = {
  canny: {
    a: { name: 'cannyLow', min: 1, max: 255, step: 1, preset: 100 },
    b: { name: 'cannyHigh', min: 1, max: 255, step: 1, preset: 200 },
  },
  mlsd: {
    a: { name: 'mlsdValue', min: 0.01, max: 2, step: 0.01, preset: 0.1 },
    b: { name: 'mlsdDistance', min: 0.01, max: 20, step: 0.01, preset: 0.1 },
  },
  depth_leres: leres,
  'depth_leres++': leres,
  normal_midas: { a: { name: 'normalBackground', min: 0, max: 1, step: 0.01, preset: 0.4 } },
  scribble_xdog: { a: { name: 'xdogThreshold', min: 1, max: 64, step: 1, preset: 32 } },
  softedge_teed: { a: { name: 'safeSteps', min: 0, max: 10, step: 1, preset: 2 } },
  tile_resample: { a: { name: 'downSampling', min: 1, max: 8, step: 0.01, preset: 1 } },
  tile_colorfix: { a: variation },
  'tile_colorfix+sharp': { a: variation, b: { name: 'sharpness', min: 0, max: 2, step: 0.01, preset: 1 } },
  blur_gaussian: { a: { name: 'sigma', min: 0.01, max: 64, step: 0.01, preset: 9 } },
  reference_only: styleFidelity,
  reference_adain: styleFidelity,
  'reference_adain+attn': styleFidelity,
  recolor_luminance: gamma,
  recolor_intensity: gamma,
}

export const thresholdsFor = (preprocessor: string): Thresholds | null =>
  Object.hasOwn(thresholdTable, preprocessor) ? (thresholdTable[preprocessor] ?? null) : null
