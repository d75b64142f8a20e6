/*
 * Dynamic prompts (sd-dynamic-prompts syntax): pure, no I/O, so main, the CLI and the renderer's
 * editor share one reading of a template. Wildcard files come in through a WildcardLookup.
 */
export {
  expandTemplate,
  dynamicPromptModes,
  type DynamicPromptMode,
  type ExpandOptions,
  type Expansion,
} from './expand-template'
export { parseTemplate, hasDynamicSyntax } from './parse-template'
export {
  DynamicPromptError,
  dynamicPromptErrorCodes,
  type DynamicPromptErrorCode,
  type Sequence,
  type TemplateNode,
  type VariantNode,
  type WildcardNode,
  type WildcardLookup,
} from './template-types'
