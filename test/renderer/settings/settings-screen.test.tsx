import { screen, waitFor, within } from '@testing-library/react'
import type userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { useSettingsStore } from '../../../renderer/src/features/settings/settings-store'
import { createFakeMain, Failure } from './fake-main'
import { renderSettings } from './settings-driver'

/** The user's steps for a new profile: Add, fill in, Create. */
async function addProfile(user: ReturnType<typeof userEvent.setup>, name: string, baseUrl?: string) {
  await user.click(screen.getByRole('button', { name: 'Add profile' }))
  const form = screen.getByRole('form', { name: 'New profile' })
  await user.type(within(form).getByLabelText('Name'), name)
  if (baseUrl !== undefined) {
    await user.clear(within(form).getByLabelText('Base URL'))
    await user.type(within(form).getByLabelText('Base URL'), baseUrl)
  }
  await user.click(within(form).getByRole('button', { name: 'Create profile' }))
}

describe('the settings screen', () => {
  beforeEach(() => useSettingsStore.setState(useSettingsStore.getInitialState(), true))

  it('shows the built-in demo profile as active and the keychain as ready', async () => {
    await renderSettings()
    expect(screen.getByTestId('profile-demo')).toHaveAttribute('data-active', 'true')
    expect(await screen.findByText('Access keys are stored in the system keychain.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Delete profile' })).not.toBeInTheDocument()
  })

  it('adds a profile with the default address and shows it needing keys', async () => {
    const { main, user } = await renderSettings()
    await addProfile(user, 'Studio')
    expect(main.calls.find((c) => c.method === 'profiles.create')?.input).toMatchObject({
      name: 'Studio',
      baseUrl: 'https://api.zhiqite.com',
    })
    const item = await screen.findByRole('button', { name: /Studio/ })
    expect(item).toHaveTextContent('Keys needed')
    expect(screen.getByRole('form', { name: 'Profile: Studio' })).toBeInTheDocument()
  })

  it('refuses an address that is not http(s) before asking main', async () => {
    const { main, user } = await renderSettings()
    await addProfile(user, 'Bad', 'ftp://files.example.test')
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter an http:// or https:// address')
    expect(main.calls.some((c) => c.method === 'profiles.create')).toBe(false)
  })

  it('asks for explicit consent before keys go over plain http to another machine', async () => {
    const { main, user } = await renderSettings()
    await addProfile(user, 'Lan', 'https://10.0.0.5:8080')
    expect(screen.queryByLabelText('Allow unencrypted http:// to this address')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Add profile' }))
    const form = screen.getByRole('form', { name: 'New profile' })
    await user.type(within(form).getByLabelText('Name'), 'Lan plain')
    await user.clear(within(form).getByLabelText('Base URL'))
    await user.type(within(form).getByLabelText('Base URL'), 'http://10.0.0.5:8080')
    const consent = within(form).getByLabelText('Allow unencrypted http:// to this address')
    expect(consent).toHaveAccessibleDescription(/sends the access key ID and secret unencrypted/)
    await user.click(within(form).getByRole('button', { name: 'Create profile' }))
    expect(await within(form).findByRole('alert')).toHaveTextContent('would send the access keys unencrypted')
    expect(main.calls.filter((c) => c.method === 'profiles.create')).toHaveLength(1)
    await user.click(consent)
    await user.click(within(form).getByRole('button', { name: 'Create profile' }))
    await waitFor(() =>
      expect(main.calls.filter((c) => c.method === 'profiles.create').at(-1)?.input).toMatchObject({
        baseUrl: 'http://10.0.0.5:8080',
        allowInsecureHttp: true,
      }),
    )
  })

  it('explains a plain http refusal from main', async () => {
    const { main, user } = await renderSettings()
    main.override('profiles.create', () => {
      throw new Failure({
        code: 'invalid_request',
        message: 'This http:// address would send the access keys unencrypted.',
        details: { field: 'baseUrl', reason: 'insecure_http' },
      })
    })
    await addProfile(user, 'Studio')
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'tick “Allow unencrypted http:// to this address”',
    )
  })

  it('says so when the name is taken', async () => {
    const { main, user } = await renderSettings()
    main.override('profiles.create', () => {
      throw new Failure({
        code: 'conflict',
        message: 'A profile with this name exists.',
        details: { reason: 'name_taken' },
      })
    })
    await addProfile(user, 'Studio')
    expect(await screen.findByRole('alert')).toHaveTextContent('A profile with this name already exists.')
  })

  it('takes keys write-only: clears the inputs, shows only the key id’s last four characters', async () => {
    const { main, user, view } = await renderSettings()
    await addProfile(user, 'Studio')
    const keys = await screen.findByRole('form', { name: 'Access keys' })
    await user.type(within(keys).getByLabelText('Access key ID'), 'openapi-abcd1234wxyz')
    await user.type(within(keys).getByLabelText('Access key secret'), 'CANARY-secret-value-123')
    await user.click(within(keys).getByRole('button', { name: 'Save keys' }))

    expect(await within(keys).findByText('Keys saved.')).toBeInTheDocument()
    expect(within(keys).getByLabelText('Access key ID')).toHaveValue('')
    expect(within(keys).getByLabelText('Access key secret')).toHaveValue('')
    expect(await screen.findByText('Stored in the system keychain · key id …wxyz')).toBeInTheDocument()
    expect(view.container.innerHTML).not.toContain('CANARY-secret-value-123')
    expect(main.calls.find((c) => c.method === 'credentials.set')?.input).toEqual({
      profileId: 'p1',
      accessKeyId: 'openapi-abcd1234wxyz',
      accessKeySecret: 'CANARY-secret-value-123',
      sessionOnly: false,
    })
  })

  it('on a locked keychain explains the fix and offers to keep the keys for this session only', async () => {
    const { main, user } = await renderSettings()
    await addProfile(user, 'Studio')
    main.override('credentials.set', (input) => {
      if (input.sessionOnly)
        return { required: true, set: true, store: 'session', keyIdLast4: 'wxyz', problem: null }
      throw new Failure({
        code: 'keychain_locked',
        message: 'locked',
        details: { reason: 'locked', platform: 'linux' },
      })
    })
    const keys = await screen.findByRole('form', { name: 'Access keys' })
    await user.type(within(keys).getByLabelText('Access key ID'), 'openapi-wxyz')
    await user.type(within(keys).getByLabelText('Access key secret'), 'secret-value')
    await user.click(within(keys).getByRole('button', { name: 'Save keys' }))
    expect(await within(keys).findByRole('alert')).toHaveTextContent(
      /The keychain is locked\. Unlock the login keyring/,
    )
    expect(within(keys).getByLabelText('Access key secret')).toHaveValue('secret-value')

    await user.click(within(keys).getByRole('button', { name: 'Keep for this session only instead' }))
    expect(await within(keys).findByText('Keys saved for this session only.')).toBeInTheDocument()
    expect(main.calls.filter((c) => c.method === 'credentials.set').at(-1)?.input.sessionOnly).toBe(true)
  })

  it('without a keychain shows why, how to fix it on Linux, and the session-only notice', async () => {
    await renderSettings(
      createFakeMain({
        keychain: {
          state: 'unavailable',
          newKeysGoTo: 'session',
          problem: { code: 'keychain_unavailable', reason: 'no_secret_service' },
          platform: 'linux',
        },
      }),
    )
    const panel = await screen.findByTestId('keychain-status')
    await waitFor(() => expect(panel).toHaveAttribute('data-state', 'unavailable'))
    expect(panel).toHaveTextContent('No Secret Service is running')
    expect(panel).toHaveTextContent('sudo apt install gnome-keyring')
    expect(panel).toHaveTextContent('KWallet')
    expect(screen.getByTestId('session-only-notice')).toHaveTextContent('kept only until the app closes')
  })

  it('tells the user their settings file was kept aside, until dismissed', async () => {
    const { user } = await renderSettings(
      createFakeMain({
        file: {
          state: 'recovered',
          reason: 'corrupt',
          keptAside: 'settings.corrupt-2025-01-01T00-00-00-000Z.json',
          writable: true,
        },
      }),
    )
    const notice = await screen.findByTestId('settings-file-notice')
    expect(notice).toHaveTextContent('it is damaged')
    expect(notice).toHaveTextContent('settings.corrupt-2025-01-01T00-00-00-000Z.json')
    await user.click(within(notice).getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByTestId('settings-file-notice')).not.toBeInTheDocument()
  })

  it('tests a connection and shows the number of models, or why it failed', async () => {
    const { main, user } = await renderSettings()
    await addProfile(user, 'Studio')
    await user.click(await screen.findByRole('button', { name: 'Test connection' }))
    expect(await screen.findByTestId('test-result')).toHaveTextContent('Connected: 3 models found.')

    main.override('profiles.testConnection', () => {
      throw new Failure({ code: 'auth', message: 'refused' })
    })
    await user.click(screen.getByRole('button', { name: 'Test connection' }))
    await waitFor(() => expect(screen.getByTestId('test-result')).toHaveAttribute('data-outcome', 'auth'))
    expect(screen.getByTestId('test-result')).toHaveTextContent('The access keys were refused.')
  })

  it('makes a profile active', async () => {
    const { user } = await renderSettings()
    await addProfile(user, 'Studio')
    await user.click(await screen.findByRole('button', { name: 'Use this profile' }))
    expect(await screen.findByText('This is the active profile.')).toBeInTheDocument()
    expect(screen.getByTestId('profile-p1')).toHaveAttribute('data-active', 'true')
    expect(screen.getByTestId('profile-demo')).toHaveAttribute('data-active', 'false')
  })

  it('deletes a profile only after a second confirmation', async () => {
    const { main, user } = await renderSettings()
    await addProfile(user, 'Studio')
    await user.click(await screen.findByRole('button', { name: 'Delete profile' }))
    expect(main.calls.some((c) => c.method === 'profiles.delete')).toBe(false)
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }))
    await waitFor(() => expect(screen.queryByRole('button', { name: /Studio/ })).not.toBeInTheDocument())
    expect(main.calls.find((c) => c.method === 'profiles.delete')?.input).toEqual({ id: 'p1' })
  })

  it('speaks Simplified Chinese', async () => {
    await renderSettings(createFakeMain(), 'zh-CN')
    expect(screen.getByRole('heading', { name: '连接配置' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '添加配置' })).toBeInTheDocument()
    expect(await screen.findByText('访问密钥保存在系统钥匙串中。')).toBeInTheDocument()
  })
})
