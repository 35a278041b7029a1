import type { FilingInput, Locale } from '#schema';
import type { SavedUpload } from './attachments/upload-list.ts';
import { firstStep, type Step } from './journey.ts';

/** Everything the citizen has typed, kept in sessionStorage so a reload or a crash loses nothing. */
export interface Draft {
  step: Step;
  type: string;
  service: string;
  subject: string;
  description: string;
  anonymous: boolean;
  documentType: string;
  documentNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  preferentialAttention: string[];
  responseChannel: string;
  consent: boolean;
  /** Files uploaded for this request (CONTRACT §6): their ids survive a reload until they expire. */
  attachments?: SavedUpload[];
  /** The key of the last submission attempt and the body it was for: a retry of the same body reuses it. */
  idempotency?: { key: string; body: string };
}

export function emptyDraft(preset: { type?: string; service?: string } = {}): Draft {
  return {
    step: firstStep(preset),
    type: preset.type ?? '',
    service: preset.service ?? '',
    subject: '',
    description: '',
    anonymous: false,
    documentType: '',
    documentNumber: '',
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    preferentialAttention: [],
    responseChannel: '',
    consent: false,
  };
}

const optional = (value: string) => (value.trim() ? value : undefined);

/** The request body the API expects, built from the draft (empty optional fields left out). */
export function toFiling(draft: Draft, locale: Locale, captcha?: string): FilingInput {
  return {
    type: draft.type,
    service: draft.service,
    ...(optional(draft.subject) ? { subject: draft.subject } : {}),
    description: draft.description,
    anonymous: draft.anonymous,
    ...(draft.anonymous
      ? {}
      : {
          citizen: {
            documentType: draft.documentType,
            documentNumber: draft.documentNumber,
            firstName: draft.firstName,
            lastName: draft.lastName,
            ...(optional(draft.email) ? { email: draft.email } : {}),
            ...(optional(draft.phone) ? { phone: draft.phone } : {}),
            preferentialAttention: draft.preferentialAttention as never,
          },
          ...(draft.responseChannel ? { responseChannel: draft.responseChannel as 'email' | 'phone' } : {}),
        }),
    locale,
    consent: draft.consent as true,
    ...(captcha ? { captcha } : {}),
    // Undefined without files: JSON leaves the key out.
    attachments: draft.attachments?.map((a) => a.id),
  };
}

const storageKey = (api: string, institution: string) => `contacto-ciudadano:draft:${api}:${institution}`;

export function loadDraft(api: string, institution: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(storageKey(api, institution));
    return raw ? { ...emptyDraft(), ...(JSON.parse(raw) as Partial<Draft>) } : null;
  } catch {
    return null; // storage blocked or corrupt: start afresh rather than break the form
  }
}

export function saveDraft(api: string, institution: string, draft: Draft): void {
  try {
    sessionStorage.setItem(storageKey(api, institution), JSON.stringify(draft));
  } catch {
    // Private mode or a full quota: the form still works, only reload-survival is lost.
  }
}

export function clearDraft(api: string, institution: string): void {
  try {
    sessionStorage.removeItem(storageKey(api, institution));
  } catch {
    // nothing to clear
  }
}

// A national portal's choice of institution, kept like the draft: a reload goes on where it was.
const portalKey = (api: string) => `contacto-ciudadano:portal:${api}`;

export function loadPortalChoice(api: string): string {
  try {
    return sessionStorage.getItem(portalKey(api)) ?? '';
  } catch {
    return '';
  }
}

export function savePortalChoice(api: string, institution: string): void {
  try {
    if (institution) sessionStorage.setItem(portalKey(api), institution);
    else sessionStorage.removeItem(portalKey(api));
  } catch {
    // Storage blocked: the choice lasts as long as the page.
  }
}
