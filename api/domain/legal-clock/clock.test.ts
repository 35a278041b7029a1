import { describe, expect, it } from 'vitest';
import {
  addMonths,
  extensionRefusal,
  legalClock,
  profileFor,
  reminderDate,
  replyByFor,
  transferBy,
} from './index.ts';

// Every expected date below is counted by hand on the calendar, business day by business day, as
// the comment beside it shows; the holidays are date-holidays' national public ones:
//   EC 2027: 1 Jan, 8–9 Feb (Carnaval), …   CO 2026–27: 8 Dec, 25 Dec, 1 Jan, 11 Jan (Reyes, moved)
//   PE 2026–27: 8 Dec, 9 Dec, 25 Dec, 1 Jan

describe('Ecuador (COA arts. 140, 161, 162)', () => {
  const ec = profileFor('EC');
  const received = { kind: 'received', date: '2027-01-29' } as const; // a Friday

  it('counts the term across Carnaval', () => {
    // 15 business days after Fri 29 Jan: 1 2 3 4 5 Feb (5), 8–9 Carnaval, 10 11 12 (8), 15–19 (13), 22 23 (15).
    expect(legalClock(ec, 15, [received]).dueDate).toBe('2027-02-23');
  });

  it('suspends the term while the citizen completes, 10 business days to answer', () => {
    const asked = legalClock(ec, 15, [received, { kind: 'needs_info', date: '2027-02-03' }]);
    // replyBy: 10 business days after Wed 3 Feb: 4 5 (2), 10 11 12 (5), 15 16 17 18 19 (10).
    expect(asked.replyBy).toBe('2027-02-19');
    expect(asked.paused).toBe(true);
    // Left on 3 Feb: 4 5 10 11 12 15 16 17 18 19 22 23 = 12 business days; if the answer came on
    // 19 Feb they would run 22–26 (5), 1–5 Mar (10), 8 9 (12).
    expect(asked.dueDate).toBe('2027-03-09');
    expect(asked.originalDueDate).toBe('2027-02-23');
    // The reminder, 3 business days before 19 Feb: 18, 17, 16.
    expect(reminderDate('2027-02-19', ec)).toBe('2027-02-16');

    const answered = legalClock(ec, 15, [
      received,
      { kind: 'needs_info', date: '2027-02-03' },
      { kind: 'resumed', date: '2027-02-12' },
    ]);
    // Suspended 4 5 10 11 12 Feb = 5 business days; the 12 left run from 15 Feb: 15–19 (5), 22–26 (10), 1 2 Mar (12).
    expect(answered).toMatchObject({ dueDate: '2027-03-02', pausedDays: 5, replyBy: null, paused: false });
    // Extension cap: half the term more, 15 × 1.5 = 22, plus the 5 suspended = 27 business days after 29 Jan:
    // 1–5 Feb (5), 10–12 (8), 15–19 (13), 22–26 (18), 1–5 Mar (23), 8 9 10 11 (27).
    expect(answered.extensionCap).toBe('2027-03-11');
    expect(extensionRefusal(answered, '2027-03-11', '2027-03-02')).toBeNull();
    expect(extensionRefusal(answered, '2027-03-12', '2027-03-02')).toBe('beyond_cap');
    expect(extensionRefusal(answered, '2027-03-11', '2027-03-03')).toBe('expired');
    expect(extensionRefusal(answered, '2027-03-01', '2027-03-01')).toBe('not_later');
    expect(
      legalClock(ec, 15, [
        received,
        { kind: 'needs_info', date: '2027-02-03' },
        { kind: 'resumed', date: '2027-02-12' },
        { kind: 'extension', dueDate: '2027-03-11' },
      ]).dueDate,
    ).toBe('2027-03-11');
  });

  it('has tacit withdrawal, a transfer window as a setting, and no deadline for a compliment', () => {
    expect(ec.tacitWithdrawal.value).toBe(true);
    expect(ec.transferDays.setting).toBe(true);
    expect(profileFor('EC', { transferDays: 3 }).transferDays.value).toBe(3);
    const compliment = legalClock(ec, null, [received, { kind: 'needs_info', date: '2027-02-03' }]);
    expect(compliment).toMatchObject({ dueDate: null, paused: false, extensionCap: null });
    expect(extensionRefusal(compliment, '2027-03-01', '2027-02-03')).toBe('no_deadline');
  });
});

