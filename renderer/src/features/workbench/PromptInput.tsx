import { PromptEditor, type ParsedInfotext, type PromptCompletions } from '../prompt'

export type { PromptCompletions }

export interface PromptInputProps {
  readonly value: string
  readonly onChange: (value: string) => void
  readonly label: string
  readonly placeholder?: string
  readonly completions?: PromptCompletions
  readonly onPasteInfotext?: (parsed: ParsedInfotext) => void
  readonly onSubmit?: () => void
  /** The negative prompt: A1111 does not split it on AND. */
  readonly negative?: boolean
  readonly onSelectionChange?: (from: number, to: number) => void
  /** Highlight dynamic-prompts syntax. */
  readonly dynamic?: boolean
}

/** One prompt box of the workbench: the CodeMirror prompt editor in the workbench's field layout. */
export function PromptInput(props: PromptInputProps) {
  return (
    <div className="wb-field wb-prompt">
      <PromptEditor {...props} />
    </div>
  )
}
