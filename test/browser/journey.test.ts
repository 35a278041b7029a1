import { expect } from '@open-wc/testing';
import {
  active,
  chooseRadio,
  continueWith,
  countRequests,
  fillText,
  find,
  mount,
  press,
  root,
  setApiDown,
  stepTitle,
  tabTo,
  textOf,
  until,
  type Widget,
} from './helpers.ts';

interface Filing {
  type: string;
  service: { search: string; id: string };
  description: string;
  document: { type: string; number: string };
  names: [string, string];
  email?: string;
  phone?: string;
}

async function fileWithKeyboard(
  el: Widget,
  { type, service, description, document, names, email, phone }: Filing,
) {
  await until(() => find(el, 'input[name="f-type"]'), 'the catalog');
  await chooseRadio(el, 'f-type', type);
  await expect(el).to.be.accessible();
  await continueWith(el);

  if (find(el, '#service-search')) {
    await fillText(el, 'service-search', service.search);
  }
  await chooseRadio(el, 'f-service', service.id);
  await continueWith(el);

  await fillText(el, 'f-description', description);
  await expect(el).to.be.accessible();
  await continueWith(el);

  await chooseRadio(el, 'f-citizen-documentType', document.type);
  await fillText(el, 'f-citizen-documentNumber', document.number);
  await fillText(el, 'f-citizen-firstName', names[0]);
  await fillText(el, 'f-citizen-lastName', names[1]);
  await chooseRadio(el, 'f-responseChannel', email ? 'email' : 'phone');
  if (email) await fillText(el, 'f-citizen-email', email);
  if (phone) await fillText(el, 'f-citizen-phone', phone);
  await expect(el).to.be.accessible();
  await continueWith(el);

  await tabTo(el, (e) => e.id === 'f-consent', 'the consent checkbox');
  await press('Space');
  await until(() => textOf(el, '[part~="captcha-status"]'), 'the captcha');
  await expect(el).to.be.accessible();
}

async function submitAndWait(el: Widget) {
  await tabTo(el, (e) => e.type === 'submit', 'the Send button');
  await press('Enter');
  return until(() => textOf(el, '[data-ticket]'), 'the ticket');
}

describe('filing with the keyboard only', () => {
  afterEach(() => sessionStorage.clear());

  it('files a complaint to the Ministerio del Trabajo and shows ticket, code and due date', async () => {
    const el = await mount({ institution: 'MDT', lang: 'es' });
    let submitted: { ticket: string } | null = null;
    el.addEventListener('cc-submitted', (event) => {
      submitted = event.detail;
    });
    await fileWithKeyboard(el, {
      type: 'QUE',
      service: { search: 'contrat', id: 'contratos' },
      description: 'Mi empleador no registró mi contrato de trabajo.',
      document: { type: 'cedula', number: '1714307103' },
      names: ['Ana', 'Quispe'],
      email: 'ana@example.org',
    });
    const ticket = await submitAndWait(el);
    expect(ticket).to.match(/^MDT-QUE-\d{4}-\d{5}$/);
    expect(textOf(el, '[data-tracking-code]')).to.match(/^[2-9A-HJKMNP-Z]{5}(-[2-9A-HJKMNP-Z]{5}){2}$/);
    expect(find(el, '[data-due-date]')?.textContent).to.match(/de 20\d\d/);
    expect((submitted as { ticket: string } | null)?.ticket).to.equal(ticket);
    expect(active(el).id).to.equal('confirmation-title');
    await expect(el).to.be.accessible();
  });

  it('files a petition to the Gobernación del Putumayo in English', async () => {
    const el = await mount({ institution: 'GPUT', lang: 'en' });
    await fileWithKeyboard(el, {
      type: 'PET',
      service: { search: 'road', id: 'vias' },
      description: 'The road between Mocoa and Villagarzón is blocked by a landslide.',
      document: { type: 'cc', number: '1123456789' },
      names: ['Luis', 'Jamioy'],
      phone: '+57 310 555 0101',
    });
    expect(await stepTitle(el)).to.equal('Check your request before sending it');
    const ticket = await submitAndWait(el);
    expect(ticket).to.match(/^GPUT-PET-\d{4}-\d{5}$/);
    expect(find(el, '[data-due-date]')?.textContent).to.contain('The institution must answer you by');
  });

  it('files a claim in Lima’s complaints book', async () => {
    const el = await mount({ institution: 'MML', lang: 'es' });
    await fileWithKeyboard(el, {
      type: 'REC',
      service: { search: 'limpieza', id: 'limpieza' },
      description: 'No recogen la basura en el jirón Ucayali desde hace una semana.',
      document: { type: 'dni', number: '45678912' },
      names: ['Rosa', 'Huamán'],
      email: 'rosa@example.pe',
    });
    expect(await submitAndWait(el)).to.match(/^MML-REC-\d{4}-\d{5}$/);
  });
});

