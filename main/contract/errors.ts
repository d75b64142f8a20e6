import { z } from 'zod'

/**
 * Every failure that crosses a boundary (IPC, WebSocket, CLI) carries one of these codes.
 * The renderer branches on the code only; `message` is for people.
 */
export const errorCodes = [
  'invalid_request',
  'unauthorized_sender',
  'not_found',
  'conflict',
  'cancelled',
  'internal',
  // Img Open API failures
  'auth',
  'quota',
  'server',
  'network',
  'timeout',
  'protocol',
  // Local machine failures
  'keychain_unavailable',
  'keychain_locked',
  'keys_needed',
  'storage_corrupt',
  'storage_locked',
  'io',
  // Input images and the profile's storage (issue 7)
  'image_storage_needed',
  'image_storage_auth',
  'image_storage_unreachable',
  'image_unavailable',
  'image_too_large',
] as const

export type ErrorCode = (typeof errorCodes)[number]

export const errorShapeSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
})

export type ErrorShape = z.infer<typeof errorShapeSchema>

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorShape }

/** The one error type services throw; the dispatcher turns it into an ErrorShape unchanged. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'AppError'
  }

  toShape(): ErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError
