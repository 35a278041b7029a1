import { aTimeout, expect } from '@open-wc/testing';
import {
  active,
  api,
  chooseRadio,
  continueWith,
  fillText,
  find,
  mount,
  press,
  root,
  staffEvent,
  tabTo,
  textOf,
  until,
  type Widget,
} from './helpers.ts';

describe('display="button": the modal dialog', () => {
  it('opens from the launcher, traps focus, closes with Esc and returns focus to the launcher', async () => {
    const el = await mount({ institution: 'MDT', lang: 'es', display: 'button' });
    const launcher = find(el, '.launcher') as HTMLElement;
    expect(launcher.textContent?.trim()).to.equal('Contacto Ciudadano');
    expect(launcher.getAttribute('aria-haspopup')).to.equal('dialog');
    await expect(el).to.be.accessible();

    await tabTo(el, (e) => e === launcher, 'the launcher');
    await press('Enter');
    const dialog = root(el).querySelector('dialog') as HTMLDialogElement;
    await until(() => dialog.open && find(el, 'input[name="f-type"]'), 'the open dialog');
    expect(dialog.contains(active(el))).to.equal(true);
    expect(textOf(el, '[part~="close-button"]')).to.equal('Cerrar');
    await expect(el).to.be.accessible();

    // Focus stays inside the dialog however far the citizen tabs.
    for (let i = 0; i < 30; i++) {
      await press('Tab');
      expect(document.activeElement === el && dialog.contains(active(el)), `tab ${i}`).to.equal(true);
    }

    await press('Escape');
    await until(() => !dialog.open, 'the dialog to close');
    await aTimeout(50);
    expect(active(el)).to.equal(launcher);
  });

  it('names its close button in English too', async () => {
    const el = await mount({ institution: 'MDT', lang: 'en', display: 'button' });
    await tabTo(el, (e) => e.classList.contains('launcher'), 'the launcher');
    await press('Enter');
    await until(() => root(el).querySelector('dialog')?.open, 'the open dialog');
    expect(textOf(el, '[part~="close-button"]')).to.equal('Close');
    await press('Escape');
  });
});

