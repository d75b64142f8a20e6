/** What the shell knows about the frame behind an IPC call (Electron's WebFrameMain, narrowed). */
export interface SenderFrame {
  readonly url: string
  readonly parent: unknown
}

/** The origin the renderer is served from in the desktop app. */
export const appOrigin = 'app://workbench'

/**
 * Only our own top-level frame, loaded from our own origin, may call main. Sub-frames, a null
 * frame (already navigated away or destroyed) and any other origin are refused.
 */
export function isTrustedSender(
  frame: SenderFrame | null | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (!frame || frame.parent !== null) return false
  let origin: string
  try {
    const url = new URL(frame.url)
    origin = url.protocol === 'app:' ? `app://${url.host}` : url.origin
  } catch {
    return false
  }
  return allowedOrigins.includes(origin)
}
