import * as v from 'valibot';
import { AttachmentSchema } from './attachments.ts';
import { COUNTRIES, LocalizedTextSchema } from './catalog.ts';
import { RESPONSE_CHANNELS } from './filing.ts';
import { STATUSES } from './status.ts';

// Response bodies as schemas: the OpenAPI document is generated from them and the tests check
// real responses against them, so the documented shape cannot drift from the served one.

const IsoDateTime = v.pipe(v.string(), v.isoTimestamp());
const IsoDate = v.pipe(v.string(), v.isoDate());

export const ErrorBodySchema = v.object({
  error: v.object({
    code: v.string(),
    message: v.string(),
    issues: v.optional(v.array(v.object({ path: v.string(), message: v.string() }))),
  }),
});
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;

export const InstitutionSummarySchema = v.object({
  code: v.string(),
  name: v.string(),
  country: v.picklist(COUNTRIES),
});

export const ReceiptSchema = v.object({
  ticket: v.string(),
  trackingCode: v.string(),
  status: v.literal('received'),
  createdAt: IsoDateTime,
  /** Null where the request type has no legal deadline (a compliment). */
  dueDate: v.nullable(IsoDate),
  statusUrl: v.string(),
});
export type Receipt = v.InferOutput<typeof ReceiptSchema>;

const HistoryEntrySchema = v.object({
  status: v.picklist(STATUSES),
  at: IsoDateTime,
  note: v.optional(v.string()),
  /** The files that came with this event (CONTRACT §6): the citizen's, or the institution's. */
  attachments: v.optional(v.array(AttachmentSchema)),
  /** Who made the move (contract §5). */
  by: v.picklist(['citizen', 'institution', 'system']),
});

/** A request linked by a transfer: on the platform (a ticket) or off it (`ticket` null, `code` null). */
const LinkedRequestSchema = v.object({
  ticket: v.nullable(v.string()),
  institution: v.object({ code: v.nullable(v.string()), name: v.string() }),
});

export const StatusViewSchema = v.object({
  ticket: v.string(),
  institution: v.object({ code: v.string(), name: v.string() }),
  type: v.object({ code: v.string(), name: LocalizedTextSchema }),
  service: v.object({ id: v.string(), name: LocalizedTextSchema }),
  status: v.picklist(STATUSES),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  dueDate: v.nullable(IsoDate),
  overdue: v.boolean(),
  history: v.array(HistoryEntrySchema),
  response: v.nullable(v.object({ text: v.string(), at: IsoDateTime })),
  /** The due date at receipt; `dueDate` is the current one (after pauses and extensions). */
  originalDueDate: v.nullable(IsoDate),
  extensions: v.array(v.object({ dueDate: IsoDate, reason: v.string(), at: IsoDateTime })),
  /** The institution asked for information and awaits the citizen's reply (`POST …/replies`). */
  awaitingReply: v.boolean(),
  /** While awaiting the reply: the citizen's last day to answer. */
  replyBy: v.nullable(IsoDate),
  transferredTo: v.nullable(LinkedRequestSchema),
  transferredFrom: v.nullable(LinkedRequestSchema),
  /** The citizen has rated the answer (`POST …/satisfaction`, once). */
  rated: v.boolean(),
});
export type StatusView = v.InferOutput<typeof StatusViewSchema>;

const StaffEventViewSchema = v.object({
  id: v.number(),
  /** `status`: a move of the status machine; `anonymized`: who erased the personal data, and why. */
  kind: v.picklist(['status', 'anonymized']),
  status: v.picklist(STATUSES),
  at: IsoDateTime,
  actor: v.string(),
  note: v.nullable(v.string()),
  internalNote: v.nullable(v.string()),
  attachments: v.optional(v.array(AttachmentSchema)),
});

const StaffActorSchema = v.pipe(
  v.string(),
  v.description("Who: as an event's `actor` (`account:<id>`, `staff:<token id>`, `citizen`, `system`)"),
);

/**
 * One of a request's other actions (`GET …/requests/{ticket}`'s `activity`), beside its status
 * events: an extension of the due date, or an assignment to a unit and/or person (what the request
 * was left with). Staff only: the citizen sees extensions in the status view, never assignments.
 */
const StaffActivitySchema = v.variant('kind', [
  v.object({
    kind: v.literal('extension'),
    at: IsoDateTime,
    actor: StaffActorSchema,
    dueDate: IsoDate,
    previousDueDate: IsoDate,
    /** What the citizen was told. */
    reason: v.string(),
  }),
  v.object({
    kind: v.literal('assignment'),
    at: IsoDateTime,
    actor: StaffActorSchema,
    unit: v.nullable(v.object({ id: v.number(), name: v.string() })),
    assignee: v.nullable(v.object({ id: v.number(), name: v.string() })),
  }),
]);
export type StaffActivity = v.InferOutput<typeof StaffActivitySchema>;

