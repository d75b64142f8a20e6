import type { FormValues } from '../../tools'
import type { StartingPointId } from '../training-store'

export const startingPointIds = ['quick', 'balanced', 'quality'] as const satisfies readonly StartingPointId[]

/**
 * What each starting point puts in the form, within §14's ranges (learning rate as the API's
 * string). quick: fewer, larger steps on a small network, to see whether the set works at all;
 * balanced: the documented defaults with a common kohya network; quality: more passes at a gentler
 * rate, a larger network and a higher resolution, which takes longer and wants larger pictures.
 */
const points = {
  quick: {
    maxEpochs: 10,
    repeats: 5,
    batchSize: 2,
    learningRate: '0.0001',
    resolution: 512,
    networkDim: 16,
    networkAlpha: 8,
  },
  balanced: {
    maxEpochs: 20,
    repeats: 10,
    batchSize: 1,
    learningRate: '0.00005',
    resolution: 512,
    networkDim: 32,
    networkAlpha: 16,
  },
  quality: {
    maxEpochs: 30,
    repeats: 15,
    batchSize: 1,
    learningRate: '0.00002',
    resolution: 768,
    networkDim: 64,
    networkAlpha: 32,
  },
} satisfies Record<StartingPointId, Readonly<Record<string, number | string>>>

/** A starting point's fields as form text (the form keeps numbers as typed). */
export function startingPointValues(id: StartingPointId): FormValues {
  return Object.fromEntries(Object.entries(points[id]).map(([name, value]) => [name, String(value)]))
}
