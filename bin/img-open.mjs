#!/usr/bin/env node
// `img-open` in a checkout (`npx img-open`): runs the TypeScript sources through tsx, so it works
// straight after `npm install`, needs no build step and always runs what the sources say. The
// installed app ships the compiled CLI instead (out/main/cli.js, started by resources/cli/img-open);
// `npm run build` then `node out/main/cli.js` runs that one here too. See README, "The img-open command".
let tsImport
try {
  ;({ tsImport } = await import('tsx/esm/api'))
} catch {
  process.stderr.write(
    'img-open: running from the sources needs the development dependencies (npm install), or build once (npm run build) and run node out/main/cli.js.\n',
  )
  process.exit(1)
}
await tsImport('../main/cli/main.ts', import.meta.url)
