/** An access key pair the simulator accepts. */
export interface SimulatorKeys {
  readonly accessKeyId: string
  readonly accessKeySecret: string
}

/**
 * The simulator's public test keys, in the service's format (`openapi-` + 16 lowercase
 * alphanumerics; a 32-character secret). They protect nothing: they let tests and `npm run sim`
 * exercise the auth path. The built-in demo profile sends no keys at all: the app starts its
 * simulator in demo mode, which also accepts calls without auth headers (wrong keys still fail).
 */
export const simulatorTestKeys: SimulatorKeys = {
  accessKeyId: 'openapi-simulator0000001',
  accessKeySecret: 'simulatorsecret00000000000000001',
}
