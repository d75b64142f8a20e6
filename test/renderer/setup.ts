import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'
import { installCodeMirrorShims } from './codemirror-shims'

// Every screen with a prompt box mounts CodeMirror, which measures text with Range geometry.
installCodeMirrorShims()

// findBy*/waitFor give up after 1 s by default: too short for a submit on a loaded two-core CI
// machine. A real failure still fails, just later.
configure({ asyncUtilTimeout: 5_000 })

afterEach(() => cleanup())
