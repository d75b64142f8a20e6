import { plotValueLabel, type PlotLanguage } from './axis-captions'
import { plotAxisNames } from './plot-plan'
import type { PlotRecord } from './plot-schemas'

/**
 * A cell's place in its grid ("Steps: 20 × CFG Scale: 7") in a language; a plot saved before the
 * values were kept shows the English labels it was saved with.
 */
export const plotCellPlace = (
  record: PlotRecord,
  cell: PlotRecord['cells'][number],
  language: PlotLanguage,
): string =>
  plotAxisNames
    .flatMap((name) => {
      const axis = record.axes[name]
      const value = axis?.values?.[cell[name]]
      if (axis && value !== undefined) return [plotValueLabel(axis.type, value, language)]
      return axis?.labels[cell[name]] ?? []
    })
    .join(' × ')
