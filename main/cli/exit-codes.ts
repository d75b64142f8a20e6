/** Exit statuses: 0 done, 1 failed (task, service, machine), 2 the command line itself was wrong. */
export const exitCodes = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes]
