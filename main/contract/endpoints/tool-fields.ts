import type { Bilingual, FieldSpec } from './field-spec'

/*
 * Fields several tools share, under the API's own names (§13), for tool-rows.ts: the optional
 * callback, prompts, image links and the seed.
 */

export const callbackUrl: FieldSpec = {
  name: 'callbackUrl',
  type: 'url',
  required: false,
  label: { en: 'Callback URL', zh: '回调地址' },
  help: {
    en: 'Optional: the service also posts the result here. The app polls either way.',
    zh: '可选：服务也会把结果推送到这里。无论是否填写，应用都会轮询结果。',
  },
}

export const prompt = (required: boolean): FieldSpec => ({
  name: 'prompt',
  type: 'string',
  required,
  multiline: true,
  maxLength: 20_000,
  label: { en: 'Prompt', zh: '提示词' },
})

export const negativePrompt: FieldSpec = {
  name: 'negativePrompt',
  type: 'string',
  required: false,
  multiline: true,
  maxLength: 20_000,
  label: { en: 'Negative prompt', zh: '反向提示词' },
}

export const image = (name: string, label: Bilingual, help?: Bilingual): FieldSpec => ({
  name,
  type: 'image',
  required: true,
  label,
  ...(help ? { help } : {}),
})

export const seed: FieldSpec = {
  name: 'seed',
  type: 'integer',
  required: false,
  min: -1,
  max: 2_147_483_647,
  default: -1,
  label: { en: 'Seed', zh: '随机种子' },
  help: { en: '-1 for a random seed.', zh: '-1 表示随机。' },
}

export const sourceFace = { en: 'Face to use', zh: '源人脸' }
export const targetImage = { en: 'Target image', zh: '目标图片' }
