import { createServer as createHttpsServer, type Server } from 'node:https'
import { afterEach, describe, expect, it } from 'vitest'
import { createMediaDownloader, type MediaDownloader } from '../../../main/services/tools/media-download'
import { useConnectProxies } from '../../support/connect-proxy'
import { useLoopbackServers } from '../../support/loopback-server'
import { makeTestCertificates } from '../api/tls-kit'
import { solidImage } from '../tasks/image-tasks-kit'

/*
 * Tool result downloads honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY as the API calls and the image
 * storage do (SECURITY.md #19, #26), through a real CONNECT proxy on 127.0.0.1.
 */
describe('result downloads and the proxy variables', () => {
  const proxy = useConnectProxies()
  const serve = useLoopbackServers()
  const downloaders: MediaDownloader[] = []
  afterEach(async () => {
    await Promise.all(downloaders.splice(0).map((media) => media.close()))
  })
  const downloader = (env: NodeJS.ProcessEnv) => {
    const media = createMediaDownloader({}, env)
    downloaders.push(media)
    return media
  }

  async function resultServer() {
    const png = await solidImage(8, 8, '#336699')
    const server = await serve((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png))
    return { png, origin: server.origin, host: server.origin.replace('http://', '') }
  }

  it('goes through the proxy’s tunnel when HTTP_PROXY is set, and gets the same bytes', async () => {
    const result = await resultServer()
    const tunnel = await proxy()
    const media = downloader({ HTTP_PROXY: tunnel.url })
    const got = await media.download(`${result.origin}/out.png`, { allowInternal: true })
    expect(got.bytes.equals(result.png)).toBe(true)
    expect(tunnel.tunnels).toEqual([result.host])
    expect(Buffer.concat(tunnel.seen).toString('latin1')).toContain('GET /out.png')
  })

  it('reaches hosts in NO_PROXY directly, and reads the lower-case names too', async () => {
    const result = await resultServer()
    const tunnel = await proxy()
    const media = downloader({ http_proxy: tunnel.url, no_proxy: '127.0.0.1' })
    const got = await media.download(`${result.origin}/out.png`, { allowInternal: true })
    expect(got.type).toBe('image')
    expect(tunnel.tunnels).toEqual([])
  })

  it('fails as a network error when the proxy refuses the tunnel, never downloading around it', async () => {
    const result = await resultServer()
    const refusing = await proxy('refuse')
    const media = downloader({ HTTP_PROXY: refusing.url })
    await expect(media.download(`${result.origin}/out.png`, { allowInternal: true })).rejects.toMatchObject({
      code: 'network',
    })
    expect(refusing.tunnels).toEqual([result.host])
  })

  it('verifies the result server’s certificate inside the HTTPS_PROXY tunnel', async () => {
    const { selfSigned } = makeTestCertificates()
    const tls: Server = createHttpsServer(selfSigned, (_req, res) => res.end('x'))
    await new Promise<void>((ready) => tls.listen(0, '127.0.0.1', ready))
    try {
      const address = tls.address()
      const port = typeof address === 'object' && address ? address.port : 0
      const tunnel = await proxy()
      const media = downloader({ HTTPS_PROXY: tunnel.url })
      await expect(
        media.download(`https://127.0.0.1:${port}/out.png`, { allowInternal: true }),
      ).rejects.toMatchObject({ code: 'network' })
      expect(tunnel.tunnels).toEqual([`127.0.0.1:${port}`])
    } finally {
      tls.closeAllConnections()
      await new Promise((done) => tls.close(done))
    }
  })
})
