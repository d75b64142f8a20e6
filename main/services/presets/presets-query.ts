import {
  presetKinds,
  type ParsedInput,
  type Preset,
  type PresetKind,
  type PresetPage,
  type PromptStyle,
} from '#contract'

export type PresetFilter = ParsedInput<'presets.list'>

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

// Presets are never mutated (an edit replaces the object), so their search text can be cached.
const searchTextCache = new WeakMap<Preset, string>()

/** Everything a text search looks at, lower-cased. */
function searchableText(preset: Preset): string {
  const cached = searchTextCache.get(preset)
  if (cached !== undefined) return cached
  const parts = [preset.displayName, preset.fileName, preset.notes, ...preset.tags]
  if (preset.kind === 'lora') parts.push(...preset.lora.triggerWords)
  const text = parts.join('\n').toLowerCase()
  searchTextCache.set(preset, text)
  return text
}

const sameTag = (a: string, b: string) => collator.compare(a, b) === 0

function matches(preset: Preset, filter: PresetFilter, words: readonly string[]): boolean {
  if (filter.kind !== undefined && preset.kind !== filter.kind) return false
  if (filter.family !== undefined && preset.family !== filter.family) return false
  if (filter.favouriteOnly === true && !preset.favourite) return false
  const tag = filter.tag
  if (tag !== undefined && tag !== '' && !preset.tags.some((own) => sameTag(own, tag))) return false
  if (words.length === 0) return true
  const text = searchableText(preset)
  return words.every((word) => text.includes(word))
}

/** Favourites first, then by name as people read it ("v2" before "v10"). */
export function comparePresets(a: Preset, b: Preset): number {
  if (a.favourite !== b.favourite) return a.favourite ? -1 : 1
  return collator.compare(a.displayName, b.displayName) || collator.compare(a.fileName, b.fileName)
}

const searchWords = (text: string | undefined) =>
  (text ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')

function tagsOf(presets: readonly Preset[], kind: PresetKind | undefined): string[] {
  const tags = new Map<string, string>()
  for (const preset of presets) {
    if (kind !== undefined && preset.kind !== kind) continue
    for (const tag of preset.tags) if (!tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag)
  }
  return [...tags.values()].sort(collator.compare)
}

/** One page of the filtered, sorted library; every word of the search text must match. */
export function queryPresets(presets: readonly Preset[], filter: PresetFilter): PresetPage {
  const words = searchWords(filter.text)
  const matching = presets.filter((preset) => matches(preset, filter, words)).sort(comparePresets)
  const counts = Object.fromEntries(presetKinds.map((kind) => [kind, 0])) as Record<PresetKind, number>
  for (const preset of presets) counts[preset.kind] += 1
  return {
    items: matching.slice(filter.offset, filter.offset + filter.limit),
    total: matching.length,
    offset: filter.offset,
    tags: tagsOf(presets, filter.kind),
    counts,
  }
}

/** Styles whose name or text holds every search word, by name. */
export function queryStyles(styles: readonly PromptStyle[], text: string | undefined): PromptStyle[] {
  const words = searchWords(text)
  return styles
    .filter((style) => {
      const haystack = `${style.name}\n${style.prompt}\n${style.negativePrompt}`.toLowerCase()
      return words.every((word) => haystack.includes(word))
    })
    .sort((a, b) => collator.compare(a.name, b.name))
}

/** Tags trimmed, without case-insensitive repeats, in the order given. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  return tags.filter((tag) => {
    const key = tag.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
