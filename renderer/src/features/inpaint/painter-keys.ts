import type { PainterTool } from './inpaint-store'

export type PainterCommand =
  | { readonly kind: 'tool'; readonly tool: PainterTool }
  | { readonly kind: 'brushSize'; readonly direction: -1 | 1 }
  | { readonly kind: 'hardness'; readonly direction: -1 | 1 }
  | { readonly kind: 'invert' }
  | { readonly kind: 'clear' }
  | { readonly kind: 'undo' }
  | { readonly kind: 'redo' }
  | { readonly kind: 'zoom'; readonly direction: -1 | 1 }
  | { readonly kind: 'fit' }
  /** Moves the image by this many viewport pixels (arrow keys scroll the view the other way). */
  | { readonly kind: 'pan'; readonly dx: number; readonly dy: number }

export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>

const panStep = 48

const plainKeys: Readonly<Record<string, PainterCommand>> = {
  b: { kind: 'tool', tool: 'paint' },
  e: { kind: 'tool', tool: 'erase' },
  h: { kind: 'tool', tool: 'pan' },
  '[': { kind: 'brushSize', direction: -1 },
  ']': { kind: 'brushSize', direction: 1 },
  '+': { kind: 'zoom', direction: 1 },
  '=': { kind: 'zoom', direction: 1 },
  '-': { kind: 'zoom', direction: -1 },
  '0': { kind: 'fit' },
  i: { kind: 'invert' },
}

/**
 * Shift+[ and Shift+] (Photoshop's hardness keys) arrive as `{` and `}` on US-like layouts and as
 * `[` `]` with Shift where Shift does not change them. Shift+Delete clears; Shift+Backspace too,
 * since a Mac's "delete" key is Backspace. Both need Shift, so a stray Delete does not wipe the mask.
 */
const shiftKeys: Readonly<Record<string, PainterCommand>> = {
  '{': { kind: 'hardness', direction: -1 },
  '[': { kind: 'hardness', direction: -1 },
  '}': { kind: 'hardness', direction: 1 },
  ']': { kind: 'hardness', direction: 1 },
  Delete: { kind: 'clear' },
  Backspace: { kind: 'clear' },
}

/** Arrow keys belong to sliders and buttons when they have focus, so they pan only on the image. */
const surfaceKeys: Readonly<Record<string, PainterCommand>> = {
  ArrowLeft: { kind: 'pan', dx: panStep, dy: 0 },
  ArrowRight: { kind: 'pan', dx: -panStep, dy: 0 },
  ArrowUp: { kind: 'pan', dx: 0, dy: panStep },
  ArrowDown: { kind: 'pan', dx: 0, dy: -panStep },
}

/**
 * The painter's shortcuts while focus is inside it: B / E / H pick brush, eraser or hand, [ and ]
 * resize the brush, Shift+[ and Shift+] change its hardness, I inverts the mask, Shift+Delete (or
 * Shift+Backspace) clears it, + − 0 zoom, Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z or Ctrl+Y redoes. Ctrl
 * with + − 0 stays the window's zoom, and Alt combinations are left to the system. Clear is not
 * Ctrl+Backspace: prompt editing uses that all the time to delete a word, and pressed while focus
 * is still on the painter after painting, it would wipe the mask.
 */
export function commandForKey(press: KeyPress, onSurface: boolean): PainterCommand | null {
  if (press.altKey) return null
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key
  if (press.ctrlKey || press.metaKey) {
    if (key === 'z') return press.shiftKey ? { kind: 'redo' } : { kind: 'undo' }
    if (key === 'y' && !press.shiftKey) return { kind: 'redo' }
    return null
  }
  if (press.shiftKey) {
    const shifted = shiftKeys[key]
    if (shifted) return shifted
  }
  return plainKeys[key] ?? (onSurface ? (surfaceKeys[key] ?? null) : null)
}
