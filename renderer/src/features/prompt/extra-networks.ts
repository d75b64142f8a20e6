/*
 * Extra-network tags as A1111 finds them (modules/extra_networks.py, `<(\w+):([^>]+)>`): the tag is
 * cut out of the prompt before schedules and weights are read, and its arguments are split on `:`.
 */

export interface ExtraNetworkTag {
  from: number
  to: number
  /** `lora`, `lyco`, `hypernet`, … as written. */
  type: string
  name: { from: number; to: number; text: string }
  /** The first numeric argument after the name (`0.8` in `<lora:x:0.8>`), if any. */
  weight?: { from: number; to: number; value: number }
}

const tagPattern = /<([\p{L}\p{N}_]+):([^>]+)>/gu

export function findExtraNetworks(text: string): ExtraNetworkTag[] {
  if (!text.includes('<')) return []
  const tags: ExtraNetworkTag[] = []
  for (const match of text.matchAll(tagPattern)) {
    const type = match[1] ?? ''
    const args = match[2] ?? ''
    const argsFrom = match.index + type.length + 2
    const nameText = args.split(':')[0] ?? ''
    const tag: ExtraNetworkTag = {
      from: match.index,
      to: match.index + match[0].length,
      type,
      name: { from: argsFrom, to: argsFrom + nameText.length, text: nameText },
    }
    const weightText = args.split(':')[1]
    if (weightText !== undefined) {
      const value = Number(weightText.trim())
      const from = argsFrom + nameText.length + 1
      if (weightText.trim() !== '' && Number.isFinite(value)) {
        tag.weight = { from, to: from + weightText.length, value }
      }
    }
    tags.push(tag)
  }
  return tags
}
