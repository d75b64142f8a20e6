import { encodePng, type PaintRequest } from './png'
import { hashText, seededRandom } from './sim-random'

/*
 * The demo's "generated" pictures: a seeded landscape (sky gradient, a sun or moon, three ridges of
 * hills fading into haze, a few stars at night) at the size asked for, so a first run looks like an
 * image generator and not like a test pattern. Drawn row by row into one typed array: a 1024×1024
 * picture costs tens of milliseconds, not seconds.
 */

type Rgb = readonly [number, number, number]

const palettes: readonly { sky: [Rgb, Rgb]; sun: Rgb; hills: [Rgb, Rgb]; night: boolean }[] = [
  {
    sky: [
      [255, 183, 120],
      [120, 92, 170],
    ],
    sun: [255, 236, 180],
    hills: [
      [92, 64, 120],
      [34, 24, 56],
    ],
    night: false,
  },
  {
    sky: [
      [140, 200, 255],
      [230, 244, 255],
    ],
    sun: [255, 250, 220],
    hills: [
      [98, 168, 110],
      [36, 92, 64],
    ],
    night: false,
  },
  {
    sky: [
      [18, 26, 64],
      [70, 60, 130],
    ],
    sun: [236, 236, 255],
    hills: [
      [44, 52, 96],
      [14, 16, 36],
    ],
    night: true,
  },
  {
    sky: [
      [255, 128, 110],
      [255, 214, 150],
    ],
    sun: [255, 248, 210],
    hills: [
      [168, 84, 90],
      [70, 30, 52],
    ],
    night: false,
  },
  {
    sky: [
      [110, 220, 210],
      [220, 250, 230],
    ],
    sun: [255, 255, 235],
    hills: [
      [60, 150, 150],
      [20, 70, 80],
    ],
    night: false,
  },
]

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
]

/** A ridge line: a sum of a few seeded sine waves, as a height (0–1 of the picture) per column. */
function ridge(random: () => number, width: number, base: number, amplitude: number): Float32Array {
  const waves = Array.from({ length: 4 }, (_, i) => ({
    freq: (1.5 + random() * 3) * (i + 1),
    phase: random() * Math.PI * 2,
    amp: amplitude / (i + 1),
  }))
  const line = new Float32Array(width)
  for (let x = 0; x < width; x += 1) {
    const u = x / width
    let h = base
    for (const wave of waves) h += Math.sin(u * wave.freq * Math.PI + wave.phase) * wave.amp
    line[x] = h
  }
  return line
}

/** The picture for `request`: same key and size, same bytes. */
export function paintLandscape(request: PaintRequest): Buffer {
  const { width, height, progress } = request
  const random = seededRandom(hashText(request.key))
  const palette = palettes[Math.floor(random() * palettes.length)] ?? palettes[0]
  if (!palette) throw new Error('no palette')
  const sun = { x: (0.2 + random() * 0.6) * width, y: (0.15 + random() * 0.25) * height }
  const sunRadius = (0.06 + random() * 0.05) * Math.min(width, height)
  const ridges = [0.55, 0.68, 0.8].map((base, i) => ({
    line: ridge(random, width, base + (random() - 0.5) * 0.08, 0.06 - i * 0.012),
    colour: mix(mix(palette.hills[0], palette.sky[1], 0.55 - i * 0.25), palette.hills[1], i / 2),
  }))
  const stars = palette.night
    ? new Set(Array.from({ length: 60 }, () => Math.floor(random() * width * height)))
    : null
  const noise = seededRandom(hashText(`${request.key}#noise`))
  const rgb = new Uint8Array(width * height * 3)
  for (let y = 0; y < height; y += 1) {
    const v = y / height
    const sky = mix(palette.sky[0], palette.sky[1], Math.min(1, v * 1.4))
    for (let x = 0; x < width; x += 1) {
      let pixel: Rgb = sky
      const d = Math.hypot(x - sun.x, y - sun.y)
      if (d < sunRadius) pixel = palette.sun
      else if (d < sunRadius * 3)
        pixel = mix(sky, palette.sun, ((sunRadius * 3 - d) / (sunRadius * 2)) ** 2 * 0.45)
      else if (stars?.has(y * width + x) && v < 0.5) pixel = [255, 255, 255]
      for (const layer of ridges) if (v > (layer.line[x] ?? 1)) pixel = mix(layer.colour, sky, (1 - v) * 0.12)
      const at = (y * width + x) * 3
      const grain = progress >= 1 ? 0 : noise() * 255
      rgb[at] = pixel[0] * progress + grain * (1 - progress)
      rgb[at + 1] = pixel[1] * progress + grain * (1 - progress)
      rgb[at + 2] = pixel[2] * progress + grain * (1 - progress)
    }
  }
  return encodePng(width, height, rgb)
}
