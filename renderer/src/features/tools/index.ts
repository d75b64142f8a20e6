/**
 * The Tools feature's public surface: the Tools screen, the image actions other screens offer
 * (Outpaint…, Swap face…, Detect faces, Describe), and the workbench's Expand prompt / Describe image.
 */
export type { ToolsScreenProps } from './ToolsScreen'
export { imageToolActions, firstImageField, type ImageToolAction } from './image-actions'
export { useToolsStore } from './tools-store'
export type { PromptUse } from './result/TextOutput'
export { openToolWithImage, openToolTask, rerunToolTask } from './open-tool'
export { joinPrompt } from './result/TextOutput'
export { ExpandPrompt } from './inline/ExpandPrompt'
export { DescribeImage } from './inline/DescribeImage'
export { DescribeFile } from './inline/DescribeFile'
export { toolName } from './form/label'
export { ToolForm } from './form/ToolForm'
export { FieldInput } from './form/FieldInput'
export {
  initialValues,
  readForm,
  type FieldIssue,
  type FieldValue,
  type FormValues,
  type ToolInput,
} from './form/field-values'
export { failureOf } from './use-run-tool'
export { bilingual } from './form/label'
export { CurlButton } from './CurlButton'
