import { z } from 'zod'
import { procedure } from './define'

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  edition: z.enum(['desktop', 'browser', 'cli', 'test']),
  platform: z.string(),
  dataDir: z.string(),
  locale: z.string(),
})

export type AppInfo = z.infer<typeof appInfoSchema>

export const appProcedures = {
  /** Identity of the running main process; the cheapest round trip through the bridge. */
  'app.info': procedure(z.object({}).strict(), appInfoSchema),
  /** Echoes its text back; used by the e2e tests and the bridge health check. */
  'app.echo': procedure(z.object({ text: z.string().max(10_000) }).strict(), z.object({ text: z.string() })),
}
