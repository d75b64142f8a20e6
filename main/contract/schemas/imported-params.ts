import { z } from 'zod'
import { image2ImageSettingsSchema } from './image2image'

type WithoutDefault<T extends z.ZodType> = T extends z.ZodDefault<infer Inner extends z.ZodType> ? Inner : T
type OptionalShape<Shape extends Record<string, z.ZodType>> = {
  [K in keyof Shape]: z.ZodOptional<WithoutDefault<Shape[K]>>
}

/**
 * Every field optional and no default filled in, so a reader of the answer can tell what an
 * image actually carried from what it did not (zod applies defaults even under `.partial()`).
 */
function optionalWithoutDefaults<Shape extends Record<string, z.ZodType>>(shape: Shape) {
  const fields: Record<string, z.ZodType> = {}
  for (const [key, field] of Object.entries(shape)) {
    const inner: z.ZodType = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field
    fields[key] = inner.optional()
  }
  return z.object(fields) as unknown as z.ZodObject<OptionalShape<Shape>>
}

// img2img's settings are text2image's plus that mode's own (mask blur, masked content…).
const { alwayson_scripts: alwaysonScriptsSchema, ...topLevelFields } = image2ImageSettingsSchema.shape

export const importedAlwaysonScriptsSchema = optionalWithoutDefaults(alwaysonScriptsSchema.shape)

/**
 * Parameters read back from an image, text2image's and the image modes' own: only the fields it
 * carried, each one valid.
 */
export const importedParamsSchema = optionalWithoutDefaults(topLevelFields).extend({
  alwayson_scripts: importedAlwaysonScriptsSchema.optional(),
})

export type ImportedParams = z.infer<typeof importedParamsSchema>

/** Where imported parameters came from: our own lossless chunk, or A1111's `parameters` text. */
export const importedParamsSources = ['img-open', 'a1111'] as const
export type ImportedParamsSource = (typeof importedParamsSources)[number]
