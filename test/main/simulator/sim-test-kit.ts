import { request } from 'undici'
import { afterEach } from 'vitest'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../main/simulator/simulator'

/** Simulators closed after each test. */
export function useSimulators(): (options?: SimulatorOptions) => Promise<Simulator> {
  const open: Simulator[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((simulator) => simulator.close()))
  })
  return async (options = {}) => {
    const simulator = await startSimulator(options)
    open.push(simulator)
    return simulator
  }
}

export interface RawAnswer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly text: string
  /** The parsed envelope, or undefined when the body is not JSON. */
  readonly json: { code: string; msg: string; data: Record<string, unknown> | null } | undefined
}

const parse = (text: string): RawAnswer['json'] => {
  try {
    return JSON.parse(text) as RawAnswer['json']
  } catch {
    return undefined
  }
}

/** A raw POST, as any HTTP client would send it (the simulator is tested without our API client). */
export async function post(
  simulator: Simulator,
  path: string,
  body: unknown,
  options: { keys?: typeof simulatorTestKeys | null; signal?: AbortSignal } = {},
): Promise<RawAnswer> {
  const keys = options.keys === undefined ? simulatorTestKeys : options.keys
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (keys) {
    headers['X-Request-req-accessKeyId'] = keys.accessKeyId
    headers['X-Request-req-accessKeySecret'] = keys.accessKeySecret
  }
  const response = await request(`${simulator.url}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: options.signal,
  })
  const text = await response.body.text()
  return { status: response.statusCode, headers: response.headers, text, json: parse(text) }
}

export async function get(
  url: string,
): Promise<{ status: number; bytes: Buffer; contentType: string | undefined }> {
  const response = await request(url)
  const bytes = Buffer.from(await response.body.arrayBuffer())
  const type = response.headers['content-type']
  return { status: response.statusCode, bytes, contentType: Array.isArray(type) ? type[0] : type }
}

export const submitBody = (taskId: string, overrides: Record<string, unknown> = {}) => ({
  prompt: 'a red fox in the snow',
  negative_prompt: 'blurry',
  n_iter: 1,
  batch_size: 1,
  steps: 10,
  seed: '1234',
  width: 512,
  height: 768,
  cfg_scale: 7,
  sampler_index: 'DPM++ 2M Karras',
  alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors', id_task: taskId },
  ...overrides,
})
