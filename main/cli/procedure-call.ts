import type { z } from 'zod'
import { AppError, type ProcedureInput, type ProcedureName, type ProcedureOutput } from '#contract'
import type { Services } from '../services/create-services'
import { usageError } from './cli-errors'

interface Issue {
  readonly path: string
  readonly message: string
}

const issuesOf = (details: Record<string, unknown> | undefined): Issue[] =>
  Array.isArray(details?.issues) ? (details.issues as Issue[]) : []

const refusedOption = (issue: Issue, optionOf: Readonly<Record<string, string>>) =>
  usageError('optionInvalid', { option: optionOf[issue.path] ?? issue.path, detail: issue.message })

/**
 * Checks a procedure's input before anything is asked or opened (a key prompt comes after the
 * options are known to be right), with the same schema and message the call itself would give.
 */
export function checkInput<S extends z.ZodType>(
  schema: S,
  input: z.input<S>,
  optionOf: Readonly<Record<string, string>> = {},
): void {
  const parsed = schema.safeParse(input)
  const issue = parsed.error?.issues[0]
  if (issue) throw refusedOption({ path: issue.path.map(String).join('.'), message: issue.message }, optionOf)
}

/**
 * Calls a procedure through the app's own dispatcher, so a CLI command is checked by the same
 * schemas as the app's forms. A refused field becomes a usage error naming the command-line option
 * it came from (`optionOf` maps the schema path, e.g. `storage.bucket` → `--bucket`); any other
 * failure is thrown as the service's AppError.
 */
export async function callProcedure<N extends ProcedureName>(
  services: Services,
  name: N,
  input: ProcedureInput<N>,
  optionOf: Readonly<Record<string, string>> = {},
): Promise<ProcedureOutput<N>> {
  const result = await services.dispatch(name, input, { transport: 'in-process' })
  if (result.ok) return result.value as ProcedureOutput<N>
  const { code, message, details } = result.error
  const [issue] = issuesOf(details)
  if (code === 'invalid_request' && issue) throw refusedOption(issue, optionOf)
  throw new AppError(code, message, details)
}
