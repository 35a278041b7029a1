import type { SavedUpload } from './attachments/upload-list.ts';

/**
 * What the citizen types in the status view (an answer to the institution, a reason to withdraw, a
 * rating), kept in sessionStorage per request like the filing's draft (draft.ts): a reload, a lost
 * connection or a refusal loses nothing. Never the tracking code. The reply's uploaded files are
 * kept as the filing's are (their receipts only), so a reload finds them until the server forgets them.
 */
export interface ActionDraft {
  reply: string;
  reason: string;
  resolved: '' | 'yes' | 'no';
  rating: string;
  comment: string;
  replyFiles?: SavedUpload[];
}

export const emptyActionDraft = (): ActionDraft => ({
  reply: '',
  reason: '',
  resolved: '',
  rating: '',
  comment: '',
});

const key = (api: string, ticket: string) => `contacto-ciudadano:status-draft:${api}:${ticket.toUpperCase()}`;

export function loadActionDraft(api: string, ticket: string): ActionDraft {
  try {
    const raw = sessionStorage.getItem(key(api, ticket));
    return { ...emptyActionDraft(), ...(raw ? (JSON.parse(raw) as Partial<ActionDraft>) : {}) };
  } catch {
    return emptyActionDraft();
  }
}

export function saveActionDraft(api: string, ticket: string, draft: ActionDraft): void {
  try {
    const empty = Object.values(draft).every(
      (value) => value === '' || value === undefined || (Array.isArray(value) && value.length === 0),
    );
    if (empty) sessionStorage.removeItem(key(api, ticket));
    else sessionStorage.setItem(key(api, ticket), JSON.stringify(draft));
  } catch {
    // Storage blocked: the text lasts as long as the page.
  }
}
