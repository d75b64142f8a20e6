import type { Command } from 'commander'
import type { CliContext } from '../cli-context'
import type { ToolOptions } from '../tool-command'
import { connectionOptions, type Done } from './options'

const toolHelp = `
The params file is the tool's body with the API's own field names, without businessTaskId
(img-open chooses it). An image field holds an http(s) link (sent as is) or a local path
(uploaded through the profile's image storage). Field errors name the field and its range.
--json prints { task_id, status, images, result } where result is the tool's output.

Examples:
  $ img-open tool --list
  $ img-open tool comfyui/text2image --params flux.json --wait --out ./renders
  $ img-open tool face/detection --params faces.json --wait --json
  $ img-open request tool/hair/change --params hair.json --wait --json`

/** tool and request: the documented image tools and the custom request. */
export function registerToolCommands(program: Command, context: CliContext, done: Done): void {
  const tool = program
    .command('tool')
    .description('run a documented image tool (Flux, face swap, detection, outpainting, captions…)')
    .argument('[tool-code]', "the API's tool code (what follows tool/ in the path) or an alias")
    .option('--list', 'list the tools: code, name, required fields')
    .option('--params <file>', "JSON file with the tool's body (API field names)")
    .option('--wait', 'wait until the task ends, showing its progress')
    .option('--out <dir>', 'copy the images here (default: print their paths in the image cache)')
    .option('--json', 'print one JSON object { task_id, status, images, result }')
  connectionOptions(tool)
    .addHelpText('after', toolHelp)
    .action(async (code: string | undefined, options: ToolOptions) => {
      const { runTool } = await import('../tool-command')
      done(await runTool(context, code, options))
    })
  const request = program
    .command('request')
    .description('send a custom request under /AIGCImgOpenServ/saas/ with the profile keys')
    .argument('<path>', 'the path, e.g. tool/hair/change or /AIGCImgOpenServ/saas/tool/hair/change')
    .requiredOption('--params <file>', 'JSON file with the body (businessTaskId is filled in)')
    .option('--tool-code <code>', 'track the task through tool/<code>/queryTask')
    .option('--wait', 'wait until the task ends, showing its progress')
    .option('--out <dir>', 'copy the images here')
    .option('--json', 'print one JSON object { task_id, status, images, result }')
  connectionOptions(request)
    .addHelpText('after', toolHelp)
    .action(async (path: string, options: ToolOptions) => {
      const { runRequest } = await import('../tool-command')
      done(await runRequest(context, path, options))
    })
}
