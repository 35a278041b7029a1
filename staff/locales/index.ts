import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en } from './en.ts';
import { es } from './es.ts';

export type StaffLocale = 'es' | 'en';
const DICTIONARIES = { es, en } as const;
const STORAGE_KEY = 'cc-staff-locale';

/** Dotted keys of the dictionaries ('inbox.title'), checked by the compiler. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<typeof es>;

function initialLocale(): StaffLocale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'es' || stored === 'en') return stored;
  } catch {
    // Storage refused (private mode, policy): the browser's language decides.
  }
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'es';
}

let current: StaffLocale = initialLocale();
const hosts = new Set<ReactiveControllerHost>();

export const locale = (): StaffLocale => current;

/** Switches every element that holds a LocalizeController, and the page's own `lang`. */
export function setLocale(next: StaffLocale): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered: the switch still applies to this visit.
  }
  for (const host of hosts) host.requestUpdate();
}

/** The text for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  let value: unknown = DICTIONARIES[current];
  for (const part of key.split('.')) value = (value as Record<string, unknown>)[part];
  const text = typeof value === 'string' ? value : key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Re-renders its element when the language changes. */
export class LocalizeController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    hosts.add(this.host);
  }
  hostDisconnected(): void {
    hosts.delete(this.host);
  }
}

/** Dates as the staff read them: the day in their language. */
export function formatDate(iso: string): string {
  const date = iso.length === 10 ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(current === 'es' ? 'es-EC' : 'en-GB', {
    dateStyle: 'medium',
    ...(iso.length > 10 ? { timeStyle: 'short' } : { timeZone: 'UTC' }),
  }).format(date);
}

export function formatPercent(share: number): string {
  return new Intl.NumberFormat(current, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

document.documentElement.lang = current;
