import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TaskRecord } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { useToolsStore, type PromptUse } from '../../../renderer/src/features/tools'
import { ToolsScreen } from '../../../renderer/src/features/tools/ToolsScreen'
import { createI18n, type Language } from '../../../renderer/src/shared/i18n'
import { useTempDirs } from '../../support/temp-dir'
import { createToolsMain, type ToolScript } from '../../support/tools-main'
import { giveFilesText } from '../history/screen-helpers'

const twoFaces: ToolScript = () => ({
  faces: [
    { x: 10, y: 5, width: 20, height: 20 },
    { x: 40, y: 5, width: 20, height: 20 },
  ],
})

describe('the Tools screen', { timeout: 30_000 }, () => {
  const tempDir = useTempDirs()
  let main: ReturnType<typeof createToolsMain> | undefined
  beforeAll(() => giveFilesText())
  beforeEach(() => useToolsStore.setState(useToolsStore.getInitialState(), true))
  afterEach(async () => {
    await main?.close()
    main = undefined
  })

  async function renderTools(language: Language = 'en', scripts: Parameters<typeof createToolsMain>[1] = {}) {
    main = createToolsMain(await tempDir(), scripts)
    const onUsePrompt = vi.fn<(text: string, use: PromptUse) => void>()
    const onSendImageTo = vi.fn<(mode: string, record: TaskRecord, index: number) => void>()
    const user = userEvent.setup({ delay: null })
    render(
      <I18nextProvider i18n={await createI18n(language)}>
        <ClientProvider client={createClient(main.transport)}>
          <ToolsScreen onUsePrompt={onUsePrompt} onSendImageTo={onSendImageTo} />
        </ClientProvider>
      </I18nextProvider>,
    )
    return { main, user, onUsePrompt, onSendImageTo }
  }

  const toolList = () => screen.getByRole('navigation', { name: /Tools|工具/ })

  it('lists every tool by group from the registry, and the undocumented ones marked so', async () => {
    await renderTools()
    const list = toolList()
    for (const group of ['Generate', 'Faces', 'Edit', 'Prompt', 'Body not documented'])
      expect(within(list).getByRole('heading', { name: group })).toBeInTheDocument()
    const faces = within(list).getByRole('region', { name: 'Faces' })
    expect(
      within(faces)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Face swap v1', 'Face swap v2', 'Multiple face swap', 'Face detection'])
    expect(within(list).getByRole('button', { name: /Hairstyle changer/ })).toHaveTextContent(
      'body not documented',
    )
  })

  it('speaks Chinese: group, tool and field names from the rows', async () => {
    const { user } = await renderTools('zh-CN')
    expect(within(toolList()).getByRole('heading', { name: '人脸' })).toBeInTheDocument()
    await user.click(within(toolList()).getByRole('button', { name: '图片外扩' }))
    expect(screen.getByRole('heading', { name: '图片外扩', level: 2 })).toBeInTheDocument()
    expect(screen.getByRole('spinbutton', { name: /纵向扩展倍数/ })).toHaveValue(1.5)
  })

  it('builds the Flux form from its row, names what is wrong, and runs it with the API field names', async () => {
    const { main, user, onSendImageTo } = await renderTools('en', {
      flux: () => ({ images: ['https://out.example/a.png'] }),
    })
    expect(screen.getByRole('combobox', { name: /Model/ })).toHaveValue('Flux1DevFP8')
    const width = screen.getByRole('spinbutton', { name: 'Width' })
    expect(width).toHaveAttribute('min', '64')
    expect(width).toHaveAttribute('max', '2048')
    expect(screen.getByRole('spinbutton', { name: /Flux guidance/ })).toHaveAttribute('step', '0.1')

    await user.clear(width)
    await user.type(width, '4000')
    await user.click(screen.getByRole('button', { name: 'Run Flux text to image' }))
    expect(await screen.findByText('At most 2048.')).toBeInTheDocument()
    expect(screen.getByText('Required.')).toBeInTheDocument()
    expect(main.callsTo('tools.submit')).toEqual([])

    await user.clear(width)
    await user.type(width, '768')
    await user.type(screen.getByRole('textbox', { name: /Prompt/ }), 'a red fox in snow')
    await user.click(screen.getByRole('button', { name: 'Run Flux text to image' }))
    await waitFor(() => expect(main.callsTo('tools.submit')).toHaveLength(1))
    expect(main.callsTo('tools.submit')[0]).toMatchObject({
      toolId: 'flux',
      body: {
        comfyTaskType: 'Flux1DevFP8',
        prompt: 'a red fox in snow',
        width: 768,
        height: 1024,
        steps: 20,
        fluxGuidance: 3.5,
      },
      images: {},
    })
    expect(await screen.findByRole('img', { name: 'Result 1' })).toBeInTheDocument()
    expect(screen.getByTestId('tool-status')).toHaveTextContent('Done')

    // The result goes on: to an image mode of the workbench, or into another tool's slot.
    const onwards = screen.getByRole('group', { name: 'Send result 1 to' })
    await user.click(within(onwards).getByRole('button', { name: 'Send to img2img' }))
    expect(onSendImageTo).toHaveBeenCalledWith('image2image', expect.objectContaining({ kind: 'tool' }), 0)
    const taskId = onSendImageTo.mock.calls[0]?.[1].id
    await user.click(within(onwards).getByRole('button', { name: 'Outpaint…' }))
    expect(screen.getByRole('heading', { name: 'Outpainting', level: 2 })).toBeInTheDocument()
    expect(useToolsStore.getState().forms.imgExpand?.sourceImage).toMatchObject({
      source: { type: 'result', taskId, index: 0 },
    })
  })

  it('detects faces, then a click on face 2 opens a multiple swap with that target and face number', async () => {
    const { main, user } = await renderTools('en', { faceDetection: twoFaces })
    await user.click(within(toolList()).getByRole('button', { name: 'Face detection' }))
    const slot = screen.getByRole('group', { name: /^Image: / })
    await user.click(within(slot.closest('fieldset') ?? slot).getByRole('button', { name: 'Paste link' }))
    await user.type(
      screen.getByRole('textbox', { name: 'Image link' }),
      'https://in.example/group.jpg{Enter}',
    )
    await user.click(screen.getByRole('button', { name: 'Run Face detection' }))
    expect(await screen.findByText('Faces found: 2. Click a face to swap it.')).toBeInTheDocument()
    expect(main.callsTo('tools.submit')[0]).toMatchObject({
      toolId: 'faceDetection',
      images: { imageUrl: { type: 'url', url: 'https://in.example/group.jpg' } },
    })

    await user.click(screen.getByRole('button', { name: 'Face 2' }))
    expect(screen.getByRole('heading', { name: 'Multiple face swap', level: 2 })).toBeInTheDocument()
    expect(screen.getByRole('spinbutton', { name: /Face number/ })).toHaveValue(2)
    expect(screen.getByRole('group', { name: /^Target image: / })).toHaveTextContent('in.example')
  })

  it('offers a caption as the prompt or after it', async () => {
    const { user, onUsePrompt } = await renderTools('en', {
      interrogate: () => ({ caption: 'a cat on a sofa' }),
    })
    await user.click(within(toolList()).getByRole('button', { name: 'Describe image' }))
    await user.click(screen.getByRole('button', { name: 'Paste link' }))
    await user.type(screen.getByRole('textbox', { name: 'Image link' }), 'https://in.example/cat.png{Enter}')
    await user.click(screen.getByRole('button', { name: 'Run Describe image' }))
    expect(await screen.findByText('a cat on a sofa')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Use Caption as prompt' }))
    await user.click(screen.getByRole('button', { name: 'Append Caption to the prompt' }))
    expect(onUsePrompt.mock.calls).toEqual([
      ['a cat on a sofa', 'replace'],
      ['a cat on a sofa', 'append'],
    ])
  })

  it('writes a custom request for hair change: path prefilled, body checked as typed, saved as a custom tool', async () => {
    const { main, user } = await renderTools()
    await user.click(within(toolList()).getByRole('button', { name: /Hairstyle changer/ }))
    expect(screen.getByRole('textbox', { name: 'Path' })).toHaveValue(
      '/AIGCImgOpenServ/saas/tool/hair/change',
    )
    expect(screen.getByRole('textbox', { name: 'Tool code (for tracking)' })).toHaveValue('hair/change')
    const body = screen.getByRole('textbox', { name: 'Body (JSON)' })
    expect(JSON.parse((body as HTMLTextAreaElement).value)).toEqual({
      businessTaskId: expect.stringMatching(/^\w{32}$/),
    })

    await user.clear(body)
    await user.type(body, '{{"imageUrl": ')
    expect(screen.getByText(/^Not valid JSON/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()
    await user.type(body, '"https://in.example/me.png"}')
    expect(screen.getByText('Valid JSON.')).toBeInTheDocument()

    await user.clear(screen.getByRole('textbox', { name: 'Name' }))
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'My hair')
    await user.click(screen.getByRole('button', { name: 'Save as custom tool' }))
    expect(await screen.findByText('Saved “My hair”.')).toBeInTheDocument()
    expect(main.callsTo('tools.saveCustomTool')).toEqual([
      {
        name: 'My hair',
        path: '/AIGCImgOpenServ/saas/tool/hair/change',
        toolCode: 'hair/change',
        body: { imageUrl: 'https://in.example/me.png' },
      },
    ])
    expect(within(toolList()).getByRole('button', { name: /My hair/ })).toBeInTheDocument()

    // A custom tools file from elsewhere adds its tools to the list.
    const file = new File(
      [
        JSON.stringify([
          { name: 'Upscale x2', path: '/AIGCImgOpenServ/saas/tool/upscale', body: { scale: 2 } },
        ]),
      ],
      'tools.json',
      { type: 'application/json' },
    )
    await user.upload(screen.getByLabelText('Import custom tools…'), file)
    expect(await screen.findByText('Imported 1 custom tools.')).toBeInTheDocument()
    await user.click(within(toolList()).getByRole('button', { name: /Upscale x2/ }))
    expect(screen.getByRole('textbox', { name: 'Path' })).toHaveValue('/AIGCImgOpenServ/saas/tool/upscale')
    expect(
      JSON.parse((screen.getByRole('textbox', { name: 'Body (JSON)' }) as HTMLTextAreaElement).value),
    ).toMatchObject({
      scale: 2,
    })
  })
})
