import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where the server may send a webhook: public addresses only, checked after DNS resolution, so a
 * name that resolves to the metadata service (169.254.169.254), the LAN or this machine is refused
 * whatever it looks like. Loopback is allowed only when told (WEBHOOK_ALLOW_LOOPBACK, true outside
 * production: the demo's and the tests' receivers run on this machine).
 */

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['169.254.0.0', 16], // link-local (cloud metadata services)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
NOT_PUBLIC.addAddress('::', 'ipv6'); // unspecified
NOT_PUBLIC.addSubnet('fc00::', 7, 'ipv6'); // unique local
NOT_PUBLIC.addSubnet('fe80::', 10, 'ipv6'); // link-local
NOT_PUBLIC.addSubnet('ff00::', 8, 'ipv6'); // multicast
NOT_PUBLIC.addSubnet('64:ff9b::', 96, 'ipv6'); // NAT64 of any IPv4 address, private ones included

export class UnsafeAddressError extends Error {
  override name = 'UnsafeAddressError';
  constructor(
    message: string,
    /** `unresolvable`: the name has no address; `not_public`: an address it has may not be reached. */
    readonly kind: 'unresolvable' | 'not_public' = 'not_public',
  ) {
    super(message);
  }
}

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1, ::ffff:a00:1) as the IPv4 address it stands for. */
function unmapped(address: string): { address: string; family: 4 | 6 } {
  const lower = address.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1]) return { address: dotted[1], family: 4 };
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex?.[1] && hex[2]) {
    const high = Number.parseInt(hex[1], 16);
    const low = Number.parseInt(hex[2], 16);
    return { address: `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, family: 4 };
  }
  return { address, family: isIP(address) === 4 ? 4 : 6 };
}

/** Why an address may not be connected to, or null when it may. */
export function refusal(address: string, { allowLoopback }: { allowLoopback: boolean }): string | null {
  const { address: ip, family } = unmapped(address);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(ip, type)) return allowLoopback ? null : `${address} is a loopback address`;
  if (NOT_PUBLIC.check(ip, type)) return `${address} is not a public address`;
  return null;
}

/**
 * The address to connect to for `hostname`: resolved once, every address it resolves to checked
 * (a name with one private address among public ones is refused), the first one returned so that
 * the caller connects to exactly it (no second resolution that could answer otherwise).
 */
export async function resolvePublicAddress(
  hostname: string,
  options: { allowLoopback: boolean },
): Promise<{ address: string; family: 4 | 6 }> {
  const name = hostname.replace(/^\[|\]$/g, '');
  const found = isIP(name)
    ? [{ address: name, family: isIP(name) }]
    : await lookup(name, { all: true, verbatim: true }).catch((error: NodeJS.ErrnoException) => {
        throw new UnsafeAddressError(
          `${name} does not resolve (${error.code ?? error.message})`,
          'unresolvable',
        );
      });
  if (found.length === 0) throw new UnsafeAddressError(`${name} does not resolve`, 'unresolvable');
  for (const { address } of found) {
    const why = refusal(address, options);
    if (why) throw new UnsafeAddressError(`${name}: ${why}`);
  }
  const first = found[0] as { address: string; family: number };
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
