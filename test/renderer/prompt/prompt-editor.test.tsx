import { EditorView } from '@codemirror/view'
import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it, vi } from 'vitest'
import type { ParsedInfotext } from '#contract/infotext'
import { PromptEditor, type PromptEditorProps } from '../../../renderer/src/features/prompt/PromptEditor'
import { createI18n } from '../../../renderer/src/shared/i18n'

const completions = { loras: ['add_detail', 'film_grain'], embeddings: ['EasyNegative'] }

async function renderEditor(props: Partial<PromptEditorProps> = {}) {
  const i18n = await createI18n('en')
  const onChange = vi.fn()
  const all: PromptEditorProps = { value: '', onChange, label: 'Prompt', completions, ...props }
  const view = render(
    <I18nextProvider i18n={i18n}>
      <PromptEditor {...all} />
    </I18nextProvider>,
  )
  const textbox = screen.getByRole('textbox', { name: 'Prompt' })
  const editor = EditorView.findFromDOM(textbox)
  if (editor === null) throw new Error('no editor')
  return { ...view, textbox, editor, onChange, i18n }
}

/** Puts the caret at `position`, as a click there would. */
const placeCaret = (editor: EditorView, position: number) =>
  act(() => editor.dispatch({ selection: { anchor: position } }))

describe('PromptEditor', () => {
  it('is a labelled text box showing its value', async () => {
    const { textbox } = await renderEditor({ value: '(red scarf:1.2), 1girl' })
    expect(textbox).toHaveTextContent('(red scarf:1.2), 1girl')
    expect(textbox).toHaveAttribute('aria-multiline', 'true')
  })

  it('highlights AND and its weights in a prompt, leaves them plain in a negative prompt, and dims comments', async () => {
    const i18n = await createI18n('en')
    const show = (negative: boolean) => (
      <I18nextProvider i18n={i18n}>
        <PromptEditor
          value={'cat AND dog:1.2 # note'}
          onChange={vi.fn()}
          label="Prompt"
          negative={negative}
        />
      </I18nextProvider>
    )
    const { rerender } = render(show(false))
    const textbox = screen.getByRole('textbox', { name: 'Prompt' })
    const marked = (kind: string) =>
      [...textbox.querySelectorAll(`.cm-prompt-${kind}`)].map((node) => node.textContent)
    expect(marked('and')).toEqual(['AND'])
    expect(marked('subprompt-weight')).toEqual([':1.2'])
    expect(marked('comment')).toEqual(['# note'])
    rerender(show(true))
    await waitFor(() => expect(marked('and')).toEqual([]))
    expect(marked('subprompt-weight')).toEqual([])
    expect(marked('comment')).toEqual(['# note'])
  })

  it('reports typed text through onChange', async () => {
    const user = userEvent.setup()
    const { textbox, onChange } = await renderEditor()
    await user.click(textbox)
    await user.keyboard('cat')
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith('cat'))
  })

  it('raises the weight of the word at the caret with Ctrl+ArrowUp, undone in one step', async () => {
    const user = userEvent.setup()
    const { textbox, editor, onChange } = await renderEditor({ value: 'a cat, dog' })
    await user.click(textbox)
    placeCaret(editor, 4)
    await user.keyboard('{Control>}{ArrowUp}{/Control}')
    expect(onChange).toHaveBeenLastCalledWith('a (cat:1.1), dog')
    await user.keyboard('{Control>}{ArrowUp}{/Control}')
    expect(onChange).toHaveBeenLastCalledWith('a (cat:1.2), dog')
    await user.keyboard('{Control>}z{/Control}')
    expect(onChange).toHaveBeenLastCalledWith('a (cat:1.1), dog')
  })

  it('hands pasted A1111 parameters to onPasteInfotext and pastes only their prompt', async () => {
    const user = userEvent.setup()
    const received: ParsedInfotext[] = []
    const { textbox, onChange } = await renderEditor({ onPasteInfotext: (parsed) => received.push(parsed) })
    await user.click(textbox)
    await user.paste(
      '一个女孩, (red scarf:1.2)\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, Seed: 42, Size: 512x768',
    )
    expect(received).toHaveLength(1)
    expect(received[0]?.params).toMatchObject({ negative_prompt: 'blurry', steps: 20, seed: 42, width: 512 })
    expect(onChange).toHaveBeenLastCalledWith('一个女孩, (red scarf:1.2)')
  })

  it('pastes ordinary text as it is', async () => {
    const user = userEvent.setup()
    const onPasteInfotext = vi.fn()
    const { textbox, onChange } = await renderEditor({ onPasteInfotext })
    await user.click(textbox)
    await user.paste('masterpiece, best quality')
    expect(onPasteInfotext).not.toHaveBeenCalled()
    expect(onChange).toHaveBeenLastCalledWith('masterpiece, best quality')
  })

  it('lists LoRA names as soon as <lora: is typed', async () => {
    const user = userEvent.setup()
    const { textbox } = await renderEditor()
    await user.click(textbox)
    await user.keyboard('a <lora:')
    const list = await screen.findByRole('listbox')
    expect(list).toHaveTextContent('add_detail')
    expect(list).toHaveTextContent('film_grain')
  })

  it('offers embedding names while a word is typed', async () => {
    const user = userEvent.setup()
    const { textbox } = await renderEditor()
    await user.click(textbox)
    await user.keyboard('easyn')
    expect(await screen.findByRole('listbox')).toHaveTextContent('EasyNegative')
  })

  it('calls onSubmit on Ctrl+Enter', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    const { textbox } = await renderEditor({ value: 'cat', onSubmit })
    await user.click(textbox)
    await user.keyboard('{Control>}{Enter}{/Control}')
    expect(onSubmit).toHaveBeenCalledTimes(1)
  })

  it('follows value changes from outside without echoing them or losing the undo history', async () => {
    const user = userEvent.setup()
    const seen: string[] = []
    function Harness() {
      const [value, setValue] = useState('cat')
      return (
        <>
          <button type="button" onClick={() => setValue('a preset prompt')}>
            preset
          </button>
          <PromptEditor
            value={value}
            label="Prompt"
            onChange={(next) => {
              seen.push(next)
              setValue(next)
            }}
          />
        </>
      )
    }
    const i18n = await createI18n('en')
    render(
      <I18nextProvider i18n={i18n}>
        <Harness />
      </I18nextProvider>,
    )
    const textbox = screen.getByRole('textbox', { name: 'Prompt' })
    await user.click(textbox)
    await user.keyboard('{End}s')
    await waitFor(() => expect(seen).toEqual(['cats']))
    await user.click(screen.getByRole('button', { name: 'preset' }))
    expect(textbox).toHaveTextContent('a preset prompt')
    expect(seen).toEqual(['cats'])
    await user.click(textbox)
    await user.keyboard('{Control>}z{/Control}')
    expect(seen.at(-1)).toBe('cats')
  })
})
