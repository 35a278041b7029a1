// Issue 20's whole flow, end to end on the built bundles, the real server and database: an agent
// asks for information in the back office, the citizen answers in the widget's status view, the
// agent answers with a PDF, the citizen reads it, downloads it and rates it, and a supervisor sees
// the rating in the reports. The citizen files it in the widget's form, with the keyboard, as anyone
// would. axe runs on every screen on the way.
import { expect } from '@open-wc/testing';
import {
  chooseRadio,
  continueWith,
  fillCitizen,
  fillText,
  find,
  mount,
  press,
  root,
  tabTo,
  textOf,
  until,
  type Widget,
} from './helpers.ts';
import { openStatus, staffRequest } from './life-helpers.ts';
import { expectAccessible, signIn, staff, text } from './staff-helpers.ts';

const pressButton = async (el: Widget, label: string) => {
  await tabTo(el, (e) => e.tagName === 'BUTTON' && e.textContent?.trim() === label, `the ${label} button`);
  await press('Enter');
};

/** Clicks the request's action whose label is `label`. */
async function chooseAction(label: string) {
  await staff({ op: 'wait', selector: 'pierce/.action-list button' });
  const actions = await staff<string[]>({ op: 'texts', selector: 'pierce/.action-list button' });
  const index = actions.indexOf(label);
  expect(index, `${label} in ${actions.join(', ')}`).to.be.greaterThan(-1);
  await staff({ op: 'click', selector: 'pierce/.action-list button', index });
  await staff({ op: 'wait', selector: 'pierce/dialog[open]' });
}

/**
 * The citizen files a complaint with MDT in the widget's form, with the keyboard only (journey.test.ts
 * walks the same steps); the confirmation's ticket and tracking code.
 */
async function fileInWidget(): Promise<{ ticket: string; code: string }> {
  const el = await mount({ institution: 'MDT', lang: 'es' });
  await until(() => find(el, 'input[name="f-type"]'), 'the catalog');
  await chooseRadio(el, 'f-type', 'QUE');
  await expect(el).to.be.accessible();
  await continueWith(el);
  if (find(el, '#service-search')) await fillText(el, 'service-search', 'contrat');
  await chooseRadio(el, 'f-service', 'contratos');
  await continueWith(el);
  await fillText(
    el,
    'f-description',
    'Mi empleador no registró mi contrato de trabajo en el SUT desde marzo.',
  );
  await continueWith(el);
  await fillCitizen(el);
  await expect(el).to.be.accessible();
  await continueWith(el);
  await tabTo(el, (e) => e.id === 'f-consent', 'the consent checkbox');
  await press('Space');
  await until(() => textOf(el, '[part~="captcha-status"]'), 'the captcha');
  await tabTo(el, (e) => e.type === 'submit', 'the Send button');
  await press('Enter');
  const ticket = await until(() => textOf(el, '[data-ticket]'), 'the ticket');
  const code = textOf(el, '[data-tracking-code]') ?? '';
  expect(ticket).to.match(/^MDT-QUE-\d{4}-\d{5}$/);
  await expect(el).to.be.accessible();
  el.remove();
  sessionStorage.clear();
  return { ticket, code };
}

