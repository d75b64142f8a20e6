import { SingleBar } from 'cli-progress'
import type { TaskStatus } from '#contract'
import type { CliContext, CliStream } from './cli-context'

/** What the progress display is told: a status change or a new percent (null = unknown). */
export interface ProgressUpdate {
  readonly status: TaskStatus
  readonly percent: number | null
  readonly etaMs?: number | null
}

export interface ProgressView {
  update(update: ProgressUpdate): void
  /** Ends the display (the bar's line is kept, so the result prints below it). */
  stop(): void
}

const formatEta = (etaMs: number | null | undefined): string => {
  if (typeof etaMs !== 'number' || etaMs <= 0) return ''
  const seconds = Math.ceil(etaMs / 1000)
  return seconds < 60 ? ` | ${seconds}s left` : ` | ${Math.floor(seconds / 60)}m ${seconds % 60}s left`
}

/** A cli-progress bar, redrawn in place: only ever on a terminal. */
function barView(stream: CliStream, taskId: string): ProgressView {
  const bar = new SingleBar({
    stream,
    format: `${taskId} {status} |{bar}| {percentage}%{left}`,
    barsize: 30,
    hideCursor: true,
    clearOnComplete: false,
    // Redraws at most this often; the service is polled about once a second anyway.
    fps: 5,
  })
  let started = false
  return {
    update({ status, percent, etaMs }) {
      const payload = { status: status.padEnd(10), left: formatEta(etaMs) }
      const value = percent === null ? 0 : Math.round(percent)
      if (!started) {
        bar.start(100, value, payload)
        started = true
      } else bar.update(value, payload)
    },
    stop() {
      if (started) bar.stop()
    },
  }
}

/** Plain lines for logs and CI: one on each status change and each tenth of the way. */
function lineView(stream: CliStream, taskId: string): ProgressView {
  let lastStatus: TaskStatus | null = null
  let lastStep = -1
  return {
    update({ status, percent }) {
      const step = percent === null ? -1 : Math.floor(percent / 10)
      if (status === lastStatus && step <= lastStep) return
      lastStatus = status
      lastStep = Math.max(lastStep, step)
      stream.write(`${taskId} ${status}${percent === null ? '' : ` ${Math.round(percent)}%`}\n`)
    },
    stop() {},
  }
}

/**
 * Progress goes to stderr so stdout carries only the result. A bar when a person watches (stderr
 * a terminal, and stdout too unless `--json` sends it to a program); plain lines otherwise, and
 * when TERM is "dumb".
 */
export function createProgressView(context: CliContext, taskId: string, json: boolean): ProgressView {
  const watched =
    context.stderr.isTTY === true && (json || context.stdout.isTTY === true) && context.env.TERM !== 'dumb'
  return watched ? barView(context.stderr, taskId) : lineView(context.stderr, taskId)
}
