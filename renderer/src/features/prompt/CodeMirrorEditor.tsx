import { completionKeymap } from '@codemirror/autocomplete'
import { defaultKeymap, history, historyKeymap, isolateHistory } from '@codemirror/commands'
import { Annotation, Compartment, EditorState } from '@codemirror/state'
import { EditorView, keymap, placeholder as placeholderExtension } from '@codemirror/view'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { infotextPaste, minimalChange, promptAutocompletion, promptKeymap } from './editor/prompt-commands'
import { dynamicPromptSyntax, dynamicSyntax } from './editor/dynamic-syntax'
import { promptHover } from './editor/prompt-hover'
import {
  negativePrompt,
  promptCompletions,
  promptLanguage,
  promptTranslate,
  type PromptCompletions,
  type PromptTranslate,
} from './editor/prompt-state'
import { promptTheme } from './editor/prompt-theme'
import type { ParsedInfotext } from '#contract/infotext'

export interface PromptEditorProps {
  value: string
  onChange: (value: string) => void
  /** The accessible name of the text box. */
  label: string
  placeholder?: string
  /** A negative prompt: A1111 does not split it on AND, so AND stays plain text here. */
  negative?: boolean
  completions?: PromptCompletions
  /** Called with pasted A1111 generation parameters; only their prompt is pasted into the editor. */
  onPasteInfotext?: (parsed: ParsedInfotext) => void
  /** Ctrl/Cmd+Enter. */
  onSubmit?: () => void
  /** Where the cursor or selection is, after each move or edit the user makes. */
  onSelectionChange?: (from: number, to: number) => void
  /** Highlight dynamic-prompts syntax (`{a|b}`, `__name__`): on while dynamic prompts are. */
  dynamic?: boolean
}

/** Where the plain editor shown before CodeMirror loaded left the caret (PromptEditor.tsx). */
export interface EditorHandOver {
  readonly anchor: number
  readonly head: number
  readonly focused: boolean
}

/** Marks changes that came in through `value`, so they are not reported back through `onChange`. */
const fromProps = Annotation.define<boolean>()
const noCompletions: PromptCompletions = { loras: [], embeddings: [] }

function useCompartments() {
  const [compartments] = useState(() => ({
    attributes: new Compartment(),
    completions: new Compartment(),
    negative: new Compartment(),
    dynamic: new Compartment(),
    translate: new Compartment(),
  }))
  return compartments
}

/**
 * The prompt text box: A1111 syntax highlighting, weight hover, Ctrl/Cmd+↑/↓ weight edits,
 * LoRA/embedding completion and infotext paste. Controlled: `value` changes from outside (a preset)
 * replace the text as one undoable step; an unchanged `value` leaves the undo history alone.
 * Loaded after the first paint: PromptEditor shows a plain text box until then and hands over.
 */
export interface CodeMirrorEditorProps extends PromptEditorProps {
  /** Read when the editor is created, after the plain editor it replaces has recorded its caret. */
  readonly handOver?: { readonly current: EditorHandOver | null }
}

export function CodeMirrorEditor(props: CodeMirrorEditorProps) {
  const {
    value,
    label,
    placeholder = '',
    negative = false,
    dynamic = false,
    completions = noCompletions,
  } = props
  const { t } = useTranslation()
  const hostRef = useRef<HTMLDivElement>(null)
  const viewRef = useRef<EditorView | null>(null)
  const latest = useRef(props)
  const compartments = useCompartments()

  useLayoutEffect(() => {
    latest.current = props
  })

  // A layout effect: when it replaces the plain editor, no keystroke can land between the plain box
  // leaving the page and this editor taking the focus.
  useLayoutEffect(() => {
    const host = hostRef.current
    if (host === null) return
    const handlers = {
      submit: () => {
        const { onSubmit } = latest.current
        onSubmit?.()
        return onSubmit !== undefined
      },
      pasteInfotext: (parsed: ParsedInfotext) => {
        const { onPasteInfotext } = latest.current
        onPasteInfotext?.(parsed)
        return onPasteInfotext !== undefined
      },
    }
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          history(),
          promptKeymap(handlers),
          keymap.of([...completionKeymap, ...historyKeymap, ...defaultKeymap]),
          EditorView.lineWrapping,
          compartments.attributes.of([]),
          compartments.completions.of([]),
          compartments.negative.of([]),
          compartments.dynamic.of([]),
          compartments.translate.of([]),
          promptLanguage,
          dynamicSyntax,
          promptHover,
          promptAutocompletion,
          infotextPaste(handlers),
          promptTheme,
          EditorView.updateListener.of((update) => {
            const external = update.transactions.some((transaction) => transaction.annotation(fromProps))
            if (update.docChanged && !external) latest.current.onChange(update.state.doc.toString())
            if ((update.selectionSet || update.docChanged) && !external) {
              const { from, to } = update.state.selection.main
              latest.current.onSelectionChange?.(from, to)
            }
          }),
        ],
      }),
    })
    viewRef.current = view
    const handOver = latest.current.handOver?.current
    if (handOver) {
      const length = view.state.doc.length
      const clamp = (position: number) => Math.min(Math.max(position, 0), length)
      view.dispatch({ selection: { anchor: clamp(handOver.anchor), head: clamp(handOver.head) } })
      if (handOver.focused) view.focus()
    }
    return () => {
      view.destroy()
      viewRef.current = null
    }
  }, [compartments])

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: compartments.attributes.reconfigure([
        EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
        placeholderExtension(placeholder),
      ]),
    })
  }, [compartments, label, placeholder])

  // Keyed on the lists, not the object, so a parent passing a fresh `{ loras, embeddings }` each render
  // does not make the editor re-read the prompt.
  const { loras, embeddings, wildcards } = completions
  useEffect(() => {
    const config = promptCompletions.of({ loras, embeddings, wildcards })
    viewRef.current?.dispatch({ effects: compartments.completions.reconfigure(config) })
  }, [compartments, loras, embeddings, wildcards])

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartments.dynamic.reconfigure(dynamicPromptSyntax.of(dynamic)) })
  }, [compartments, dynamic])

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartments.negative.reconfigure(negativePrompt.of(negative)) })
  }, [compartments, negative])

  useEffect(() => {
    const translate: PromptTranslate = (key, values) => t(key, values)
    viewRef.current?.dispatch({ effects: compartments.translate.reconfigure(promptTranslate.of(translate)) })
  }, [compartments, t])

  useEffect(() => {
    const view = viewRef.current
    if (view === null) return
    const changes = minimalChange(view.state.doc.toString(), value)
    // Its own undo step: Ctrl+Z takes back an applied preset, and never merges it with typing.
    if (changes !== null)
      view.dispatch({ changes, annotations: [fromProps.of(true), isolateHistory.of('full')] })
  }, [value])

  return <div className="prompt-editor" ref={hostRef} />
}
