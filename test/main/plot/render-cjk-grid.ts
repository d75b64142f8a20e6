/*
 * Run in a child process by grid-label.test.ts, with FONTCONFIG_FILE naming a configuration that
 * lists no font directory: fontconfig is read once per process, so the test cannot set it in place.
 * Prints how many dark pixels the X label's band holds, how tall the inked rows are, and the grid's size.
 */
import sharp from 'sharp'
import { composeGrid } from '../../../main/services/plot/grid-compose'
import { findLabelFontFile } from '../../../main/services/plot/label-font'

// PLOT_LABEL_FONT swaps the font, so the test can show what a font without CJK glyphs draws.
const fontFile = process.env.PLOT_LABEL_FONT || findLabelFontFile()
if (!fontFile) throw new Error('The label font is missing from resources/fonts.')
const cell = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#3060c0' } })
  .png()
  .toBuffer()
const grid = await composeGrid({
  xLabels: [process.argv[2] ?? ''],
  yLabels: [''],
  zLabels: [''],
  cells: [{ x: 0, y: 0, z: 0, image: cell }],
  fontFile,
})
const { data, info } = await sharp(grid.png).raw().toBuffer({ resolveWithObject: true })
const bandHeight = grid.height - 256
let inked = 0
let firstRow = -1
let lastRow = -1
for (let row = 0; row < bandHeight; row += 1)
  for (let column = 0; column < info.width; column += 1) {
    const at = (row * info.width + column) * info.channels
    if ((data[at] ?? 255) >= 128) continue
    inked += 1
    if (firstRow < 0) firstRow = row
    lastRow = row
  }
const inkHeight = inked === 0 ? 0 : lastRow - firstRow + 1
if (process.env.PLOT_GRID_OUT) await sharp(grid.png).toFile(process.env.PLOT_GRID_OUT)
process.stdout.write(JSON.stringify({ inked, inkHeight, width: grid.width, height: grid.height }))
