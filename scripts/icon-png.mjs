// Renders resources/icon.svg to resources/icon.png (512 px, the size electron-builder and Linux
// desktops want). Run after editing the SVG: `node scripts/icon-png.mjs`; both files are committed.
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

const svg = fileURLToPath(new URL('../resources/icon.svg', import.meta.url))
const png = fileURLToPath(new URL('../resources/icon.png', import.meta.url))
await sharp(svg, { density: 384 }).resize(512, 512).png({ compressionLevel: 9 }).toFile(png)
process.stdout.write(`wrote ${png}\n`)
