import { z } from 'zod'

/*
 * Reading a params schema for what a person needs to hear about a wrong body: the fields it does
 * not know (an object schema strips them silently), and a number field's allowed range. Used where
 * people write bodies by hand (the CLI's params files), so an error names the field and its range.
 */

/** The schema under wrappers that do not change which fields or values it takes. */
function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
    return unwrap(schema.unwrap() as z.ZodType)
  return schema
}

/** The object schemas a value must satisfy here (both sides of an intersection). */
function objectsOf(schema: z.ZodType): z.ZodObject[] {
  const node = unwrap(schema)
  if (node instanceof z.ZodObject) return [node]
  if (node instanceof z.ZodIntersection)
    return [...objectsOf(node.def.left as z.ZodType), ...objectsOf(node.def.right as z.ZodType)]
  return []
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Every field of `value` the schema does not know, as a path ("stepz", "alwayson_scripts.vae",
 * "alwayson_scripts.controlnet.args.0.weigth"), looking into nested objects and lists. `ignore`
 * names keys taken and dropped on purpose (e.g. `id_task`, which the client chooses).
 */
export function unknownFields(
  schema: z.ZodType,
  value: unknown,
  ignore: readonly string[] = [],
  prefix = '',
): string[] {
  const node = unwrap(schema)
  if (node instanceof z.ZodArray && Array.isArray(value))
    return value.flatMap((item, index) =>
      unknownFields(node.element as z.ZodType, item, ignore, `${prefix}${index}.`),
    )
  const objects = objectsOf(node)
  if (objects.length === 0 || !isRecord(value)) return []
  const shape: Record<string, z.ZodType> = Object.assign({}, ...objects.map((object) => object.shape))
  return Object.entries(value).flatMap(([key, inner]) => {
    if (ignore.includes(key)) return []
    const child = shape[key]
    return child ? unknownFields(child, inner, ignore, `${prefix}${key}.`) : [`${prefix}${key}`]
  })
}

/** The schema at a path of field names and list indexes, or null when there is none. */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | null {
  let node: z.ZodType = schema
  for (const segment of path) {
    const inner = unwrap(node)
    if (inner instanceof z.ZodArray && typeof segment === 'number') {
      node = inner.element as z.ZodType
      continue
    }
    const owner = objectsOf(inner).find((object) => String(segment) in object.shape)
    const child: unknown = owner?.shape[String(segment)]
    if (!(child instanceof z.ZodType)) return null
    node = child
  }
  return node
}

/** A number field's allowed range, from its schema: `{min, max}` (either may be null). */
export function numberRangeAt(
  schema: z.ZodType,
  path: readonly PropertyKey[],
): { readonly min: number | null; readonly max: number | null } | null {
  const node = schemaAt(schema, path)
  const leaf = node ? unwrap(node) : null
  if (!(leaf instanceof z.ZodNumber)) return null
  // `.int()` alone bounds a number to the safe integers: no range a person set.
  const bound = (value: number | null) =>
    value === null || Math.abs(value) >= Number.MAX_SAFE_INTEGER ? null : value
  return { min: bound(leaf.minValue), max: bound(leaf.maxValue) }
}

/** The field names an object at `path` may hold (empty when the path is not an object). */
export function fieldNamesAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const node = schemaAt(schema, path)
  return node ? objectsOf(node).flatMap((object) => Object.keys(object.shape)) : []
}
