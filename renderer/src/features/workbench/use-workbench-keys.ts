import { useEffect, useRef } from 'react'
import { workbenchModes } from './modes'
import { useWorkbenchStore } from './workbench-store'

const nonTextInputs = new Set(['checkbox', 'radio', 'button', 'range', 'submit', 'reset'])

const isTextEntry = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !nonTextInputs.has(target.type)))

/** Alt+1…4 by key position (`code`), since on a Mac Alt+1 types "¡" and `key` would not match. */
function modeShortcut(event: KeyboardEvent) {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return undefined
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1]
  return digit === undefined ? undefined : workbenchModes[Number(digit) - 1]
}

/**
 * Workbench shortcuts while the screen is shown: Alt+1…4 switch the mode; Ctrl/Cmd+Enter generates
 * from anywhere; Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) undo and redo parameter changes outside
 * text boxes, which keep their own undo. A key another handler already took (the prompt editor) is left alone.
 */
export function useWorkbenchKeys(generate: () => unknown) {
  const latest = useRef(generate)
  useEffect(() => {
    latest.current = generate
  }, [generate])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      const mode = modeShortcut(event)
      if (mode) {
        event.preventDefault()
        useWorkbenchStore.getState().setMode(mode)
        return
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return
      const key = event.key.toLowerCase()
      if (key === 'enter') {
        event.preventDefault()
        latest.current()
        return
      }
      if (isTextEntry(event.target) || (key !== 'z' && key !== 'y')) return
      event.preventDefault()
      const { undo, redo } = useWorkbenchStore.getState()
      if (key === 'y' || event.shiftKey) redo()
      else undo()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
