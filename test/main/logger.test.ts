import { appendFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger, createSecretRedactor } from '../../main/services/logger'
import { useTempDirs } from '../support/temp-dir'

const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })

describe('the log file on a full disk (SECURITY.md #21)', () => {
  const tempDir = useTempDirs()

  it('never throws while the disk is full, and writes every line in order once there is space', async () => {
    const file = join(await tempDir(), 'logs', 'main.log')
    let full = false
    const logger = createLogger({
      file,
      redactor: createSecretRedactor(),
      fs: {
        mkdirSync,
        appendFileSync: (...args: Parameters<typeof appendFileSync>) => {
          if (full) throw diskFull()
          appendFileSync(...args)
        },
      },
    })
    logger.info('before')
    full = true
    expect(() => logger.warn('during.1', { taskId: 't1' })).not.toThrow()
    expect(() => logger.error('during.2')).not.toThrow()
    full = false
    logger.info('after')
    const events = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { event: string }).event)
    expect(events).toEqual(['before', 'during.1', 'during.2', 'after'])
  })

  it('starts on a folder where the log cannot be made', async () => {
    const dir = await tempDir()
    const refused = () => {
      throw Object.assign(new Error('EROFS'), { code: 'EROFS' })
    }
    const logger = createLogger({
      file: join(dir, 'logs', 'main.log'),
      redactor: createSecretRedactor(),
      fs: { mkdirSync: refused, appendFileSync: refused },
    })
    expect(() => logger.info('services.started')).not.toThrow()
    expect(logger.lines).toHaveLength(1)
  })
})
