import { useEffect, useRef, useState } from 'react'
import type { CodeMirrorEditor, EditorHandOver, PromptEditorProps } from './CodeMirrorEditor'
import { PlainEditor } from './PlainEditor'

export type { PromptEditorProps }

interface CodeMirrorModule {
  readonly CodeMirrorEditor: typeof CodeMirrorEditor
}

/**
 * A prompt editor that is usable at the first paint: a plain editable box until the CodeMirror
 * editor's chunk (about 100 KB gzip, half the first screen's script time) has loaded, then
 * CodeMirror, with the text, caret and focus handed over (issue 13 §10). Text typed meanwhile is
 * already in `value` (each keystroke calls `onChange`), so CodeMirror starts from it.
 */
export function createPromptEditor(load: () => Promise<CodeMirrorModule>) {
  let loaded: CodeMirrorModule | undefined
  let loading: Promise<CodeMirrorModule> | undefined
  const preload = () => {
    loading ??= load().then((module) => (loaded = module))
    return loading
  }

  function PromptEditor(props: PromptEditorProps) {
    const [module, setModule] = useState(loaded)
    const handOver = useRef<EditorHandOver | null>(null)
    useEffect(() => {
      if (module) return
      let mounted = true
      // A failed load keeps the plain editor: typing still works.
      preload().then(
        (ready) => mounted && setModule(ready),
        () => undefined,
      )
      return () => {
        mounted = false
      }
    }, [module])
    if (module) return <module.CodeMirrorEditor {...props} handOver={handOver} />
    return <PlainEditor {...props} handOver={handOver} />
  }
  return { PromptEditor, preload }
}

const progressive = createPromptEditor(() => import('./CodeMirrorEditor'))

export const PromptEditor = progressive.PromptEditor
/** Loads CodeMirror now, so every PromptEditor mounted afterwards is CodeMirror from the start. */
export const preloadPromptEditor = progressive.preload
