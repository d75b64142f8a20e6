import { afterEach, describe, expect, it } from 'vitest'
import { plotCellCaption, type QueueItem } from '#contract'
import { startQueueMain } from '../../support/queue-main'

/*
 * A plot's cells in the queue are named by their axis values, built in main where the queue item's
 * label is made: every cell has the same prompt, so the prompt alone would list identical rows.
 */

let main: Awaited<ReturnType<typeof startQueueMain>> | null = null
afterEach(async () => {
  await main?.close()
  main = null
})

describe("a plot's queued cells", { timeout: 30_000 }, () => {
  it('are labelled with the plot and each cell’s axis values, in sending order', async () => {
    main = await startQueueMain()
    await main.call('queue.pause', {})
    await main.queuePlot('10, 20', '1, 2')
    const { items } = await main.call<{ items: QueueItem[] }>('queue.list', {})
    expect(items.map((item) => item.label)).toEqual([
      'Plot · Steps: 10 · Seed: 1',
      'Plot · Steps: 20 · Seed: 1',
      'Plot · Steps: 10 · Seed: 2',
      'Plot · Steps: 20 · Seed: 2',
    ])
  })

  it('carry each cell’s axis values, so the app can word them in Chinese', async () => {
    main = await startQueueMain()
    await main.call('queue.pause', {})
    await main.queuePlot('10, 20', '1')
    const { items } = await main.call<{ items: QueueItem[] }>('queue.list', {})
    expect(items.map((item) => item.plotValues)).toEqual([
      [
        { type: 'steps', value: 10 },
        { type: 'seed', value: 1 },
      ],
      [
        { type: 'steps', value: 20 },
        { type: 'seed', value: 1 },
      ],
    ])
    expect(items.map((item) => plotCellCaption(item.plotValues ?? [], 'zh'))).toEqual([
      'X/Y/Z 图 · 步数：10 · 种子：1',
      'X/Y/Z 图 · 步数：20 · 种子：1',
    ])
  })

  it('keep the prompt as the label of a batch task that is no plot cell', async () => {
    main = await startQueueMain()
    await main.call('queue.pause', {})
    await main.call('queue.submit', {
      kind: 'text2image',
      profileId: 'demo',
      params: {
        prompt: '  a lighthouse\n at dusk ',
        width: 64,
        height: 64,
        alwayson_scripts: { sd_model_checkpoint: 'v1-5-pruned-emaonly.safetensors' },
      },
    })
    const { items } = await main.call<{ items: QueueItem[] }>('queue.list', {})
    expect(items.map((item) => item.label)).toEqual(['a lighthouse at dusk'])
  })
})
