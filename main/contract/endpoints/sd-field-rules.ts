/*
 * What an SD endpoint does with the fields every mode shares. Each registry row (sd-rows.ts) holds
 * its own rules; the body builders and the workbench form read them from the row, so the two cannot
 * drift. Kept in this leaf file so builders and rows can both import the types without a cycle.
 */

/** Shared fields some endpoints' tables lack, as paths into the body. */
export type UnsentField = 'callbackUrl' | 'hr_upscaler' | 'alwayson_scripts.ADetailer'

/** Number fields some endpoints type as integers. */
export type WholeNumberField = 'hr_scale' | 'cfg_scale'

export interface FieldRules {
  /** Shared fields the endpoint's own table does not list: never sent there. */
  readonly unsentFields: readonly UnsentField[]
  /** Number fields the endpoint types as integers: rounded on the wire. */
  readonly wholeNumberFields: readonly WholeNumberField[]
}

/** The value that goes on the wire under `rules`: rounded where the endpoint wants an integer. */
export const roundedFor = (rules: FieldRules, field: WholeNumberField, value: number): number =>
  rules.wholeNumberFields.includes(field) ? Math.round(value) : value