describe('mode="status"', () => {
  it('looks a request up with the keyboard, then shows a staff status change and its public note', async () => {
    // File through a widget, so the captcha is solved the way a citizen's browser solves it.
    const filer = await mount({ institution: 'MML', lang: 'es', type: 'SUG', service: 'parques' });
    await until(() => find(filer, '#f-description'), 'the description step');
    await fillText(filer, 'f-description', 'Más bancas en el parque zonal.');
    await continueWith(filer);
    await chooseRadio(filer, 'f-citizen-documentType', 'dni');
    await fillText(filer, 'f-citizen-documentNumber', '45678912');
    await fillText(filer, 'f-citizen-firstName', 'Rosa');
    await fillText(filer, 'f-citizen-lastName', 'Huamán');
    await chooseRadio(filer, 'f-responseChannel', 'email');
    await fillText(filer, 'f-citizen-email', 'rosa@example.pe');
    await continueWith(filer);
    await tabTo(filer, (e) => e.id === 'f-consent', 'consent');
    await press('Space');
    await tabTo(filer, (e) => e.type === 'submit', 'send');
    await press('Enter');
    const ticket = await until(() => textOf(filer, '[data-ticket]'), 'the ticket');
    const code = textOf(filer, '[data-tracking-code]') as string;
    filer.remove();

    const el = await mount({ institution: 'MML', lang: 'es', mode: 'status' });
    await fillText(el, 'f-ticket', ticket);
    await fillText(el, 'f-code', code.toLowerCase());
    await press('Enter');
    const status = await until(() => find(el, '.status-tag'), 'the status');
    expect(status.textContent?.trim()).to.equal('Recibida');
    expect(active(el).id).to.equal('status-result-title');
    await expect(el).to.be.accessible();

    expect(await staffEvent(ticket, 'in_progress', 'Derivado a SERPAR.')).to.equal(201);
    await tabTo(el, (e) => e.type === 'submit', 'the Look up button');
    await press('Enter');
    await until(() => textOf(el, '.status-tag') === 'En trámite', 'the new status');
    const timeline = find(el, '.timeline')?.textContent;
    expect(timeline).to.contain('Recibida');
    expect(timeline).to.contain('Derivado a SERPAR.');
    await expect(el).to.be.accessible();
  });

  it("reads a mail link's #ticket=…&code=…, looks it up, and takes the code out of the address bar", async () => {
    const before = history.length;
    history.replaceState(
      null,
      '',
      `${location.pathname}${location.search}#ticket=MDT-QUE-2026-99998&code=ABCD-EFGH-JKMN&keep=1`,
    );
    const el = await mount({ institution: 'MDT', lang: 'en', mode: 'status' });
    // Looked up at once: the answer (here: no such request) is in the error summary.
    const summary = await until(() => find(el, '.error-summary'), 'the lookup');
    expect(summary.textContent).to.contain('We found no request with that number and tracking code.');
    expect(find(el, '#f-ticket')?.value).to.equal('MDT-QUE-2026-99998');
    expect(find(el, '#f-code')?.value).to.equal('ABCD-EFGH-JKMN');
    // Replaced, not pushed: neither the address bar nor the history keeps the code.
    expect(location.hash).to.equal('#keep=1');
    expect(location.href).not.to.contain('ABCD');
    expect(history.length).to.equal(before);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  });

  it('says the same thing for an unknown ticket and a wrong code, in the error summary', async () => {
    const el = await mount({ institution: 'MDT', lang: 'en', mode: 'status' });
    await fillText(el, 'f-ticket', 'MDT-QUE-2026-99999');
    await fillText(el, 'f-code', 'AAAAA-AAAAA-AAAAA');
    await press('Enter');
    const summary = await until(() => find(el, '.error-summary'), 'the error');
    expect(summary.textContent).to.contain('We found no request with that number and tracking code.');
    await expect(el).to.be.accessible();
  });
});

describe('the element', () => {
  it('registers once even when its script is loaded twice', async () => {
    // A specifier with a query: the compiler need not resolve it, the browser loads the script again.
    const again: string = '../../dist/widget/contacto-ciudadano.js?again';
    await import(again);
    expect(customElements.get('contacto-ciudadano')).to.exist;
  });

  it('follows a change of the page language at run time', async () => {
    const wrapper = document.createElement('div');
    wrapper.lang = 'es';
    document.body.append(wrapper);
    const url = await api();
    const el: Widget = document.createElement('contacto-ciudadano');
    el.setAttribute('api', url);
    el.setAttribute('institution', 'MDT');
    wrapper.append(el);
    await until(() => find(el, 'input[name="f-type"]'), 'the catalog');
    expect(find(el, '.legend-heading')?.textContent).to.equal('¿Qué quiere hacer?');
    wrapper.lang = 'en';
    el.requestUpdate();
    await el.updateComplete;
    expect(find(el, '.legend-heading')?.textContent).to.equal('What do you want to do?');
    wrapper.remove();
  });

  it('asks for the catalog once however many elements the page has', async () => {
    const url = await api();
    const before = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('/api/v1/institutions/GPUT')).length;
    const holder = document.createElement('div');
    document.body.append(holder);
    for (let i = 0; i < 3; i++) {
      const el = document.createElement('contacto-ciudadano');
      el.setAttribute('api', url);
      el.setAttribute('institution', 'GPUT');
      holder.append(el);
    }
    await until(() => [...holder.children].every((el) => find(el, 'input[name="f-type"]')), 'three forms');
    const after = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('/api/v1/institutions/GPUT')).length;
    expect(after - before).to.be.at.most(1);
    holder.remove();
  });
});
