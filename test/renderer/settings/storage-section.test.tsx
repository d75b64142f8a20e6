import { screen, waitFor, within } from '@testing-library/react'
import type userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { useSettingsStore } from '../../../renderer/src/features/settings/settings-store'
import { createFakeMain, Failure, type FakeMain } from './fake-main'
import { renderSettings } from './settings-driver'

type User = ReturnType<typeof userEvent.setup>

/** A new remote profile, selected: the profile editor with its Image storage section. */
async function addProfile(
  user: User,
  addLabel = 'Add profile',
  nameLabel = 'Name',
  createLabel = 'Create profile',
) {
  await user.click(screen.getByRole('button', { name: addLabel }))
  await user.type(screen.getByLabelText(nameLabel), 'Studio')
  await user.click(screen.getByRole('button', { name: createLabel }))
  return screen.findByRole('region', { name: /Image storage|图片存储/ })
}

const storageForm = (section: HTMLElement) =>
  within(section).getByRole('form', { name: 'Image storage settings' })
const setStorageCalls = (main: FakeMain) => main.calls.filter((c) => c.method === 'profiles.setStorage')

async function retype(user: User, input: HTMLElement, text: string) {
  await user.clear(input)
  if (text !== '') await user.type(input, text)
}

describe('the image storage section', () => {
  beforeEach(() => useSettingsStore.setState(useSettingsStore.getInitialState(), true))

  it('tells the demo profile’s user that images stay on this computer, with nothing to set up', async () => {
    await renderSettings()
    const section = await screen.findByRole('region', { name: 'Image storage' })
    expect(section).toHaveTextContent('Images stay on this computer')
    expect(within(section).queryByRole('form')).not.toBeInTheDocument()
    expect(within(section).queryByRole('button', { name: 'Test storage' })).not.toBeInTheDocument()
  })

  it('says nothing is uploaded until storage is set up', async () => {
    const { user } = await renderSettings()
    const section = await addProfile(user)
    expect(within(section).getByTestId('storage-summary')).toHaveTextContent(
      'Not set up: nothing is uploaded anywhere.',
    )
    expect(within(section).queryByRole('button', { name: 'Test storage' })).not.toBeInTheDocument()
  })

  it('fills a provider’s defaults, follows the region, saves, and says where images will go', async () => {
    const { main, user } = await renderSettings()
    const section = await addProfile(user)
    const form = storageForm(section)
    await user.selectOptions(within(form).getByLabelText('Provider'), 'Aliyun OSS')
    expect(within(form).getByLabelText('Endpoint')).toHaveValue('https://oss-cn-hangzhou.aliyuncs.com')
    expect(within(form).getByLabelText('Region')).toHaveValue('cn-hangzhou')
    await retype(user, within(form).getByLabelText('Region'), 'cn-shanghai')
    expect(within(form).getByLabelText('Endpoint')).toHaveValue('https://oss-cn-shanghai.aliyuncs.com')
    await user.type(within(form).getByLabelText('Bucket'), 'my-images')
    await user.click(within(form).getByRole('button', { name: 'Save storage' }))

    expect(await within(form).findByText('Storage saved.')).toBeInTheDocument()
    expect(setStorageCalls(main).at(-1)?.input).toEqual({
      id: 'p1',
      storage: {
        endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
        region: 'cn-shanghai',
        bucket: 'my-images',
        prefix: 'img-open-workbench/',
        forcePathStyle: false,
        urlExpirySeconds: 3600,
        keepUploads: false,
      },
    })
    expect(within(section).getByTestId('storage-summary')).toHaveTextContent(
      'Local images are uploaded to bucket my-images at oss-cn-shanghai.aliyuncs.com under img-open-workbench/; links expire after 1 hour; objects are deleted when the task ends.',
    )
  })

  it('takes MinIO path-style with its own lifetime and keeps uploads when asked', async () => {
    const { main, user } = await renderSettings()
    const section = await addProfile(user)
    const form = storageForm(section)
    await user.selectOptions(within(form).getByLabelText('Provider'), 'MinIO or other S3-compatible')
    expect(within(form).getByLabelText(/Path-style URLs/)).toBeChecked()
    await user.type(within(form).getByLabelText('Bucket'), 'inputs')
    await retype(user, within(form).getByLabelText('Path prefix'), '')
    await retype(user, within(form).getByLabelText('Link lifetime (minutes)'), '120')
    await user.click(within(form).getByLabelText('Keep uploaded images after the task ends'))
    await user.click(within(form).getByRole('button', { name: 'Save storage' }))

    await within(form).findByText('Storage saved.')
    expect(setStorageCalls(main).at(-1)?.input.storage).toMatchObject({
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      prefix: '',
      urlExpirySeconds: 7200,
      keepUploads: true,
    })
    expect(within(section).getByTestId('storage-summary')).toHaveTextContent(
      'Local images are uploaded to bucket inputs at 127.0.0.1:9000; links expire after 2 hours; objects are kept after the task ends.',
    )
  })

  it('explains what is wrong before asking main, field by field', async () => {
    const { main, user } = await renderSettings()
    const section = await addProfile(user)
    const form = storageForm(section)
    const save = () => user.click(within(form).getByRole('button', { name: 'Save storage' }))

    await user.type(within(form).getByLabelText('Bucket'), 'My_Bucket')
    await save()
    expect(within(form).getByRole('alert')).toHaveTextContent(
      'Enter the bucket name: 3 to 63 lower-case letters',
    )

    await retype(user, within(form).getByLabelText('Bucket'), 'images')
    await user.selectOptions(within(form).getByLabelText('Provider'), 'Cloudflare R2')
    expect(within(form).getByLabelText('Region')).toHaveValue('auto')
    await save()
    expect(within(form).getByRole('alert')).toHaveTextContent('Replace <account-id> in the endpoint')

    await retype(user, within(form).getByLabelText('Endpoint'), 'ftp://files.example.test')
    await save()
    expect(within(form).getByRole('alert')).toHaveTextContent(
      'Enter the endpoint as an http:// or https:// address',
    )

    await retype(user, within(form).getByLabelText('Endpoint'), 'https://abc123.r2.cloudflarestorage.com')
    await retype(user, within(form).getByLabelText('Link lifetime (minutes)'), '0')
    await save()
    expect(within(form).getByRole('alert')).toHaveTextContent(
      'Enter a link lifetime from 1 minute to 10080 minutes',
    )

    await retype(user, within(form).getByLabelText('Link lifetime (minutes)'), '30')
    await retype(user, within(form).getByLabelText('Path prefix'), '/inputs/')
    await save()
    expect(within(form).getByRole('alert')).toHaveTextContent('does not start with /')
    expect(setStorageCalls(main)).toEqual([])
  })

  it('takes storage keys write-only and shows only the key id’s last four characters', async () => {
    const { main, user, view } = await renderSettings()
    const section = await addProfile(user)
    const keys = within(section).getByRole('form', { name: 'Storage keys' })
    await user.type(within(keys).getByLabelText('Storage access key ID'), 'AKIAEXAMPLEKEY7Q2Z')
    await user.type(within(keys).getByLabelText('Storage secret access key'), 'CANARY-storage-secret-9')
    await user.click(within(keys).getByRole('button', { name: 'Save keys' }))

    expect(await within(keys).findByText('Keys saved.')).toBeInTheDocument()
    expect(within(keys).getByLabelText('Storage access key ID')).toHaveValue('')
    expect(within(keys).getByLabelText('Storage secret access key')).toHaveValue('')
    expect(await within(keys).findByText('Stored in the system keychain · key id …7Q2Z')).toBeInTheDocument()
    expect(view.container.innerHTML).not.toContain('CANARY-storage-secret-9')
    expect(main.calls.find((c) => c.method === 'credentials.setStorageKeys')?.input).toEqual({
      profileId: 'p1',
      accessKeyId: 'AKIAEXAMPLEKEY7Q2Z',
      secretAccessKey: 'CANARY-storage-secret-9',
      sessionOnly: false,
    })

    await user.click(within(keys).getByRole('button', { name: 'Remove keys' }))
    expect(await within(keys).findByText('Keys removed.')).toBeInTheDocument()
    expect(main.calls.some((c) => c.method === 'credentials.clearStorageKeys')).toBe(true)
  })

  it('tests storage and says what happened, or what to fix', async () => {
    const { main, user } = await renderSettings()
    const section = await addProfile(user)
    const form = storageForm(section)
    await user.selectOptions(within(form).getByLabelText('Provider'), 'MinIO or other S3-compatible')
    await user.type(within(form).getByLabelText('Bucket'), 'bkt')
    await user.click(within(form).getByRole('button', { name: 'Save storage' }))
    const test = await within(section).findByRole('button', { name: 'Test storage' })

    await user.click(test)
    expect(await within(section).findByTestId('storage-test-result')).toHaveTextContent(
      'Storage works: a test image was uploaded to bkt, fetched back by its link and deleted.',
    )

    const failWith = async (error: ConstructorParameters<typeof Failure>[0]) => {
      main.override('profiles.testStorage', () => {
        throw new Failure(error)
      })
      await user.click(test)
      await waitFor(() =>
        expect(within(section).getByTestId('storage-test-result')).toHaveAttribute(
          'data-outcome',
          error.code,
        ),
      )
      return within(section).getByTestId('storage-test-result')
    }
    expect(
      await failWith({
        code: 'image_storage_unreachable',
        message: 'x',
        details: { bucket: 'bkt', endpoint: '127.0.0.1:9000', reason: 'no_such_bucket' },
      }),
    ).toHaveTextContent('Storage test failed: There is no bucket bkt at 127.0.0.1:9000.')
    expect(
      await failWith({
        code: 'image_storage_auth',
        message: 'x',
        details: { bucket: 'bkt', reason: 'InvalidAccessKeyId' },
      }),
    ).toHaveTextContent('Your image storage refused the storage keys.')
    expect(
      await failWith({ code: 'keys_needed', message: 'x', details: { which: 'storage', reason: 'missing' } }),
    ).toHaveTextContent('Enter the storage keys (access key ID and secret access key) first.')
  })

  it('stops using storage on request', async () => {
    const { main, user } = await renderSettings()
    const section = await addProfile(user)
    const form = storageForm(section)
    await user.type(within(form).getByLabelText('Bucket'), 'bkt')
    await user.click(within(form).getByRole('button', { name: 'Save storage' }))
    expect(within(section).getByTestId('storage-summary')).toHaveTextContent('at s3.us-east-1.amazonaws.com')
    await user.click(within(form).getByRole('button', { name: 'Stop using storage' }))
    expect(await within(form).findByText('Storage removed: nothing will be uploaded.')).toBeInTheDocument()
    expect(setStorageCalls(main).at(-1)?.input).toEqual({ id: 'p1', storage: null })
    expect(within(section).getByTestId('storage-summary')).toHaveTextContent('Not set up')
  })

  it('speaks Simplified Chinese, validation included', async () => {
    const { user } = await renderSettings(createFakeMain(), 'zh-CN')
    const demo = await screen.findByRole('region', { name: '图片存储' })
    expect(demo).toHaveTextContent('图片保留在这台电脑上')
    const section = await addProfile(user, '添加配置', '名称', '创建配置')
    const form = within(section).getByRole('form', { name: '图片存储设置' })
    await user.type(within(form).getByLabelText('存储桶'), 'Bad_Bucket')
    await user.click(within(form).getByRole('button', { name: '保存存储设置' }))
    expect(within(form).getByRole('alert')).toHaveTextContent('请输入存储桶名称')
    await retype(user, within(form).getByLabelText('存储桶'), 'good-bucket')
    await user.click(within(form).getByRole('button', { name: '保存存储设置' }))
    expect(await within(form).findByText('存储设置已保存。')).toBeInTheDocument()
    expect(within(section).getByTestId('storage-summary')).toHaveTextContent(
      '本地图片会上传到 s3.us-east-1.amazonaws.com 的存储桶 good-bucket，路径前缀 img-open-workbench/；链接 1 小时后失效；任务结束后删除对象。',
    )
  })
})
