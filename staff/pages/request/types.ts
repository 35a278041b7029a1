import type { StaffRequest, Status } from '#schema';
import type { StaffUploads } from '../../attachments.ts';
import type { CatalogView } from '../../catalog.ts';
import type { Errors } from '../../forms.ts';
import type { Account } from '../../session.ts';

// What the request screen's modules share: its types, and the state of the page they draw from.

export type StaffEventView = NonNullable<StaffRequest['events']>[number] & { actorName?: string | null };
/** An extension of the due date or an assignment: the history lists them among the events. */
export type StaffActivityView = NonNullable<StaffRequest['activity']>[number];
export type RequestView = StaffRequest & { events?: StaffEventView[] };

/** The moves that must tell the citizen something: the note is required there. */
export const NOTE_REQUIRED: readonly Status[] = ['needs_info', 'answered'];
/** The moves that may carry the institution's files (CONTRACT §6). */
export const WITH_FILES: readonly Status[] = ['needs_info', 'answered'];
/** The transfer target's value for an institution off the platform. */
export const OTHER = '*other';

/** A status to move to (`transferred` has its own endpoint), extending the deadline, or assigning. */
export type Action = Status | 'extend' | 'assign';
/** Roles that reassign requests (the server checks it too: api/domain/roles.ts canAssign). */
export const ASSIGNING: readonly Account['role'][] = ['supervisor', 'institution_admin'];

/** The request page (cc-staff-request) as its history, files and dialogs see it. */
export interface RequestHost {
  readonly account: Account;
  readonly catalog: CatalogView | null;
  readonly request: RequestView | null;
  readonly path: string;
  readonly shadowRoot: ShadowRoot | null;
  /** The status the open dialog would move the request to. */
  action: Action | null;
  note: string;
  internalNote: string;
  newDueDate: string;
  /** An institution's code, OTHER, or '' before a choice. */
  transferTo: string;
  transferName: string;
  institutions: { code: string; name: string }[];
  units: { id: number | string; name: string }[];
  /** The institution's accounts, which only its admins may list. */
  people: { id: number | string; name: string; email: string }[];
  assignUnit: string;
  assignAccount: string;
  errors: Errors;
  general: string | null;
  busy: boolean;
  /** The files picked in the open dialog; null where the action carries none. */
  uploads: StaffUploads | null;
  actionLabel(action: Action): string;
  closeDialog(): void;
  handleConfirm(event: Event): void;
  handleDialogClose: () => void;
  download(file: { url: string; name: string }): void;
}