describe('Colombia (Ley 1755 de 2015 arts. 14, 17, 21)', () => {
  const co = profileFor('CO');
  const received = { kind: 'received', date: '2026-12-03' } as const; // a Thursday

  it('suspends the term for a month to complete and resumes it the day after the answer', () => {
    // 15 business days after Thu 3 Dec: 4 7 (2), 8 holiday, 9 10 11 (5), 14–18 (10), 21–24 (14), 25 holiday, 28 (15).
    expect(legalClock(co, 15, [received]).dueDate).toBe('2026-12-28');
    const asked = legalClock(co, 15, [received, { kind: 'needs_info', date: '2026-12-04' }]);
    // One month after Fri 4 Dec: Mon 4 Jan 2027, a business day.
    expect(asked.replyBy).toBe('2027-01-04');
    const answered = legalClock(co, 15, [
      received,
      { kind: 'needs_info', date: '2026-12-04' },
      { kind: 'resumed', date: '2026-12-15' },
    ]);
    // Left on 4 Dec: 7 9 10 11 14–18 21–24 28 = 14. Suspended 7 9 10 11 14 15 = 6. From 16 Dec:
    // 16 17 18 (3), 21–24 (7), 28–31 (11), 1 Jan holiday, 4 5 6 (14).
    expect(answered).toMatchObject({ dueDate: '2027-01-06', pausedDays: 6 });
    // At most twice the term: 30 + 6 suspended = 36 business days after 3 Dec: 4 7 9 10 11 (5), 14–18 (10),
    // 21–24 (14), 28–31 (18), 4–8 Jan (23), 11 holiday, 12–15 (27), 18–22 (32), 25 26 27 28 (36).
    expect(answered.extensionCap).toBe('2027-01-28');
    // The transfer window: 5 business days after 3 Dec: 4 7 9 10 11 (8 Dec holiday).
    expect(transferBy('2026-12-03', co)).toBe('2026-12-11');
  });

  it('moves a month that ends on a holiday to the next business day', () => {
    // Fri 11 Dec + 1 month = Mon 11 Jan 2027, Reyes Magos (moved): the term runs to Tue 12 Jan.
    expect(addMonths('2026-12-11', 1)).toBe('2027-01-11');
    expect(replyByFor('2026-12-11', co)).toBe('2027-01-12');
    // 31 Jan + 1 month keeps to the month's last day.
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
  });

  it('suspends nothing once the term has lapsed, and ignores settings of rules the law fixes', () => {
    const late = legalClock(co, 15, [received, { kind: 'needs_info', date: '2026-12-29' }]);
    expect(late).toMatchObject({ dueDate: '2026-12-28', paused: false });
    expect(profileFor('CO', { infoRequest: 'none', extensionFactor: 3 }).infoRequest.value).toBe('pause');
    expect(profileFor('CO', { extensionFactor: 3 }).extensionFactor.value).toBe(2);
    expect(profileFor('CO', { reminderDaysBefore: 2 }).reminderDaysBefore.value).toBe(2);
  });
});

describe('Peru (DS 007-2020-PCM): conservative settings', () => {
  const pe = profileFor('PE');
  const received = { kind: 'received', date: '2026-12-07' } as const; // a Monday

  it('does not suspend the 30 business days, nor withdraw, nor extend, by default', () => {
    // 30 business days after Mon 7 Dec: 8 9 holidays, 10 11 (2), 14–18 (7), 21–24 (11), 25 holiday,
    // 28–31 (15), 1 Jan holiday, 4–8 (20), 11–15 (25), 18–22 (30).
    expect(legalClock(pe, 30, [received]).dueDate).toBe('2027-01-22');
    const asked = legalClock(pe, 30, [received, { kind: 'needs_info', date: '2026-12-10' }]);
    // 10 business days after Thu 10 Dec: 11 (1), 14–18 (6), 21 22 23 24 (10).
    expect(asked).toMatchObject({ dueDate: '2027-01-22', replyBy: '2026-12-24', paused: false });
    const answered = legalClock(pe, 30, [
      received,
      { kind: 'needs_info', date: '2026-12-10' },
      { kind: 'resumed', date: '2026-12-21' },
    ]);
    expect(answered).toMatchObject({ dueDate: '2027-01-22', pausedDays: 0, extensionCap: null });
    expect(extensionRefusal(answered, '2027-01-25', '2026-12-21')).toBe('beyond_cap');
    expect(pe.tacitWithdrawal.value).toBe(false);
    // 5 business days after 7 Dec: 10 11 14 15 16.
    expect(transferBy('2026-12-07', pe)).toBe('2026-12-16');
  });

  it('restarts the term after the answer where the institution sets it so', () => {
    const restart = profileFor('PE', { infoRequest: 'restart' });
    const answered = legalClock(restart, 30, [
      received,
      { kind: 'needs_info', date: '2026-12-10' },
      { kind: 'resumed', date: '2026-12-21' },
    ]);
    // 30 business days after Mon 21 Dec: 22 23 24 (3), 28–31 (7), 4–8 (12), 11–15 (17), 18–22 (22),
    // 25–29 (27), 1 2 3 Feb (30).
    expect(answered.dueDate).toBe('2027-02-03');
    // Suspended 11 14 15 16 17 18 21 = 7 business days.
    expect(answered.pausedDays).toBe(7);
  });

  it('ends with the request: nothing moves after a withdrawal', () => {
    const ended = legalClock(pe, 30, [
      received,
      { kind: 'ended', date: '2026-12-10' },
      { kind: 'extension', dueDate: '2027-02-01' },
    ]);
    expect(ended).toMatchObject({ dueDate: '2027-01-22', ended: true, extensionCap: null });
    expect(extensionRefusal(ended, '2027-02-01', '2026-12-10')).toBe('ended');
  });
});
