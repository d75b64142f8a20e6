import { taskRequestSchema, type TaskRequest } from '#contract'

/*
 * What the queue tests and their child process share (no test runner imports: the child runs
 * under plain Node).
 */

export const fastTracking = { firstIntervalMs: 30, slowAfterMs: 1_000, maxIntervalMs: 100 }

/** A small text2image request; `n` tells the tasks apart in the simulator's log. */
export const request = (profileId: string, n: number): TaskRequest =>
  taskRequestSchema.parse({
    kind: 'text2image',
    profileId,
    params: {
      prompt: `lighthouse number ${n}`,
      steps: 8,
      width: 128,
      height: 128,
      alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
    },
  })
