import { z } from 'zod'
import { text2ImageParamsSchema } from './text2image'

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

const { alwayson_scripts: alwaysonScriptsSchema, ...topLevelFields } = text2ImageParamsSchema.shape

export const importedAlwaysonScriptsSchema = optionalWithoutDefaults(alwaysonScriptsSchema.shape)

/** Text2image parameters read back from an image: only the fields it carried, each one valid. */
export const importedParamsSchema = optionalWithoutDefaults(topLevelFields).extend({
  alwayson_scripts: importedAlwaysonScriptsSchema.optional(),
})

export type ImportedParams = z.infer<typeof importedParamsSchema>

/** Where imported parameters came from: our own lossless chunk, or A1111's `parameters` text. */
export const importedParamsSources = ['img-open', 'a1111'] as const
export type ImportedParamsSource = (typeof importedParamsSources)[number]
