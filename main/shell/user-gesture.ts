/**
 * Input the browser process delivered to a page. These events come from the OS, never from page
 * script (a script's dispatchEvent or click() does not pass through them), so they prove a person acted.
 */
export interface InputSource {
  on(
    event: 'before-mouse-event',
    listener: (event: unknown, mouse: { type: string; button?: string }) => void,
  ): void
  on(
    event: 'before-input-event',
    listener: (event: unknown, input: { type: string; key: string }) => void,
  ): void
}

export interface GestureGate {
  /** True once per real click or Enter press, and only soon after it; the gesture is then spent. */
  consume(): boolean
}

/** How long a click may authorise an outgoing link: long enough for the page's click handler to run. */
export const gestureLifespanMs = 1000

const activatesLink = {
  mouse: (mouse: { type: string; button?: string }) =>
    mouse.type === 'mouseUp' && (mouse.button === 'left' || mouse.button === 'middle'),
  key: (input: { type: string; key: string }) =>
    input.type === 'keyDown' && (input.key === 'Enter' || input.key === ' '),
}

/**
 * Watches the real input a web contents receives. Electron's window-open details carry no user
 * gesture flag, so without this any script could send the user to a website at any moment.
 */
export function createGestureGate(source: InputSource, now: () => number = Date.now): GestureGate {
  let lastGestureAt: number | null = null
  source.on('before-mouse-event', (_event, mouse) => {
    if (activatesLink.mouse(mouse)) lastGestureAt = now()
  })
  source.on('before-input-event', (_event, input) => {
    if (activatesLink.key(input)) lastGestureAt = now()
  })
  return {
    consume() {
      const fresh = lastGestureAt !== null && now() - lastGestureAt <= gestureLifespanMs
      lastGestureAt = null
      return fresh
    },
  }
}
