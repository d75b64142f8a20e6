#!/usr/bin/env node
// The `img-open` command. It runs the TypeScript sources through tsx, so it works straight after
// `npm install`, with no build step; everything else lives in main/cli/.
import { tsImport } from 'tsx/esm/api'

await tsImport('../main/cli/main.ts', import.meta.url)
