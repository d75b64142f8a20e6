import { z } from 'zod'

/**
 * The most cells one plot may hold (A1111 bounds a grid by its megapixels; we bound the tasks).
 * A leaf file: the task record schema imports it, so it must import nothing of the contract.
 */
export const maxPlotCells = 400

export const plotCoordinateSchema = z.number().int().min(0).max(maxPlotCells)

/** On a task made by a plot: which plot, and the cell's place in it (x column, y row, z grid). */
export const plotCellRefSchema = z.object({
  plotId: z.string().min(1).max(64),
  x: plotCoordinateSchema,
  y: plotCoordinateSchema,
  z: plotCoordinateSchema,
})
export type PlotCellRef = z.infer<typeof plotCellRefSchema>