export const StaffRequestSchema = v.object({
  ticket: v.string(),
  type: v.string(),
  service: v.string(),
  status: v.picklist(STATUSES),
  subject: v.nullable(v.string()),
  description: v.string(),
  anonymous: v.boolean(),
  citizen: v.nullable(
    v.object({
      documentType: v.string(),
      documentNumber: v.string(),
      firstName: v.string(),
      lastName: v.string(),
      email: v.nullable(v.string()),
      phone: v.nullable(v.string()),
      preferentialAttention: v.array(v.string()),
    }),
  ),
  responseChannel: v.nullable(v.picklist(RESPONSE_CHANNELS)),
  locale: v.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  dueDate: v.nullable(IsoDate),
  overdue: v.boolean(),
  privacyVersion: v.string(),
  /** When the personal data was erased: then `citizen` is null, `subject` null, `description` empty. */
  anonymizedAt: v.nullable(IsoDateTime),
  /** The legal clock and the links of issue 17. */
  originalDueDate: v.optional(v.nullable(IsoDate)),
  replyBy: v.optional(v.nullable(IsoDate)),
  pausedDays: v.optional(v.number()),
  neededInfo: v.optional(v.boolean()),
  /** Set while the citizen's reply awaits staff (the inbox's `replied=true`). */
  citizenRepliedAt: v.optional(v.nullable(IsoDateTime)),
  transferredTo: v.optional(v.nullable(v.string())),
  transferredToName: v.optional(v.nullable(v.string())),
  transferredFrom: v.optional(v.nullable(v.string())),
  /** While open: the last day to transfer it to the competent institution (the profile's window). */
  transferBy: v.optional(v.nullable(IsoDate)),
  /** Inbox rows: business days to the due date (negative: overdue by); null when nothing is owed. */
  businessDaysLeft: v.optional(v.nullable(v.number())),
  /** One request (`GET …/requests/{ticket}`): the unit it is routed to, null when none. */
  unit: v.optional(v.nullable(v.object({ id: v.number(), name: v.string() }))),
  /** One request: the account it is assigned to, null when nobody. */
  assignee: v.optional(v.nullable(v.object({ id: v.number(), name: v.string() }))),
  events: v.optional(v.array(StaffEventViewSchema)),
  /** One request: its extensions and assignments, oldest first (the history interleaves them by `at`). */
  activity: v.optional(v.array(StaffActivitySchema)),
});
export type StaffRequest = v.InferOutput<typeof StaffRequestSchema>;

/**
 * A row of the back office's inbox (`view=row`) and of a search's results: what the table shows,
 * and none of the citizen's data nor the description (decision 073).
 */
export const InboxRowSchema = v.object({
  ticket: v.string(),
  type: v.string(),
  service: v.string(),
  status: v.picklist(STATUSES),
  subject: v.nullable(v.string()),
  anonymous: v.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  dueDate: v.nullable(IsoDate),
  overdue: v.boolean(),
  anonymizedAt: v.nullable(IsoDateTime),
  originalDueDate: v.nullable(IsoDate),
  replyBy: v.nullable(IsoDate),
  pausedDays: v.number(),
  neededInfo: v.boolean(),
  citizenRepliedAt: v.nullable(IsoDateTime),
  transferredTo: v.nullable(v.string()),
  transferredToName: v.nullable(v.string()),
  transferredFrom: v.nullable(v.string()),
  transferBy: v.nullable(IsoDate),
  businessDaysLeft: v.nullable(v.number()),
});
export type InboxRow = v.InferOutput<typeof InboxRowSchema>;

export const InboxRowPageSchema = v.object({
  items: v.array(InboxRowSchema),
  nextCursor: v.nullable(v.string()),
});

/** `POST …/request-search`: the matches, and whether there were more than `limit` (say more). */
export const RequestSearchResultSchema = v.object({
  /** What the term was searched as: a document number (exact) or a name (by prefix). */
  searchedAs: v.picklist(['document', 'name']),
  items: v.array(InboxRowSchema),
  more: v.boolean(),
});
export type RequestSearchResult = v.InferOutput<typeof RequestSearchResultSchema>;

export const InboxPageSchema = v.object({
  items: v.array(StaffRequestSchema),
  nextCursor: v.nullable(v.string()),
});

export const AnonymizationResultSchema = v.object({
  ticket: v.string(),
  anonymizedAt: IsoDateTime,
  event: StaffEventViewSchema,
});

const OutboxMessageViewSchema = v.object({
  id: v.number(),
  channel: v.string(),
  destination: v.string(),
  kind: v.string(),
  status: v.string(),
  attempts: v.number(),
  /** What the message says (the mail's or webhook's data), as stored. */
  payload: v.unknown(),
  lastError: v.nullable(v.string()),
  createdAt: IsoDateTime,
  sentAt: v.nullable(IsoDateTime),
});

/** Everything the platform holds about a citizen at one institution (data subject access). */
export const CitizenDataExportSchema = v.object({
  institution: v.string(),
  generatedAt: IsoDateTime,
  /** What the export was asked for: one ticket, or a document type and number. */
  key: v.union([
    v.object({ ticket: v.string() }),
    v.object({ documentType: v.string(), documentNumber: v.string() }),
  ]),
  requests: v.array(
    v.object({
      ...StaffRequestSchema.entries,
      events: v.array(StaffEventViewSchema),
      outbox: v.array(OutboxMessageViewSchema),
    }),
  ),
});
export type CitizenDataExport = v.InferOutput<typeof CitizenDataExportSchema>;
