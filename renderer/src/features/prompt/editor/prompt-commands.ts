import {
  autocompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete'
import { EditorSelection, Prec, type ChangeSpec, type Extension } from '@codemirror/state'
import { EditorView, keymap, type Command } from '@codemirror/view'
import { adjustWeight } from '../edit-attention'
import { looksLikeInfotext, parseInfotext, type ParsedInfotext } from '#contract/infotext'
import { promptCompletions } from './prompt-state'

/** The one change turning `before` into `after`: the differing middle, so undo and cursors stay local. */
export function minimalChange(before: string, after: string): ChangeSpec | null {
  if (before === after) return null
  let start = 0
  const shorter = Math.min(before.length, after.length)
  while (start < shorter && before[start] === after[start]) start += 1
  let end = 0
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end += 1
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) }
}

/** Ctrl/Cmd+ArrowUp/Down: A1111's weight edit, as one undoable transaction. */
export function adjustWeightCommand(direction: 1 | -1): Command {
  return (view) => {
    const { main } = view.state.selection
    const text = view.state.doc.toString()
    const edit = adjustWeight(text, main.from, main.to, direction)
    const changes = minimalChange(text, edit.text)
    view.dispatch({
      ...(changes === null ? {} : { changes }),
      selection: EditorSelection.single(edit.selectionFrom, edit.selectionTo),
      userEvent: 'input.weight',
      scrollIntoView: true,
    })
    return true
  }
}

export interface PromptCommandHandlers {
  /** Ctrl/Cmd+Enter; return false to let the key through. */
  submit: () => boolean
  /** Pasted A1111 generation parameters; return false to paste the text as it is. */
  pasteInfotext: (parsed: ParsedInfotext) => boolean
}

export function promptKeymap(handlers: PromptCommandHandlers): Extension {
  return Prec.high(
    keymap.of([
      { key: 'Mod-ArrowUp', run: adjustWeightCommand(1), preventDefault: true },
      { key: 'Mod-ArrowDown', run: adjustWeightCommand(-1), preventDefault: true },
      { key: 'Mod-Enter', run: () => handlers.submit() },
    ]),
  )
}

/**
 * Pasting A1111 generation parameters puts only their prompt into the editor and hands the whole
 * parse to the caller, which offers to fill the other fields.
 */
export function infotextPaste(handlers: PromptCommandHandlers): Extension {
  return EditorView.domEventHandlers({
    paste(event, view) {
      const pasted = event.clipboardData?.getData('text/plain') ?? ''
      if (!looksLikeInfotext(pasted)) return false
      const parsed = parseInfotext(pasted)
      if (!handlers.pasteInfotext(parsed)) return false
      event.preventDefault()
      view.dispatch(view.state.replaceSelection(parsed.params.prompt ?? ''), {
        userEvent: 'input.paste',
        scrollIntoView: true,
      })
      return true
    },
  })
}

const loraPrefix = /<(?:lora|lyco):[^:>\s]*$/
const wordBefore = /[\p{L}\p{N}_-]+$/u

function loraOption(label: string): Completion {
  return {
    label,
    type: 'lora',
    // Completes to a whole tag with A1111's default strength, unless the rest is already written.
    apply: (view, _completion, from, to) => {
      const next = view.state.sliceDoc(to, to + 1)
      const insert = next === ':' || next === '>' ? label : `${label}:1>`
      view.dispatch({
        changes: { from, to, insert },
        selection: { anchor: from + insert.length },
        userEvent: 'input.complete',
      })
    },
  }
}

/** LoRA names right after `<lora:` (the list opens as soon as it is typed); embeddings in words. */
export function promptCompletionSource(context: CompletionContext): CompletionResult | null {
  const { loras, embeddings, wildcards = [] } = context.state.facet(promptCompletions)
  const wildcard = wildcards.length > 0 ? context.matchBefore(/__[^\s{}|_]*(?:_[^\s{}|_]+)*$/u) : null
  if (wildcard !== null) {
    return {
      from: wildcard.from,
      options: wildcards.map((name) => ({ label: `__${name}__`, type: 'wildcard' })),
      validFor: /^__[^\s{}|]*$/u,
    }
  }
  const lora = context.matchBefore(loraPrefix)
  if (lora !== null) {
    if (loras.length === 0) return null
    return {
      from: lora.from + lora.text.indexOf(':') + 1,
      options: loras.map(loraOption),
      validFor: /^[^:>\s]*$/,
    }
  }
  const word = context.matchBefore(wordBefore)
  if (embeddings.length === 0 || (word === null && !context.explicit)) return null
  if (word !== null && word.to - word.from < 2 && !context.explicit) return null
  return {
    from: word?.from ?? context.pos,
    options: embeddings.map((label) => ({ label, type: 'embedding' })),
    validFor: /^[\p{L}\p{N}_-]*$/u,
  }
}

export const promptAutocompletion: Extension = autocompletion({
  override: [promptCompletionSource],
  activateOnTyping: true,
})
