import * as v from 'valibot';
import { STATUSES } from './status.ts';

const counts = v.record(v.string(), v.number());
const shareOrNull = v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1)));

const satisfaction = v.object({
  rated: v.number(),
  shareResolved: shareOrNull,
  averageRating: v.nullable(v.number()),
});

/** `GET /institutions/{code}/reports`: see api/reports/build.ts for what each figure means. */
export const ReportSchema = v.object({
  institution: v.string(),
  from: v.pipe(v.string(), v.isoDate()),
  to: v.pipe(v.string(), v.isoDate()),
  total: v.number(),
  byType: counts,
  byService: counts,
  byStatus: counts,
  answered: v.number(),
  shareAnswered: shareOrNull,
  withDeadline: v.number(),
  answeredWithinDeadline: v.number(),
  shareAnsweredWithinDeadline: shareOrNull,
  businessDaysToAnswer: v.object({ average: v.nullable(v.number()), p90: v.nullable(v.number()) }),
  /** The life of the requests (issue 17): see lifeFigures in api/reports/build.ts. */
  life: v.object({
    neededInfo: v.number(),
    shareNeededInfo: shareOrNull,
    pausedBusinessDays: v.object({ total: v.number(), average: v.nullable(v.number()) }),
    extended: v.number(),
    extensions: v.number(),
    transferredOut: v.number(),
    transferredOutOnPlatform: v.number(),
    transferredIn: v.number(),
    satisfaction: v.object({
      ...satisfaction.entries,
      byType: v.record(v.string(), satisfaction),
      byService: v.record(v.string(), satisfaction),
    }),
  }),
  overdue: v.array(
    v.object({
      ticket: v.string(),
      type: v.string(),
      service: v.string(),
      status: v.picklist(STATUSES),
      dueDate: v.pipe(v.string(), v.isoDate()),
      createdAt: v.string(),
    }),
  ),
});
export type ReportBody = v.InferOutput<typeof ReportSchema>;

/** The figures of the supervisors' charts (issue 20), sent beside ReportBody: api/reports/charts.ts. */
export const ReportChartsSchema = v.object({
  perWeek: v.array(v.object({ week: v.pipe(v.string(), v.isoDate()), byType: counts })),
  daysToAnswer: v.array(v.object({ days: v.number(), count: v.number() })),
  overdueByUnit: v.array(
    v.object({ unit: v.nullable(v.string()), name: v.nullable(v.string()), count: v.number() }),
  ),
  satisfaction: v.array(v.object({ rating: v.number(), count: v.number() })),
});
export type ReportCharts = v.InferOutput<typeof ReportChartsSchema>;

/** What `GET /institutions/{code}/reports` answers: the totals and the charts' figures. */
export const ReportResponseSchema = v.object({ ...ReportSchema.entries, ...ReportChartsSchema.entries });
