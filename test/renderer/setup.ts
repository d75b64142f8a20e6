import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'
import { preloadPromptEditor } from '../../renderer/src/features/prompt/PromptEditor'
import { installCodeMirrorShims } from './codemirror-shims'

// Every screen with a prompt box mounts CodeMirror, which measures text with Range geometry.
installCodeMirrorShims()
// In the app the prompt box is plain text until CodeMirror has loaded; screen tests get CodeMirror
// from the first render (prompt-editor-upgrade.test.tsx covers the plain box and the hand-over).
await preloadPromptEditor()

// findBy*/waitFor give up after 1 s by default: too short for a submit on a loaded two-core CI
// machine. A real failure still fails, just later.
configure({ asyncUtilTimeout: 5_000 })

afterEach(() => cleanup())
