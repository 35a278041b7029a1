import { describe, expect, it } from 'vitest';
import { isOverdue } from './overdue.ts';

describe('isOverdue', () => {
  it('is true for an open request whose due date has passed, never on the due date itself', () => {
    expect(isOverdue({ dueDate: '2026-11-23', status: 'in_progress' }, '2026-11-24')).toBe(true);
    expect(isOverdue({ dueDate: '2026-11-24', status: 'received' }, '2026-11-24')).toBe(false);
  });

  it('is false once the request is answered or closed, and for a type without a deadline', () => {
    expect(isOverdue({ dueDate: '2026-11-01', status: 'answered' }, '2026-11-24')).toBe(false);
    expect(isOverdue({ dueDate: '2026-11-01', status: 'closed' }, '2026-11-24')).toBe(false);
    expect(isOverdue({ dueDate: null, status: 'received' }, '2026-11-24')).toBe(false);
  });
});
