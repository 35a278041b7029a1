import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('the logger', () => {
  it('redacts addresses and document numbers from logged errors, message and stack', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.error({ err: new Error('550 <ana.quispe@example.org> unknown (doc 1714307103)') }, 'failed');
    logger.warn({ error: 'to luis@example.org' }, 'failed too');
    const text = lines.join('');
    expect(text).not.toContain('ana.quispe@example.org');
    expect(text).not.toContain('1714307103');
    expect(text).not.toContain('luis@example.org');
    expect(JSON.parse(lines[0] as string).err.message).toBe('550 <[email]> unknown (doc [number])');
  });
});
