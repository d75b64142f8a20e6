import { performance } from 'node:perf_hooks'
import sharp from 'sharp'
import { prepareInputImage, type PrepareOptions } from '../../main/services/tasks/input-prepare'

/*
 * What resizing costs a submit when the user allowed it (input-prepare.ts): a phone photo, a
 * heavy PNG that still needs JPEG after scaling, and a mask following its resized source. Goal:
 * well under a second each, so "Generate" with a large source does not feel stuck. An image within
 * the limits is only measured (sharp reads the header), which is the common case.
 */
const runs = 5
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

async function time(label: string, bytes: Buffer, options: PrepareOptions): Promise<void> {
  const walls: number[] = []
  let sent = ''
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now()
    const image = await prepareInputImage(bytes, options)
    walls.push(performance.now() - started)
    sent = `${image.sent.width}×${image.sent.height}, ${(image.sent.bytes / 1024).toFixed(0)} KiB (${image.contentType})`
  }
  const input = `${(bytes.length / 1024 / 1024).toFixed(1)} MiB`
  process.stdout.write(
    `${label.padEnd(34)} ${input.padStart(9)} → ${sent}: median ${median(walls).toFixed(0)} ms\n`,
  )
}

const noisy = (width: number, height: number) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 50 },
    },
  })

const photo = await noisy(4032, 3024).jpeg({ quality: 92 }).toBuffer()
const heavyPng = await noisy(3000, 3000).png().toBuffer()
const mask = await sharp({ create: { width: 4032, height: 3024, channels: 3, background: '#000000' } })
  .png()
  .toBuffer()
const small = await noisy(1024, 1024).png().toBuffer()

await time('within limits (checked only)', small, { role: 'source', allowResize: false })
await time('phone photo 4032×3024 JPEG', photo, { role: 'source', allowResize: true })
await time('noisy PNG 3000² (PNG, then JPEG)', heavyPng, { role: 'source', allowResize: true })
await time('mask 4032×3024 → its source size', mask, {
  role: 'mask',
  allowResize: true,
  size: { width: 2048, height: 1536 },
})
