// electron-builder's afterPack hook: flips the Electron fuses of the packaged binary before it is
// signed (SECURITY.md goal 14). electron-builder loads this file by the path in electron-builder.yml.
import { join } from 'node:path'
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses'

/**
 * The fuses of a release build. Every fuse @electron/fuses knows is set, not left to Electron's
 * default, so an Electron upgrade cannot quietly change one.
 */
export const releaseFuses = {
  version: FuseVersion.V1,
  // `ELECTRON_RUN_AS_NODE=1 app` would turn the signed app into a plain Node for any script.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and local storage encrypted at rest with a key from the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect would let anyone preload code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app runs only from its own app.asar, and only if the archive matches the hash packed into
  // the binary (macOS and Windows; Electron has no integrity check on Linux).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The UI is served from app://, so file:// pages need none of their old extra powers.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
}

const binaryExtension = { darwin: '.app', mas: '.app', win32: '.exe', linux: '' }

/**
 * Where electron-builder put the Electron binary: `<product>.app` on macOS (fuses finds the
 * framework inside), `<product>.exe` on Windows, the lower-case executable name on Linux.
 */
export function packagedBinaryPath(context) {
  const platform = context.electronPlatformName
  if (!(platform in binaryExtension)) throw new Error(`after-pack: unknown platform ${platform}`)
  const name =
    platform === 'linux' ? context.packager.executableName : context.packager.appInfo.productFilename
  return join(context.appOutDir, `${name}${binaryExtension[platform]}`)
}

// builder-util's Arch enum: ia32 0, x64 1, armv7l 2, arm64 3, universal 4.
const arm64 = 3

/** Flipping fuses breaks an arm64 Mac's ad-hoc signature, which must then be redone. */
export const fuseConfigFor = (context) => ({
  ...releaseFuses,
  resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === arm64,
})

/** The hook itself; `flip` is a seam for tests that only record the call. */
export async function afterPack(context, flip = flipFuses) {
  await flip(packagedBinaryPath(context), fuseConfigFor(context))
}

export default afterPack
