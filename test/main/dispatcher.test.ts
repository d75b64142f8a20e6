import { describe, expect, it } from 'vitest'
import { AppError, type Handlers } from '#contract'
import { createDispatcher } from '../../main/ipc/dispatcher'
import { createLogger, createSecretRedactor } from '../../main/services/logger'
import { useServices } from '../support/services'
import { useTempDirs } from '../support/temp-dir'

const ctx = { transport: 'in-process' } as const

describe('dispatcher', () => {
  const tempDir = useTempDirs()
  const services = useServices()

  it('answers a valid call with the handler value', async () => {
    const { dispatch } = await services({ dataDir: await tempDir() })
    expect(await dispatch('app.echo', { text: '你好' }, ctx)).toEqual({ ok: true, value: { text: '你好' } })
  })

  it('refuses an unknown procedure with invalid_request', async () => {
    const { dispatch } = await services({ dataDir: await tempDir() })
    const result = await dispatch('app.rm-rf', {}, ctx)
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: 'Unknown procedure.' },
    })
  })

  it('names the bad field of a malformed payload', async () => {
    const { dispatch } = await services({ dataDir: await tempDir() })
    const result = await dispatch('app.echo', { text: 42 }, ctx)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid_request')
    expect(result.error.details).toMatchObject({ procedure: 'app.echo', issues: [{ path: 'text' }] })
  })

  it('passes an AppError through as data and hides anything else', async () => {
    const logger = createLogger({ redactor: createSecretRedactor() })
    const failing = (error: unknown) =>
      ({
        'app.info': () => {
          throw error
        },
        'app.echo': () => ({ text: '' }),
      }) as unknown as Handlers
    const typed = await createDispatcher(
      failing(new AppError('not_found', 'No such task.', { id: 'x' })),
      logger,
    )('app.info', {}, ctx)
    expect(typed).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such task.', details: { id: 'x' } },
    })
    const raw = await createDispatcher(failing(new Error('secret-in-a-stack at /home/me')), logger)(
      'app.info',
      {},
      ctx,
    )
    expect(raw).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside the app.' },
    })
    expect(JSON.stringify(raw)).not.toContain('secret-in-a-stack')
  })

  it('strips fields a handler returns beyond the contract', async () => {
    const logger = createLogger({ redactor: createSecretRedactor() })
    const leaky = {
      'app.info': () => ({}),
      'app.echo': () => ({ text: 'ok', accessKeySecret: 'should-not-cross' }),
    } as unknown as Handlers
    const result = await createDispatcher(leaky, logger)('app.echo', { text: 'ok' }, ctx)
    expect(result).toEqual({ ok: true, value: { text: 'ok' } })
  })
})
