import { describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '../schema/status.ts';
import { businessDaysLeft } from './days-left.ts';

describe('businessDaysLeft', () => {
  it('counts the business days to the due date, skipping the weekend', () => {
    // Friday 2026-11-27 → Wednesday 2026-12-02: Monday, Tuesday, Wednesday.
    expect(
      businessDaysLeft({ dueDate: '2026-12-02', status: 'received' }, '2026-11-27', 'EC', OPEN_STATUSES),
    ).toBe(3);
  });

  it('is 0 on the last day and negative once overdue', () => {
    expect(
      businessDaysLeft({ dueDate: '2026-12-02', status: 'in_progress' }, '2026-12-02', 'EC', OPEN_STATUSES),
    ).toBe(0);
    expect(
      businessDaysLeft({ dueDate: '2026-11-27', status: 'needs_info' }, '2026-12-02', 'EC', OPEN_STATUSES),
    ).toBe(-3);
  });

  it('is null without a deadline or once nothing is owed', () => {
    expect(
      businessDaysLeft({ dueDate: null, status: 'received' }, '2026-12-02', 'EC', OPEN_STATUSES),
    ).toBeNull();
    expect(
      businessDaysLeft({ dueDate: '2026-12-09', status: 'answered' }, '2026-12-02', 'EC', OPEN_STATUSES),
    ).toBeNull();
  });
});
