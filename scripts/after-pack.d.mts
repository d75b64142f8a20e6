// Types for after-pack.mjs (plain JavaScript, because electron-builder loads hooks without a compiler).
import type { FuseV1Config, flipFuses } from '@electron/fuses'

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface PackContext {
  readonly appOutDir: string
  readonly electronPlatformName: string
  readonly arch: number
  readonly packager: {
    readonly executableName?: string
    readonly appInfo: { readonly productFilename: string }
  }
}

export declare const releaseFuses: FuseV1Config
export declare function packagedBinaryPath(context: PackContext): string
export declare function fuseConfigFor(context: PackContext): FuseV1Config
export declare function afterPack(context: PackContext, flip?: typeof flipFuses): Promise<void>
export default afterPack
