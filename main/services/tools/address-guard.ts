import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP, type LookupFunction } from 'node:net'

/** Loopback, private, link-local, CGNAT, multicast and unspecified ranges (IPv4 and IPv6). */
const internal = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  internal.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  internal.addSubnet(net, prefix, 'ipv6')

/** Whether an IP address is loopback or private (an IPv4-mapped IPv6 address counts as its IPv4). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped?.[1]) return internal.check(mapped[1], 'ipv4')
  const family = isIP(address)
  if (family === 0) return false
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '')

/** Whether a URL's host is loopback or private by name or literal (`localhost` counts). */
export function isInternalHost(hostname: string): boolean {
  const host = bare(hostname).toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  return isIP(host) !== 0 && isInternalAddress(host)
}

/**
 * A `lookup` for sockets that refuses names resolving to internal addresses, checked on the
 * addresses actually connected to (so DNS rebinding between a check and the connect cannot slip
 * through).
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(
    hostname,
    { family: options.family, hints: options.hints, all: true },
    (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, [])
      const list = addresses
      if (list.some((entry) => isInternalAddress(entry.address))) {
        const refused: NodeJS.ErrnoException = new Error('refused: internal address')
        refused.code = 'EINTERNAL'
        return callback(refused, [])
      }
      if (options.all) return callback(null, list)
      const first = list[0]
      return first ? callback(null, first.address, first.family) : callback(new Error('no address'), [])
    },
  )
}
