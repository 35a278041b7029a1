import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  chooseRadio,
  continueWith,
  fillText,
  find,
  mount,
  press,
  root,
  setApiDown,
  tabTo,
  textOf,
  until,
  type Widget,
} from './helpers.ts';

const chooseFiles = (files: { name: string; kind: 'jpeg' | 'pdf' }[]) =>
  executeServerCommand<boolean, typeof files>('choose-files', files);

interface Downloaded {
  name: string;
  status: number;
  type: string;
  disposition: string;
  size: number;
  exif: boolean;
  gps: boolean;
  pdf: boolean;
}
const staffDownloads = (ticket: string) =>
  executeServerCommand<Downloaded[], { ticket: string }>('staff-downloads', { ticket });
const staffAnswerWithFile = (ticket: string, note: string) =>
  executeServerCommand<{ status: number; base64: string }, { ticket: string; note: string }>(
    'staff-answer-with-file',
    { ticket, note },
  );

const uploads = (el: Widget) => [...root(el).querySelectorAll('[part~="upload"]')];
const stateOf = (el: Widget, name: string) =>
  uploads(el)
    .find((li) => li.querySelector('.upload-name')?.textContent === name)
    ?.className.match(/upload--(\w+)/)?.[1];
const liveText = (el: Widget) => textOf(el, '.attachments [role="status"]') ?? '';

async function toFileInput(el: Widget) {
  await tabTo(el, (e) => e.id === 'f-attachments', 'the file input');
}

describe('attachments', () => {
  afterEach(async () => {
    await setApiDown(false);
    sessionStorage.clear();
  });

  it('attaches a photo and a PDF by keyboard, retries a cut upload, files, and gets the answer letter', async () => {
    const el = await mount({ institution: 'MDT', lang: 'es', type: 'QUE', service: 'contratos' });
    await until(() => find(el, '#f-description'), 'the description step');
    await fillText(el, 'f-description', 'Adjunto la foto del contrato y el contrato firmado.');
    // Limits and types are said before the citizen picks.
    expect(textOf(el, '#f-attachments-hint')).to.contain('5 archivos PDF, JPG o PNG');
    expect(textOf(el, '#f-attachments-hint')).to.contain('10 MB');

    // A type the institution does not take is refused by name, GOV.UK style.
    await toFileInput(el);
    await chooseFiles([{ name: 'contrato.docx', kind: 'pdf' }]);
    await until(
      () => liveText(el).includes('El archivo contrato.docx no es PDF, JPG ni PNG'),
      'the type error',
    );
    await tabTo(el, (e) => e.getAttribute('part') === 'remove-button', 'its remove button');
    await press('Enter');
    await until(() => uploads(el).length === 0, 'the refused file removed');

    // The network is cut while the photo goes up: it fails, and says so.
    await setApiDown(true);
    await toFileInput(el);
    await chooseFiles([{ name: 'foto.jpg', kind: 'jpeg' }]);
    await until(() => stateOf(el, 'foto.jpg') === 'failed', 'the failed upload');
    expect(liveText(el)).to.contain('No se pudo subir el archivo foto.jpg');
    await setApiDown(false);

    await toFileInput(el);
    await chooseFiles([{ name: 'contrato.pdf', kind: 'pdf' }]);
    await until(() => stateOf(el, 'contrato.pdf') === 'done', 'the PDF uploaded');
    // The retry takes the photo up again; the rest of the draft is untouched.
    await tabTo(el, (e) => e.getAttribute('part') === 'retry-button', 'the retry button');
    await press('Enter');
    await until(() => stateOf(el, 'foto.jpg') === 'done', 'the photo uploaded on retry');
    expect(find(el, '#f-description')?.value).to.contain('foto del contrato');
    await expect(el).to.be.accessible();
    await continueWith(el);

    await chooseRadio(el, 'f-citizen-documentType', 'cedula');
    await fillText(el, 'f-citizen-documentNumber', '1714307103');
    await fillText(el, 'f-citizen-firstName', 'Ana');
    await fillText(el, 'f-citizen-lastName', 'Quispe');
    await chooseRadio(el, 'f-responseChannel', 'email');
    await fillText(el, 'f-citizen-email', 'ana@example.org');
    await continueWith(el);
    const summary = () => textOf(el, '[part~="summary"]') ?? '';
    expect(summary()).to.contain('contrato.pdf');
    expect(summary()).to.contain('foto.jpg');

    // A reload (a new element on the same session) finds the files still in the draft.
    el.remove();
    const again = await mount({ institution: 'MDT', lang: 'es', type: 'QUE', service: 'contratos' });
    await until(() => textOf(again, '[part~="summary"]')?.includes('foto.jpg'), 'the files after a reload');

    await tabTo(again, (e) => e.id === 'f-consent', 'the consent checkbox');
    await press('Space');
    await tabTo(again, (e) => e.type === 'submit', 'the Send button');
    await press('Enter');
    const ticket = await until(() => textOf(again, '[data-ticket]'), 'the ticket');
    const code = textOf(again, '[data-tracking-code]') as string;
    again.remove();

    // Staff download both; the photo lost its EXIF and GPS on the way in.
    const files = await staffDownloads(ticket);
    expect(files.map((f) => f.name).sort()).to.deep.equal(['contrato.pdf', 'foto.jpg']);
    for (const file of files) {
      expect(file.status).to.equal(200);
      expect(file.disposition).to.match(/^attachment;/);
    }
    const photo = files.find((f) => f.name === 'foto.jpg') as Downloaded;
    expect(photo.type).to.equal('image/jpeg');
    expect(photo.exif).to.equal(false);
    expect(photo.gps).to.equal(false);
    expect(files.find((f) => f.name === 'contrato.pdf')?.pdf).to.equal(true);

    // Staff answer with a PDF letter; the citizen downloads it from the status view.
    const answer = await staffAnswerWithFile(ticket, 'Adjuntamos el oficio de respuesta.');
    expect(answer.status).to.equal(201);
    const status = await mount({ institution: 'MDT', lang: 'es', mode: 'status' });
    await fillText(status, 'f-ticket', ticket);
    await fillText(status, 'f-code', code);
    await press('Enter');
    await until(() => textOf(status, '.timeline')?.includes('respuesta.pdf'), 'the answer letter');
    await expect(status).to.be.accessible();

    const clicked: HTMLAnchorElement[] = [];
    const watch = (event: Event) => {
      const link = event.target as HTMLAnchorElement;
      if (link.download) {
        clicked.push(link);
        event.preventDefault(); // the bytes are checked here; no file is written to disk
      }
    };
    document.addEventListener('click', watch, true);
    try {
      await tabTo(
        status,
        (e) =>
          e.getAttribute('part') === 'download-button' && Boolean(e.textContent?.includes('respuesta.pdf')),
        'the download button',
      );
      await press('Enter');
      const link = await until(() => clicked[0], 'the download');
      expect(link.download).to.equal('respuesta.pdf');
      expect(link.href).to.match(/^blob:/);
      const bytes = new Uint8Array(await (await fetch(link.href)).arrayBuffer());
      expect(btoa(String.fromCharCode(...bytes))).to.equal(answer.base64);
    } finally {
      document.removeEventListener('click', watch, true);
    }
  });
});
