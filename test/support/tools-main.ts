import {
  AppError,
  toolRegistry,
  type EventName,
  type Result,
  type TaskRecord,
  type ToolId,
  type ToolOutput,
} from '#contract'
import type { Handlers } from '#contract'
import { createDispatcher } from '../../main/ipc/dispatcher'
import { createHistoryHandlers } from '../../main/services/history/history-handlers'
import { createHistoryStore } from '../../main/services/history/history-store'
import { createImageCache } from '../../main/services/images/image-cache'
import { createImagesHandlers } from '../../main/services/images/images-handlers'
import { createLogger, createSecretRedactor } from '../../main/services/logger'
import { createCustomTools } from '../../main/services/tools/custom-tools'
import { createToolsHandlers } from '../../main/services/tools/tools-handlers'
import type { ToolsService } from '../../main/services/tools/tools-service'
import { paintImage } from '../../main/simulator/png'
import type { Transport } from '../../renderer/src/bridge/transport'
import { demoProfile } from './demo-profile'
import type { RecordedCall } from './history-main'

/** Only the custom tools' procedures are taken from the real handlers; nothing here reaches the tools service. */
const noToolsService = {} as ToolsService
const pickCustomToolHandlers = (handlers: ReturnType<typeof createToolsHandlers>) => ({
  'tools.listCustomTools': handlers['tools.listCustomTools'],
  'tools.saveCustomTool': handlers['tools.saveCustomTool'],
  'tools.deleteCustomTool': handlers['tools.deleteCustomTool'],
  'tools.exportCustomTools': handlers['tools.exportCustomTools'],
  'tools.importCustomTools': handlers['tools.importCustomTools'],
})

/** What the scripted service answers for a tool: its output, or a failure with the service's words. */
export type ToolScript = (body: Record<string, unknown>) => ToolOutput | { readonly fail: string }

/**
 * The real dispatcher (so every `tools.*` call is checked against the contract's schemas), the real
 * history store and image cache on a temp dir, and a scripted stand-in for the tools service: a
 * submit is recorded as a tool task, then finished with the script's output (an image tool's image
 * painted into the cache), each step pushed as `tasks.changed` as main does.
 */
export function createToolsMain(dataDir: string, scripts: Partial<Record<ToolId, ToolScript>> = {}) {
  const logger = createLogger({ redactor: createSecretRedactor() })
  const store = createHistoryStore({ dataDir, clock: Date.now, logger })
  const imageCache = createImageCache({ dataDir, logger })
  const listeners = new Set<(name: string, payload: unknown) => void>()
  const emit = (name: EventName, payload: unknown) => listeners.forEach((listener) => listener(name, payload))
  let counter = 0
  // Finishes not yet run, and those running: close() cancels the first and waits for the second,
  // so no scripted finish writes to a closed history after a test ends.
  const scheduled = new Set<NodeJS.Timeout>()
  const finishing = new Set<Promise<void>>()
  const notFound = () => Promise.reject(new AppError('not_found', 'The task does not exist.'))

  const finish = async (record: Extract<TaskRecord, { kind: 'tool' }>) => {
    const script = scripts[record.toolId]
    const output = script?.(record.params) ?? { fail: 'No script for this tool.' }
    if ('fail' in output) {
      const failed = store.update(record.id, {
        status: 'failed',
        finishedAt: Date.now(),
        error: { code: 'server', message: output.fail },
      })
      emit('tasks.changed', failed)
      return
    }
    const painted = toolRegistry[record.toolId].output === 'image'
    const images = painted
      ? [(await imageCache.put(paintImage({ key: record.id, width: 64, height: 48, progress: 1 }))).cacheKey]
      : []
    const done = store.update(record.id, {
      status: 'succeeded',
      finishedAt: Date.now(),
      toolOutput: painted ? { images: images.map((key) => `https://out.example/${key}.png`) } : output,
      images: images.map((cacheKey) => ({
        url: `https://out.example/${cacheKey}.png`,
        seed: null,
        status: null,
        auditPassed: null,
        auditLabels: [],
        cacheKey,
      })),
    })
    emit('tasks.changed', done)
  }

  const handlers = {
    ...createHistoryHandlers({
      store,
      imageCache,
      api: { queryArchivedTask: notFound },
      profiles: {
        list: async () => ({ profiles: [demoProfile], activeProfileId: 'demo' }),
        get: async () => demoProfile,
        resolveConnection: async () => ({ baseUrl: 'http://127.0.0.1:9', auth: null }),
      },
      clock: Date.now,
      logger,
    }),
    ...createImagesHandlers({ imageCache }),
    'profiles.list': () => ({ profiles: [demoProfile], activeProfileId: 'demo' }),
    'tools.submit': (input: {
      toolId: ToolId
      body: Record<string, unknown>
      images: Record<string, unknown>
    }) => {
      counter += 1
      // What main sends: a pasted link as is, anything else as the link of its (pretend) upload.
      const linkOf = (source: unknown) => {
        const value = source as { type: string; url?: string }
        return value.type === 'url' && value.url ? value.url : `https://uploads.example/${counter}.png`
      }
      const links = Object.fromEntries(
        Object.entries(input.images).map(([name, source]) => [
          name,
          Array.isArray(source) ? source.map(linkOf) : linkOf(source),
        ]),
      )
      const now = Date.now()
      const record = store.insert({
        id: `tool-${counter}`,
        kind: 'tool',
        toolId: input.toolId,
        toolCode: toolRegistry[input.toolId].toolCode,
        params: { ...input.body, ...links },
        toolOutput: null,
        profileId: 'demo',
        profileName: demoProfile.name,
        status: 'running',
        description: null,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
        error: null,
        images: [],
      })
      emit('tasks.changed', record)
      if (record.kind !== 'tool') throw new Error('The history stored a tool task as another kind')
      const timer = setTimeout(() => {
        scheduled.delete(timer)
        const running = finish(record).finally(() => finishing.delete(running))
        finishing.add(running)
      }, 10)
      scheduled.add(timer)
      return { taskId: record.id }
    },
    'tools.previewRequest': (input: { toolId: ToolId; body: Record<string, unknown> }) => ({
      curl: `curl -X POST 'https://api.example${toolRegistry[input.toolId].toolCode}' -H 'AccessKey: <ACCESS_KEY>'`,
      body: input.body,
    }),
    // The real saved custom tools on the temp dir (the custom request itself needs a service).
    ...pickCustomToolHandlers(
      createToolsHandlers({ tools: noToolsService, customTools: createCustomTools(dataDir) }),
    ),
  } as unknown as Handlers
  const dispatch = createDispatcher(handlers, logger)
  const calls: RecordedCall[] = []
  const transport: Transport = {
    call: (method, input): Promise<Result<unknown>> => {
      calls.push({ method, input })
      return dispatch(method, input, { transport: 'in-process' })
    },
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    transport,
    store,
    calls,
    /** The inputs of every call to `method`, as the dispatcher received them. */
    callsTo: (method: string) => calls.filter((call) => call.method === method).map((call) => call.input),
    async close() {
      for (const timer of scheduled) clearTimeout(timer)
      await Promise.allSettled([...finishing])
      store.close()
      await imageCache.close()
    },
  }
}
