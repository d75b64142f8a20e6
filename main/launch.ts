/*
 * The packaged app's entry (package.json "main"). Started as `<app binary> --img-open-cli -- ARGS`
 * (by resources/cli/img-open, the `img-open` launcher), it runs the CLI and nothing of the desktop
 * app: no window, no single-instance lock, no menu. The RunAsNode fuse stays off (SECURITY.md goal
 * 14), so the app binary never runs a script it was handed, only this app's own CLI.
 */
import { cliArgsFromLaunch } from './cli/launch-args'

const cliArgs = cliArgsFromLaunch(process.argv)
if (cliArgs) {
  // The CLI reads its arguments as Node's do: after the runtime and the script.
  process.argv = [process.argv[0] ?? 'img-open', 'img-open', ...cliArgs]
  const { app } = await import('electron')
  // macOS shows a Dock icon for any app process; a command-line run has no window to show.
  app.dock?.hide()
  await import('./cli/main')
} else {
  // Awaited so that the app's module runs completely (privileged schemes, menu) before 'ready'.
  await import('./index')
}
