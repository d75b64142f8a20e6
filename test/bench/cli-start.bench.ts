import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

/*
 * The compiled CLI's start-up (issue 17), wall time of a whole process, median of 5, beside a bare
 * `node -e 0` measured in the same run (the machine's own floor):
 *   1. `img-open history --json` on an empty data folder (a new folder each time) — goal ≤ 250 ms;
 *   2. `img-open --help` — goal ≤ 150 ms.
 * Measured on the BUILT entry, out/main/cli.js, as the installed app runs it: run
 * `npx electron-vite build` first. The three commands take turns, so load on the machine hits all.
 */

const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const runs = 5
const goals = { history: 250, help: 150 } as const

if (!existsSync(cli)) {
  process.stderr.write(`No built CLI at ${cli}: run \`npx electron-vite build\` first.\n`)
  process.exit(1)
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

/** One process from spawn to exit, in ms; a failed run fails the bench rather than timing an error. */
function timed(args: readonly string[], env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, {
    env: { ...process.env, ...env, LANG: 'en_US.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const elapsed = performance.now() - started
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr.toString()}`)
  }
  return elapsed
}

const samples = { node: [] as number[], history: [] as number[], help: [] as number[] }
const folders: string[] = []
try {
  // One unmeasured round first: the file-system cache then holds node_modules for every sample.
  for (let round = -1; round < runs; round += 1) {
    const dataDir = await mkdtemp(join(tmpdir(), 'img-open-bench-'))
    folders.push(dataDir)
    const node = timed(['-e', '0'])
    const history = timed([cli, 'history', '--json'], { IMG_OPEN_DATA_DIR: dataDir })
    const help = timed([cli, '--help'])
    if (round < 0) continue
    samples.node.push(node)
    samples.history.push(history)
    samples.help.push(help)
  }
} finally {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })))
}

// On a shared machine the absolute figures move with the load; the ratio to `node -e 0` much less.
const floor = median(samples.node)
const line = (label: string, values: number[], goal?: number) => {
  const value = median(values)
  const ratio = goal === undefined ? '' : ` ${(value / floor).toFixed(2)}× node`
  const verdict = goal === undefined ? '' : ` (goal ≤ ${goal} ms) ${value <= goal ? 'ok' : 'OVER'}`
  process.stdout.write(`${label.padEnd(44)} ${value.toFixed(0).padStart(5)} ms${ratio}${verdict}\n`)
}
process.stdout.write(`median of ${runs}, wall time of the whole process:\n`)
line('node -e 0', samples.node)
line('img-open history --json (empty data folder)', samples.history, goals.history)
line('img-open --help', samples.help, goals.help)
