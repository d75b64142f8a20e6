import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { installCodeMirrorShims } from './codemirror-shims'

// Every screen with a prompt box mounts CodeMirror, which measures text with Range geometry.
installCodeMirrorShims()

afterEach(() => cleanup())
