import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../db/requests.ts';
import { chartFigures, mondayOf } from './charts.ts';
import type { ReportRow } from './query.ts';

const row = (over: Partial<ReportRow>): ReportRow => ({
  request: {} as RequestRecord,
  ticket: 'MDT-1',
  type: 'QUE',
  service: 'contratos',
  status: 'received',
  dueDate: null,
  createdAt: '2026-11-10T15:00:00Z',
  answeredAt: null,
  attachments: 0,
  extensions: 0,
  rating: null,
  unitId: null,
  ...over,
});

const MDT = { timezone: 'America/Guayaquil', country: 'EC' };

describe('chartFigures', () => {
  it('finds the Monday of a week, across a month', () => {
    expect(mondayOf('2026-11-09')).toBe('2026-11-09');
    expect(mondayOf('2026-11-15')).toBe('2026-11-09');
    expect(mondayOf('2026-12-01')).toBe('2026-11-30');
  });

  it('counts overdue requests per unit, by name, and ratings by stars', () => {
    const rows = [
      row({ ticket: 'A', status: 'in_progress', dueDate: '2026-11-20', unitId: 3 }),
      row({ ticket: 'B', status: 'received', dueDate: '2026-11-20', unitId: 3 }),
      row({ ticket: 'C', status: 'needs_info', dueDate: '2026-11-20', unitId: null }),
      // Not overdue: answered, or due later.
      row({
        ticket: 'D',
        status: 'answered',
        dueDate: '2026-11-20',
        unitId: 3,
        rating: { resolved: true, rating: 5 },
      }),
      row({
        ticket: 'E',
        status: 'received',
        dueDate: '2026-12-20',
        unitId: 4,
        rating: { resolved: false, rating: 2 },
      }),
    ];
    const figures = chartFigures(
      rows,
      MDT,
      { from: '2026-11-10', to: '2026-11-24' },
      '2026-12-01',
      new Map([[3, 'Inspección']]),
    );
    expect(figures.overdueByUnit).toEqual([
      { unit: '3', name: 'Inspección', count: 2 },
      { unit: null, name: null, count: 1 },
    ]);
    expect(figures.satisfaction.map((bucket) => bucket.count)).toEqual([0, 1, 0, 0, 1]);
    // Every week of the range, the empty ones too.
    expect(figures.perWeek.map((week) => week.week)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(figures.perWeek[0]?.byType).toEqual({ QUE: 5 });
    expect(figures.perWeek[2]?.byType).toEqual({});
  });

  it("counts the business days to answer in the institution's time zone", () => {
    // Filed Friday 13 Nov (local), answered Monday 16 Nov at 23:30 local (04:30 UTC Tuesday): one day.
    const rows = [
      row({ createdAt: '2026-11-13T15:00:00Z', answeredAt: '2026-11-17T04:30:00Z' }),
      row({ createdAt: '2026-11-13T15:00:00Z', answeredAt: '2026-11-13T20:00:00Z' }),
    ];
    const figures = chartFigures(
      rows,
      MDT,
      { from: '2026-11-13', to: '2026-11-13' },
      '2026-11-20',
      new Map(),
    );
    expect(figures.daysToAnswer).toEqual([
      { days: 0, count: 1 },
      { days: 1, count: 1 },
    ]);
  });
});
