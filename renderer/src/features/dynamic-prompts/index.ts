/** Dynamic prompts: the control and preview beside the prompt, and what Generate expands. */
export { DynamicPromptsPanel } from './DynamicPromptsPanel'
export { useDynamicPrompts, type DynamicMode } from './dynamic-store'
export { expandForSubmit } from './expansion'
export { useWildcardNames } from './use-wildcard-names'
export { WildcardsFolderSection } from './WildcardsFolderSection'
