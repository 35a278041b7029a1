import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768–60999 by default): the kernel hands those out to every
// outgoing connection and every listen(0), so a port taken from it for a server that starts later
// (a peer that is "down" first, a receiver that comes back) could meanwhile be a client socket's
// own port, and the server's listen fail with EADDRINUSE. Nothing takes a port here unasked.
const LOWEST = 20_000;
const HIGHEST = 32_767;

/** Ports this process handed out already: two tests of one file never get the same. */
const handedOut = new Set<number>();

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A port free on loopback right now, for a server the test starts (or a peer it stands in for). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST + 1));
    if (handedOut.has(port)) continue;
    if (await isFree(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${LOWEST} and ${HIGHEST}`);
}
