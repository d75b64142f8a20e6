import type { PreloadBridge, Transport } from './transport'

export function createElectronTransport(bridge: PreloadBridge): Transport {
  return {
    async call(method, input) {
      const invoke = bridge.procedures[method]
      if (!invoke)
        return { ok: false, error: { code: 'invalid_request', message: `Unknown procedure ${method}.` } }
      return invoke(input)
    },
    onEvent: (listener) => bridge.onEvent(listener),
  }
}
