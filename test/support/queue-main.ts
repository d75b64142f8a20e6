import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { text2ImageParamsSchema, type Result } from '#contract'
import { createServices, type Services } from '../../main/services/create-services'
import type { EventListener, Transport } from '../../renderer/src/bridge/transport'

/*
 * The app's real services (demo profile, its simulator over HTTP, the history database, the
 * queue) on a temp data folder, as a renderer transport: calls go through the real dispatcher and
 * main's events reach the page's listeners. `queuePlot` puts a plot's cells in the queue as the
 * workbench's Start would.
 */
export async function startQueueMain() {
  const dataDir = await mkdtemp(join(tmpdir(), 'queue-ui-'))
  const services: Services = await createServices({ edition: 'test', version: '0.0.0-test', dataDir })
  await services.queue.start()
  const listeners = new Set<EventListener>()
  const unsubscribe = services.events.subscribe((name, payload) =>
    listeners.forEach((listener) => listener(name, payload)),
  )
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = (await services.dispatch(method as never, input as never, {
      transport: 'in-process',
    })) as Result<T>
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`)
    return result.value
  }
  const transport: Transport = {
    call: (method, input) => services.dispatch(method as never, input as never, { transport: 'in-process' }),
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    services,
    transport,
    call,
    /** A plot of `steps` × `seeds` cells on the demo profile, each one queue item. */
    queuePlot: (steps: string, seeds: string) =>
      call('plot.start', {
        base: {
          kind: 'text2image',
          profileId: 'demo',
          params: text2ImageParamsSchema.parse({
            prompt: 'a lighthouse at dusk',
            width: 64,
            height: 64,
            alwayson_scripts: { sd_model_checkpoint: 'v1-5-pruned-emaonly.safetensors' },
          }),
        },
        x: { type: 'steps', values: steps },
        y: { type: 'seed', values: seeds },
      }),
    async close() {
      unsubscribe()
      await services.close()
      // Retried as temp-dir.ts does: a write the closed screen started may still be landing.
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
    },
  }
}
