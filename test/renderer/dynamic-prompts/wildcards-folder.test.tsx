import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterEach, describe, expect, it } from 'vitest'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { useDynamicPrompts, WildcardsFolderSection } from '../../../renderer/src/features/dynamic-prompts'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { createInProcessMain, type TestHandlers } from '../../support/in-process-main'
import { startWildcardsFolderMain } from '../../support/wildcards-main'

/*
 * Settings → Wildcards folder, on main's real wildcards handlers over the real dispatcher, with a
 * real data folder and a real second folder to switch to.
 */

const opened: { close(): Promise<unknown> }[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((main) => main.close()))
})

async function open(language: 'en' | 'zh-CN' = 'en') {
  const folders = await startWildcardsFolderMain()
  opened.push(folders)
  const main = createInProcessMain(folders.handlers as unknown as TestHandlers)
  render(
    <I18nextProvider i18n={await createI18n(language)}>
      <ClientProvider client={createClient(main.transport)}>
        <WildcardsFolderSection />
      </ClientProvider>
    </I18nextProvider>,
  )
  return { user: userEvent.setup(), ...folders }
}

describe('Settings → Wildcards folder', () => {
  it('shows the default folder in use, then reads a folder the user sets', async () => {
    const { user, defaultDir, folderWith, names } = await open()
    expect(await screen.findByText(`In use: ${defaultDir} (1 wildcard)`)).toBeInTheDocument()
    const mine = await folderWith({ 'hats.txt': 'beret\n', 'people/names.txt': 'Ann\n' })
    const before = useDynamicPrompts.getState().wildcardsVersion
    await user.type(screen.getByRole('textbox', { name: 'Folder (full path)' }), mine)
    await user.click(screen.getByRole('button', { name: 'Save wildcards folder' }))
    expect(await screen.findByRole('status')).toHaveTextContent('Saved: 2 wildcards found.')
    expect(screen.getByText(`In use: ${mine} (2 wildcards)`)).toBeInTheDocument()
    expect(await names()).toEqual(['hats', 'people/names'])
    // The prompt editor's completion and the preview ask again.
    expect(useDynamicPrompts.getState().wildcardsVersion).toBe(before + 1)
  })

  it('says why a folder that does not exist is not saved, and keeps the one in use', async () => {
    const { user, defaultDir } = await open()
    await screen.findByText(`In use: ${defaultDir} (1 wildcard)`)
    await user.type(screen.getByRole('textbox', { name: 'Folder (full path)' }), 'relative/folder')
    await user.click(screen.getByRole('button', { name: 'Save wildcards folder' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not saved: give the full path of an existing folder.',
    )
    expect(screen.getByText(`In use: ${defaultDir} (1 wildcard)`)).toBeInTheDocument()
  })

  it('speaks Chinese', async () => {
    const { defaultDir } = await open('zh-CN')
    expect(await screen.findByRole('heading', { name: '通配符文件夹' })).toBeInTheDocument()
    expect(screen.getByText(`正在使用：${defaultDir}（1 个通配符）`)).toBeInTheDocument()
  })
})
