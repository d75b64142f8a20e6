import { type AppInfo, type Handlers } from '#contract'

export interface AppHandlersDeps {
  readonly info: AppInfo
}

export function createAppHandlers({ info }: AppHandlersDeps): Pick<Handlers, 'app.info' | 'app.echo'> {
  return {
    'app.info': () => info,
    'app.echo': ({ text }) => ({ text }),
  }
}
