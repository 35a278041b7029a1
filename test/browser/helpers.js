// Helpers for driving <contacto-ciudadano> with the keyboard only, as a screen-reader or keyboard
// user would: Tab, arrows, Space, Enter and typing; never element.click().
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../dist/widget/contacto-ciudadano.js';

export const api = () => executeServerCommand('api-url');
export const setApiDown = (down) => executeServerCommand('api-down', down);
export const staffEvent = (ticket, status, note) =>
  executeServerCommand('staff-event', { ticket, status, note });
export const countRequests = (institution, type) =>
  executeServerCommand('count-requests', { institution, type });

export async function mount(attributes) {
  const url = await api();
  const element = await fixture(html`<div></div>`);
  const widget = document.createElement('contacto-ciudadano');
  widget.setAttribute('api', url);
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
  element.append(widget);
  await widget.updateComplete;
  return widget;
}

export const root = (el) => el.shadowRoot;
export const active = (el) => el.shadowRoot.activeElement;

/** Waits until `predicate()` is truthy (the widget fetches and validates asynchronously). */
export async function until(predicate, what = 'condition', timeout = 20000) {
  const start = Date.now();
  while (Date.now() - start < timeout) {
    const value = await predicate();
    if (value) return value;
    await aTimeout(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const press = (key) => sendKeys({ press: key });
export const type = (text) => sendKeys({ type: text });

/** Presses Tab until the focused element inside the widget matches. */
export async function tabTo(el, matches, what, max = 80) {
  for (let i = 0; i < max; i++) {
    const focused = active(el);
    if (focused && matches(focused)) return focused;
    await press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

/** Tabs into a radio group and moves with the arrow keys to the choice whose value is `value`. */
export async function chooseRadio(el, groupId, value) {
  await tabTo(el, (e) => e.type === 'radio' && e.name === groupId, `radio group ${groupId}`);
  const radios = [...root(el).querySelectorAll(`input[name="${groupId}"]`)];
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

export async function fillText(el, id, text) {
  await tabTo(el, (e) => e.id === id, `#${id}`);
  await type(text);
}

export async function stepTitle(el) {
  await el.updateComplete;
  return root(el).querySelector('.step-title, .legend-heading')?.textContent.trim();
}

/** Presses Enter on the form's submit button and waits for the step to change or an error to show. */
export async function continueWith(el) {
  const before = await stepTitle(el);
  await tabTo(el, (e) => e.type === 'submit', 'the Continue button');
  await press('Enter');
  await until(
    async () => (await stepTitle(el)) !== before || root(el).querySelector('.error-summary, [data-ticket]'),
    'the next step',
  );
  await el.updateComplete;
}
