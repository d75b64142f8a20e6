/**
 * The system dialogs the desktop app lends the outputs service (main/shell/output-dialogs.ts). The
 * browser edition and the CLI have none: there the page downloads and the user types a folder.
 */
export interface OutputShell {
  /** A folder picker; null when the user cancels. */
  chooseFolder(startIn: string | null): Promise<string | null>
  /** A save dialog proposing `defaultPath`; null when the user cancels. */
  chooseSaveFile(defaultPath: string): Promise<string | null>
  /** Shows the file selected in the system's file manager. */
  showInFolder(path: string): void
}
