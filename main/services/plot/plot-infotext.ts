import { plotAxisNames, plotAxisSpecs, type PlotRecord, type TaskRequest } from '#contract'
import { createInfotext, quoteInfoValue } from '../images/infotext-write'

/**
 * The grid's infotext as A1111 writes it: the first cell's parameters, then `Script: X/Y/Z plot`
 * and each axis's `X Type` / `X Values` (the values as typed), with `Fixed X Values` for a seed
 * axis whose -1s were drawn. Pasting it back into A1111 restores the plot's settings.
 */
export function plotInfotext(record: PlotRecord, firstCell: TaskRequest): string {
  const pairs: [string, string][] = [['Script', 'X/Y/Z plot']]
  for (const name of plotAxisNames) {
    const axis = record.axes[name]
    if (!axis) continue
    const key = name.toUpperCase()
    pairs.push([`${key} Type`, plotAxisSpecs[axis.type].label], [`${key} Values`, axis.text])
    if (axis.type === 'seed')
      pairs.push([`Fixed ${key} Values`, axis.labels.map((l) => l.replace(/^Seed: /, '')).join(', ')])
  }
  const extra = pairs.map(([key, value]) => `${key}: ${quoteInfoValue(value)}`).join(', ')
  return `${createInfotext(firstCell.params, { kind: firstCell.kind })}, ${extra}`
}
