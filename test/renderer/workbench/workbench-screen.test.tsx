import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderWorkbench, ui, validDraft } from './workbench-driver'

/** What main's `buildCurlCommand` produces (tested in test/main/tasks); the key is a placeholder. */
const curl = [
  "curl --request POST 'https://api.zhiqite.com/AIGCImgOpenServ/saas/sd/v2/text2image'",
  '--header "X-Request-req-accessKeyId: $IMG_OPEN_ACCESS_KEY_ID"',
  '--header "X-Request-req-accessKeySecret: $IMG_OPEN_ACCESS_KEY_SECRET"',
  "--header 'Content-Type: application/json'",
  `--data-raw '{"prompt": "a lighthouse at dusk"}'`,
].join(' \\\n')

// The whole form renders on each step; a loaded two-core machine needs more than the default 5 s.
const slowUi = { timeout: 20_000 }

describe('workbench form', slowUi, () => {
  it('updates the draft when a field changes', async () => {
    const { user, draft } = await renderWorkbench()
    await ui.setNumber(user, 'Steps', 40)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sampler' }), 'Euler a')
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a red fox')
    await user.click(screen.getByRole('checkbox', { name: 'Restore faces' }))
    expect(draft()).toMatchObject({
      steps: 40,
      sampler_index: 'Euler a',
      prompt: 'a red fox',
      restore_faces: true,
    })
  })

  it('splits only the prompt on AND: the negative prompt reads it as words, as A1111 does', async () => {
    await renderWorkbench({ draft: { prompt: 'cat AND dog:1.2', negative_prompt: 'blur AND noise:0.5' } })
    const marked = (name: string, kind: string) =>
      [...screen.getByRole('textbox', { name }).querySelectorAll(`.cm-prompt-${kind}`)].map(
        (node) => node.textContent,
      )
    await waitFor(() => expect(marked('Prompt', 'and')).toEqual(['AND']))
    expect(marked('Prompt', 'subprompt-weight')).toEqual([':1.2'])
    expect(marked('Negative prompt', 'and')).toEqual([])
    expect(marked('Negative prompt', 'subprompt-weight')).toEqual([])
  })

  it('says what is missing before the first generate', async () => {
    await renderWorkbench({ draft: { prompt: 'a cat' } })
    const generate = ui.button('Generate')
    expect(generate).toBeDisabled()
    expect(generate).toHaveAccessibleDescription('Choose a checkpoint')
  })

  it('shows an out-of-range step count next to the field and on the disabled Generate button', async () => {
    const { user } = await renderWorkbench({ draft: validDraft })
    expect(ui.button('Generate')).toBeEnabled()
    await ui.setNumber(user, 'Steps', 200)
    expect(ui.number('Steps')).toHaveAccessibleDescription('Steps must be between 1 and 150')
    expect(ui.number('Steps')).toBeInvalid()
    expect(ui.button('Generate')).toBeDisabled()
    expect(ui.button('Generate')).toHaveAccessibleDescription('Steps must be between 1 and 150')
  })

  it('says the same in Simplified Chinese', async () => {
    const { user } = await renderWorkbench({ language: 'zh-CN', draft: validDraft })
    await ui.setNumber(user, '步数', 0)
    expect(ui.number('步数')).toHaveAccessibleDescription('步数必须在 1 到 150 之间')
    expect(ui.button('生成')).toBeDisabled()
    expect(ui.button('生成')).toHaveAccessibleDescription('步数必须在 1 到 150 之间')
  })

  it('sets the size from a ratio preset of the chosen family and swaps it', async () => {
    const { user, draft } = await renderWorkbench()
    await user.selectOptions(screen.getByRole('combobox', { name: 'Base size' }), '1024 (SDXL)')
    const ratios = screen.getByRole('group', { name: 'Aspect ratio' })
    await user.click(within(ratios).getByRole('button', { name: '16:9' }))
    expect(draft()).toMatchObject({ width: 1344, height: 768 })
    expect(within(ratios).getByRole('button', { name: '16:9' })).toHaveAttribute('aria-pressed', 'true')
    await user.click(ui.button('Swap width and height'))
    expect(draft()).toMatchObject({ width: 768, height: 1344 })
    expect(ui.number('Width')).toHaveValue(768)
    expect(within(ratios).getByRole('button', { name: '9:16' })).toHaveAttribute('aria-pressed', 'true')
  })

  it('shows the total number of images of a batch', async () => {
    const { user } = await renderWorkbench()
    await ui.setNumber(user, 'Batch count', 3)
    await ui.setNumber(user, 'Batch size', 4)
    expect(screen.getByText('Total images: 12')).toBeInTheDocument()
  })

  it('keeps ADetailer collapsed until opened, then edits a unit', async () => {
    const { user, draft } = await renderWorkbench()
    const toggle = ui.button(/ADetailer/)
    expect(toggle).toHaveAttribute('aria-expanded', 'false')
    expect(screen.queryByRole('checkbox', { name: 'Enable ADetailer' })).not.toBeInTheDocument()
    await user.click(toggle)
    await user.click(screen.getByRole('checkbox', { name: 'Enable ADetailer' }))
    await ui.setNumber(user, 'Detection confidence threshold', 0.5)
    expect(draft().alwayson_scripts.ADetailer?.args).toEqual([
      expect.objectContaining({ ad_model: 'face_yolov8n.pt', ad_confidence: 0.5 }),
    ])
    expect(screen.getByRole('tab', { name: 'Unit 1' })).toHaveAttribute('aria-selected', 'true')
  })

  it('undoes a parameter change from the toolbar', async () => {
    const { user, draft } = await renderWorkbench()
    await ui.setNumber(user, 'Steps', 40)
    await user.click(ui.button('Undo'))
    expect(draft().steps).toBe(25)
    expect(ui.number('Steps')).toHaveValue(25)
  })
})

