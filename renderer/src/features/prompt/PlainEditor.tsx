import { useLayoutEffect, useRef, type ClipboardEvent, type KeyboardEvent } from 'react'
import { looksLikeInfotext, parseInfotext } from '#contract/infotext'
import type { EditorHandOver, PromptEditorProps } from './CodeMirrorEditor'
import './plain-editor.css'

/** The text of an editable element as Chromium edits it: `<br>` and block elements are line breaks. */
function textOf(node: Node): string {
  let text = ''
  node.childNodes.forEach((child, index) => {
    if (child.nodeType === Node.TEXT_NODE) text += child.nodeValue ?? ''
    else if (child.nodeName === 'BR') text += '\n'
    else
      text += (index > 0 && (child.nodeName === 'DIV' || child.nodeName === 'P') ? '\n' : '') + textOf(child)
  })
  return text
}

/** A caret position as a text offset into `root`, or null when the selection is elsewhere. */
function offsetIn(root: HTMLElement, node: Node | null, offset: number): number | null {
  if (node === null || !root.contains(node)) return null
  const range = document.createRange()
  range.setStart(root, 0)
  range.setEnd(node, offset)
  return textOf(range.cloneContents()).length
}

function selectionIn(root: HTMLElement): { anchor: number; head: number } | null {
  const selection = document.getSelection()
  if (selection === null) return null
  const anchor = offsetIn(root, selection.anchorNode, selection.anchorOffset)
  const head = offsetIn(root, selection.focusNode, selection.focusOffset)
  return anchor === null || head === null ? null : { anchor, head }
}

export interface PlainEditorProps extends PromptEditorProps {
  /** Filled as the plain editor goes away, so the editor replacing it keeps the caret and focus. */
  readonly handOver: { current: EditorHandOver | null }
}

/**
 * The prompt box before CodeMirror has loaded (its 300 KB are not needed to type, issue 13 §10): an
 * editable element with CodeMirror's own class names and the same box, so the upgrade changes
 * nothing on screen. Plain text only: highlighting, hover and completion arrive with CodeMirror;
 * typing, paste (infotext included), Ctrl/Cmd+Enter and the cursor position work from the start.
 */
export function PlainEditor(props: PlainEditorProps) {
  const { value, label, placeholder = '', handOver } = props
  const ref = useRef<HTMLDivElement>(null)
  const latest = useRef(props)
  useLayoutEffect(() => {
    latest.current = props
  })

  // The text is the element's own (React does not render into it), set from `value` when they differ.
  useLayoutEffect(() => {
    const element = ref.current
    if (element !== null && textOf(element) !== value) element.textContent = value
  }, [value])

  useLayoutEffect(() => {
    const element = ref.current
    return () => {
      if (element === null) return
      const selection = selectionIn(element)
      const focused = document.activeElement === element
      const end = textOf(element).length
      handOver.current = { anchor: selection?.anchor ?? end, head: selection?.head ?? end, focused }
    }
  }, [handOver])

  const report = () => {
    const element = ref.current
    if (element === null) return
    const text = textOf(element)
    if (text !== latest.current.value) latest.current.onChange(text)
    const selection = selectionIn(element)
    if (selection)
      latest.current.onSelectionChange?.(
        Math.min(selection.anchor, selection.head),
        Math.max(selection.anchor, selection.head),
      )
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter') return
    const { onSubmit } = latest.current
    if ((event.ctrlKey || event.metaKey) && onSubmit) {
      event.preventDefault()
      onSubmit()
    } else if (!event.ctrlKey && !event.metaKey) {
      // A newline in the text, not a new paragraph element.
      event.preventDefault()
      document.execCommand('insertLineBreak')
    }
  }

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    event.preventDefault()
    const pasted = event.clipboardData.getData('text/plain')
    const { onPasteInfotext } = latest.current
    if (onPasteInfotext && looksLikeInfotext(pasted)) {
      const parsed = parseInfotext(pasted)
      onPasteInfotext(parsed)
      document.execCommand('insertText', false, parsed.params.prompt ?? '')
    } else document.execCommand('insertText', false, pasted)
  }

  return (
    <div className="prompt-editor">
      <div className="cm-editor prompt-plain">
        <div className="cm-scroller">
          <div
            ref={ref}
            className="cm-content"
            contentEditable
            suppressContentEditableWarning
            role="textbox"
            aria-label={label}
            aria-multiline="true"
            spellCheck={false}
            data-placeholder={placeholder}
            onInput={report}
            onKeyUp={report}
            onMouseUp={report}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
          />
        </div>
      </div>
    </div>
  )
}
