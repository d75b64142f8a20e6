import { randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * One-time launch codes for opening the browser edition without its token on a command line.
 *
 * Why a code and not a private (0600) redirect file: whatever is passed to the opener (`xdg-open`,
 * `open`, `explorer`) and then to the browser sits in their command lines, which every local user
 * can read (`ps`, /proc/<pid>/cmdline) for as long as the browser runs. A 0600 HTML file would hide
 * the token completely, but sandboxed browsers (Ubuntu's default snap Firefox and Chromium, Flatpak)
 * cannot read /tmp or hidden folders such as ~/.config, so the launch would just fail there. A code
 * works with every browser and is worthless once seen: the browser trades it for the token within
 * a second (a 303 to `/?token=…`, which the page moves to sessionStorage and off the URL), it works
 * once, and it expires after `ttlMs` even if never used. Someone who raced the browser to it would
 * leave the user's tab on "already used", and the refusal is logged.
 */
export interface LaunchCodes {
  /** A fresh code, valid once, for `ttlMs`. */
  issue(): string
  /** True the first time a live code is given; false for an unknown, used or expired one. */
  redeem(code: string): boolean
}

export interface LaunchCodesOptions {
  readonly ttlMs: number
  readonly now?: () => number
}

export function createLaunchCodes(options: LaunchCodesOptions): LaunchCodes {
  const now = options.now ?? Date.now
  const live = new Map<string, number>()
  const sweep = () => {
    for (const [code, expires] of live) if (expires <= now()) live.delete(code)
  }
  return {
    issue() {
      sweep()
      const code = randomBytes(18).toString('base64url')
      live.set(code, now() + options.ttlMs)
      return code
    },
    redeem(given) {
      sweep()
      const wanted = Buffer.from(given)
      for (const code of live.keys()) {
        const candidate = Buffer.from(code)
        if (candidate.length === wanted.length && timingSafeEqual(candidate, wanted)) {
          live.delete(code)
          return true
        }
      }
      return false
    },
  }
}
