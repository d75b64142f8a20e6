import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'

/** A distinct picture per index (colour and a stripe), so no two share a hash. */
export const trainingPicture = (index: number, size = 256) =>
  sharp({
    create: {
      width: size,
      height: size,
      channels: 3,
      background: { r: (index * 37) % 256, g: (index * 91) % 256, b: (index * 53) % 256 },
    },
  })
    .png()
    .toBuffer()

/** Writes `count` distinct PNGs into `dir` and answers their paths. */
export async function writeDataset(dir: string, count: number, size = 256): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const paths: string[] = []
  for (let index = 0; index < count; index += 1) {
    const path = join(dir, `img-${String(index).padStart(3, '0')}.png`)
    await writeFile(path, await trainingPicture(index, size))
    paths.push(path)
  }
  return paths
}

/** The quick starting point's fields at a resolution the test pictures meet. */
export const trainParams = {
  maxEpochs: 10,
  batchSize: 2,
  learningRate: '0.0001',
  resolution: 256,
  repeats: 5,
  networkDim: 16,
  networkAlpha: 8,
}
