import { parseArgs } from 'node:util'
import { simulatorTestKeys } from './sim-keys'
import { startSimulator } from './simulator'

/*
 * `npm run sim [-- --port 8787 --demo --ms-per-step 80 --seed 1 --result-link-ttl-ms 3600000
 *   --training-ms 5000]`: the
 * Img Open simulator on 127.0.0.1, for trying the app or the CLI without an account. Point a
 * profile's base URL at the printed URL and use the printed test keys (or no keys with --demo).
 * Input images reach it by loopback URLs, e.g. uploaded to its demo upload host (`/sim-uploads/`).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    demo: { type: 'boolean', default: false },
    'ms-per-step': { type: 'string', default: '80' },
    seed: { type: 'string', default: '1' },
    'result-link-ttl-ms': { type: 'string' },
    'training-ms': { type: 'string', default: '5000' },
  },
})

const ttl = values['result-link-ttl-ms']

const simulator = await startSimulator({
  port: Number(values.port),
  host: '127.0.0.1',
  demo: values.demo,
  seed: Number(values.seed),
  timing: { msPerStep: Number(values['ms-per-step']) },
  trainingMs: Number(values['training-ms']),
  ...(ttl === undefined ? {} : { resultLinkTtlMs: Number(ttl) }),
})

process.stdout.write(
  [
    `Img Open simulator listening on ${simulator.url}${simulator.demo ? ' (demo mode: calls without keys accepted)' : ''}`,
    `  base URL:          ${simulator.url}`,
    `  accessKeyId:       ${simulatorTestKeys.accessKeyId}`,
    `  accessKeySecret:   ${simulatorTestKeys.accessKeySecret}`,
    `  upload host:       PUT ${simulator.url}/sim-uploads/<sha256>.<png|jpg|webp>`,
    ...(ttl === undefined ? [] : [`  result links expire ${Number(ttl)} ms after their task ends`]),
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
)

const stop = () => {
  void simulator.close().then(() => process.exit(0))
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