describe('validation', () => {
  afterEach(() => sessionStorage.clear());

  it('shows an error summary that takes focus and links to the field, then lets the citizen fix it', async () => {
    const el = await mount({ institution: 'MDT', lang: 'es', type: 'QUE', service: 'contratos' });
    await until(() => find(el, '#f-description'), 'the description step');
    await continueWith(el);
    const summary = find(el, '.error-summary');
    expect(summary).to.exist;
    expect(active(el)).to.equal(summary);
    expect(summary?.querySelector('[role="alert"]')?.textContent).to.contain(
      'Escriba la descripción de lo que pasó.',
    );
    const field = find(el, '#f-description');
    expect(field?.getAttribute('aria-invalid')).to.equal('true');
    expect(field?.getAttribute('aria-describedby')).to.contain('f-description-error');
    expect(find(el, '#f-description-error')?.textContent).to.contain('Error:');
    await expect(el).to.be.accessible();

    await tabTo(
      el,
      (e) => e.tagName === 'A' && e.getAttribute('href') === '#f-description',
      'the error link',
    );
    await press('Enter');
    expect(active(el).id).to.equal('f-description');
    await fillText(el, 'f-description', 'Texto corregido con los hechos.');
    await continueWith(el);
    expect(await stepTitle(el)).to.equal('Sus datos y cómo responderle');
  });

  it('names each missing field of the identity step, in the summary and above the field', async () => {
    const el = await mount({ institution: 'MDT', lang: 'es', type: 'QUE', service: 'contratos' });
    await until(() => find(el, '#f-description'), 'the description step');
    await fillText(el, 'f-description', 'Descripción suficiente.');
    await continueWith(el);
    await continueWith(el);
    const links = [...root(el).querySelectorAll('.error-summary a')].map((a) => a.textContent?.trim());
    expect(links).to.include('Elija el tipo de documento.');
    expect(links).to.include('Escriba sus apellidos.');
    expect(links).to.include('Elija cómo recibir la respuesta: por correo electrónico o por teléfono.');
    expect(textOf(el, '#f-citizen-documentType-error')).to.equal('Error: Elija el tipo de documento.');
    expect(links).not.to.include('Este campo es obligatorio.');

    // The link brings the question into view, then focuses its first choice.
    await tabTo(
      el,
      (e) => e.tagName === 'A' && e.getAttribute('href') === '#f-citizen-documentType',
      'the document type link',
    );
    await press('Enter');
    expect(active(el).id).to.equal('f-citizen-documentType');
    const legend = active(el).closest('fieldset')?.querySelector('legend')?.getBoundingClientRect();
    // A legend sits on its fieldset's border, a fraction of a pixel above the block that was scrolled.
    expect(
      legend && legend.top > -1 && legend.bottom <= window.innerHeight,
      'the legend is in view',
    ).to.equal(true);
  });

  it('shows the check-digit error of a cédula on its field', async () => {
    const el = await mount({ institution: 'MDT', lang: 'es', type: 'QUE', service: 'contratos' });
    await until(() => find(el, '#f-description'), 'the description step');
    await fillText(el, 'f-description', 'Descripción suficiente.');
    await continueWith(el);
    await chooseRadio(el, 'f-citizen-documentType', 'cedula');
    await fillText(el, 'f-citizen-documentNumber', '1714307104');
    await continueWith(el);
    expect(find(el, '#f-citizen-documentNumber-error')?.textContent).to.contain(
      'número de documento no es válido',
    );
  });
});

describe('nothing is lost', () => {
  afterEach(async () => {
    await setApiDown(false);
    sessionStorage.clear();
  });

  it('keeps everything when the server is unreachable and files exactly once on retry', async () => {
    const before = await countRequests('MDT', 'SUG');
    const el = await mount({ institution: 'MDT', lang: 'es' });
    await fileWithKeyboard(el, {
      type: 'SUG',
      service: { search: 'empleo', id: 'encuentra-empleo' },
      description: 'Sugiero publicar las ofertas también por SMS.',
      document: { type: 'cedula', number: '1714307103' },
      names: ['Ana', 'Quispe'],
      email: 'ana@example.org',
    });
    await setApiDown(true);
    await tabTo(el, (e) => e.type === 'submit', 'the Send button');
    await press('Enter');
    const banner = await until(() => find(el, '.banner'), 'the network error');
    expect(banner.textContent).to.contain('Sus datos se conservan');
    expect(textOf(el, '[type="submit"]')).to.equal('Intentar de nuevo');
    expect(await countRequests('MDT', 'SUG')).to.equal(before);

    await setApiDown(false);
    await tabTo(el, (e) => e.type === 'submit', 'the retry button');
    await press('Enter');
    await press('Enter'); // an impatient double press files once
    await until(() => find(el, '[data-ticket]'), 'the ticket');
    expect(await countRequests('MDT', 'SUG')).to.equal(before + 1);
  });

  it('brings the draft back after a reload (a new element on the same page session)', async () => {
    const first = await mount({ institution: 'GPUT', lang: 'es', type: 'PET', service: 'vias' });
    await until(() => find(first, '#f-description'), 'the description step');
    await fillText(first, 'f-description', 'Texto que no se debe perder.');
    first.remove();
    const second = await mount({ institution: 'GPUT', lang: 'es' });
    const field = await until(() => find(second, '#f-description'), 'the restored step');
    expect(field.value).to.equal('Texto que no se debe perder.');
  });
});
