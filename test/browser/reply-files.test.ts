// Files in the citizen's answer to a request for information, in the BUILT widget against the real
// server: picked by keyboard, cut once by the network, retried, kept over a reload, sent, and
// downloaded by staff byte for byte.
import { expect } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import {
  api,
  find,
  press,
  root,
  setApiDown,
  staffEvent,
  tabTo,
  textOf,
  type,
  until,
  type Widget,
} from './helpers.ts';
import { fileComplaint, openStatus } from './life-helpers.ts';

const chooseFiles = (files: { name: string; kind: 'jpeg' | 'pdf' }[]) =>
  executeServerCommand<boolean, typeof files>('choose-files', files);
const chosenFile = (name: string) => executeServerCommand<string, { name: string }>('chosen-file', { name });
interface EventFiles {
  actor: string;
  kind: string;
  files: { name: string; status: number; base64: string }[];
}
const staffEventFiles = (ticket: string) =>
  executeServerCommand<EventFiles[], { ticket: string }>('staff-event-files', { ticket });

const FIELD = 'f-reply-attachments';
const uploads = (el: Widget) => [...root(el).querySelectorAll<HTMLElement>('#action-reply [part~="upload"]')];
const stateOf = (el: Widget, name: string) =>
  uploads(el)
    .find((li) => li.querySelector('.upload-name')?.textContent === name)
    ?.className.match(/upload--(\w+)/)?.[1];
const liveText = (el: Widget) => textOf(el, '#action-reply .attachments [role="status"]') ?? '';
const toFileInput = (el: Widget) => tabTo(el, (e) => e.id === FIELD, 'the reply’s file input');

/** Nothing wider than the viewport: neither the page nor anything in the widget's container. */
function overflows(el: Widget): string[] {
  const width = document.documentElement.clientWidth;
  const wide = [...root(el).querySelectorAll<HTMLElement>('*')].filter(
    (node) => node.getBoundingClientRect().right > width + 0.5,
  );
  const page = document.documentElement.scrollWidth > width ? ['the page'] : [];
  return [...page, ...wide.map((node) => `${node.tagName.toLowerCase()}.${node.className}`)];
}

