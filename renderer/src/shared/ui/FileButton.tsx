import './file-button.css'

interface FileButtonProps {
  /** The visible text, and the file input's accessible name. */
  readonly label: string
  /** The input's `accept`: which files the picker offers. */
  readonly accept: string
  readonly disabled?: boolean
  readonly onFile: (file: File) => void
}

/** "Choose a file…" as a button: a label over a file input, reachable and named like any button. */
export function FileButton({ label, accept, disabled, onFile }: FileButtonProps) {
  return (
    <label className="file-button">
      {label}
      <input
        type="file"
        accept={accept}
        aria-label={label}
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0]
          // Cleared so picking the same file again reports it again.
          event.target.value = ''
          if (file) onFile(file)
        }}
      />
    </label>
  )
}
