import type { Handlers } from '#contract'
import type { CustomTools } from './custom-tools'
import type { ToolsService } from './tools-service'

export interface ToolsHandlersDeps {
  readonly tools: ToolsService
  readonly customTools: CustomTools
}

export function createToolsHandlers(
  deps: ToolsHandlersDeps,
): Pick<
  Handlers,
  | 'tools.submit'
  | 'tools.previewRequest'
  | 'tools.customRequest'
  | 'tools.previewCustomRequest'
  | 'tools.listCustomTools'
  | 'tools.saveCustomTool'
  | 'tools.deleteCustomTool'
  | 'tools.exportCustomTools'
  | 'tools.importCustomTools'
> {
  const { tools, customTools } = deps
  return {
    'tools.submit': (request) => tools.submit(request),
    'tools.previewRequest': (request) => tools.previewRequest(request),
    'tools.customRequest': (request) => tools.customRequest(request),
    'tools.previewCustomRequest': (request) => tools.previewCustomRequest(request),
    'tools.listCustomTools': async () => ({ tools: await customTools.list() }),
    'tools.saveCustomTool': async (tool) => ({ tools: await customTools.save(tool) }),
    'tools.deleteCustomTool': async ({ name }) => ({ tools: await customTools.remove(name) }),
    'tools.exportCustomTools': async () => ({ json: await customTools.exportJson() }),
    'tools.importCustomTools': ({ json }) => customTools.importJson(json),
  }
}
