import { describe, expect, it } from 'vitest';
import { startTestServices } from '../../../test/support/services.ts';
import { clientAddress, normalizeAddress } from './index.ts';

describe('clientAddress', () => {
  it('ignores X-Forwarded-For without trusted proxies', () => {
    expect(clientAddress('203.0.113.7', '10.0.0.2', 0)).toBe('10.0.0.2');
  });

  it('takes the entry as many places from the right as there are trusted proxies', () => {
    // nginx appends the address it was reached from to whatever the client wrote.
    expect(clientAddress('6.6.6.6, 203.0.113.7', '127.0.0.1', 1)).toBe('203.0.113.7');
    expect(clientAddress('6.6.6.6, 203.0.113.7, 10.0.0.5', '127.0.0.1', 2)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', '127.0.0.1', 1)).toBe('203.0.113.7');
    expect(clientAddress(' 2001:DB8::1 ', '127.0.0.1', 1)).toBe('2001:db8::1');
  });

  it('falls back to the socket for a missing, short or malformed list', () => {
    expect(clientAddress(undefined, '127.0.0.1', 1)).toBe('127.0.0.1');
    expect(clientAddress('', '127.0.0.1', 1)).toBe('127.0.0.1');
    expect(clientAddress('203.0.113.7', '127.0.0.1', 2)).toBe('127.0.0.1');
    expect(clientAddress('203.0.113.7, not-an-ip', '127.0.0.1', 1)).toBe('127.0.0.1');
    expect(clientAddress('203.0.113.7, 1.2.3.4.5', '127.0.0.1', 1)).toBe('127.0.0.1');
    expect(clientAddress(`${'x'.repeat(8192)}, 203.0.113.7`, '127.0.0.1', 1)).toBe('127.0.0.1');
    expect(clientAddress('203.0.113.7', undefined, 2)).toBe('unknown');
  });

  it('writes one address one way', () => {
    expect(normalizeAddress('::ffff:198.51.100.4')).toBe('198.51.100.4');
    expect(normalizeAddress('[2001:db8::1]')).toBe('2001:db8::1');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('unknown')).toBeNull();
  });
});

describe('rate limits behind one proxy (TRUST_PROXY=1)', () => {
  it('cannot be escaped by rotating what the client writes in X-Forwarded-For', async () => {
    const t = await startTestServices({ RATE_LIMIT: 'on', TRUST_PROXY: '1' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const response = await t.lookup('MDT-QUE-2026-99999', 'AAAA-AAAA-AAAA', {
          // The client wrote the first entry; the proxy appended the address it saw.
          'X-Forwarded-For': `10.${i}.0.1, 203.0.113.7`,
        });
        statuses.push(response.status);
      }
      expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      // Another citizen behind the same proxy keeps their own bucket.
      const other = await t.lookup('MDT-QUE-2026-99999', 'AAAA-AAAA-AAAA', {
        'X-Forwarded-For': '203.0.113.8',
      });
      expect(other.status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
