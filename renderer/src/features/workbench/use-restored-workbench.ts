import { useEffect } from 'react'
import { useClient } from '../../app/client-context'
import type { Client } from '../../bridge'
import { activeProfile, type PickedImage } from '../sources'
import { restoreSlotPreview } from './slot-persistence'
import { useWorkbenchStore } from './workbench-store'

const previewOf = (client: Client, image: PickedImage | null) =>
  image ? restoreSlotPreview(client, image) : Promise.resolve(null)

/** Reads the previews of slots restored from localStorage back from the image cache. */
async function restorePreviews(client: Client, isCurrent: () => boolean): Promise<void> {
  const before = useWorkbenchStore.getState()
  const [source, maskImage, ...controlImages] = await Promise.all([
    previewOf(client, before.source),
    previewOf(client, before.maskImage),
    ...before.controlImages.map((image) => previewOf(client, image)),
  ])
  if (!isCurrent()) return
  // A slot the user changed meanwhile keeps the new image.
  useWorkbenchStore.setState((now) => ({
    source: now.source === before.source ? (source ?? null) : now.source,
    maskImage: now.maskImage === before.maskImage ? (maskImage ?? null) : now.maskImage,
    controlImages: now.controlImages.map((image, index) =>
      image === before.controlImages[index] ? (controlImages[index] ?? null) : image,
    ),
  }))
}

/**
 * What a fresh or reloaded workbench needs from main: the previews of its restored image slots,
 * and the active profile's default checkpoint in an empty checkpoint field (the demo profile names
 * one the simulator lists, so a first run generates on the first Ctrl+Enter).
 */
export function useRestoredWorkbench(): void {
  const client = useClient()
  const fillEmptyCheckpoint = useWorkbenchStore((state) => state.fillEmptyCheckpoint)
  useEffect(() => {
    let current = true
    const isCurrent = () => current
    void restorePreviews(client, isCurrent).catch(() => undefined)
    const fillDefault = () =>
      void activeProfile(client).then(
        (profile) => current && profile?.defaultCheckpoint && fillEmptyCheckpoint(profile.defaultCheckpoint),
        () => undefined,
      )
    fillDefault()
    const off = client.on('profiles.changed', fillDefault)
    return () => {
      current = false
      off()
    }
  }, [client, fillEmptyCheckpoint])
}
