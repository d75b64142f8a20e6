/** What a settings form's Save answered: a status line, or an alert when it failed. */
export interface SaveOutcomeMessage {
  readonly text: string
  readonly failed: boolean
}

export function SaveOutcome({ message }: { message: SaveOutcomeMessage | null }) {
  if (!message) return null
  return (
    <p
      role={message.failed ? 'alert' : 'status'}
      className={message.failed ? 'settings-warning' : 'settings-ok'}
    >
      {message.text}
    </p>
  )
}