const dayBefore = (day: string, n: number) =>
  new Date(new Date(`${day}T12:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

describe('back office and widget: a request from question to rating', function () {
  this.timeout(180_000);

  afterEach(() => staff({ op: 'close' }));

  it('citizen files in the widget, agent asks, citizen replies, agent answers with a PDF, citizen downloads and rates, supervisor sees it', async () => {
    const { ticket, code } = await fileInWidget();

    // The agent finds it by its ticket and asks for information.
    await staff({ op: 'open', path: '/staff/' });
    await signIn('agente@mdt.demo');
    await staff({ op: 'wait', selector: 'pierce/table', timeout: 20_000 });
    await staff({ op: 'fill', selector: 'pierce/#search', text: ticket });
    await staff({ op: 'press', key: 'Enter' });
    await staff({ op: 'wait', selector: 'pierce/h1', text: ticket });
    await expectAccessible('request');
    await chooseAction('Pedir información');
    await staff({ op: 'fill', selector: 'pierce/#note', text: '¿Cuál es el número de su contrato?' });
    // The dialog offers files too, with the catalog's limits.
    expect(await text('pierce/#files-hint')).to.contain('PDF');
    await expectAccessible('ask for information');
    await staff({ op: 'click', selector: 'pierce/dialog button[type=submit]' });
    await staff({ op: 'wait', selector: 'pierce/#done', text: 'Esperando información' });
    // The keyboard goes to the tab in front: the back office's closes while the citizen types.
    await staff({ op: 'close' });

    // The citizen answers in the widget's status view.
    const asked = await openStatus(ticket, code, 'es');
    expect(textOf(asked, '.question')).to.equal('¿Cuál es el número de su contrato?');
    await fillText(asked, 'f-reply-message', 'Es el contrato 2026-7781.');
    await pressButton(asked, 'Enviar respuesta');
    await until(
      () => textOf(asked, '#action-notice')?.includes('Su respuesta fue enviada'),
      'the reply sent',
    );
    asked.remove();

    // The agent sees the reply, and answers with a PDF letter.
    await staff({ op: 'open', path: '/staff/' });
    await signIn('agente@mdt.demo');
    await staff({ op: 'wait', selector: 'pierce/table', timeout: 20_000 });
    await staff({ op: 'goto', path: `/staff/requests/${ticket}` });
    await staff({ op: 'wait', selector: 'pierce/#history-title + table', text: 'Es el contrato 2026-7781.' });
    // The history is drawn again once the request is read back: wait for it, not the notice.
    await staff({ op: 'wait', selector: 'pierce/#history-title + table', text: 'El ciudadano' });
    await chooseAction('Responder');
    await staff({
      op: 'fill',
      selector: 'pierce/#note',
      text: 'Registramos su contrato; adjuntamos el oficio.',
    });
    // A file of a type the institution does not take is refused beside its name, and blocks confirming.
    await staff({ op: 'upload', selector: 'pierce/#files', files: [{ name: 'nota.txt', text: 'x' }] });
    await staff({ op: 'wait', selector: 'pierce/dialog ul.files li', text: 'no es de un tipo aceptado' });
    await staff({ op: 'click', selector: 'pierce/dialog button[type=submit]' });
    expect(await text('pierce/#error-summary')).to.contain('Quite los archivos que no se pudieron subir.');
    await expectAccessible('answer with a refused file');
    await staff({ op: 'click', selector: 'pierce/dialog ul.files button' });
    await staff({
      op: 'upload',
      selector: 'pierce/#files',
      files: [{ name: 'oficio-respuesta.pdf', text: 'Oficio MDT' }],
    });
    await staff({ op: 'wait', selector: 'pierce/dialog ul.files li', text: 'Subido' });
    expect(await text('pierce/.preview')).to.contain('Con 1 archivo(s) adjunto(s)');
    await expectAccessible('answer with a file');
    await staff({ op: 'click', selector: 'pierce/dialog button[type=submit]' });
    await staff({ op: 'wait', selector: 'pierce/#done', text: 'Respondida' });
    const history = await text('pierce/#history-title + table');
    expect(history).to.contain('oficio-respuesta.pdf');
    expect(history).to.match(/oficio-respuesta\.pdf \(PDF, \d+ KB\)/);
    await expectAccessible('request with a file');

    // Staff download it: the bytes are the PDF's.
    await staff({ op: 'capture-downloads' });
    await staff({ op: 'click', selector: 'pierce/button.link' });
    await staff({ op: 'wait', selector: 'pierce/h1', text: ticket });
    let staffDownloads: { name: string; head: string; size: number }[] = [];
    for (let i = 0; i < 50 && !staffDownloads.length; i++) {
      staffDownloads = await staff({ op: 'downloads' });
      if (!staffDownloads.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(staffDownloads.map((d) => [d.name, d.head])).to.deep.equal([['oficio-respuesta.pdf', '%PDF-']]);

    await staff({ op: 'close' });

    // The citizen reads the answer, downloads the letter and rates it.
    const answered = await openStatus(ticket, code, 'es');
    await until(() => textOf(answered, '.timeline')?.includes('oficio-respuesta.pdf'), 'the letter');
    expect(textOf(answered, '.response')).to.equal('Registramos su contrato; adjuntamos el oficio.');
    const clicked: HTMLAnchorElement[] = [];
    const watch = (event: Event) => {
      const link = event.target as HTMLAnchorElement;
      if (link.download) {
        clicked.push(link);
        event.preventDefault(); // the bytes are checked here; nothing is written to disk
      }
    };
    document.addEventListener('click', watch, true);
    try {
      await tabTo(
        answered,
        (e) =>
          e.getAttribute('part') === 'download-button' &&
          Boolean(e.textContent?.includes('oficio-respuesta.pdf')),
        'the download button',
      );
      await press('Enter');
      const link = await until(() => clicked[0], 'the download');
      expect(link.download).to.equal('oficio-respuesta.pdf');
      const bytes = new Uint8Array(await (await fetch(link.href)).arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).to.equal('%PDF-');
      expect(bytes.length).to.equal(staffDownloads[0]?.size);
    } finally {
      document.removeEventListener('click', watch, true);
    }
    await chooseRadio(answered, 'f-rate-resolved', 'yes');
    await chooseRadio(answered, 'f-rate-rating', '5');
    await pressButton(answered, 'Enviar calificación');
    await until(
      () => textOf(answered, '#action-notice') === 'Gracias por calificar la respuesta.',
      'the thanks',
    );
    expect(find(answered, '#action-rate')).to.not.exist;
    expect(root(answered).querySelector('.rated')).to.exist;
    answered.remove();

    // The supervisor sees the rating among the reports' satisfaction figures, for the day it was filed.
    const filed = ((await staffRequest(ticket)).body as unknown as { createdAt: string }).createdAt.slice(
      0,
      10,
    );
    await staff({ op: 'open', path: '/staff/' });
    await signIn('supervisor@mdt.demo');
    // Its worklist may be empty (the request is answered): the inbox's heading says it is there.
    await staff({ op: 'wait', selector: 'pierce/h1', text: 'Bandeja' });
    await staff({
      op: 'goto',
      path: `/staff/reports?from=${dayBefore(filed, -1)}&to=${dayBefore(filed, 1)}`,
    });
    await staff({ op: 'wait', selector: 'pierce/canvas#chart-satisfaction' });
    const stars = await staff<string[]>({
      op: 'texts',
      selector: 'pierce/#title-satisfaction ~ table tbody tr',
    });
    const five = stars.find((row) => row.startsWith('5'));
    expect(Number(five?.split(' ').at(-1))).to.be.greaterThan(0);
    const summary = await text('pierce/#title-satisfaction-summary ~ table');
    expect(summary).to.match(/Respuestas calificadas\s*[1-9]/);
    expect(summary).to.match(/Calificación promedio \(1 a 5\)\s*\d/);
    for (const id of ['per-week', 'days', 'overdue-unit', 'satisfaction'])
      await staff({ op: 'wait', selector: `pierce/canvas#chart-${id}` });
    await expectAccessible('reports with every chart');
  });
});
