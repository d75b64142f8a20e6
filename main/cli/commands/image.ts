import type { Command } from 'commander'
import type { CliContext } from '../cli-context'
import type { ImageCommand, ImageCommandOptions } from '../image-command'
import { collect, connectionOptions, parseControlNetApi, type Done } from './options'

const imageHelp = `
The params file is the body of the mode with the API's own field names, like generate's, without
the image links: --image, --mask and --control give the images, each a local file (PNG, JPEG or
WebP, uploaded through the profile's image storage; the demo profile keeps it in its simulator) or
an http(s) URL the service can fetch. Uploads are deleted when the task ends unless --keep-uploads.
Without a keychain (a server, CI), IMG_OPEN_STORAGE_ACCESS_KEY_ID and
IMG_OPEN_STORAGE_SECRET_ACCESS_KEY give the storage's keys for one run (both or neither; never
saved); its endpoint, bucket, region and prefix still come from the profile.
img2img and inpaint take the img2img fields (denoising_strength, resize_mode, mask_blur,
inpainting_fill, inpaint_full_res…); controlnet takes alwayson_scripts.controlnet.args, one object
per unit (control_type, module, model, weight…). controlnet --api v3 sends the same file through
text2image v3, which the vendor marks as under development: no top-level resize_mode, width and
height up to 1024, and ADetailer units go too.

Examples:
  $ img-open img2img --params redraw.json --image photo.jpg --wait
  $ img-open inpaint --params fix.json --image photo.png --mask mask.png --wait --out ./renders
  $ img-open controlnet --params pose.json --control pose.png --control https://example.com/depth.png --wait
  $ img-open controlnet --params pose.json --control pose.png --api v3 --wait
  $ img-open img2img --params redraw.json --image huge.png --allow-resize --json
  $ IMG_OPEN_STORAGE_ACCESS_KEY_ID=… IMG_OPEN_STORAGE_SECRET_ACCESS_KEY=… \\
      img-open img2img --profile Work --params redraw.json --image photo.jpg --wait`

const imageDescriptions: Record<ImageCommand, string> = {
  img2img: 'submit an image-to-image task (img2img v2) from a params file and a source image',
  inpaint: 'submit an inpainting task: a source image and a mask of its size (white = repaint)',
  controlnet: 'submit a ControlNet task: one control image per unit, or the --image for all',
}

/** img2img, inpaint and controlnet: the modes that send images with the params file. */
export function registerImageCommands(program: Command, context: CliContext, done: Done): void {
  for (const name of Object.keys(imageDescriptions) as ImageCommand[]) {
    const command = program
      .command(name)
      .description(imageDescriptions[name])
      .requiredOption('--params <file>', 'JSON file with the body (API field names, no image links)')
      .option('--image <path|url>', 'the source image (controlnet: the base image, optional)')
      .option('--mask <path|url>', 'inpaint: the mask, the size of the image (white = repaint)')
      .option('--control <path|url>', 'controlnet: a control image, once per unit in order', collect, [])
      .option('--allow-resize', 'shrink or re-encode images over the service limits instead of refusing')
      .option('--keep-uploads', 'keep the uploaded images in the storage after the task ends')
      .option('--wait', 'wait until the task ends, showing its progress')
      .option('--out <dir>', 'copy the images here (default: print their paths in the image cache)')
      .option('--json', 'print one JSON object { task_id, status, images } and nothing else on stdout')
    if (name === 'controlnet') {
      command.option(
        '--api <version>',
        'v2: /sd/v2/controlnet (default); v3: text2image v3 with the units, under development by the vendor',
        parseControlNetApi,
      )
    }
    connectionOptions(command)
      .addHelpText('after', imageHelp)
      .action(async (options: ImageCommandOptions) => {
        const { runImageCommand } = await import('../image-command')
        done(await runImageCommand(context, name, options))
      })
  }
}
