import type { TFunction } from 'i18next'

/**
 * A request field in words, as the workbench labels it: `alwayson_scripts.override_settings.
 * CLIP_stop_at_last_layers` → "Clip skip", `ADetailer 1.ad_model` → "ADetailer 1 · Detection
 * model". A field the catalogs do not name is shown as it is (never hidden).
 */
export function fieldLabel(t: TFunction, path: string): string {
  const parts = path.split('.')
  const last = parts.at(-1) ?? path
  const label = t(`workbench.fields.${last}`, { defaultValue: '' })
  if (label === '') return path
  // A numbered group ("ControlNet 2", "ADetailer 1") stays in front, so units can be told apart.
  const group = parts.find((part) => /\s\d+$/.test(part))
  return group ? `${group} · ${label}` : label
}
