import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/*
 * No run-time import cycle under main/: a cycle makes module initialisation order matter (a table
 * read before its module has run is undefined), which is how the old api-guesses → image2image-body
 * → text2image-body → api-guesses loop could break. Type-only imports are erased by the compiler
 * and do not count.
 */
const root = resolve(__dirname, '../..')
const mainDir = join(root, 'main')

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourcesUnder(path)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** `import … from 'x'`, `export … from 'x'` and bare `import 'x'`, with what sits between. */
const importPattern =
  /^\s*(import|export)\s+([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm

/** Whether a clause brings anything at run time: not `type …`, and not `{ type a, type b }` only. */
function isRunTime(clause: string): boolean {
  if (/^type\s/.test(clause)) return false
  const braces = /^\{([\s\S]*)\}$/.exec(clause.trim())
  if (!braces) return true
  const names = (braces[1] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  return names.some((name) => !name.startsWith('type '))
}

function resolveSpecifier(from: string, specifier: string): string | null {
  let base: string
  if (specifier === '#contract') base = join(mainDir, 'contract/index')
  else if (specifier.startsWith('#contract/'))
    base = join(mainDir, 'contract', specifier.slice('#contract/'.length))
  else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier)
  else return null
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not this one
    }
  }
  return null
}

function runTimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const out: string[] = []
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[3] ?? match[4] ?? ''
    if (match[2] !== undefined && !isRunTime(match[2])) continue
    const target = resolveSpecifier(file, specifier)
    if (target) out.push(target)
  }
  return out
}

/** Every cycle found by a depth-first walk, each as the list of files around it. */
function findCycles(files: readonly string[]): string[][] {
  const graph = new Map(files.map((file) => [file, runTimeImports(file)]))
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const cycles: string[][] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of files) if (!state.has(file)) visit(file)
  return cycles.map((cycle) => cycle.map((file) => relative(root, file)))
}

describe('run-time imports under main/', () => {
  it('form no cycle', () => {
    expect(findCycles(sourcesUnder(mainDir))).toEqual([])
  })

  it('the check finds a loop of value imports, and ignores one closed only by type imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'))
    try {
      const write = (name: string, text: string) => writeFileSync(join(dir, name), text)
      write('a.ts', "import { b } from './b'\nexport const a = () => b\n")
      write('b.ts', "import { a, type A } from './a'\nexport const b = () => a\n")
      write('c.ts', "import type { D } from './d'\nexport type C = D\n")
      write('d.ts', "import { type C } from './c'\nexport type D = C\n")
      const files = ['a.ts', 'b.ts', 'c.ts', 'd.ts'].map((name) => join(dir, name))
      const cycles = findCycles(files).map((cycle) => cycle.map((file) => file.split('/').pop()))
      expect(cycles).toEqual([['a.ts', 'b.ts', 'a.ts']])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
