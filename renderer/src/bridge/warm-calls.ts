import type { ProcedureInput, ProcedureName } from '#contract'
import type { Client } from './client'
import type { Transport } from './transport'

/** A read the first screen makes as soon as it mounts. */
export interface WarmCall<K extends ProcedureName = ProcedureName> {
  readonly name: K
  readonly input: ProcedureInput<K>
}

/** Longest a warmed answer waits for its screen; older, the screen asks again. */
const warmMaxAgeMs = 5_000

const keyOf = (name: string, input: unknown): string => `${name} ${JSON.stringify(input)}`

/**
 * Sends the first screen's reads the moment the transport exists, while the screen's code is still
 * loading, instead of after it has rendered (one round trip less on the path to a usable screen).
 * The first identical call takes the warmed answer; every later call, a call after `warmMaxAgeMs`,
 * and any call after a `*.changed` event (the answer may be out of date) goes to main as usual.
 */
export function withWarmCalls(
  client: Client,
  transport: Pick<Transport, 'onEvent'>,
  calls: readonly WarmCall[],
): Client {
  const warm = new Map<string, Promise<unknown>>()
  for (const call of calls) {
    const answer = client.call(call.name, call.input)
    // An unused warmed answer must not surface as an unhandled rejection.
    answer.catch(() => undefined)
    warm.set(keyOf(call.name, call.input), answer)
  }
  let offChanged = (): void => undefined
  const drop = () => {
    warm.clear()
    clearTimeout(timer)
    offChanged()
  }
  const timer = setTimeout(drop, warmMaxAgeMs)
  offChanged = transport.onEvent((event) => {
    if (event.endsWith('.changed')) drop()
  })
  return {
    call(name, input) {
      const key = keyOf(name, input)
      const answer = warm.get(key)
      if (!answer) return client.call(name, input)
      warm.delete(key)
      if (warm.size === 0) drop()
      return answer as ReturnType<typeof client.call<typeof name>>
    },
    on: client.on,
  }
}