describe('generating', slowUi, () => {
  it('submits the draft with Ctrl+Enter from the prompt box', async () => {
    const { user, calls } = await renderWorkbench({
      draft: validDraft,
      answers: { 'tasks.submit': { ok: true, value: { taskId: 'task-1' } } },
    })
    await user.click(screen.getByRole('textbox', { name: 'Prompt' }))
    await user.keyboard('{Control>}{Enter}{/Control}')
    expect(await screen.findByText('Task task-1 submitted.')).toBeInTheDocument()
    expect(calls).toEqual([
      {
        method: 'tasks.submit',
        input: {
          kind: 'text2image',
          params: expect.objectContaining({ prompt: 'a lighthouse at dusk', steps: 25 }),
        },
      },
    ])
  })

  it('does not submit an invalid draft', async () => {
    const { user, calls } = await renderWorkbench({ draft: { prompt: 'no checkpoint' } })
    await user.click(screen.getByRole('textbox', { name: 'Prompt' }))
    await user.keyboard('{Control>}{Enter}{/Control}')
    expect(calls).toEqual([])
  })

  it("shows a failed submit in the user's language by its code", async () => {
    const { user } = await renderWorkbench({
      language: 'zh-CN',
      draft: validDraft,
      answers: { 'tasks.submit': { ok: false, error: { code: 'quota', message: 'Quota exceeded' } } },
    })
    await user.click(ui.button('生成'))
    expect(await screen.findByRole('alert')).toHaveTextContent('提交失败')
    expect(screen.queryByText(/Quota exceeded/)).not.toBeInTheDocument()
  })

  it('shows the request as curl with placeholder credentials, and copies it', async () => {
    const { user, calls } = await renderWorkbench({
      draft: validDraft,
      answers: { 'tasks.previewRequest': { ok: true, value: { curl, body: {} } } },
    })
    await user.click(ui.button('Copy as curl'))
    const dialog = await screen.findByRole('dialog', { name: 'Request as curl' })
    const command = await within(dialog).findByText(/curl --request POST/)
    expect(command).toHaveTextContent('$IMG_OPEN_ACCESS_KEY_SECRET')
    expect(calls[0]).toEqual({
      method: 'tasks.previewRequest',
      input: { kind: 'text2image', params: expect.objectContaining(validDraft) },
    })
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }))
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe(curl))
    expect(within(dialog).getByText('Copied.')).toBeInTheDocument()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(ui.button('Copy as curl')).toHaveFocus()
  })
})
