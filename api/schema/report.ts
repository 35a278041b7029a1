import * as v from 'valibot';
import { STATUSES } from './status.ts';

const counts = v.record(v.string(), v.number());
const shareOrNull = v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1)));

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
