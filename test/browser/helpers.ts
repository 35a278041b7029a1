// Helpers for driving <contacto-ciudadano> with the keyboard only, as a screen-reader or keyboard
// user would: Tab, arrows, Space, Enter and typing; never element.click().
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../dist/widget/contacto-ciudadano.js';
import type { ContactoCiudadano } from '../../widget/index.ts';

export type Widget = ContactoCiudadano;

export const api = () => executeServerCommand<string, undefined>('api-url');
export const setApiDown = (down: boolean) => executeServerCommand<boolean, boolean>('api-down', down);
export const staffEvent = (ticket: string, status: string, note: string) =>
  executeServerCommand<number, { ticket: string; status: string; note: string }>('staff-event', {
    ticket,
    status,
    note,
  });
export const countRequests = (institution: string, type: string) =>
  executeServerCommand<number, { institution: string; type: string }>('count-requests', {
    institution,
    type,
  });

/** Slows down (`delay` ms) or fails (`failures` times, with a 503) a lazy chunk of the widget; null clears. */
export const chunkFault = (fault: { chunk: string; delay?: number; failures?: number } | null) =>
  executeServerCommand<boolean, typeof fault>('chunk-fault', fault);

export async function mount(attributes: Record<string, string>): Promise<Widget> {
  const url = await api();
  const element = await fixture(html`<div></div>`);
  const widget = document.createElement('contacto-ciudadano');
  widget.setAttribute('api', url);
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
  element.append(widget);
  await widget.updateComplete;
  return widget;
}

/** The open shadow root, where everything the widget renders lives. */
export const root = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
/** The element that has focus inside the widget; a field or a button, typed as inputs are. */
export const active = (el: Element) => root(el).activeElement as HTMLInputElement;
/** `selector` inside the widget (the tests know what they look for: inputs, buttons, text). */
export const find = (el: Element, selector: string) => root(el).querySelector<HTMLInputElement>(selector);
/** The trimmed text of `selector` inside the widget. */
export const textOf = (el: Element, selector: string) => find(el, selector)?.textContent?.trim();

/** Waits until `predicate()` is truthy (the widget fetches and validates asynchronously). */
export async function until<T>(
  predicate: () => T | Promise<T>,
  what = 'condition',
  timeout = 20000,
): Promise<NonNullable<T>> {
  const start = Date.now();
  while (Date.now() - start < timeout) {
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    await aTimeout(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const press = (key: string) => sendKeys({ press: key });
export const type = (text: string) => sendKeys({ type: text });

/** Presses Tab until the focused element inside the widget matches. */
export async function tabTo(
  el: Element,
  matches: (focused: HTMLInputElement) => boolean,
  what: string,
  max = 80,
): Promise<HTMLInputElement> {
  for (let i = 0; i < max; i++) {
    const focused = active(el);
    if (focused && matches(focused)) return focused;
    await press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

/** Tabs into a radio group and moves with the arrow keys to the choice whose value is `value`. */
export async function chooseRadio(el: Element, groupId: string, value: string): Promise<void> {
  await tabTo(el, (e) => e.type === 'radio' && e.name === groupId, `radio group ${groupId}`);
  const radios = [...root(el).querySelectorAll<HTMLInputElement>(`input[name="${groupId}"]`)];
  if (!radios.some((r) => r.value === value)) throw new Error(`no ${value} in ${groupId}`);
  if (active(el).value === value) {
    await press('Space');
  }
  for (let i = 0; i < radios.length + 1 && !(active(el).value === value && active(el).checked); i++) {
    await press('ArrowDown');
  }
  expect(active(el).value).to.equal(value);
  expect(active(el).checked).to.equal(true);
}

export async function fillText(el: Element, id: string, text: string): Promise<void> {
  await tabTo(el, (e) => e.id === id, `#${id}`);
  await type(text);
}

/** The citizen step as the browser journeys fill it: Ana Quispe, with a cédula, answered by email. */
export async function fillCitizen(el: Element): Promise<void> {
  await chooseRadio(el, 'f-citizen-documentType', 'cedula');
  await fillText(el, 'f-citizen-documentNumber', '1714307103');
  await fillText(el, 'f-citizen-firstName', 'Ana');
  await fillText(el, 'f-citizen-lastName', 'Quispe');
  await chooseRadio(el, 'f-responseChannel', 'email');
  await fillText(el, 'f-citizen-email', 'ana.quispe@example.org');
}

export async function stepTitle(el: Widget): Promise<string | undefined> {
  await el.updateComplete;
  return textOf(el, '.step-title, .legend-heading');
}

/** Presses Enter on the form's submit button and waits for the step to change or an error to show. */
export async function continueWith(el: Widget): Promise<void> {
  const before = await stepTitle(el);
  await tabTo(el, (e) => e.type === 'submit', 'the Continue button');
  await press('Enter');
  await until(
    async () => (await stepTitle(el)) !== before || root(el).querySelector('.error-summary, [data-ticket]'),
    'the next step',
  );
  await el.updateComplete;
}
