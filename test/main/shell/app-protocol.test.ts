import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { handleAppRequest } from '../../../main/shell/app-protocol'
import { contentSecurityPolicy } from '../../../main/transport/static-files'
import { useTempDirs } from '../../support/temp-dir'

describe('app:// protocol', () => {
  const tempDir = useTempDirs()

  async function site() {
    const base = await tempDir()
    const root = join(base, 'renderer')
    await mkdir(join(root, 'assets'), { recursive: true })
    await writeFile(join(root, 'index.html'), '<h1>app</h1>')
    await writeFile(join(root, 'assets', 'main.js'), 'console.log(1)')
    await writeFile(join(base, 'secret.txt'), 'outside')
    await symlink(join(base, 'secret.txt'), join(root, 'assets', 'escape.txt'))
    return root
  }

  it('serves the renderer with the CSP on every answer', async () => {
    const root = await site()
    const page = await handleAppRequest(root, 'app://workbench/index.html')
    expect(page.status).toBe(200)
    expect(await page.text()).toBe('<h1>app</h1>')
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    const script = await handleAppRequest(root, 'app://workbench/assets/main.js')
    expect(script.headers.get('content-type')).toContain('javascript')
    const missing = await handleAppRequest(root, 'app://workbench/nope.js')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
  })

  it.each([
    'app://workbench/../secret.txt',
    'app://workbench/%2e%2e/secret.txt',
    'app://workbench/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://workbench/assets/..%5c..%5csecret.txt',
    'app://workbench/assets/escape.txt',
    'app://workbench/%00index.html',
    'app://other-host/index.html',
  ])('refuses %s', async (url) => {
    const root = await site()
    const answer = await handleAppRequest(root, url)
    expect(answer.status).toBe(404)
    expect(await answer.text()).not.toContain('outside')
  })

  it('has a strict CSP: scripts only from the app, no eval, no plugins, no framing', () => {
    const directives = Object.fromEntries(
      contentSecurityPolicy.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/)
        return [name, values]
      }),
    )
    expect(directives['script-src']).toEqual(["'self'"])
    expect(directives['object-src']).toEqual(["'none'"])
    expect(directives['frame-ancestors']).toEqual(["'none'"])
    expect(contentSecurityPolicy).not.toContain('unsafe-eval')
    expect(directives['default-src']).toEqual(["'self'"])
  })
})
