import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';

/** A port free on loopback right now, for a server the test starts (or a peer it stands in for). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}
