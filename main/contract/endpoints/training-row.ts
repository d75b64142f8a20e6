import type { Bilingual, FieldSpec } from './field-spec'
import { apiRoot } from './tool-paths'

/*
 * The model-training row (shared/api/img-open-api.md §14): one endpoint, one row. The form, the
 * body check, the simulator's validation and `img-open train` all read these fields. Names are
 * the table's camelCase ones (the page's own example mixes in snake_case; the table wins). Ranges
 * come from the table; a range marked [inferred] is ours, kept wide so it never refuses what the
 * service could take. `taskId` is not a field: the client chooses it.
 */

const int = (
  name: string,
  label: Bilingual,
  range: { min: number; max: number; default?: number },
  help?: Bilingual,
): FieldSpec => ({ name, type: 'integer', required: false, ...range, label, ...(help ? { help } : {}) })

const fraction = (name: string, label: Bilingual): FieldSpec => ({
  name,
  type: 'number',
  required: false,
  min: 0,
  max: 1,
  step: 0.01,
  label,
  help: { en: '0–1.', zh: '0–1。' },
})

const flag = (name: string, label: Bilingual, help?: Bilingual): FieldSpec => ({
  name,
  type: 'boolean',
  required: false,
  label,
  ...(help ? { help } : {}),
})

const text = (name: string, label: Bilingual, example: string): FieldSpec => ({
  name,
  type: 'string',
  required: false,
  maxLength: 200,
  label,
  help: { en: `For example "${example}".`, zh: `例如 "${example}"。` },
})

const rate = (name: string, label: Bilingual, example: string): FieldSpec => ({
  name,
  type: 'decimalString',
  required: false,
  min: 0,
  max: 1,
  label,
  help: { en: `Sent as text, e.g. "${example}".`, zh: `以文本发送，例如 "${example}"。` },
})

/** The images of a dataset: the table's 10–100 public links. */
export const trainingImageLimits = { min: 10, max: 100 } as const

/** The fields a user sets, in the form's order; `basic` ones show first, the rest under "Advanced". */
export const trainingFields: readonly FieldSpec[] = [
  {
    name: 'fileUrlList',
    type: 'imageList',
    required: true,
    minItems: trainingImageLimits.min,
    maxItems: trainingImageLimits.max,
    label: { en: 'Training images', zh: '训练图片' },
    help: { en: '10–100 public image links.', zh: '10–100 个公开图片链接。' },
  },
  int('maxEpochs', { en: 'Epochs', zh: '训练轮数' }, { min: 10, max: 50, default: 20 }),
  int('batchSize', { en: 'Batch size', zh: '批大小' }, { min: 1, max: 4, default: 1 }),
  {
    name: 'learningRate',
    type: 'decimalString',
    required: false,
    min: 0.0000001,
    max: 0.0001,
    label: { en: 'Learning rate', zh: '学习率' },
    help: {
      en: '0.0000001–0.0001, default 0.00001; sent as text to keep its precision.',
      zh: '0.0000001–0.0001，默认 0.00001；以文本发送以保留精度。',
    },
  },
  int(
    'resolution',
    { en: 'Resolution', zh: '分辨率' },
    { min: 64, max: 4096 },
    {
      en: 'Training size in pixels, e.g. 512 (SD 1.5) or 1024 (SDXL). [inferred range]',
      zh: '训练尺寸（像素），如 512（SD 1.5）或 1024（SDXL）。[推断范围]',
    },
  ),
  int('repeats', { en: 'Repeats per image', zh: '每张图重复次数' }, { min: 1, max: 1000 }),
  int('networkDim', { en: 'Network rank (dim)', zh: '网络维度（dim）' }, { min: 1, max: 1024 }),
  int('networkAlpha', { en: 'Network alpha', zh: '网络 Alpha' }, { min: 1, max: 1024 }),
  text('pretrainedModel', { en: 'Base model', zh: '底模' }, 'sd_xl_base_1.0.safetensors'),
  int('seed', { en: 'Seed', zh: '随机种子' }, { min: -1, max: 2_147_483_647 }),
  {
    name: 'maxTokenLength',
    type: 'enum',
    required: false,
    default: 225,
    options: [0, 150, 225].map((value) => ({ value, label: { en: String(value), zh: String(value) } })),
    label: { en: 'Max token length', zh: '最大 token 长度' },
  },
  int('clipSkip', { en: 'Clip skip', zh: 'Clip 跳过层数' }, { min: 1, max: 5, default: 1 }),
  text('optimizerType', { en: 'Optimizer', zh: '优化器' }, 'Lion'),
  text('lrScheduler', { en: 'Learning-rate schedule', zh: '学习率调度' }, 'constant'),
  int('lrWarmupSteps', { en: 'Warm-up steps', zh: '预热步数' }, { min: 0, max: 100 }),
  rate('textEncoderLr', { en: 'Text encoder learning rate', zh: '文本编码器学习率' }, '5e-05'),
  rate('unetLr', { en: 'UNet learning rate', zh: 'UNet 学习率' }, '0.0001'),
  text('mixedPrecision', { en: 'Mixed precision', zh: '混合精度' }, 'bf16'),
  text('savePrecision', { en: 'Save precision', zh: '保存精度' }, 'bf16'),
  text('networkModule', { en: 'Network module', zh: '网络模块' }, 'networks.lora'),
  text('networkArgs', { en: 'Network arguments', zh: '网络参数' }, 'conv_dim=4'),
  int('minBucketReso', { en: 'Min bucket size', zh: '最小分桶尺寸' }, { min: 64, max: 4096 }),
  int('maxBucketReso', { en: 'Max bucket size', zh: '最大分桶尺寸' }, { min: 64, max: 8192 }),
  int(
    'gradientAccumulationSteps',
    { en: 'Gradient accumulation', zh: '梯度累积步数' },
    { min: 1, max: 1024 },
  ),
  int('numCpuThreadsPerProcess', { en: 'CPU threads', zh: 'CPU 线程数' }, { min: 1, max: 20 }),
  fraction('networkDropout', { en: 'Network dropout', zh: '网络 Dropout' }),
  fraction('rankDropout', { en: 'Rank dropout', zh: 'Rank Dropout' }),
  fraction('moduleDropout', { en: 'Module dropout', zh: '模块 Dropout' }),
  fraction('noiseOffset', { en: 'Noise offset', zh: '噪声偏移' }),
  flag(
    'enableBucket',
    { en: 'Aspect-ratio buckets', zh: '启用分桶' },
    {
      en: 'Train images of different shapes without cropping them square.',
      zh: '不同比例的图片无需裁成正方形即可训练。',
    },
  ),
  flag('randomCrop', { en: 'Random crop', zh: '随机裁剪' }),
  flag('flipAug', { en: 'Flip augmentation', zh: '翻转增强' }),
  flag('colorAug', { en: 'Colour augmentation', zh: '颜色增强' }),
  flag('cacheLatents', { en: 'Cache latents', zh: '缓存潜变量' }),
  flag('cacheLatentsToDisk', { en: 'Cache latents to disk', zh: '潜变量缓存到磁盘' }),
  flag('v2', { en: 'SD 2.x base', zh: 'SD 2.x 底模' }),
  {
    name: 'callbackUrl',
    type: 'url',
    required: false,
    label: { en: 'Callback URL', zh: '回调地址' },
    help: {
      en: 'Optional, passed through (§8): the service posts the training result here. The app does not need it.',
      zh: '可选，原样传递（§8）：服务把训练结果推送到这里。应用本身不依赖它。',
    },
  },
]

