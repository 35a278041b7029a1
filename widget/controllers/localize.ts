import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isLocale, type Locale } from '#schema';
import { type Texts, texts } from '../locales/index.ts';

type Host = ReactiveControllerHost & HTMLElement;

// One observer for the whole page, however many elements it has (as Shoelace's LocalizeController
// does): a language switcher changes <html lang>, and every connected element renders again.
const connected = new Set<Host>();
let observer: MutationObserver | null = null;

function follow(host: Host): void {
  connected.add(host);
  if (observer) return;
  observer = new MutationObserver(() => {
    for (const element of connected) element.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

function unfollow(host: Host): void {
  connected.delete(host);
  if (connected.size > 0 || !observer) return;
  observer.disconnect();
  observer = null;
}

/** The language of `element`: its own `lang`, else the nearest `lang` of the page, else Spanish. */
export function localeOf(element: Element): Locale {
  const tag = (
    element.getAttribute('lang') ||
    element.parentElement?.closest('[lang]')?.getAttribute('lang') ||
    'es'
  )
    .slice(0, 2)
    .toLowerCase();
  return isLocale(tag) ? tag : 'es';
}

/** The element's language, followed as the page's changes. */
export class LocalizeController implements ReactiveController {
  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    follow(this.#host);
  }

  hostDisconnected(): void {
    unfollow(this.#host);
  }

  get locale(): Locale {
    return localeOf(this.#host);
  }

  /** The widget's texts in that language. */
  get t(): Texts {
    return texts(this.locale);
  }
}
