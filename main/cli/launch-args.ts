/** The switch the `img-open` launcher puts before the command line; see main/launch.ts. */
export const cliSwitch = '--img-open-cli'

/**
 * The CLI's own arguments when the app binary was started as `app --img-open-cli [--] ARGS`, or
 * null for a normal start. Chromium switches the launcher adds before the marker are skipped; the
 * `--` after it keeps Chromium from reading the user's arguments as its own switches.
 */
export function cliArgsFromLaunch(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(cliSwitch)
  if (at < 0) return null
  const rest = argv.slice(at + 1)
  return rest[0] === '--' ? rest.slice(1) : rest
}
