import type { ImportedParams } from '#contract'
import { infotextKeyFields, parseInfotext, type ParsedInfotext } from '#contract/infotext'
import { validateImportedParams } from './validate-imported-params'

/** The parsed fields as a request names them; a text without prompt lines names no prompt at all. */
function requestFieldsOf({ params }: ParsedInfotext): Record<string, unknown> {
  const { prompt, ...rest } = params
  return prompt === '' ? rest : params
}

/** The request fields an A1111 infotext names, unvalidated (the contract's shared parser reads it). */
export const paramsFromInfotext = (text: string): Record<string, unknown> =>
  requestFieldsOf(parseInfotext(text))

/**
 * An A1111 infotext's parameters, each field checked on its own: an out-of-range value
 * (`Size: 4096x4096`) or one that is not a value at all (`Steps: many`) costs that field, named in
 * `skipped`, never the whole import.
 */
export function importInfotext(text: string): { params: ImportedParams; skipped: string[] } {
  const parsed = parseInfotext(text)
  const { params, skipped } = validateImportedParams(requestFieldsOf(parsed))
  const unreadable = Object.keys(parsed.unknown).flatMap((key) => infotextKeyFields(key))
  return { params, skipped: [...skipped, ...unreadable] }
}
