import { screen, waitFor, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useDynamicPrompts } from '../../../renderer/src/features/dynamic-prompts'
import { startWildcardsMain, type WildcardsMain } from '../../support/wildcards-main'
import { renderWorkbench, ui, validDraft } from '../workbench/workbench-driver'

/*
 * The Dynamic prompts control in the workbench, with main's real wildcards service (a real temp
 * folder) answering `prompts.expand` and `wildcards.list`; `tasks.submit` and `queue.submit` (a batch's tasks) are recorded.
 */

let main: WildcardsMain
beforeAll(async () => {
  main = await startWildcardsMain({ 'colours.txt': 'red\nblue\n', 'styles/light.txt': 'soft light\n' })
})
afterAll(() => main.close())

function answers() {
  let next = 0
  return {
    ...main.answers,
    'tasks.submit': () => ({ ok: true, value: { taskId: `task-${(next += 1)}` } }) as const,
    'queue.submit': () => ({ ok: true, value: { taskId: `task-${(next += 1)}` } }) as const,
  }
}

const slowUi = { timeout: 30_000 }

describe('dynamic prompts in the workbench', slowUi, () => {
  async function open(prompt: string, language: 'en' | 'zh-CN' = 'en') {
    // Reset before the first render: the previous test's mode would otherwise expand this prompt.
    useDynamicPrompts.setState(useDynamicPrompts.getInitialState(), true)
    return renderWorkbench({ language, draft: { ...validDraft, prompt }, answers: answers() })
  }

  it('previews the combinations and queues one task per prompt, each with its template', async () => {
    const { user, calls } = await open('a {red|blue} cat')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Mode' }), 'combinatorial')
    expect(await screen.findByText('2 prompts (of 2 combinations) will be sent')).toBeInTheDocument()
    const list = screen.getByRole('list', { name: 'Expanded prompts' })
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['a red cat', 'a blue cat'])
    await user.click(ui.button('Generate'))
    await waitFor(() => expect(calls.filter((call) => call.method === 'queue.submit')).toHaveLength(2))
    const sent = calls
      .filter((call) => call.method === 'queue.submit')
      .map((call) => call.input as { params: { prompt: string }; promptTemplate?: string })
    expect(sent.map((input) => input.params.prompt)).toEqual(['a red cat', 'a blue cat'])
    expect(sent.map((input) => input.promptTemplate)).toEqual(['a {red|blue} cat', 'a {red|blue} cat'])
  })

  it('sends the prompt as typed, braces and all, while dynamic prompts are off', async () => {
    const { user, calls } = await open('a {red|blue} cat')
    expect(screen.queryByRole('list', { name: 'Expanded prompts' })).toBeNull()
    await user.click(ui.button('Generate'))
    await waitFor(() => expect(calls.some((call) => call.method === 'tasks.submit')).toBe(true))
    expect(calls.some((call) => call.method === 'prompts.expand')).toBe(false)
    const input = calls.find((call) => call.method === 'tasks.submit')?.input as Record<string, unknown>
    expect(input).toMatchObject({ params: { prompt: 'a {red|blue} cat' } })
    expect(input).not.toHaveProperty('promptTemplate')
  })

  it('gives the same random prompts to the preview and to Generate, as many as asked', async () => {
    const { user, calls } = await open('__colours__ {cat|dog|fox}')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Mode' }), 'random')
    await ui.setNumber(user, 'Prompts', 4)
    await screen.findByText(/^4 prompts \(of 6 combinations\)/)
    const previewed = within(screen.getByRole('list', { name: 'Expanded prompts' }))
      .getAllByRole('listitem')
      .map((item) => item.textContent)
    for (const prompt of previewed) expect(prompt).toMatch(/^(red|blue) (cat|dog|fox)$/)
    await user.click(ui.button('Generate'))
    await waitFor(() => expect(calls.filter((call) => call.method === 'queue.submit')).toHaveLength(4))
    const sent = calls
      .filter((call) => call.method === 'queue.submit')
      .map((call) => (call.input as { params: { prompt: string } }).params.prompt)
    expect(sent).toEqual(previewed)
  })

  it('names an unknown wildcard, in Chinese too', async () => {
    const { user } = await open('a __hats__', 'zh-CN')
    await user.selectOptions(screen.getByRole('combobox', { name: '模式' }), 'random')
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '通配符文件夹中没有“hats”文件（第 3 个字符）。',
    )
  })

  it('highlights variants and wildcards and completes wildcard names after __', async () => {
    const { user } = await open('a {red|blue} __colours__ ')
    const invalid = () => [
      ...screen.getByRole('textbox', { name: 'Prompt' }).querySelectorAll('.cm-prompt-invalid'),
    ]
    // Off: the braces are A1111 text, and its stray `|` warning stands.
    await waitFor(() => expect(invalid().map((node) => node.textContent)).toEqual(['|']))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Mode' }), 'combinatorial')
    const textbox = screen.getByRole('textbox', { name: 'Prompt' })
    const marked = (kind: string) =>
      [...textbox.querySelectorAll(`.cm-dynamic-${kind}`)].map((node) => node.textContent)
    await waitFor(() => expect(marked('wildcard')).toEqual(['__colours__']))
    expect(marked('brace')).toEqual(['{', '}'])
    expect(marked('bar')).toEqual(['|'])
    // A variant's bar is not A1111's stray `|` once dynamic prompts are on.
    expect(marked('prompt-invalid')).toEqual([])
    await user.click(textbox)
    await user.keyboard('{Control>}{End}{/Control}__sty')
    expect(await screen.findByRole('listbox')).toHaveTextContent('__styles/light__')
  })
})
