/**
 * Option names that would carry a key. Refused before the command line is parsed, for every
 * command, and named without their value: a key typed there would stay in the shell history and
 * the process list. (No imports: this runs on every start.)
 */
const keyOption =
  /^--(?:(?:storage-)?(?:access-key(?:-id|-secret)?|secret(?:-access-key|-key)?|key-id|api-key|key|password|token))(?:=|$)/i

/** The first argument that looks like a key option (its name only), or null. */
export function findKeyArgument(argv: readonly string[]): string | null {
  const found = argv.find((arg) => keyOption.test(arg))
  return found === undefined ? null : (found.split('=')[0] ?? '')
}
