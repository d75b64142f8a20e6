import { z } from 'zod'
import { errorShapeSchema } from '../errors'
import { taskKinds } from '../schemas/task'
import { plotAxisTypes } from './axis-types'
import { plotLanguages } from './axis-captions'
import { plotCoordinateSchema as coordinate } from './plot-cell-ref'

/** One axis as typed: its type and its values text (A1111's syntax, axis-values.ts). */
export const plotAxisInputSchema = z.object({
  type: z.enum(plotAxisTypes),
  values: z.string().max(10_000),
})

export const plotCellStatuses = ['pending', 'running', 'succeeded', 'failed'] as const
export type PlotCellStatus = (typeof plotCellStatuses)[number]

export const plotCellSchema = z.object({
  x: coordinate,
  y: coordinate,
  z: coordinate,
  /** The cell's task in the history; null until it is submitted. */
  taskId: z.string().nullable(),
  status: z.enum(plotCellStatuses),
  /** Why the cell failed, as the task or the submit reported it. */
  error: errorShapeSchema.nullable(),
})
export type PlotCell = z.infer<typeof plotCellSchema>

export const plotAxisRecordSchema = z.object({
  type: z.enum(plotAxisTypes),
  text: z.string(),
  labels: z.array(z.string()),
  /** The values, so the app and the grid can word each label in the UI language (absent in older plots). */
  values: z.array(z.union([z.number(), z.string()])).optional(),
})

/** A plot as main keeps it: its axes, its cells' tasks, and the composed grid once there is one. */
export const plotRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(taskKinds),
  profileId: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  status: z.enum(['running', 'done']),
  /** The language the grid's labels are drawn in (the UI's when the plot started); English if absent. */
  language: z.enum(plotLanguages).optional(),
  axes: z.object({
    x: plotAxisRecordSchema,
    y: plotAxisRecordSchema.optional(),
    z: plotAxisRecordSchema.optional(),
  }),
  cells: z.array(plotCellSchema),
  /** The grid image in the image cache (PNG with the plot's infotext); null before composing. */
  gridCacheKey: z.string().nullable(),
  gridWidth: z.number().int().nullable(),
  gridHeight: z.number().int().nullable(),
  /** Why the grid could not be composed (every cell failed, say). */
  gridError: errorShapeSchema.nullable(),
})
export type PlotRecord = z.infer<typeof plotRecordSchema>
