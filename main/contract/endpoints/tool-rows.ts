import type { Bilingual, FieldSpec } from './field-spec'
import { callbackUrl, image, negativePrompt, prompt, seed, sourceFace, targetImage } from './tool-fields'

/*
 * One row per documented image tool (shared/api/img-open-api.md §13). Everything the app does with
 * a tool is derived from its row: the path and query path (tool-paths.ts), the body schema and the
 * form (field-spec.ts), the CLI's `img-open tool <toolCode>`, the history's kind and the simulator's
 * route. Field names, types and ranges are the documented ones; a range marked [inferred] is ours,
 * kept wide so that it never refuses what the service could take.
 */

export const toolIds = [
  'flux',
  'instantId',
  'roop',
  'roopV2',
  'faceFusion',
  'faceDetection',
  'imgExpand',
  'promptExpand',
  'interrogate',
  'identifyStyle',
  'cntPreview',
] as const
export type ToolId = (typeof toolIds)[number]

/** Where the Tools screen lists a tool. */
export type ToolGroup = 'generate' | 'faces' | 'edit' | 'prompt'

/** What a finished tool task holds: the completion rule reads this output (tool-output.ts). */
export type ToolOutputKind = 'image' | 'faces' | 'caption' | 'prompts' | 'style'

export interface ToolRow {
  /** Whatever follows `tool/` in the path (§12); multi-segment codes keep their slash. */
  readonly toolCode: string
  readonly name: Bilingual
  readonly summary: Bilingual
  readonly group: ToolGroup
  /** Friendlier names the CLI also takes. */
  readonly aliases: readonly string[]
  /** The body without `businessTaskId`, which the client chooses. */
  readonly fields: readonly FieldSpec[]
  readonly output: ToolOutputKind
  /**
   * The submit answer the docs show: `task-id` (`data:{task_id}`) or `result` (the result object,
   * possibly already holding the output). Either way the client accepts both (§13).
   */
  readonly documentedAnswer: 'task-id' | 'result'
}

