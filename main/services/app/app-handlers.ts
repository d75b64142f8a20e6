import type { AppInfo } from '#contract'
import type { Handlers } from '../../ipc/dispatcher'

export interface AppHandlersDeps {
  readonly info: AppInfo
}

export function createAppHandlers({ info }: AppHandlersDeps): Pick<Handlers, 'app.info' | 'app.echo'> {
  return {
    'app.info': () => info,
    'app.echo': ({ text }) => ({ text }),
  }
}
