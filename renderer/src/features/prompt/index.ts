/** The prompt feature's public surface for other features (the workbench form embeds the editor). */
export { PromptEditor, type PromptEditorProps } from './PromptEditor'
export type { PromptCompletions } from './editor/prompt-state'
export { parseAttention } from './attention'
export { findExtraNetworks, type ExtraNetworkTag } from './extra-networks'
export { splitAndPrompts, type SubPrompt } from './composable'
export { promptSchedules } from './schedules'
export { adjustWeight, type WeightEdit } from './edit-attention'
export {
  parseInfotext,
  looksLikeInfotext,
  type ParsedInfotext,
  type InfotextParams,
} from '#contract/infotext'
export {
  analyzePrompt,
  weightAt,
  type PromptAnalysis,
  type PromptToken,
  type PromptTokenKind,
} from './tokenize'