export const toolRegistry = {
  flux: {
    toolCode: 'comfyui/text2image',
    name: { en: 'Flux text to image', zh: 'Flux 文生图' },
    summary: { en: 'Generate with Flux (through ComfyUI).', zh: '使用 Flux（ComfyUI）生成图片。' },
    group: 'generate',
    aliases: ['flux'],
    fields: [
      {
        name: 'comfyTaskType',
        type: 'enum',
        required: true,
        default: 'Flux1DevFP8',
        options: [
          { value: 'Flux1DevFP8', label: { en: 'Flux.1 dev (FP8)', zh: 'Flux.1 dev（FP8）' } },
          { value: 'Flux1SchnellFP8', label: { en: 'Flux.1 schnell (FP8)', zh: 'Flux.1 schnell（FP8）' } },
        ],
        label: { en: 'Model', zh: '模型' },
      },
      prompt(true),
      // [inferred] ranges: the page gives none.
      {
        name: 'width',
        type: 'integer',
        required: false,
        min: 64,
        max: 2048,
        default: 1024,
        label: { en: 'Width', zh: '宽度' },
      },
      {
        name: 'height',
        type: 'integer',
        required: false,
        min: 64,
        max: 2048,
        default: 1024,
        label: { en: 'Height', zh: '高度' },
      },
      {
        name: 'steps',
        type: 'integer',
        required: false,
        min: 1,
        max: 100,
        default: 20,
        label: { en: 'Steps', zh: '步数' },
      },
      {
        name: 'fluxGuidance',
        type: 'number',
        required: false,
        min: 0,
        max: 100,
        step: 0.1,
        default: 3.5,
        label: { en: 'Flux guidance', zh: 'Flux 引导系数' },
        help: { en: '3.5 is recommended.', zh: '推荐 3.5。' },
      },
      callbackUrl,
    ],
    output: 'image',
    documentedAnswer: 'result',
  },
  instantId: {
    toolCode: 'instantID',
    name: { en: 'InstantID portrait', zh: 'InstantID 写真' },
    summary: { en: 'Stylised portraits from one face photo.', zh: '用一张人脸照片生成风格化写真。' },
    group: 'generate',
    aliases: ['instantid'],
    fields: [
      image('image', { en: 'Face photo', zh: '人脸照片' }),
      prompt(true),
      negativePrompt,
      {
        name: 'width',
        type: 'enum',
        required: false,
        default: 960,
        options: [{ value: 960, label: { en: '960', zh: '960' } }],
        label: { en: 'Width', zh: '宽度' },
        help: { en: 'The service offers only 960.', zh: '服务只提供 960。' },
      },
      {
        name: 'height',
        type: 'enum',
        required: false,
        default: 960,
        options: [{ value: 960, label: { en: '960', zh: '960' } }],
        label: { en: 'Height', zh: '高度' },
        help: { en: 'The service offers only 960.', zh: '服务只提供 960。' },
      },
      {
        name: 'steps',
        type: 'integer',
        required: false,
        min: 1,
        max: 100,
        label: { en: 'Steps', zh: '步数' },
      },
      {
        name: 'guidanceScale',
        type: 'number',
        required: false,
        min: 0,
        max: 30,
        step: 0.1,
        label: { en: 'Guidance scale', zh: '引导系数' },
      },
      seed,
      callbackUrl,
    ],
    output: 'image',
    documentedAnswer: 'result',
  },
  roop: {
    toolCode: 'roop',
    name: { en: 'Face swap v1', zh: '单人换脸 v1' },
    summary: { en: 'Put one face onto the face in a target image.', zh: '把源人脸换到目标图片的人脸上。' },
    group: 'faces',
    aliases: ['swap', 'faceswap'],
    fields: [image('sourceUrl', sourceFace), image('targetUrl', targetImage)],
    output: 'image',
    documentedAnswer: 'task-id',
  },
  roopV2: {
    toolCode: 'v2/roop',
    name: { en: 'Face swap v2', zh: '单人换脸 v2' },
    summary: {
      en: 'Face swap with CodeFormer restoration; fidelity sets how much of the face is kept.',
      zh: '换脸并用 CodeFormer 修复；保真度决定保留多少原貌。',
    },
    group: 'faces',
    aliases: ['swap2', 'faceswap2'],
    fields: [
      image('sourceUrl', sourceFace),
      image('targetUrl', targetImage),
      {
        name: 'fidelityWeight',
        type: 'decimalString',
        required: false,
        min: 0,
        max: 1,
        step: 0.05,
        label: { en: 'Fidelity', zh: '保真度' },
        help: { en: '0–1, sent as text as the API asks.', zh: '0–1，按接口要求以文本发送。' },
      },
    ],
    output: 'image',
    documentedAnswer: 'task-id',
  },
  faceFusion: {
    toolCode: 'face/fusion',
    name: { en: 'Multiple face swap', zh: '多人换脸' },
    summary: {
      en: 'Swap one or two faces into a group photo; pick which face with its number.',
      zh: '把一到两张人脸换进合影；用编号选择替换哪张脸。',
    },
    group: 'faces',
    aliases: ['fusion', 'multiswap'],
    fields: [
      {
        name: 'sourceUrl',
        type: 'imageList',
        required: true,
        minItems: 1,
        maxItems: 2,
        label: { en: 'Faces to use (1–2)', zh: '源人脸（1–2 张）' },
      },
      image('targetUrl', targetImage),
      {
        name: 'faceIdx',
        type: 'integer',
        required: false,
        min: 1,
        max: 100,
        label: { en: 'Face number', zh: '人脸编号' },
        help: {
          en: 'Counted from 1, left to right. Detect faces to see the numbers.',
          zh: '从 1 开始，从左到右。先检测人脸可看到编号。',
        },
      },
      callbackUrl,
    ],
    output: 'image',
    documentedAnswer: 'task-id',
  },
  faceDetection: {
    toolCode: 'face/detection',
    name: { en: 'Face detection', zh: '人脸检测' },
    summary: {
      en: 'Find the faces in an image, numbered left to right.',
      zh: '找出图片中的人脸，从左到右编号。',
    },
    group: 'faces',
    aliases: ['detect', 'faces'],
    fields: [image('imageUrl', { en: 'Image', zh: '图片' }), callbackUrl],
    output: 'faces',
    documentedAnswer: 'task-id',
  },
  imgExpand: {
    toolCode: 'imgExpand',
    name: { en: 'Outpainting', zh: '图片外扩' },
    summary: { en: 'Extend an image beyond its borders.', zh: '把图片向四周扩展。' },
    group: 'edit',
    aliases: ['outpaint', 'expand-image'],
    fields: [
      image('sourceImage', { en: 'Image', zh: '图片' }),
      prompt(false),
      negativePrompt,
      {
        name: 'sampleStep',
        type: 'integer',
        required: false,
        min: 0,
        max: 50,
        default: 20,
        label: { en: 'Steps', zh: '采样步数' },
      },
      {
        name: 'sampler',
        type: 'string',
        required: false,
        maxLength: 100,
        label: { en: 'Sampler', zh: '采样器' },
      },
      // [inferred] upper bound: the page marks it required and gives no range.
      {
        name: 'imageCount',
        type: 'integer',
        required: true,
        min: 1,
        max: 8,
        default: 1,
        label: { en: 'Images', zh: '图片数量' },
      },
      {
        name: 'promptGuideFactor',
        type: 'number',
        required: false,
        min: 1,
        max: 45,
        step: 0.5,
        default: 7,
        label: { en: 'Prompt guidance', zh: '提示词引导系数' },
      },
      seed,
      {
        name: 'verticalExpansionRatio',
        type: 'number',
        required: true,
        min: 1,
        max: 4,
        step: 0.1,
        default: 1.5,
        label: { en: 'Vertical expansion', zh: '纵向扩展倍数' },
      },
      {
        name: 'horizontalExpansionRatio',
        type: 'number',
        required: true,
        // [inferred] the same 1–4 as the vertical ratio, which is the only one the page bounds.
        min: 1,
        max: 4,
        step: 0.1,
        default: 1.5,
        label: { en: 'Horizontal expansion', zh: '横向扩展倍数' },
      },
      callbackUrl,
    ],
    output: 'image',
    documentedAnswer: 'task-id',
  },
  promptExpand: {
    toolCode: 'prompts/expand',
    name: { en: 'Prompt expansion', zh: '提示词扩写' },
    summary: { en: 'Turn a short idea into full prompts.', zh: '把简短的想法扩写成完整提示词。' },
    group: 'prompt',
    aliases: ['expand'],
    fields: [
      {
        name: 'sourcePrompt',
        type: 'string',
        required: true,
        multiline: true,
        maxLength: 5_000,
        label: { en: 'Idea', zh: '原始提示词' },
      },
      {
        name: 'mode',
        type: 'enum',
        required: true,
        default: 0,
        options: [
          { value: 0, label: { en: 'SD 1.5', zh: 'SD 1.5' } },
          { value: 1, label: { en: 'SDXL', zh: 'SDXL' } },
        ],
        label: { en: 'Model family', zh: '模型类型' },
      },
      {
        name: 'topK',
        type: 'integer',
        required: false,
        min: 0,
        max: 250,
        label: { en: 'Top-k', zh: 'Top-k' },
        help: { en: '0 turns it off.', zh: '0 表示关闭。' },
      },
      {
        name: 'topP',
        type: 'number',
        required: false,
        min: 0.01,
        max: 1,
        step: 0.01,
        label: { en: 'Top-p', zh: 'Top-p' },
      },
      {
        name: 'temperature',
        type: 'number',
        required: false,
        min: 0,
        max: 10,
        step: 0.05,
        label: { en: 'Temperature', zh: '温度' },
      },
      {
        name: 'repetitionPenalty',
        type: 'number',
        required: false,
        min: 0,
        max: 10,
        step: 0.05,
        label: { en: 'Repetition penalty', zh: '重复惩罚' },
      },
      {
        name: 'maxTokens',
        type: 'integer',
        required: false,
        min: 1,
        max: 4096,
        label: { en: 'Max tokens', zh: '最大长度' },
      },
      {
        name: 'minTokens',
        type: 'integer',
        required: false,
        min: 0,
        max: 4096,
        label: { en: 'Min tokens', zh: '最小长度' },
      },
      {
        name: 'sequencesNum',
        type: 'integer',
        required: false,
        min: 1,
        max: 10,
        default: 3,
        label: { en: 'Candidates', zh: '候选数量' },
      },
    ],
    output: 'prompts',
    documentedAnswer: 'result',
  },
  interrogate: {
    toolCode: 'interrogate',
    name: { en: 'Describe image', zh: '图转文' },
    summary: { en: 'A caption or tags for an image.', zh: '为图片生成描述或标签。' },
    group: 'prompt',
    aliases: ['describe', 'caption'],
    fields: [
      image('image', { en: 'Image', zh: '图片' }),
      {
        name: 'model',
        type: 'enum',
        required: false,
        default: 'clip',
        options: [
          { value: 'clip', label: { en: 'CLIP (a sentence)', zh: 'CLIP（一句描述）' } },
          { value: 'deepdanbooru', label: { en: 'DeepDanbooru (tags)', zh: 'DeepDanbooru（标签）' } },
        ],
        label: { en: 'Interrogator', zh: '识别模型' },
      },
      callbackUrl,
    ],
    output: 'caption',
    documentedAnswer: 'result',
  },
  identifyStyle: {
    toolCode: 'identifyStyle',
    name: { en: 'Style recognition', zh: '风格识别' },
    summary: { en: 'Name the style of an image.', zh: '识别图片的风格。' },
    group: 'prompt',
    aliases: ['style'],
    fields: [image('sourceImage', { en: 'Image', zh: '图片' }), callbackUrl],
    output: 'style',
    documentedAnswer: 'task-id',
  },
  cntPreview: {
    toolCode: 'cnt/preview',
    name: { en: 'ControlNet preprocessor preview', zh: 'CNT 预处理预览' },
    summary: {
      en: 'What a ControlNet preprocessor extracts from an image.',
      zh: '查看 ControlNet 预处理器从图片中提取的内容。',
    },
    group: 'edit',
    aliases: ['cnt-preview', 'preprocess'],
    fields: [
      image('sourceImage', { en: 'Image', zh: '图片' }),
      {
        name: 'preprocessor',
        type: 'string',
        required: true,
        maxLength: 100,
        default: 'canny',
        label: { en: 'Preprocessor', zh: '预处理器' },
      },
      callbackUrl,
    ],
    output: 'image',
    documentedAnswer: 'task-id',
  },
} as const satisfies Record<ToolId, ToolRow>