describe('the status view: files in the citizen’s reply', () => {
  afterEach(async () => {
    await setApiDown(false);
    await setViewport({ width: 800, height: 600 });
    sessionStorage.clear();
  });

  it('attaches a PDF by keyboard, retries a cut upload, keeps it over a reload, sends it, and staff get the same bytes', async () => {
    const { ticket, code } = await fileComplaint();
    expect(await staffEvent(ticket, 'needs_info', 'Adjunte copia de su contrato firmado.')).to.equal(201);

    let el = await openStatus(ticket, code, 'es');
    await until(() => find(el, `#${FIELD}`), 'the reply’s file field');
    // Limits and types are said before the citizen picks, and the input is described by them.
    expect(textOf(el, `#${FIELD}-hint`)).to.contain('5 archivos PDF, JPG o PNG');
    expect(textOf(el, `#${FIELD}-hint`)).to.contain('10 MB');
    expect(find(el, `#${FIELD}`)?.getAttribute('aria-describedby')).to.equal(`${FIELD}-hint`);
    // The lazy chunk's styles reached the shadow root.
    expect(getComputedStyle(find(el, '.drop-zone') as Element).borderTopStyle).to.equal('dashed');

    await tabTo(el, (e) => e.id === 'f-reply-message', 'the reply');
    await type('Adjunto el contrato firmado.');

    // The network is cut while the PDF goes up: it fails, by name, and says so.
    await setApiDown(true);
    await toFileInput(el);
    await chooseFiles([{ name: 'contrato-firmado.pdf', kind: 'pdf' }]);
    await until(() => stateOf(el, 'contrato-firmado.pdf') === 'failed', 'the failed upload');
    expect(liveText(el)).to.contain('No se pudo subir el archivo contrato-firmado.pdf');
    expect(textOf(el, '.upload--failed .error-message')).to.contain('revise su conexión');
    await setApiDown(false);

    // The retry, by keyboard, takes it up; the reply's text is untouched.
    const retry = await tabTo(el, (e) => e.getAttribute('part') === 'retry-button', 'the retry button');
    expect(retry.getBoundingClientRect().height).to.be.at.least(44);
    expect(retry.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Reintentar contrato-firmado.pdf');
    await press('Enter');
    await until(() => stateOf(el, 'contrato-firmado.pdf') === 'done', 'the PDF uploaded on retry');
    expect(liveText(el)).to.equal('Archivo contrato-firmado.pdf subido');
    expect(find(el, '#f-reply-message')?.value).to.equal('Adjunto el contrato firmado.');
    await expect(el).to.be.accessible();

    // A reload (a new element in the same session) finds the text and the file in the reply's draft.
    el.remove();
    el = await openStatus(ticket, code, 'es');
    await until(() => stateOf(el, 'contrato-firmado.pdf') === 'done', 'the file after a reload');
    expect(find(el, '#f-reply-message')?.value).to.equal('Adjunto el contrato firmado.');
    const remove = find(el, '[part~="remove-button"]') as HTMLElement;
    expect(remove.getBoundingClientRect().height).to.be.at.least(44);

    // At a phone's 320 px nothing overflows, and it is still accessible.
    await setViewport({ width: 320, height: 640 });
    await el.updateComplete;
    expect(overflows(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();

    await tabTo(el, (e) => e.tagName === 'BUTTON' && e.textContent?.trim() === 'Enviar respuesta', 'Send');
    await press('Enter');
    await until(() => find(el, '#action-notice'), 'the reply sent');
    expect(textOf(el, '.status-tag')).to.equal('En trámite');
    expect(find(el, '#action-reply')).to.equal(null);
    // The citizen's own event lists the file in the history.
    expect(textOf(el, '.timeline')).to.contain('contrato-firmado.pdf');
    // The draft is gone: a later request for information starts with no files.
    expect(Object.keys(sessionStorage).filter((k) => k.includes(':status-draft:'))).to.deep.equal([]);

    // Staff see the file on the citizen's event and download the bytes that were picked.
    const events = await staffEventFiles(ticket);
    const citizen = events.filter((e) => e.actor === 'citizen');
    expect(citizen.length).to.equal(1);
    expect(citizen[0]?.files.map((f) => f.name)).to.deep.equal(['contrato-firmado.pdf']);
    expect(citizen[0]?.files[0]?.status).to.equal(200);
    expect(citizen[0]?.files[0]?.base64).to.equal(await chosenFile('contrato-firmado.pdf'));
  });

  it('shows a refused file on the file field, GOV.UK style', async () => {
    const { ticket, code } = await fileComplaint();
    expect(await staffEvent(ticket, 'needs_info', 'Adjunte su contrato.')).to.equal(201);
    // A file the server no longer has (say, uploaded from another device that day and used there).
    const base = await api();
    sessionStorage.setItem(
      `contacto-ciudadano:status-draft:${base}:${ticket}`,
      JSON.stringify({
        reply: 'Va el contrato.',
        replyFiles: [
          {
            id: 'upl_0123456789abcdefghijkl',
            name: 'viejo.pdf',
            type: 'application/pdf',
            size: 1000,
            at: Date.now(),
          },
        ],
      }),
    );
    const el = await openStatus(ticket, code, 'es');
    await until(() => stateOf(el, 'viejo.pdf') === 'done', 'the file from the draft');
    await tabTo(el, (e) => e.tagName === 'BUTTON' && e.textContent?.trim() === 'Enviar respuesta', 'Send');
    await press('Enter');
    await until(() => find(el, `#${FIELD}-error`), 'the file field’s error');
    const summary = find(el, '#action-reply .error-summary') as HTMLElement;
    expect(root(el).activeElement).to.equal(summary);
    const link = summary.querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.equal(`#${FIELD}`);
    expect(find(el, `#${FIELD}`)?.getAttribute('aria-describedby')).to.equal(`${FIELD}-hint ${FIELD}-error`);
    expect(find(el, '.attachments')?.classList.contains('field--error')).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
