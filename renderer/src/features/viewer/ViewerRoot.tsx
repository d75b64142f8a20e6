import { CompareView } from './CompareView'
import { ImageViewer } from './ImageViewer'
import { useViewerStore } from './viewer-store'
import './viewer.css'

/** The viewer and the comparison, over whatever screen is showing; mounted once by the app. */
export function ViewerRoot() {
  const open = useViewerStore((state) => state.position !== null)
  const compare = useViewerStore((state) => state.compare)
  return (
    <>
      {open && <ImageViewer />}
      {compare && <CompareView a={compare.a} b={compare.b} />}
    </>
  )
}
