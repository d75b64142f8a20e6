import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { AppError, expandPromptInputSchema, type Result } from '#contract'
import { createWildcardsHandlers } from '../../main/services/wildcards/wildcards-handlers'
import { createWildcardsService } from '../../main/services/wildcards/wildcards-service'

/*
 * Main's real wildcards service on a real temp folder, as transport answers for renderer tests:
 * `prompts.expand` and `wildcards.list` go through the handlers the dispatcher calls, input parsed
 * by the contract's schema as the dispatcher does.
 */

async function asResult<T>(work: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toShape() }
    throw error
  }
}

export interface WildcardsMain {
  readonly dir: string
  readonly answers: {
    'prompts.expand': (input: unknown) => Promise<Result<unknown>>
    'wildcards.list': () => Promise<Result<unknown>>
  }
  close(): Promise<void>
}

/** Writes `files` (`dir/name.txt` → text) into a fresh folder and answers from it. */
export async function startWildcardsMain(files: Record<string, string>): Promise<WildcardsMain> {
  const dir = await mkdtemp(join(tmpdir(), 'wildcards-'))
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true })
    await writeFile(join(dir, name), text)
  }
  const handlers = createWildcardsHandlers({
    wildcards: createWildcardsService({ dir }),
    settings: { dataDir: dir, folder: null },
  })
  const context = { transport: 'in-process' } as const
  return {
    dir,
    answers: {
      'prompts.expand': (input) =>
        asResult(() => handlers['prompts.expand'](expandPromptInputSchema.parse(input), context)),
      'wildcards.list': () => asResult(() => handlers['wildcards.list']({}, context)),
    },
    close: () => rm(dir, { recursive: true, force: true }),
  }
}

/**
 * The handlers behind Settings → Wildcards folder: a real data folder holding `wildcards/colours.txt`
 * as the default, and `folderWith` to make another folder to switch to. `names()` is what main's
 * service reads now.
 */
export async function startWildcardsFolderMain() {
  const made: string[] = []
  const folderWith = async (files: Record<string, string>) => {
    const dir = await mkdtemp(join(tmpdir(), 'wildcards-ui-'))
    made.push(dir)
    for (const [name, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, name)), { recursive: true })
      await writeFile(join(dir, name), text)
    }
    return dir
  }
  const dataDir = await folderWith({ 'wildcards/colours.txt': 'red\n' })
  const defaultDir = join(dataDir, 'wildcards')
  const wildcards = createWildcardsService({ dir: defaultDir })
  return {
    handlers: createWildcardsHandlers({ wildcards, settings: { dataDir, folder: null } }),
    defaultDir,
    folderWith,
    names: () => wildcards.names(),
    close: () => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))),
  }
}
