import type { z } from 'zod'

export interface Procedure<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I
  readonly output: O
}

/** Declares one request/response pair; both ends share the same schemas so types are inferred once. */
export const procedure = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
): Procedure<I, O> => ({
  input,
  output,
})
