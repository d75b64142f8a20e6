import type {
  ErrorShape,
  EventName,
  EventPayload,
  ProcedureInput,
  ProcedureName,
  ProcedureOutput,
} from '#contract'
import type { Transport } from './transport'

/** A failed call, carrying the one error shape main answers with. */
export class BridgeError extends Error {
  readonly code: ErrorShape['code']
  readonly details: ErrorShape['details']

  constructor(readonly shape: ErrorShape) {
    super(shape.message)
    this.name = 'BridgeError'
    this.code = shape.code
    this.details = shape.details
  }
}

export interface Client {
  call<K extends ProcedureName>(name: K, input: ProcedureInput<K>): Promise<ProcedureOutput<K>>
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void
}

/** The typed face of a transport: resolves with the value, rejects with a BridgeError. */
export function createClient(transport: Transport): Client {
  return {
    async call(name, input) {
      const result = await transport.call(name, input)
      if (!result.ok) throw new BridgeError(result.error)
      return result.value as ProcedureOutput<typeof name>
    },
    on(name, listener) {
      return transport.onEvent((event, payload) => {
        if (event === name) listener(payload as EventPayload<typeof name>)
      })
    },
  }
}
