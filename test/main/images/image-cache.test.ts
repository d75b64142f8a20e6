import sharp from 'sharp'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { Agent } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError, text2ImageParamsSchema } from '#contract'
import { createImageCache, type ImageCache } from '../../../main/services/images/image-cache'
import { readPngText } from '../../../main/services/images/png-metadata'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { useTempDirs } from '../../support/temp-dir'

const megabyte = 1024 * 1024

let png: Buffer
let jpeg: Buffer
let server: Server
let base = ''
/** How each response to a size-capped download ended: did the server get to send it all? */
const finished = new Map<string, boolean>()

function trickle(res: ServerResponse, path: string, head: Buffer, totalBytes: number) {
  res.on('close', () => finished.set(path, res.writableFinished))
  let sent = 0
  const pump = () => {
    while (sent < totalBytes) {
      const chunk = sent === 0 ? head : Buffer.alloc(64 * 1024, 7)
      sent += chunk.length
      if (!res.write(chunk)) return void res.once('drain', pump)
    }
    res.end()
  }
  pump()
}

beforeAll(async () => {
  png = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#884422' } })
    .png()
    .toBuffer()
  jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#224488' } })
    .jpeg()
    .toBuffer()
  server = createServer((req, res) => {
    const path = req.url ?? ''
    if (path === '/image.png')
      return void res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png)
    if (path === '/chunked.png') {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.write(png.subarray(0, 5))
      return void setTimeout(() => res.end(png.subarray(5)), 20)
    }
    if (path === '/photo.jpg') return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg)
    if (path === '/declared-huge.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': 50 * megabyte })
      return trickle(res, path, png.subarray(0, 64), 50 * megabyte)
    }
    if (path === '/endless.png') {
      res.writeHead(200, { 'content-type': 'image/png' })
      return trickle(res, path, png.subarray(0, 64), 20 * megabyte)
    }
    if (path === '/error-page.png')
      return void res.writeHead(200, { 'content-type': 'image/png' }).end('<html>Access denied</html>')
    if (path === '/slow.png') {
      res.writeHead(200, { 'content-type': 'image/png' })
      return void res.write(png.subarray(0, 100))
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

async function failure(run: Promise<unknown>): Promise<AppError> {
  try {
    await run
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a failure')
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describe('image cache', () => {
  const tempDir = useTempDirs()
  const caches: ImageCache[] = []
  const agent = new Agent()

  afterAll(async () => {
    await Promise.all(caches.map((cache) => cache.close()))
    await agent.close()
  })

  async function newCache() {
    const dataDir = await tempDir()
    const cache = createImageCache({
      dataDir,
      dispatcher: agent,
      logger: createLogger({ redactor: createSecretRedactor() }),
    })
    caches.push(cache)
    return { cache, dataDir, images: join(dataDir, 'images') }
  }

  const storedFiles = (images: string) =>
    readdirSync(images, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort()

  it('stores a download under its SHA-256 with a small WebP thumbnail beside it', async () => {
    const { cache, images } = await newCache()
    const stored = await cache.download(`${base}/image.png`, { maxBytes: 10 * megabyte })
    const key = sha256(png)
    expect(stored).toEqual({ cacheKey: key, type: 'png', size: png.length })
    expect(existsSync(join(images, key.slice(0, 2), `${key}.png`))).toBe(true)
    expect((await cache.read(key, 'full')).equals(png)).toBe(true)
    const thumb = await sharp(await cache.read(key, 'thumb')).metadata()
    expect(thumb).toMatchObject({ format: 'webp', width: 256, height: 171 })
    expect(storedFiles(images)).toEqual([`${key}.png`, `${key}.thumb.webp`])
  })

  it('makes the thumbnail once, however often the image arrives or is read', async () => {
    const { cache, images } = await newCache()
    const { cacheKey } = await cache.download(`${base}/image.png`, { maxBytes: 10 * megabyte })
    const thumbPath = join(images, cacheKey.slice(0, 2), `${cacheKey}.thumb.webp`)
    const before = statSync(thumbPath)
    await cache.download(`${base}/chunked.png`, { maxBytes: 10 * megabyte })
    await cache.put(png)
    await cache.read(cacheKey, 'thumb')
    const after = statSync(thumbPath)
    expect({ ino: after.ino, mtime: after.mtimeMs }).toEqual({ ino: before.ino, mtime: before.mtimeMs })
  })

  it('accepts JPEG and streams bodies sent without content-length', async () => {
    const { cache } = await newCache()
    expect(await cache.download(`${base}/photo.jpg`, { maxBytes: megabyte })).toMatchObject({
      type: 'jpeg',
      cacheKey: sha256(jpeg),
    })
    expect((await cache.download(`${base}/chunked.png`, { maxBytes: megabyte })).cacheKey).toBe(sha256(png))
  })

  it('refuses a body over the cap announced by content-length, without reading it', async () => {
    const { cache, images } = await newCache()
    const error = await failure(cache.download(`${base}/declared-huge.png`, { maxBytes: megabyte }))
    expect(error).toMatchObject({ code: 'protocol', details: { reason: 'too_large', limitBytes: megabyte } })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(finished.get('/declared-huge.png')).toBe(false)
    expect(storedFiles(images)).toEqual([])
  })

  it('stops reading a body with no content-length once it passes the cap', async () => {
    const { cache, images } = await newCache()
    const error = await failure(cache.download(`${base}/endless.png`, { maxBytes: megabyte }))
    expect(error).toMatchObject({ code: 'protocol', details: { reason: 'too_large' } })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(finished.get('/endless.png')).toBe(false)
    expect(storedFiles(images)).toEqual([])
  })

  it('refuses a download that is not an image, and maps a missing one to not_found', async () => {
    const { cache, images } = await newCache()
    expect(await failure(cache.download(`${base}/error-page.png`, { maxBytes: megabyte }))).toMatchObject({
      code: 'protocol',
      details: { reason: 'not_an_image' },
    })
    expect((await failure(cache.download(`${base}/gone.png`, { maxBytes: megabyte }))).code).toBe('not_found')
    expect((await failure(cache.download('file:///etc/passwd'))).code).toBe('invalid_request')
    expect(storedFiles(images)).toEqual([])
  })

  it('stops a download the caller cancels, or one past its deadline', async () => {
    const { cache } = await newCache()
    const controller = new AbortController()
    const pending = cache.download(`${base}/slow.png`, { maxBytes: megabyte, signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    expect((await failure(pending)).code).toBe('cancelled')
    expect(
      (await failure(cache.download(`${base}/slow.png`, { maxBytes: megabyte, deadlineMs: 100 }))).code,
    ).toBe('timeout')
  })

  it('writes generation metadata into a stored PNG', async () => {
    const { cache } = await newCache()
    const params = text2ImageParamsSchema.parse({
      prompt: '灯塔, lighthouse',
      alwayson_scripts: { sd_model_checkpoint: 'sdxl' },
    })
    const { cacheKey } = await cache.download(`${base}/image.png`, {
      maxBytes: 10 * megabyte,
      metadata: { params, seed: 9 },
    })
    const stored = await cache.read(cacheKey, 'full')
    expect(cacheKey).toBe(sha256(stored))
    expect(readPngText(stored).map((entry) => [entry.keyword, entry.chunkType])).toEqual([
      ['parameters', 'iTXt'],
      ['img-open-request', 'iTXt'],
    ])
  })

  it('removes images with their thumbnails, and refuses keys that are not hashes', async () => {
    const { cache, images } = await newCache()
    const { cacheKey } = await cache.put(png)
    expect(await cache.remove([cacheKey, 'f'.repeat(64)])).toBe(1)
    expect(storedFiles(images)).toEqual([])
    expect((await failure(cache.read(cacheKey, 'full'))).code).toBe('not_found')
    expect((await failure(cache.read('../../etc/passwd', 'full'))).code).toBe('invalid_request')
  })
})
