import { z } from 'zod'
import { plotAxisTypes } from './axis-types'

/**
 * The most cells one plot may hold (A1111 bounds a grid by its megapixels; we bound the tasks).
 * Nearly a leaf file: the task record schema imports it, so it imports only axis-types.ts, whose
 * own import is a type (erased), so no cycle can form at run time.
 */
export const maxPlotCells = 400

export const plotCoordinateSchema = z.number().int().min(0).max(maxPlotCells)

/** A cell's value on one axis: the axis's type and the value (words come from axis-captions.ts). */
export const plotCellValueSchema = z.object({
  type: z.enum(plotAxisTypes),
  value: z.union([z.number(), z.string().max(2000)]),
})
export type PlotCellValue = z.infer<typeof plotCellValueSchema>

/**
 * On a task made by a plot: which plot, the cell's place in it (x column, y row, z grid) and its
 * value on each axis, X first, so the queue, task cards and history rows can word the cell in the
 * UI's language (absent on tasks from before it was kept).
 */
export const plotCellRefSchema = z.object({
  plotId: z.string().min(1).max(64),
  x: plotCoordinateSchema,
  y: plotCoordinateSchema,
  z: plotCoordinateSchema,
  values: z.array(plotCellValueSchema).max(3).optional(),
})
export type PlotCellRef = z.infer<typeof plotCellRefSchema>
