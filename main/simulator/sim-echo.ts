import type { Envelope } from './sim-route-kit'

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null

/**
 * The `echoText` fault: `text` put where a careless service would put what it received, so a test
 * can prove the client keeps none of it. An error gets it in its code, message and named field; a
 * task status answer gets it in its description.
 */
export function echoInto(envelope: Envelope, text: string): Envelope {
  const data = record(envelope.data)
  if (envelope.code !== '200') {
    return {
      code: `${envelope.code}${text}`,
      msg: `${envelope.msg} (${text})`,
      data: { ...data, field: text, param: text },
    }
  }
  if (data && typeof data.desc === 'string')
    return { ...envelope, data: { ...data, desc: `${data.desc} ${text}` } }
  return envelope
}
