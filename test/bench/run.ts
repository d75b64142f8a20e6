import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/*
 * `npm run bench`: runs every `test/bench/*.bench.ts` in its own Node process (so memory figures
 * are not mixed) and lets each print its figures. `npm run bench -- prompt` runs the matching ones.
 */
const dir = fileURLToPath(new URL('.', import.meta.url))
const filter = process.argv[2] ?? ''
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts') && file.includes(filter))
  .sort()

let failed = 0
for (const file of files) {
  process.stdout.write(`\n== ${file}\n`)
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `${dir}${file}`], {
    stdio: 'inherit',
  })
  if (result.status !== 0) failed += 1
}
if (files.length === 0) process.stdout.write('No benchmarks matched.\n')
process.exit(failed === 0 ? 0 : 1)
