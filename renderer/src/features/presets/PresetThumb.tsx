import type { Preset } from '#contract'

/** Up to two letters from the name's words: "DreamShaper 8" → "D8", "add_detail" → "AD". */
export function initialsOf(name: string): string {
  const words = name.split(/[\s_\-.]+/).filter((word) => word !== '')
  const letters =
    words.length > 1 ? words.slice(0, 2).map((word) => word[0]) : [...(words[0] ?? '?').slice(0, 2)]
  return letters.join('').toUpperCase()
}

/** A hue from the file name, so a preset keeps its colour across renames of its display name. */
const hueOf = (text: string) => [...text].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) % 360, 7)

/** The preset's picture, or (without one) its initials on a colour of its own: never an empty square. */
export function PresetThumb({ preset }: { readonly preset: Preset }) {
  if (preset.thumbnail) return <img className="preset-thumb" src={preset.thumbnail} alt="" />
  const hue = hueOf(preset.fileName)
  return (
    <span
      className="preset-thumb preset-thumb-initials"
      aria-hidden="true"
      style={{ background: `linear-gradient(135deg, hsl(${hue} 55% 45%), hsl(${(hue + 40) % 360} 60% 32%))` }}
    >
      {initialsOf(preset.displayName)}
    </span>
  )
}
