import { fileURLToPath } from 'node:url'
import type { PresetDraftInput } from '#contract'
import { presetDraftSchema } from '#contract'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import {
  createPresetsService,
  type PresetsService,
  type PresetsServiceDeps,
} from '../../../main/services/presets/presets-service'

export const starterFile = fileURLToPath(new URL('../../../resources/presets/starter.json', import.meta.url))

/** A clock that moves one second per reading, so timestamps differ and tests stay deterministic. */
export function steppingClock(start = Date.UTC(2026, 0, 2, 3, 4, 5)): () => number {
  let now = start
  return () => (now += 1000)
}

export function buildService(
  dataDir: string,
  overrides: Partial<PresetsServiceDeps> = {},
): PresetsService & { logLines: string[] } {
  const logger = createLogger({ redactor: createSecretRedactor() })
  const service = createPresetsService({
    dataDir,
    clock: steppingClock(),
    logger,
    starterFile: null,
    ...overrides,
  })
  return Object.assign(service, { logLines: logger.lines })
}

export const draft = (input: PresetDraftInput) => presetDraftSchema.parse(input)

export const checkpointDraft = (displayName: string, fileName = `${displayName}.safetensors`) =>
  draft({ kind: 'checkpoint', displayName, fileName, family: 'sd15' })

export const allFilter = { offset: 0, limit: 500 } as const
