// First: starts the requests the page's elements will need, before the rest is even evaluated.
import './prefetch.ts';
import { ContactoCiudadano } from './contacto-ciudadano.ts';

export type { ErrorDetail, SubmittedDetail } from './events.ts';
export { ContactoCiudadano };

// Loading the script twice (two CMS blocks, a tag manager) must not throw "already defined".
if (!customElements.get('contacto-ciudadano')) {
  customElements.define('contacto-ciudadano', ContactoCiudadano);
}

declare global {
  interface HTMLElementTagNameMap {
    'contacto-ciudadano': ContactoCiudadano;
  }
}
