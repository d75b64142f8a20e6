import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const relativePath = join('resources', 'presets', 'starter.json')

/**
 * Finds `resources/presets/starter.json` by walking up from this module: it sits at a different
 * depth in the sources (main/services/presets) and in the bundle (out/main). Null if absent.
 */
export function findStarterPresetsFile(
  from: string = dirname(fileURLToPath(import.meta.url)),
): string | null {
  let dir = from
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = join(dir, relativePath)
    if (existsSync(candidate)) return candidate
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return null
}
