import { plotAxisSpecs, type PlotAxisType, type PlotValue } from './axis-types'
import type { PlotCellValue } from './plot-cell-ref'

/**
 * The languages a plot's words come in: the grid image is drawn in main, so it learns the UI's
 * language with the plot request; the app's lists word cells from the same table, so a queue row,
 * a plot's cell list and the grid never disagree.
 */
export const plotLanguages = ['en', 'zh'] as const
export type PlotLanguage = (typeof plotLanguages)[number]

/** `zh-CN`, `zh` → `zh`; anything else English. */
export const plotLanguageOf = (language: string): PlotLanguage =>
  language.toLowerCase().startsWith('zh') ? 'zh' : 'en'

/**
 * Each axis's name in Chinese for labels (English uses A1111's, `plotAxisSpecs[type].label`).
 * Every character must be in resources/fonts/plot-label-font.ttf (test/main/plot/label-font-glyphs).
 */
export const plotAxisNamesZh = {
  seed: '种子',
  steps: '步数',
  cfg_scale: 'CFG 强度',
  sampler: '采样器',
  scheduler: '调度类型',
  checkpoint: '模型',
  vae: 'VAE',
  size: '尺寸',
  hr_scale: '高清修复倍数',
  denoising_strength: '重绘幅度',
  clip_skip: 'CLIP 跳过层',
  controlnet_weight: 'ControlNet 权重',
  prompt_sr: '提示词搜索/替换',
} as const satisfies Record<PlotAxisType, string>

/** What a plot is called where its cells are listed beside other tasks (the queue). */
export const plotWord = { en: 'Plot', zh: 'X/Y/Z 图' } as const satisfies Record<PlotLanguage, string>

const colon = { en: ': ', zh: '：' } as const satisfies Record<PlotLanguage, string>

/** An axis's name in a language. */
export const plotAxisName = (type: PlotAxisType, language: PlotLanguage): string =>
  language === 'zh' ? plotAxisNamesZh[type] : plotAxisSpecs[type].label

/** A value as labels show it: numbers without float noise, a checkpoint by its file name alone. */
export function plotValueText(type: PlotAxisType, value: PlotValue): string {
  const shown = typeof value === 'number' ? String(Math.round(value * 1e8) / 1e8) : value
  return type === 'checkpoint' ? (shown.split(/[\\/]/).pop() ?? shown) : shown
}

/**
 * One value's label, as A1111 writes it beside a row or column: number axes name the axis
 * ("Steps: 20", "步数：20"); text axes show the value alone (a sampler, a size, a prompt piece).
 */
export function plotValueLabel(type: PlotAxisType, value: PlotValue, language: PlotLanguage): string {
  const shown = plotValueText(type, value)
  if (plotAxisSpecs[type].value === 'text') return shown
  return `${plotAxisName(type, language)}${colon[language]}${shown}`
}

/** A cell's line among other tasks: "Plot · Steps: 20 · CFG Scale: 7", "X/Y/Z 图 · 步数：20 · …". */
export const plotCellCaption = (values: readonly PlotCellValue[], language: PlotLanguage): string =>
  [plotWord[language], ...values.map((each) => plotValueLabel(each.type, each.value, language))].join(' · ')
