import type { Bilingual } from '#contract'

/** A row's text in the UI language: Chinese for any zh language, else English. */
export const bilingual = (text: Bilingual, language: string): string =>
  language.toLowerCase().startsWith('zh') ? text.zh : text.en
