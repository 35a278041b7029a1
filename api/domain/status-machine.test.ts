import { describe, expect, it } from 'vitest';
import { STATUSES } from '../schema/status.ts';
import { canTransition, TRANSITIONS } from './status-machine.ts';

describe('status machine', () => {
  it('lets a received request be worked on, answered and closed', () => {
    expect(canTransition('received', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'answered')).toBe(true);
    expect(canTransition('answered', 'closed')).toBe(true);
  });

  it('never leaves closed and never goes back to received', () => {
    for (const status of STATUSES) {
      expect(canTransition('closed', status)).toBe(false);
      expect(canTransition(status, 'received')).toBe(false);
    }
  });

  it('forbids staying in the same status', () => {
    for (const status of STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  it('reaches closed from every status but closed', () => {
    for (const status of STATUSES) {
      if (status !== 'closed') expect(TRANSITIONS[status]).toContain('closed');
    }
  });
});
