import type sharpModule from 'sharp'

export type SharpFactory = typeof sharpModule

/**
 * sharp (libvips) on first use: loading it costs a noticeable part of a CLI start, and most
 * commands (history, status, the lists) never touch an image.
 */
export const loadSharp = async (): Promise<SharpFactory> => (await import('sharp')).default