/** Shown first in the form; every other field is under "Advanced". */
export const trainingBasicFields = [
  'maxEpochs',
  'batchSize',
  'learningRate',
  'resolution',
  'repeats',
  'networkDim',
  'networkAlpha',
  'pretrainedModel',
] as const

export const trainingStartIds = ['quick', 'balanced', 'quality'] as const
export type TrainingStartId = (typeof trainingStartIds)[number]

export interface TrainingStart {
  readonly name: Bilingual
  readonly summary: Bilingual
  /** The fields it fills (never `fileUrlList` or `callbackUrl`). */
  readonly params: Readonly<Record<string, string | number | boolean>>
}

/** Named starting points that fill the fields; the user may change any of them afterwards. */
export const trainingStarts = {
  quick: {
    name: { en: 'Quick', zh: '快速' },
    summary: { en: 'Few epochs, small network: a first try.', zh: '轮数少、网络小：先试一试。' },
    params: {
      maxEpochs: 10,
      batchSize: 2,
      learningRate: '0.0001',
      resolution: 512,
      repeats: 5,
      networkDim: 16,
      networkAlpha: 8,
      enableBucket: true,
    },
  },
  balanced: {
    name: { en: 'Balanced', zh: '均衡' },
    summary: { en: 'The documented defaults with a mid-size network.', zh: '文档默认值，中等网络。' },
    params: {
      maxEpochs: 20,
      batchSize: 1,
      learningRate: '0.00001',
      resolution: 512,
      repeats: 10,
      networkDim: 32,
      networkAlpha: 16,
      enableBucket: true,
    },
  },
  quality: {
    name: { en: 'Quality', zh: '高质量' },
    summary: { en: 'More epochs and a larger network at 1024 px.', zh: '更多轮数、更大网络，1024 像素。' },
    params: {
      maxEpochs: 40,
      batchSize: 1,
      learningRate: '0.00001',
      resolution: 1024,
      repeats: 10,
      networkDim: 128,
      networkAlpha: 64,
      enableBucket: true,
      flipAug: false,
    },
  },
} as const satisfies Record<TrainingStartId, TrainingStart>

/** The registry row of the one training endpoint. */
export const trainingRow = {
  path: `${apiRoot}modelTraining/submitTraining/Job`,
  name: { en: 'LoRA training', zh: 'LoRA 训练' },
  /** The id field of the body, chosen by the client. */
  taskIdField: 'taskId',
  fields: trainingFields,
  /** The result query is not documented (§14): there is none to reconcile or poll with. */
  queryPath: null,
} as const
