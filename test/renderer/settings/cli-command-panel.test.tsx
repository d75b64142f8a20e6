import { screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CliCommandResult } from '#contract'
import { useSettingsStore } from '../../../renderer/src/features/settings/settings-store'
import { createFakeMain, Failure } from './fake-main'
import { renderSettings } from './settings-driver'

/** Settings with the install answered by `result`, after a click on the button named `install`. */
async function installWith(answer: () => CliCommandResult, language: 'en' | 'zh-CN' = 'en') {
  const main = createFakeMain()
  main.override('cli.installCommand', answer)
  const { user } = await renderSettings(main, language)
  const panel = screen.getByRole('region', { name: language === 'en' ? 'Command line' : '命令行' })
  const install = language === 'en' ? 'Install img-open command in PATH' : '将 img-open 命令安装到 PATH'
  await user.click(within(panel).getByRole('button', { name: install }))
  return { main, status: await within(panel).findByRole('status') }
}

describe('Settings: Install img-open command in PATH', () => {
  beforeEach(() => useSettingsStore.setState(useSettingsStore.getInitialState(), true))

  it('says where the command went and how to try it', async () => {
    const { main, status } = await installWith(() => ({
      outcome: 'linked',
      linkPath: '/usr/local/bin/img-open',
      onPath: true,
    }))
    expect(status).toHaveTextContent(
      'Installed as /usr/local/bin/img-open. Open a new terminal and run img-open --help.',
    )
    expect(main.calls.filter((call) => call.method === 'cli.installCommand')).toHaveLength(1)
  })

  it('says how to put ~/.local/bin on the PATH when it is not', async () => {
    const { status } = await installWith(() => ({
      outcome: 'linked',
      linkPath: '/home/ana/.local/bin/img-open',
      onPath: false,
    }))
    expect(status).toHaveTextContent(
      'but /home/ana/.local/bin is not on your PATH yet: add it in your shell\'s profile (export PATH="/home/ana/.local/bin:$PATH")',
    )
  })

  it('gives the command to run when no folder took the link', async () => {
    const command = "sudo ln -sf '/opt/Img Open Workbench/resources/cli/img-open' /usr/local/bin/img-open"
    const blocked = (): CliCommandResult => ({
      outcome: 'blocked',
      tried: ['/usr/local/bin', '/home/ana/.local/bin'],
      command,
    })
    const { status } = await installWith(blocked)
    expect(status).toHaveTextContent(
      `The command could not be placed in /usr/local/bin, /home/ana/.local/bin. Run this in a terminal instead: ${command}`,
    )
  })

  it('explains in Chinese why an AppImage cannot install it', async () => {
    const { status } = await installWith(() => ({ outcome: 'unavailable', reason: 'appImage' }), 'zh-CN')
    expect(status).toHaveTextContent('AppImage 无法安装此命令')
  })

  it('shows a failure of main as one line', async () => {
    const { status } = await installWith(() => {
      throw new Failure({ code: 'io', message: 'disk on fire' })
    })
    expect(status).toHaveTextContent(/^The command could not be installed: /)
  })
})
