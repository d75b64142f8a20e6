import type { FormValues } from '../../tools'

const whole = (value: unknown, fallback: number): number => {
  const number = typeof value === 'string' ? Number(value) : NaN
  return Number.isInteger(number) && number > 0 ? number : fallback
}

/**
 * The size of the job in kohya's terms, for the line above Submit: pictures × repeats × epochs ÷
 * batch size. Empty fields count as the service's documented defaults (epochs 20, batch 1); an
 * empty repeats field as 1, which is what kohya does without one.
 */
export function trainingSteps(images: number, values: FormValues) {
  const repeats = whole(values.repeats, 1)
  const epochs = whole(values.maxEpochs, 20)
  const batch = whole(values.batchSize, 1)
  return { images, repeats, epochs, batch, steps: Math.ceil((images * repeats) / batch) * epochs }
}
