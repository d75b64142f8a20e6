import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { defaultOutputPattern, outputSettingsSchema, type OutputSettings } from '#contract'
import { writeFileAtomic } from '../fs/atomic-write'
import type { Logger } from '../logger'

export const outputsFileName = 'outputs.json'

export const defaultOutputSettings = (): OutputSettings => ({ folder: null, pattern: defaultOutputPattern })

/**
 * Reads `<dataDir>/outputs.json`. A missing file means the defaults (no output folder); a damaged
 * one is logged and read as the defaults too, and replaced only when the user saves new settings.
 * Its own file, so this setting cannot damage settings.json.
 */
export async function readOutputSettings(dataDir: string, logger: Logger): Promise<OutputSettings> {
  let text: string
  try {
    text = await readFile(join(dataDir, outputsFileName), 'utf8')
  } catch {
    return defaultOutputSettings()
  }
  try {
    return outputSettingsSchema.parse(JSON.parse(text))
  } catch {
    logger.warn('outputs.settings_unreadable')
    return defaultOutputSettings()
  }
}

export async function writeOutputSettings(dataDir: string, settings: OutputSettings): Promise<void> {
  await writeFileAtomic(join(dataDir, outputsFileName), `${JSON.stringify(settings, null, 2)}\n`)
}
