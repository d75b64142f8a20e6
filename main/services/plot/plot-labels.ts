import {
  plotAxisNames,
  plotValueLabel,
  plotWord,
  type PlotCellValue,
  type PlotLanguage,
  type PlotRecord,
} from '#contract'

type Place = Readonly<Record<(typeof plotAxisNames)[number], number>>
type AxisRecord = PlotRecord['axes']['x']

/** A cell's value on each axis, X first: what the app words in the UI language. */
export function cellValues(record: Pick<PlotRecord, 'axes'>, at: Place): PlotCellValue[] {
  return plotAxisNames.flatMap((name) => {
    const axis = record.axes[name]
    const value = axis?.values?.[at[name]]
    return axis && value !== undefined ? [{ type: axis.type, value }] : []
  })
}

/**
 * The queue's English line for a cell ("Plot · Steps: 20 · CFG Scale: 7"), for the CLI and logs;
 * the app words the cell from `cellValues` instead. Every cell of a plot has the same prompt, so
 * the prompt alone would list identical rows.
 */
export const cellLabel = (record: Pick<PlotRecord, 'axes'>, at: Place): string =>
  [
    plotWord.en,
    ...plotAxisNames.flatMap((name) => {
      const axis = record.axes[name]
      return axis ? (axisLabels(axis, 'en')[at[name]] ?? []) : []
    }),
  ].join(' · ')

/** An axis's labels in a language; a plot saved before values were kept has its English labels only. */
export const axisLabels = (axis: AxisRecord | undefined, language: PlotLanguage): string[] => {
  if (!axis) return ['']
  const { values } = axis
  return values ? values.map((value) => plotValueLabel(axis.type, value, language)) : axis.labels
}

/** Drawn in a cell's place when it has no image and no reason (the grid's only own words). */
export const noImageText = { en: 'No image', zh: '没有图像' } as const satisfies Record<PlotLanguage, string>
