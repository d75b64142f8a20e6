import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import { jpegWithUserComment, webpWithUserComment } from '../../../main/services/images/exif-infotext'
import { createHistoryStore } from '../../../main/services/history/history-store'
import { createImageCache } from '../../../main/services/images/image-cache'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { createOutputsService, type OutputShell } from '../../../main/services/outputs'
import { makeTaskRecord } from '../history/fixtures/task-records'
import { useTempDirs } from '../../support/temp-dir'

const logger = createLogger({ redactor: createSecretRedactor() })

/**
 * EXIF `UserComment` as A1111 reads it (piexif.helper.UserComment.load): find the Exif IFD from
 * IFD0, the 0x9286 entry in it, and decode its 8-byte charset prefix ("UNICODE\0" is UTF-16BE).
 */
function readUserComment(exif: Buffer): string | null {
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif
  const big = tiff.toString('latin1', 0, 2) === 'MM'
  const u16 = (at: number) => (big ? tiff.readUInt16BE(at) : tiff.readUInt16LE(at))
  const u32 = (at: number) => (big ? tiff.readUInt32BE(at) : tiff.readUInt32LE(at))
  const entry = (ifd: number, tag: number) => {
    for (let i = 0; i < u16(ifd); i += 1) if (u16(ifd + 2 + i * 12) === tag) return ifd + 2 + i * 12
    return null
  }
  const pointer = entry(u32(4), 0x8769)
  const comment = pointer === null ? null : entry(u32(pointer + 8), 0x9286)
  if (comment === null) return null
  const bytes = tiff.subarray(u32(comment + 8), u32(comment + 8) + u32(comment + 4))
  const prefix = bytes.toString('latin1', 0, 8)
  const body = Buffer.from(bytes.subarray(8))
  if (prefix === 'UNICODE\0') return (big ? body.swap16() : body).toString('utf16le')
  return body.toString('latin1')
}

const exifText = async (bytes: Uint8Array) => {
  const { exif } = await sharp(bytes).metadata()
  return exif ? readUserComment(exif) : null
}

const infotext =
  '一只狐狸, a red fox\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, Seed: 7, Model: photon'
const picture = () =>
  sharp({ create: { width: 40, height: 24, channels: 4, background: { r: 200, g: 60, b: 20, alpha: 0.5 } } })

describe('infotext in EXIF UserComment, as A1111 writes it into JPEG and WebP', () => {
  it('splices it into a JPEG, which still decodes, and replaces an EXIF block it had', async () => {
    const jpeg = await picture().jpeg().toBuffer()
    const written = jpegWithUserComment(jpeg, infotext)
    if (!written) throw new Error('not written')
    expect(await exifText(written)).toBe(infotext)
    const { width, height } = await sharp(written).metadata()
    expect([width, height]).toEqual([40, 24])
    // The picture itself is not re-encoded: the bytes after the headers are the same.
    expect(Buffer.from(written).subarray(-200).equals(jpeg.subarray(-200))).toBe(true)

    const withCamera = await picture()
      .jpeg()
      .withExif({ IFD0: { Make: 'Camera' } })
      .toBuffer()
    const again = jpegWithUserComment(jpegWithUserComment(withCamera, 'first') ?? withCamera, infotext)
    expect(again && (await exifText(again))).toBe(infotext)
    expect(jpegWithUserComment(Buffer.from('not a jpeg'), infotext)).toBeNull()
  })

  it('writes it into lossy, lossless-with-alpha and extended WebPs, which still decode', async () => {
    const variants = {
      lossy: await picture().webp({ quality: 80 }).toBuffer(),
      lossless: await picture().webp({ lossless: true }).toBuffer(),
      extended: await picture()
        .webp()
        .withExif({ IFD0: { Make: 'Camera' } })
        .toBuffer(),
    }
    for (const [name, webp] of Object.entries(variants)) {
      const written = webpWithUserComment(webp, infotext)
      if (!written) throw new Error(`${name}: not written`)
      expect(await exifText(written), name).toBe(infotext)
      const meta = await sharp(written).metadata()
      expect([meta.width, meta.height, meta.format], name).toEqual([40, 24, 'webp'])
      expect((await sharp(written).raw().toBuffer()).length, name).toBe(
        (await sharp(webp).raw().toBuffer()).length,
      )
    }
    expect(webpWithUserComment(Buffer.from('RIFF\0\0\0\0WAVE'), infotext)).toBeNull()
  })
})

describe('saved JPEG and WebP results carry their infotext', () => {
  const tempDir = useTempDirs()

  it('in the output folder and through Save image as…', async () => {
    const dataDir = await tempDir()
    const saveDir = await tempDir()
    const imageCache = createImageCache({ dataDir, logger })
    const history = createHistoryStore({ dataDir, clock: Date.now, logger })
    const shell: OutputShell = {
      chooseFolder: () => Promise.resolve(saveDir),
      chooseSaveFile: (defaultPath) =>
        Promise.resolve(join(saveDir, `chosen-${defaultPath.split('/').pop() ?? ''}`)),
      showInFolder: () => undefined,
    }
    const outputs = createOutputsService({ dataDir, history, imageCache, logger, shell })
    const base = makeTaskRecord({ prompt: 'a lighthouse at dawn', checkpoint: 'dreamshaper_8.safetensors' })
    const bytes = [await picture().jpeg().toBuffer(), await picture().webp().toBuffer()]
    const images = await Promise.all(
      bytes.map(async (image, index) => ({
        url: `https://x/${index}`,
        seed: 301 + index,
        status: 1,
        auditPassed: true,
        auditLabels: [],
        cacheKey: (await imageCache.put(image)).cacheKey,
      })),
    )
    const record: TaskRecord = history.insert({ ...base, images })
    const folder = await tempDir()
    await outputs.configure({ folder, pattern: '[seed]' })
    outputs.taskChanged(record)
    await outputs.idle()
    expect((await readdir(folder)).sort()).toEqual(['301.jpg', '302.webp'])
    for (const [name, seed] of [
      ['301.jpg', 301],
      ['302.webp', 302],
    ] as const) {
      const text = await exifText(await readFile(join(folder, name)))
      expect(text).toContain('a lighthouse at dawn')
      expect(text).toContain(`Seed: ${seed}`)
      expect(text).toContain('Model: dreamshaper_8')
    }

    const chosen = await outputs.saveImage(record.id, 0)
    expect(chosen).toBe(join(saveDir, 'chosen-301.jpg'))
    expect(await exifText(await readFile(join(saveDir, 'chosen-301.jpg')))).toContain('Seed: 301')
    await outputs.idle()
    await imageCache.close()
    history.close()
  })
})
