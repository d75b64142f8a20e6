import { describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import { normaliseCustomPath } from '../../../main/services/tools/custom-path'
import { checkMediaUrl, createMediaDownloader } from '../../../main/services/tools/media-download'
import { useLoopbackServers } from '../../support/loopback-server'
import { useTempDirs } from '../../support/temp-dir'
import { solidPng, useSourceImageServers } from '../simulator/source-image-server'
import { solidImage } from '../tasks/image-tasks-kit'
import { useToolsApp } from './tools-kit'

const custom = (record: TaskRecord) => {
  if (record.kind !== 'custom') throw new Error(`not a custom request: ${record.kind}`)
  return record
}

describe('custom request paths (SECURITY.md #27)', () => {
  it('normalises a path under /AIGCImgOpenServ/saas/, relative ones included', () => {
    expect(normaliseCustomPath('/AIGCImgOpenServ/saas/tool/hair/change')).toBe(
      '/AIGCImgOpenServ/saas/tool/hair/change',
    )
    expect(normaliseCustomPath('tool/hair/change')).toBe('/AIGCImgOpenServ/saas/tool/hair/change')
    expect(normaliseCustomPath('/AIGCImgOpenServ/saas//tool//hair/')).toBe('/AIGCImgOpenServ/saas/tool/hair')
  })

  it.each([
    'https://evil.example/AIGCImgOpenServ/saas/tool/x',
    '//evil.example/AIGCImgOpenServ/saas/tool/x',
    'javascript:alert(1)',
    '/AIGCImgOpenServ/saas/../admin',
    '/AIGCImgOpenServ/saas/tool/%2e%2e/x',
    '/AIGCImgOpenServ/saas/tool%2Fhair',
    '/AIGCImgOpenServ/saas/tool\\..\\x',
    '/AIGCImgOpenServ/saas/tool?x=1',
    '/other/path',
    '/AIGCImgOpenServ/saas/',
  ])('refuses %s, naming the path field', (path) => {
    expect(() => normaliseCustomPath(path)).toThrow(
      expect.objectContaining({ code: 'invalid_request', details: { field: 'path' } }),
    )
  })
})

describe('result downloads (SECURITY.md #26)', () => {
  const servers = useLoopbackServers()

  it('refuses non-http(s) links, links with credentials, and loopback unless the profile is loopback', () => {
    expect(() => checkMediaUrl('file:///etc/passwd', true)).toThrow(/Only http/)
    expect(() => checkMediaUrl('https://user:pw@example.com/a.png', false)).toThrow(/credentials/)
    expect(() => checkMediaUrl('http://127.0.0.1:9/a.png', false)).toThrow(/loopback or private/)
    expect(() => checkMediaUrl('http://[::1]:9/a.png', false)).toThrow(/loopback or private/)
    expect(() => checkMediaUrl('http://10.1.2.3/a.png', false)).toThrow(/loopback or private/)
    expect(checkMediaUrl('http://127.0.0.1:9/a.png', true).hostname).toBe('127.0.0.1')
  })

  it('follows a redirect only to http(s), caps the body, and keeps only what sniffs as media', async () => {
    const png = await solidImage(8, 8, '#00ff00')
    const server = await servers((req, res) => {
      if (req.url === '/to-file') return res.writeHead(302, { location: 'file:///etc/passwd' }).end()
      if (req.url === '/to-png') return res.writeHead(301, { location: '/png' }).end()
      if (req.url === '/png') return res.writeHead(200, { 'content-type': 'image/png' }).end(png)
      if (req.url === '/html')
        return res.writeHead(200, { 'content-type': 'image/png' }).end('<html>not an image</html>')
      if (req.url === '/huge') {
        // No content-length: the cap must hold while streaming.
        res.writeHead(200, { 'content-type': 'image/png' })
        res.write(png)
        const chunk = Buffer.alloc(64 * 1024, 1)
        const timer = setInterval(() => (res.writableNeedDrain ? undefined : res.write(chunk)), 1)
        res.on('close', () => clearInterval(timer))
        return
      }
      res.writeHead(404).end()
    })
    const media = createMediaDownloader({
      maxBytes: { image: 256 * 1024, audio: 256 * 1024, video: 256 * 1024 },
    })
    try {
      const get = (path: string, allowInternal = true) =>
        media.download(`${server.origin}${path}`, { allowInternal })
      await expect(get('/to-file')).rejects.toMatchObject({
        code: 'invalid_request',
        details: { reason: 'scheme' },
      })
      const fetched = await get('/to-png')
      expect([fetched.type, fetched.mime, fetched.bytes.equals(png)]).toEqual(['image', 'image/png', true])
      await expect(get('/html')).rejects.toMatchObject({ code: 'protocol', details: { reason: 'not_media' } })
      await expect(get('/huge')).rejects.toMatchObject({ code: 'protocol', details: { reason: 'too_large' } })
      // A public profile: the loopback server is refused before any request.
      await expect(get('/png', false)).rejects.toMatchObject({ details: { reason: 'internal_address' } })
    } finally {
      await media.close()
    }
  })
})

describe('tools.customRequest against the simulator', () => {
  const tempDir = useTempDirs()
  const open = useToolsApp()
  const serveImages = useSourceImageServers()

  it('sends the body with businessTaskId filled in, tracks it through queryTask and keeps the linked image', async () => {
    const app = await open(await tempDir(), { simulator: { toolAnswer: 'task-id' } })
    const request = {
      path: 'tool/comfyui/text2image',
      body: { comfyTaskType: 'Flux1DevFP8', prompt: 'a kite', width: 96, height: 64 },
    }
    const preview = await app.call<{ curl: string; body: Record<string, unknown> }>(
      'tools.previewCustomRequest',
      request,
    )
    expect(preview.curl).toContain('/AIGCImgOpenServ/saas/tool/comfyui/text2image')
    expect(preview.curl).toContain('$IMG_OPEN_ACCESS_KEY_SECRET')
    expect(preview.curl).not.toContain('--location')
    expect(typeof preview.body.businessTaskId).toBe('string')
    const { taskId } = await app.call<{ taskId: string }>('tools.customRequest', request)
    const done = custom(await app.finalOf(taskId))
    expect(done).toMatchObject({
      status: 'succeeded',
      path: '/AIGCImgOpenServ/saas/tool/comfyui/text2image',
      toolCode: 'comfyui/text2image',
    })
    expect(done.media).toEqual([expect.objectContaining({ type: 'image', mime: 'image/png' })])
    expect(done.images[0]?.cacheKey).toBe(done.media[0]?.key)
    expect(
      app.simulator.requests.count({ path: '/AIGCImgOpenServ/saas/tool/comfyui/text2image/queryTask' }),
    ).toBeGreaterThan(0)
  })

  it('answers the demo profile’s hair change request through queryTask and keeps the image', async () => {
    const app = await open(await tempDir(), { simulator: { toolAnswer: 'documented' } })
    const files = await serveImages({ '/me.png': solidPng(180, 180, 180, 24) })
    const { taskId } = await app.call<{ taskId: string }>('tools.customRequest', {
      path: 'tool/hair/change',
      body: { imageUrl: files.url('/me.png'), hairStyle: 'bob' },
    })
    const done = custom(await app.finalOf(taskId))
    expect(done).toMatchObject({ status: 'succeeded', toolCode: 'hair/change' })
    expect(done.media).toEqual([expect.objectContaining({ type: 'image', mime: 'image/png' })])
    expect(done.images[0]?.cacheKey).toBe(done.media[0]?.key)
    expect(
      app.simulator.requests.count({ path: '/AIGCImgOpenServ/saas/tool/hair/change/queryTask' }),
    ).toBeGreaterThan(0)
  })

  it('refuses a path outside the API root and a body carrying the profile’s key, recording nothing', async () => {
    const app = await open(await tempDir(), {
      keys: { accessKeyId: 'openapi-abcdefgh12345678', accessKeySecret: 'SECRETsecret1234567890abcdefghij' },
    })
    await expect(
      app.call('tools.customRequest', { path: '/AIGCImgOpenServ/saas/../x', body: {} }),
    ).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(
      app.call('tools.customRequest', {
        path: 'tool/hair/change',
        body: { note: 'SECRETsecret1234567890abcdefghij' },
      }),
    ).rejects.toMatchObject({ code: 'invalid_request', details: { field: 'body' } })
    expect(app.history.query({ limit: 10 }).total).toBe(0)
  })

  it('saves, lists, exports and imports custom tools offline', async () => {
    const app = await open(await tempDir())
    const saved = await app.call<{ tools: unknown[] }>('tools.saveCustomTool', {
      name: 'Hair',
      path: 'tool/hair/change',
      toolCode: 'hair/change',
      body: { style: 'bob' },
    })
    expect(saved.tools).toEqual([
      {
        name: 'Hair',
        path: '/AIGCImgOpenServ/saas/tool/hair/change',
        toolCode: 'hair/change',
        body: { style: 'bob' },
      },
    ])
    const { json } = await app.call<{ json: string }>('tools.exportCustomTools', {})
    await app.call('tools.deleteCustomTool', { name: 'Hair' })
    expect((await app.call<{ tools: unknown[] }>('tools.listCustomTools', {})).tools).toEqual([])
    expect(await app.call('tools.importCustomTools', { json })).toMatchObject({
      imported: 1,
      tools: saved.tools,
    })
    await expect(
      app.call('tools.importCustomTools', { json: '[{"name":"x","path":"/etc/passwd"}]' }),
    ).rejects.toMatchObject({ code: 'invalid_request' })
  })
})
