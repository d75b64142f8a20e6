import type { Bilingual } from './field-spec'

/**
 * Tools the vendor lists whose request body no stored page shows (§13, the rows marked
 * "[not in stored copy]"). The app lists them by name and opens a custom request for each: the user
 * writes the body; the path is known only for hair change (§12's example). Should a body become
 * known, the tool moves to tool-rows.ts.
 */
export interface UndocumentedTool {
  readonly id: string
  readonly name: Bilingual
  /** The tool code when the docs show its path, else null (the user types the path). */
  readonly toolCode: string | null
}

export const undocumentedTools = [
  { id: 'hairChange', name: { en: 'Hairstyle changer', zh: '换发型' }, toolCode: 'hair/change' },
  { id: 'faceRestore', name: { en: 'Face restoration', zh: '面部修复' }, toolCode: null },
  { id: 'superResolution', name: { en: 'Super resolution', zh: '超分辨' }, toolCode: null },
  { id: 'objectRemoval', name: { en: 'Object removal', zh: '智能擦除' }, toolCode: null },
  { id: 'backgroundRemoval', name: { en: 'Background removal', zh: '背景去除' }, toolCode: null },
  { id: 'imageEnlarge', name: { en: 'Image enlarge', zh: '图片扩大' }, toolCode: null },
  { id: 'addWatermark', name: { en: 'Add watermark', zh: '给图片加水印' }, toolCode: null },
  { id: 'removeWatermark', name: { en: 'Remove watermark', zh: '图片去水印' }, toolCode: null },
  { id: 'portrait', name: { en: 'Personalised portrait', zh: '个性化写真' }, toolCode: null },
  { id: 'advancedFaceSwap', name: { en: 'Advanced face swap', zh: '高级换脸' }, toolCode: null },
  { id: 'promptOptimise', name: { en: 'Prompt optimisation', zh: 'SD 提示词优化' }, toolCode: null },
  { id: 'imageToVideo', name: { en: 'Image to video', zh: '图生视频' }, toolCode: null },
] as const satisfies readonly UndocumentedTool[]
