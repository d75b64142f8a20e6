import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import {
  AppError,
  DynamicPromptError,
  expandTemplate,
  type DynamicPromptMode,
  type Expansion,
  type WildcardLookup,
} from '#contract'

/*
 * The wildcards folder: sd-dynamic-prompts' text format, one option per line, `#` comments, blank
 * lines ignored; `dir/name.txt` is `__dir/name__`. Read afresh for each expansion (a user edits the
 * files while the app runs), within limits so a wrong folder (a home directory) cannot stall it.
 */

export interface WildcardsLimits {
  readonly maxFiles: number
  readonly maxFileBytes: number
  readonly maxDepth: number
}

const defaultLimits: WildcardsLimits = { maxFiles: 5000, maxFileBytes: 2 * 1024 * 1024, maxDepth: 8 }

export interface WildcardsServiceDeps {
  /** The folder; absent on disk means no wildcards, not an error. */
  readonly dir: string
  readonly limits?: Partial<WildcardsLimits>
}

export interface ExpandRequest {
  readonly template: string
  readonly mode: DynamicPromptMode
  readonly count: number
  readonly seed?: number
}

export interface WildcardsService {
  /** The folder read now; `useDir` changes it (the Settings' wildcards folder). */
  readonly dir: string
  useDir(dir: string): void
  /** Every wildcard name, sorted. */
  names(): Promise<string[]>
  /** Reads the folder and expands; a bad template is an `invalid_request` AppError naming where. */
  expand(request: ExpandRequest): Promise<Expansion>
}

/** The option lines of a wildcard file: trimmed, without blank lines and `#` comments. */
export function wildcardLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

export function createWildcardsService(deps: WildcardsServiceDeps): WildcardsService {
  const limits = { ...defaultLimits, ...deps.limits }
  let root = deps.dir

  async function listFiles(): Promise<Map<string, string>> {
    const files = new Map<string, string>()
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > limits.maxDepth) return
      let entries
      try {
        entries = await readdir(dir, { withFileTypes: true })
      } catch {
        return
      }
      entries.sort((a, b) => a.name.localeCompare(b.name))
      for (const entry of entries) {
        if (files.size >= limits.maxFiles) return
        const path = join(dir, entry.name)
        if (entry.isDirectory()) await walk(path, depth + 1)
        else if (entry.isFile() && entry.name.toLowerCase().endsWith('.txt')) {
          const name = relative(root, path).slice(0, -'.txt'.length).split(sep).join('/')
          files.set(name, path)
        }
      }
    }
    await walk(root, 0)
    return files
  }

  async function load(): Promise<WildcardLookup> {
    const files = await listFiles()
    const values = new Map<string, string[]>()
    for (const [name, path] of files) {
      try {
        if ((await stat(path)).size > limits.maxFileBytes) continue
        values.set(name, wildcardLines(await readFile(path, 'utf8')))
      } catch {
        // A file that vanished or cannot be read is as if absent: the expansion names it unknown.
      }
    }
    const names = [...values.keys()]
    return { values: (name) => values.get(name), names: () => names }
  }

  return {
    get dir() {
      return root
    },
    useDir(dir) {
      root = dir
    },
    async names() {
      return [...(await listFiles()).keys()].sort()
    },
    async expand(request) {
      const wildcards = await load()
      try {
        return expandTemplate(request.template, { ...request, wildcards })
      } catch (error) {
        if (!(error instanceof DynamicPromptError)) throw error
        throw new AppError('invalid_request', error.message, {
          field: 'template',
          syntax: error.code,
          position: error.position,
          ...(error.wildcard === undefined ? {} : { wildcard: error.wildcard }),
        })
      }
    },
  }
}
