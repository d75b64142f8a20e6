import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../services/fs/atomic-write'
import type { WindowBounds } from './window-options'

export const defaultBounds: WindowBounds = { width: 1360, height: 880 }

const isCount = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= 100_000

/** The window's last size and place; anything unreadable falls back to the default size. */
export async function loadWindowBounds(dataDir: string): Promise<WindowBounds> {
  try {
    const raw: unknown = JSON.parse(await readFile(join(dataDir, 'window-state.json'), 'utf8'))
    if (typeof raw !== 'object' || raw === null) return defaultBounds
    const { x, y, width, height, maximized } = raw as Record<string, unknown>
    if (!isCount(width, 400) || !isCount(height, 300)) return defaultBounds
    const place = isCount(x, -100_000) && isCount(y, -100_000) ? { x, y } : {}
    return { ...place, width, height, maximized: maximized === true }
  } catch {
    return defaultBounds
  }
}

export const saveWindowBounds = (dataDir: string, bounds: WindowBounds) =>
  writeFileAtomic(join(dataDir, 'window-state.json'), JSON.stringify(bounds))
