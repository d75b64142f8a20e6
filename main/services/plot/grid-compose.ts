import type { OverlayOptions, Sharp } from 'sharp'
import { loadSharp } from '../images/load-sharp'
import { drawLabel } from './grid-label'

/** One cell of the grid: its image (file path or bytes), or why it has none. */
export interface GridCellInput {
  readonly x: number
  readonly y: number
  readonly z: number
  readonly image: string | Buffer | null
  /** Shown in the cell's place when there is no image. */
  readonly failure?: string
}

export interface GridComposeInput {
  /** Labels per axis; an absent axis has one unnamed place. */
  readonly xLabels: readonly string[]
  readonly yLabels: readonly string[]
  readonly zLabels: readonly string[]
  readonly cells: readonly GridCellInput[]
  /** The label font (resources/fonts); labels in any script render with it, installed fonts or not. */
  readonly fontFile: string
  /** Leave labels out: the benchmark's raw baseline. */
  readonly noLabels?: boolean
}

export interface ComposedGrid {
  readonly png: Buffer
  readonly width: number
  readonly height: number
}

const fallbackCell = 512
const gap = 16

interface Layout {
  cellWidth: number
  cellHeight: number
  fontSize: number
  rowLabelWidth: number
  columnLabelHeight: number
  titleHeight: number
  subWidth: number
  subHeight: number
}

function layoutOf(input: GridComposeInput, sizes: readonly { width: number; height: number }[]): Layout {
  const cellWidth = Math.max(64, ...sizes.map((size) => size.width))
  const cellHeight = Math.max(64, ...sizes.map((size) => size.height))
  const labelled = !input.noLabels
  // A1111 scales its label font with the cell; a floor keeps small cells readable.
  const fontSize = Math.max(16, Math.round(Math.min(cellWidth, cellHeight) / 18))
  const named = (labels: readonly string[]) => labelled && labels.some((label) => label !== '')
  const rowLabelWidth = named(input.yLabels) ? Math.max(160, Math.round(cellWidth / 2)) : 0
  const columnLabelHeight = named(input.xLabels) ? fontSize * 3 : 0
  const titleHeight = named(input.zLabels) ? fontSize * 3 : 0
  return {
    cellWidth,
    cellHeight,
    fontSize,
    rowLabelWidth,
    columnLabelHeight,
    titleHeight,
    subWidth: rowLabelWidth + input.xLabels.length * cellWidth,
    subHeight: titleHeight + columnLabelHeight + input.yLabels.length * cellHeight,
  }
}

const sizeOf = async (image: string | Buffer | null) => {
  if (image === null) return { width: 0, height: 0 }
  const sharp = await loadSharp()
  const meta = await sharp(image).metadata()
  return { width: meta.width, height: meta.height }
}

async function labelOverlays(input: GridComposeInput, layout: Layout): Promise<OverlayOptions[]> {
  if (input.noLabels) return []
  const jobs: Promise<OverlayOptions | null>[] = []
  const place = (text: string, box: { left: number; top: number; width: number; height: number }) =>
    jobs.push(drawLabel(text, { ...box, fontSize: layout.fontSize, fontFile: input.fontFile }))
  input.zLabels.forEach((zLabel, z) => {
    const left = z * (layout.subWidth + gap)
    if (layout.titleHeight > 0)
      place(zLabel, { left, top: 0, width: layout.subWidth, height: layout.titleHeight })
    input.xLabels.forEach((label, x) => {
      if (layout.columnLabelHeight === 0) return
      const boxLeft = left + layout.rowLabelWidth + x * layout.cellWidth
      place(label, {
        left: boxLeft,
        top: layout.titleHeight,
        width: layout.cellWidth,
        height: layout.columnLabelHeight,
      })
    })
    input.yLabels.forEach((label, y) => {
      if (layout.rowLabelWidth === 0) return
      const top = layout.titleHeight + layout.columnLabelHeight + y * layout.cellHeight
      place(label, { left, top, width: layout.rowLabelWidth, height: layout.cellHeight })
    })
  })
  return (await Promise.all(jobs)).filter((overlay): overlay is OverlayOptions => overlay !== null)
}

