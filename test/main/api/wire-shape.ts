import type { Simulator } from '../../../main/simulator/simulator'

type Shape = string | Shape[] | { [key: string]: Shape }

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A JSON value's keys and JSON types, recursively: 'string', 'boolean', 'integer' (a whole number),
 * 'number' (a fraction), 'null'; objects as objects of shapes, arrays as arrays of shapes. Tests
 * compare it with the contract's table, so a missing, extra or retyped field fails.
 */
export function wireShape(value: unknown): Shape {
  if (Array.isArray(value)) return value.map(wireShape)
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, wireShape(inner)]))
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return value === null ? 'null' : typeof value
}

/** One ControlNet unit on the wire, v2 and v3 alike: guess 15's fields, with their JSON types. */
export const controlNetUnitWire = {
  enabled: 'boolean',
  control_type: 'string',
  module: 'string',
  model: 'string',
  weight: 'number',
  image_link: 'string',
  resize_mode: 'integer',
  processor_res: 'integer',
  threshold_a: 'number',
  threshold_b: 'integer',
  guidance_start: 'number',
  guidance_end: 'integer',
  control_mode: 'integer',
  pixel_perfect: 'boolean',
}

/** The JSON body of the last submit to `path` that the simulator received. */
export function lastBody(simulator: Simulator, path: string): Record<string, unknown> {
  const body = simulator.requests
    .list()
    .filter((record) => record.path === path)
    .at(-1)?.body
  if (!isObject(body)) throw new Error(`no submit to ${path}`)
  return body
}
