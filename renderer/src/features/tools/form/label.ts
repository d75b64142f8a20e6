import { toolRegistry, type Bilingual, type ToolId } from '#contract'

/** A row's text in the UI language: Chinese for any zh language, else English. */
export const bilingual = (text: Bilingual, language: string): string =>
  language.toLowerCase().startsWith('zh') ? text.zh : text.en

/** A tool's name in the UI language, from its registry row. */
export const toolName = (toolId: ToolId, language: string): string =>
  bilingual(toolRegistry[toolId].name, language)
