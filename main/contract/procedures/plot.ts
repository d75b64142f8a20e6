import { z } from 'zod'
import { plotAxisInputSchema, plotRecordSchema } from '../plot/plot-schemas'
import { plotAxisTypes } from '../plot/axis-types'
import { plotLanguages } from '../plot/axis-captions'
import { taskRequestSchema } from './tasks'
import { procedure } from './define'

/** A plot to plan or start: the current form as the base, and up to three axes (X required). */
export const plotRequestSchema = z
  .object({
    base: taskRequestSchema,
    x: plotAxisInputSchema,
    y: plotAxisInputSchema.optional(),
    z: plotAxisInputSchema.optional(),
    /** The UI's language: the grid's axis labels are drawn in it (the infotext stays A1111's English). */
    language: z.enum(plotLanguages).optional(),
  })
  .strict()
export type PlotRequestInput = z.input<typeof plotRequestSchema>

const plotIdSchema = z.object({ plotId: z.string().min(1).max(64) }).strict()

export const plotProcedures = {
  /**
   * What a plot would send, without sending: the axes' labels and the task and image counts. A value
   * the endpoint would refuse is an `invalid_request` naming the axis and the value (details: axis,
   * type, value, reason).
   */
  'plot.plan': procedure(
    plotRequestSchema,
    z.object({
      axes: z.array(
        z.object({ axis: z.enum(['x', 'y', 'z']), type: z.enum(plotAxisTypes), labels: z.array(z.string()) }),
      ),
      taskCount: z.number().int(),
      imageCount: z.number().int(),
    }),
  ),
  /** Plans, then submits every cell as a normal task; answers the plot at once (cells still pending). */
  'plot.start': procedure(plotRequestSchema, plotRecordSchema),
  'plot.get': procedure(plotIdSchema, plotRecordSchema),
  /** Sends a failed cell's task again (same task id); the grid is composed again when it ends. */
  'plot.retryCell': procedure(
    plotIdSchema
      .extend({ x: z.number().int().min(0), y: z.number().int().min(0), z: z.number().int().min(0) })
      .strict(),
    plotRecordSchema,
  ),
}
