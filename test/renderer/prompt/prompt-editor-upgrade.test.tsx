import { EditorView } from '@codemirror/view'
import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it, vi } from 'vitest'
import * as codeMirrorEditor from '../../../renderer/src/features/prompt/CodeMirrorEditor'
import { createPromptEditor } from '../../../renderer/src/features/prompt/PromptEditor'
import { createI18n } from '../../../renderer/src/shared/i18n'

/** A prompt editor whose CodeMirror chunk arrives when the test says so. */
function delayedEditor() {
  let arrive: () => void = () => undefined
  const arrived = new Promise<typeof codeMirrorEditor>((resolve) => {
    arrive = () => resolve(codeMirrorEditor)
  })
  const { PromptEditor } = createPromptEditor(() => arrived)
  return { PromptEditor, arrive: () => act(async () => arrive()) }
}

async function renderDelayed(props: { onSubmit?: () => void; initial?: string } = {}) {
  const i18n = await createI18n('en')
  const { PromptEditor, arrive } = delayedEditor()
  const changes = vi.fn()
  function Host() {
    const [value, setValue] = useState(props.initial ?? '')
    const onChange = (next: string) => {
      changes(next)
      setValue(next)
    }
    return <PromptEditor value={value} onChange={onChange} label="Prompt" onSubmit={props.onSubmit} />
  }
  render(
    <I18nextProvider i18n={i18n}>
      <Host />
    </I18nextProvider>,
  )
  return { arrive, changes, textbox: () => screen.getByRole('textbox', { name: 'Prompt' }) }
}

/** Puts the caret after the first `offset` characters of the plain box's text. */
function placeCaret(box: HTMLElement, offset: number) {
  const text = box.firstChild
  if (text === null) throw new Error('empty box')
  const range = document.createRange()
  range.setStart(text, offset)
  range.collapse(true)
  document.getSelection()?.removeAllRanges()
  document.getSelection()?.addRange(range)
}

describe('PromptEditor before and after CodeMirror loads', () => {
  it('is a labelled multi-line text box at once, showing its value, that reports typing', async () => {
    const user = userEvent.setup()
    const { textbox, changes } = await renderDelayed({ initial: 'a lighthouse' })
    expect(EditorView.findFromDOM(textbox())).toBeNull()
    expect(textbox()).toHaveTextContent('a lighthouse')
    expect(textbox()).toHaveAttribute('aria-multiline', 'true')
    await user.click(textbox())
    placeCaret(textbox(), 'a lighthouse'.length)
    await user.keyboard(' at dusk')
    expect(changes).toHaveBeenLastCalledWith('a lighthouse at dusk')
  })

  it('keeps the typed text, the caret and the focus when CodeMirror takes over', async () => {
    const user = userEvent.setup()
    const { textbox, arrive, changes } = await renderDelayed()
    await user.click(textbox())
    await user.keyboard('a red fox')
    placeCaret(textbox(), 2)
    await arrive()
    const editor = await waitFor(() => {
      const view = EditorView.findFromDOM(textbox())
      if (view === null) throw new Error('still the plain box')
      return view
    })
    expect(editor.state.doc.toString()).toBe('a red fox')
    expect(editor.state.selection.main.head).toBe(2)
    expect(document.activeElement).toBe(editor.contentDOM)
    expect(changes).toHaveBeenLastCalledWith('a red fox')
    // Keys typed right through the hand-over: prompt-editor-upgrade e2e test, in Chromium.
  })

  it('generates on Ctrl+Enter in the plain box', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    const { textbox } = await renderDelayed({ onSubmit })
    await user.click(textbox())
    await user.keyboard('{Control>}{Enter}{/Control}')
    expect(onSubmit).toHaveBeenCalledOnce()
  })

  it('shows a value set from outside (a preset) in the plain box, then in CodeMirror', async () => {
    const i18n = await createI18n('en')
    const { PromptEditor, arrive } = delayedEditor()
    const show = (value: string) => (
      <I18nextProvider i18n={i18n}>
        <PromptEditor value={value} onChange={vi.fn()} label="Prompt" />
      </I18nextProvider>
    )
    const { rerender } = render(show('first'))
    rerender(show('from a preset'))
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveTextContent('from a preset')
    await arrive()
    await waitFor(() =>
      expect(
        EditorView.findFromDOM(screen.getByRole('textbox', { name: 'Prompt' }))?.state.doc.toString(),
      ).toBe('from a preset'),
    )
  })
})
