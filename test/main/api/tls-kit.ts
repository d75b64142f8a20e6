import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestCertificates {
  /** The throwaway CA that signed `server` and `wrongHost`. */
  readonly caCert: string
  /** Signed by the CA for 127.0.0.1 and localhost. */
  readonly server: { readonly key: string; readonly cert: string }
  /** Signed by the CA for another host name. */
  readonly wrongHost: { readonly key: string; readonly cert: string }
  /** Self-signed for 127.0.0.1 and localhost; no CA vouches for it. */
  readonly selfSigned: { readonly key: string; readonly cert: string }
}

const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']

/**
 * Throwaway certificates made with the `openssl` command (EC keys: fast), valid for one day, in a
 * temp folder deleted at once. Node has no API to sign certificates, so openssl is required.
 */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'img-open-tls-'))
  const at = (name: string) => join(dir, name)
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' })
  try {
    openssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      at('ca.key'),
      '-out',
      at('ca.crt'),
      '-days',
      '1',
      '-subj',
      '/CN=Img Open Test CA',
    )
    const signed = (name: string, altNames: string) => {
      openssl('req', ...ec, '-keyout', at(`${name}.key`), '-out', at(`${name}.csr`), '-subj', `/CN=${name}`)
      writeFileSync(at(`${name}.ext`), `subjectAltName=${altNames}\n`)
      openssl(
        'x509',
        '-req',
        '-in',
        at(`${name}.csr`),
        '-CA',
        at('ca.crt'),
        '-CAkey',
        at('ca.key'),
        '-CAcreateserial',
        '-out',
        at(`${name}.crt`),
        '-days',
        '1',
        '-extfile',
        at(`${name}.ext`),
      )
      return { key: readFileSync(at(`${name}.key`), 'utf8'), cert: readFileSync(at(`${name}.crt`), 'utf8') }
    }
    const server = signed('server', 'DNS:localhost,IP:127.0.0.1')
    const wrongHost = signed('wrong', 'DNS:wrong.example')
    openssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      at('self.key'),
      '-out',
      at('self.crt'),
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    )
    return {
      caCert: readFileSync(at('ca.crt'), 'utf8'),
      server,
      wrongHost,
      selfSigned: { key: readFileSync(at('self.key'), 'utf8'), cert: readFileSync(at('self.crt'), 'utf8') },
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
