import type { z } from 'zod'
import { appProcedures } from './procedures/app'
import { presetsProcedures } from './procedures/presets'
import { credentialsProcedures } from './procedures/credentials'
import { profilesProcedures } from './procedures/profiles'
import { settingsProcedures } from './procedures/settings'
import { tasksProcedures } from './procedures/tasks'
import { toolsProcedures } from './procedures/tools'
import { imagesProcedures } from './procedures/images'
import { historyProcedures } from './procedures/history'
import { outputsProcedures } from './procedures/outputs'
import { promptsProcedures } from './procedures/prompts'
import { plotProcedures } from './procedures/plot'
import { trainingProcedures } from './procedures/training'

/**
 * The whole request/response surface between renderer and main, as `area.verb` → schemas.
 * Each area keeps its procedures in `procedures/<area>.ts`; this table joins them.
 */
export const procedures = {
  ...appProcedures,
  ...presetsProcedures,
  ...settingsProcedures,
  ...profilesProcedures,
  ...credentialsProcedures,
  ...tasksProcedures,
  ...toolsProcedures,
  ...imagesProcedures,
  ...historyProcedures,
  ...outputsProcedures,
  ...promptsProcedures,
  ...plotProcedures,
  ...trainingProcedures,
}

export type Procedures = typeof procedures
export type ProcedureName = keyof Procedures
/** What a caller passes (before defaults are applied). */
export type ProcedureInput<K extends ProcedureName> = z.input<Procedures[K]['input']>
/** What a handler receives (after validation and defaults). */
export type ParsedInput<K extends ProcedureName> = z.output<Procedures[K]['input']>
export type ProcedureOutput<K extends ProcedureName> = z.output<Procedures[K]['output']>

export const isProcedureName = (name: unknown): name is ProcedureName =>
  typeof name === 'string' && Object.hasOwn(procedures, name)
