/** How every command that stores keys takes them (never from the command line). */
export const keysHelp = `
Keys are never taken from the command line. They are read from the environment when set, or
asked for at the terminal (not shown as you type), and kept in the OS keychain:
  API keys      IMG_OPEN_ACCESS_KEY_ID, IMG_OPEN_ACCESS_KEY_SECRET
  storage keys  IMG_OPEN_STORAGE_ACCESS_KEY_ID, IMG_OPEN_STORAGE_SECRET_ACCESS_KEY
Without a keychain (a server, CI) keys are not saved: pass the same variables with each command.`
