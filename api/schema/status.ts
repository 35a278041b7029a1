import * as v from 'valibot';
import { AttachmentIdsSchema } from './attachments.ts';
import { plainText } from './text.ts';

export const STATUSES = [
  'received',
  'in_progress',
  'needs_info',
  'transferred',
  'answered',
  'closed',
  'withdrawn',
] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses in which the institution still owes the citizen an answer (and so can be overdue). */
export const OPEN_STATUSES: readonly Status[] = ['received', 'in_progress', 'needs_info'];

// Staff notes are shown to the citizen and to other staff: the same rules as a citizen's text.
const note = (max: number) => v.optional(plainText(max));

/** `POST /institutions/{code}/requests/{ticket}/events`: a staff member moves a request on. */
export const StaffEventSchema = v.object({
  status: v.picklist(STATUSES, 'invalid_status'),
  /** Shown to the citizen in the status lookup; for `answered`, this is the institution's response. */
  note: note(10_000),
  /** Seen by staff only, never by the citizen. */
  internalNote: note(10_000),
  /** Upload ids of the institution's files for this event (CONTRACT §6), e.g. the answer letter. */
  attachments: v.optional(AttachmentIdsSchema),
});
export type StaffEvent = v.InferOutput<typeof StaffEventSchema>;

const booleanString = v.pipe(
  v.picklist(['true', 'false']),
  v.transform((value) => value === 'true'),
);

/** Query of the staff inbox. */
export const InboxQuerySchema = v.object({
  status: v.optional(v.picklist(STATUSES, 'invalid_status')),
  type: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/))),
  overdue: v.optional(booleanString),
  /** `true`: only requests the citizen answered and staff have not moved on since (issue 17). */
  replied: v.optional(
    v.pipe(
      v.literal('true'),
      v.transform(() => true as const),
    ),
  ),
  /**
   * `due`: the worklist, open requests with a deadline by due date (the overdue first); the
   * default `newest` lists every request newest first.
   */
  sort: v.optional(v.picklist(['newest', 'due'])),
  /** With `sort=due`: only those due within this many business days from today. */
  dueWithin: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.maxValue(365))),
  /** Only requests of this service (its catalog id). */
  service: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/))),
  /**
   * Only requests of this unit (its id). For an agent it narrows their own units: another unit
   * gives an empty page, never its requests (decision 071).
   */
  unit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))),
  /** Only requests assigned to this account (its id), or to the person asking (`me`). */
  assignee: v.optional(
    v.union([v.literal('me'), v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))]),
  ),
  /**
   * `row`: only what a row of the back office's inbox shows (no description, no citizen's data;
   * decision 073); the default `full` is the contract's inbox, with the personal data.
   */
  view: v.optional(v.picklist(['full', 'row'])),
  /** Opaque to clients: the `nextCursor` of the previous page. */
  cursor: v.optional(v.pipe(v.string(), v.regex(/^(?:\d{4}-\d{2}-\d{2}_)?\d{1,15}$/, 'invalid_cursor'))),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(100)),
    '50',
  ),
});
export type InboxQuery = v.InferOutput<typeof InboxQuerySchema>;

/**
 * `POST /institutions/{code}/request-search`: a name or a document number, in the body so that
 * it never lands in an access log (decision 072). Letters search names by prefix ("Pérez",
 * "perez maria"), accents and case aside; digits (and a passport's letters and digits) search
 * document numbers exactly.
 */
export const RequestSearchSchema = v.object({
  q: v.pipe(v.string(), v.trim(), v.minLength(2), v.maxLength(100)),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 50),
});
export type RequestSearch = v.InferOutput<typeof RequestSearchSchema>;
