import { z } from 'zod'
import { presetLimits } from './preset'

/** Marks a JSON file as an exported preset library (also the format of the starter file). */
export const presetLibraryFormat = 'img-open-workbench/presets'
export const presetLibraryVersion = 1

/**
 * The envelope of an exported library. Entries are checked one by one afterwards, so that a bad
 * file is rejected naming the offending entry's index and field.
 */
export const presetLibraryEnvelopeSchema = z.object({
  format: z.literal(presetLibraryFormat),
  version: z.literal(presetLibraryVersion),
  presets: z.array(z.unknown()).max(presetLimits.libraryMaxPresets).default([]),
  styles: z.array(z.unknown()).max(presetLimits.stylesMax).default([]),
})
