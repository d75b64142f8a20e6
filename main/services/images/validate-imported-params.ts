import type { z } from 'zod'
import { importedAlwaysonScriptsSchema, importedParamsSchema, type ImportedParams } from '#contract'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Keeps each field that passes its own schema; names the ones that do not. */
function keepValidFields(
  raw: Record<string, unknown>,
  shape: Record<string, z.ZodType>,
  prefix: string,
  skipped: string[],
): Record<string, unknown> {
  const kept: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) {
    const field = shape[key]
    if (!field) continue
    const checked = field.safeParse(value)
    if (checked.success && checked.data !== undefined) kept[key] = checked.data
    else skipped.push(prefix + key)
  }
  return kept
}

/**
 * Field-by-field validation of parameters read from an image, so one out-of-range value (a
 * 4096-pixel width, an unknown merge mode) costs that field only, not the whole import.
 */
export function validateImportedParams(raw: unknown): { params: ImportedParams; skipped: string[] } {
  const skipped: string[] = []
  if (!isRecord(raw)) return { params: {}, skipped }
  const { alwayson_scripts: rawScripts, ...topLevel } = raw
  const fields = keepValidFields(topLevel, importedParamsSchema.shape, '', skipped)
  if (isRecord(rawScripts)) {
    const scripts = keepValidFields(
      rawScripts,
      importedAlwaysonScriptsSchema.shape,
      'alwayson_scripts.',
      skipped,
    )
    if (Object.keys(scripts).length > 0) fields.alwayson_scripts = scripts
  }
  return { params: importedParamsSchema.parse(fields), skipped }
}