/** A failed cell's tile: grey, with the reason written on it in red. */
async function failureTile(cell: GridCellInput, layout: Layout, fontFile: string): Promise<Buffer> {
  const reason = await drawLabel(`✗ ${cell.failure ?? 'No image'}`, {
    left: 0,
    top: 0,
    width: layout.cellWidth,
    height: layout.cellHeight,
    fontSize: layout.fontSize,
    fontFile,
    colour: '#b00020',
  })
  const sharp = await loadSharp()
  return sharp({
    create: { width: layout.cellWidth, height: layout.cellHeight, channels: 3, background: '#e5e5e5' },
  })
    .composite(reason ? [reason] : [])
    .png({ compressionLevel: 0 })
    .toBuffer()
}

/** One z value's cells joined in reading order, each centred in a box of the largest cell's size. */
async function joinCells(input: GridComposeInput, z: number, layout: Layout): Promise<Sharp> {
  const tiles: (string | Buffer)[] = []
  for (let y = 0; y < input.yLabels.length; y += 1)
    for (let x = 0; x < input.xLabels.length; x += 1) {
      const cell = input.cells.find((each) => each.x === x && each.y === y && each.z === z)
      tiles.push(cell?.image ?? (await failureTile(cell ?? { x, y, z, image: null }, layout, input.fontFile)))
    }
  const sharp = await loadSharp()
  const [only] = tiles
  if (tiles.length === 1 && only !== undefined) return sharp(only, { limitInputPixels: false })
  return sharp(tiles, {
    join: { across: input.xLabels.length, background: '#ffffff', halign: 'centre', valign: 'centre' },
    limitInputPixels: false,
  })
}

/** Fast PNG settings: a grid is large and written once (10×10 cells of 512 px in well under 2 s). */
const gridPng = { compressionLevel: 1, adaptiveFiltering: false } as const

/**
 * Lays the cells out as A1111 does (x across, y down, one sub-grid per z value side by side), at
 * full resolution, with axis labels drawn in the shipped font. A cell without an image is drawn
 * grey with its failure reason. Images smaller than the largest are centred in their box.
 */
export async function composeGrid(input: GridComposeInput): Promise<ComposedGrid> {
  const sizes = await Promise.all(input.cells.map((cell) => sizeOf(cell.image)))
  const known = sizes.filter((size) => size.width > 0)
  const layout = layoutOf(input, known.length > 0 ? known : [{ width: fallbackCell, height: fallbackCell }])
  const width = input.zLabels.length * layout.subWidth + (input.zLabels.length - 1) * gap
  const height = layout.subHeight
  const labels = await labelOverlays(input, layout)
  const subGrids: Buffer[] = []
  for (let z = 0; z < input.zLabels.length; z += 1) {
    const joined = (await joinCells(input, z, layout)).extend({
      top: layout.titleHeight + layout.columnLabelHeight,
      left: layout.rowLabelWidth,
      right: z < input.zLabels.length - 1 ? gap : 0,
      background: '#ffffff',
    })
    // One z: straight to the file's encoding; several: a quick lossless step, then side by side.
    if (input.zLabels.length === 1) {
      const png = await joined
        .composite(labels)
        // Labels carry alpha; the grid needs none, and an RGB PNG encodes a quarter faster.
        .removeAlpha()
        .png(gridPng)
        .toBuffer()
      return { png, width, height }
    }
    subGrids.push(await joined.png({ compressionLevel: 0 }).toBuffer())
  }
  const sharp = await loadSharp()
  const [only] = subGrids
  const joined =
    subGrids.length === 1 && only
      ? sharp(only)
      : sharp(subGrids, { join: { across: subGrids.length }, limitInputPixels: false })
  const png = await joined.composite(labels).removeAlpha().png(gridPng).toBuffer()
  return { png, width, height }
}
