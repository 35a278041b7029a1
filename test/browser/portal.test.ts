import { expect } from '@open-wc/testing';
import {
  active,
  chooseRadio,
  continueWith,
  fillText,
  find,
  mount,
  press,
  root,
  stepTitle,
  tabTo,
  textOf,
  type,
  until,
} from './helpers.ts';

describe('a national portal: <contacto-ciudadano> without institution', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => sessionStorage.clear());

  it('lets the citizen find the institution by name, then files a request there with the keyboard only', async () => {
    const el = await mount({ lang: 'es' });
    const search = await until(() => find(el, '#institution-search'), 'the directory');
    await until(() => find(el, '#institution-count'), 'the list');
    expect(await stepTitle(el)).to.equal('¿A qué institución se dirige?');
    const all = root(el).querySelectorAll('input[name="f-institution"]').length;
    expect(all).to.be.at.least(3);
    expect(textOf(el, '#institution-count')).to.equal(`${all} instituciones`);
    await expect(el).to.be.accessible();

    // Continue with nothing chosen: the error summary says what to do and links to the list.
    await tabTo(el, (e) => e.type === 'submit', 'Continue');
    await press('Enter');
    const summary = await until(() => find(el, '.error-summary'), 'the error summary');
    expect(summary.textContent).to.contain('Elija la institución a la que se dirige.');
    await until(() => active(el)?.classList.contains('error-summary'), 'focus on the error summary');
    await expect(el).to.be.accessible();

    // Searching ignores accents and case; the number of matches is announced (role=status).
    await tabTo(el, (e) => e === search, 'the search box');
    await type('salud publica');
    await until(() => textOf(el, '#institution-count') === '1 institución', 'one match');
    expect(textOf(el, 'label[for^="f-institution"]')).to.equal('Ministerio de Salud Pública');
    await type('xyz');
    await until(() => textOf(el, '#institution-count')?.startsWith('Ninguna institución coincide'), 'none');
    await expect(el).to.be.accessible();
    search.select();
    await type('METROPOLITANA de lima');
    await until(() => textOf(el, '#institution-count') === '1 institución', 'one match');
    expect(find(el, '#institution-count')?.getAttribute('role')).to.equal('status');
    await chooseRadio(el, 'f-institution', 'MML');
    await continueWith(el);

    // The first question of the chosen institution, with its name, and a way back to the directory.
    await until(() => find(el, 'input[name="f-type"]'), "MML's first question");
    expect(textOf(el, '.step-count')).to.contain('Municipalidad Metropolitana de Lima');
    await expect(el).to.be.accessible();
    await chooseRadio(el, 'f-type', 'SUG');
    await continueWith(el);
    await chooseRadio(el, 'f-service', 'parques');
    await continueWith(el);
    await fillText(el, 'f-description', 'Más árboles en el parque zonal.');
    await continueWith(el);
    await chooseRadio(el, 'f-citizen-documentType', 'dni');
    await fillText(el, 'f-citizen-documentNumber', '45678912');
    await fillText(el, 'f-citizen-firstName', 'Rosa');
    await fillText(el, 'f-citizen-lastName', 'Huamán');
    await chooseRadio(el, 'f-responseChannel', 'email');
    await fillText(el, 'f-citizen-email', 'rosa@example.pe');
    await continueWith(el);
    await tabTo(el, (e) => e.id === 'f-consent', 'consent');
    await press('Space');
    await tabTo(el, (e) => e.type === 'submit', 'send');
    await press('Enter');
    const ticket = await until(() => textOf(el, '[data-ticket]'), 'the ticket');
    expect(ticket).to.match(/^MML-SUG-\d{4}-\d{5}$/);
    // The choice is the element's state: the page's markup is left as the page wrote it.
    expect(el.getAttribute('institution') ?? '').to.equal('');
  });

  it('goes back from the first question to the directory, and keeps the choice over a reload', async () => {
    const el = await mount({ lang: 'en' });
    await until(() => find(el, '#institution-count'), 'the directory');
    expect(await stepTitle(el)).to.equal('Which institution is it for?');
    await chooseRadio(el, 'f-institution', 'GPUT');
    await continueWith(el);
    await until(() => find(el, 'input[name="f-type"]'), "GPUT's first question");
    el.remove();

    // A reload (a new element on the same page and session) goes on with the chosen institution.
    const again = await mount({ lang: 'en' });
    await until(() => find(again, 'input[name="f-type"]'), 'the first question again');
    expect(textOf(again, '.step-count')).to.contain('Putumayo');
    await tabTo(again, (e) => e.textContent?.trim() === 'Back', 'Back');
    await press('Enter');
    await until(() => find(again, '#institution-count'), 'the directory again');
    expect(active(again).classList.contains('step-title')).to.equal(true);
    await expect(again).to.be.accessible();
  });

  it('works at a phone width', async () => {
    const holder = document.createElement('div');
    holder.style.width = '320px';
    document.body.append(holder);
    const el = await mount({ lang: 'es' });
    holder.append(el);
    await until(() => find(el, '#institution-count'), 'the directory');
    const form = find(el, 'form') as unknown as HTMLElement;
    expect(form.scrollWidth).to.be.at.most(320);
    holder.remove();
  });

  it("starts with the directory inside the launcher's dialog too", async () => {
    const el = await mount({ lang: 'en', display: 'button' });
    await tabTo(el, (e) => e.classList.contains('launcher'), 'the launcher');
    await press('Enter');
    await until(() => find(el, '#institution-count'), 'the directory in the dialog');
    const dialog = root(el).querySelector('dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(dialog.contains(find(el, '#institution-search'))).to.equal(true);
    await expect(el).to.be.accessible();
    await press('Escape');
  });
});
