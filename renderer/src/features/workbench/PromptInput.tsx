import { useId } from 'react'

/** Names the prompt editor can complete (`<lora:name:1>`, embeddings). */
export interface PromptCompletions {
  readonly loras: readonly string[]
  readonly embeddings: readonly string[]
}

export interface PromptInputProps {
  readonly value: string
  readonly onChange: (value: string) => void
  readonly label: string
  readonly placeholder?: string
  readonly completions?: PromptCompletions
  readonly onPasteInfotext?: (text: string) => void
  readonly onSubmit?: () => void
}

/**
 * Stand-in for the CodeMirror `PromptEditor` (features/prompt), with the same props: when it lands,
 * this function renders it instead and nothing else in the workbench changes. Ctrl+Enter is
 * handled by the workbench, so the plain box needs no `onSubmit`.
 */
export function PromptInput({ value, onChange, label, placeholder }: PromptInputProps) {
  const id = useId()
  return (
    <div className="wb-field wb-prompt">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        placeholder={placeholder}
        rows={4}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  )
}
