import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const relativePath = join('resources', 'fonts', 'plot-label-font.ttf')

/**
 * Finds the plot label font by walking up from this module (it sits at a different depth in the
 * sources and in the bundle). Null if absent: composing then fails with a clear error.
 */
export function findLabelFontFile(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
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
