// The life of a request as the citizen sees it in the BUILT widget, against the real server: staff
// steps run server-side (life-helpers.ts). The tests run in order on one server whose clock only
// moves forward (`advanceClock`): those that check hand-computed dates come before those that move it.
import { expect } from '@open-wc/testing';
import {
  active,
  chooseRadio,
  fillText,
  find,
  mount,
  press,
  root,
  setApiDown,
  staffEvent,
  tabTo,
  textOf,
  until,
  type Widget,
} from './helpers.ts';
import {
  advanceClock,
  fileComplaint,
  openStatus,
  staffExtend,
  staffRequest,
  staffTransfer,
  sweepReplyDeadlines,
} from './life-helpers.ts';

const pressButton = async (el: Widget, label: string) => {
  await tabTo(el, (e) => e.tagName === 'BUTTON' && e.textContent?.trim() === label, `the ${label} button`);
  await press('Enter');
};
const resultText = (el: Widget) => textOf(el, '.status-result')?.replace(/\s+/g, ' ') ?? '';

describe('the status view: extensions', () => {
  it('shows the new date and its reason, and the original due date', async () => {
    const { ticket, code, dueDate } = await fileComplaint();
    expect(dueDate).to.equal('2027-01-07');
    // EC allows up to half the term more (COA art. 161): 15 business days; 10 here.
    const extended = await staffExtend(
      ticket,
      '2027-01-21',
      'Se requiere un informe técnico de la inspección.',
    );
    expect(extended.status).to.equal(201);
    const el = await openStatus(ticket, code, 'es');
    expect(textOf(el, '[data-due-date]')).to.equal('jueves, 21 de enero de 2027');
    expect(textOf(el, '[data-original-due-date]')).to.equal('jueves, 7 de enero de 2027');
    const extensions = textOf(el, '.extensions')?.replace(/\s+/g, ' ');
    expect(extensions).to.contain('Plazo ampliado hasta el jueves, 21 de enero de 2027');
    expect(extensions).to.contain('Motivo: Se requiere un informe técnico de la inspección.');
    await expect(el).to.be.accessible();
  });
});

describe('the status view: the citizen answers a request for information', () => {
  afterEach(() => sessionStorage.clear());

  it('shows the question and its deadline; the answer goes back to in progress, moves the due date and reaches the staff', async () => {
    const { ticket, code } = await fileComplaint();
    expect(await staffEvent(ticket, 'needs_info', 'Adjunte el número de su contrato.')).to.equal(201);
    // A week later (Tuesday 1 December 2026) the citizen answers.
    await advanceClock(7);

    const el = await openStatus(ticket, code, 'es');
    expect(textOf(el, '.status-tag')).to.equal('Necesita información');
    expect(textOf(el, '.question')).to.equal('Adjunte el número de su contrato.');
    // EC: the citizen has 10 business days (Código Orgánico Administrativo art. 140): 25, 26, 27, 30
    // Nov, 1–4 Dec, 7 and 8 Dec 2026.
    expect(resultText(el)).to.contain('Responda hasta el martes, 8 de diciembre de 2026.');
    expect(textOf(el, '.timeline')).to.contain('por la institución');
    await expect(el).to.be.accessible();

    // Send with nothing written: the error summary takes focus and links to the field.
    await pressButton(el, 'Enviar respuesta');
    await until(() => find(el, '#action-reply .error-summary'), 'the error summary');
    expect(active(el).classList.contains('error-summary')).to.equal(true);
    expect(textOf(el, '#action-reply .error-summary')).to.contain('Escriba su respuesta a la institución.');
    await expect(el).to.be.accessible();

    // The server is unreachable: the answer stays in its field, and a retry sends it.
    await fillText(el, 'f-reply-message', 'El contrato es el número 2026-4411.');
    await setApiDown(true);
    await pressButton(el, 'Enviar respuesta');
    await until(() => find(el, '#action-reply .banner'), 'the network failure');
    expect(textOf(el, '#action-reply .banner')).to.contain('Lo que escribió se conserva');
    expect(find(el, '#f-reply-message')?.value).to.equal('El contrato es el número 2026-4411.');
    await setApiDown(false);
    await pressButton(el, 'Intentar de nuevo');
    await until(() => active(el)?.id === 'action-notice', 'the confirmation, focused');
    expect(textOf(el, '#action-notice')).to.equal(
      'Su respuesta fue enviada. La institución sigue con su solicitud.',
    );
    expect(textOf(el, '.status-tag')).to.equal('En trámite');
    expect(find(el, '#f-reply-message')).to.not.exist;
    expect(textOf(el, '.timeline')).to.contain('por usted');
    await expect(el).to.be.accessible();

    // The staff side: the reply in the history, the inbox's "citizen replied" mark, and the due date
    // moved by the pause. EC suspends the term (COA art. 162 num. 1) from the request (Tue 24 Nov)
    // to the answer (Tue 1 Dec): 25, 26, 27, 30 Nov and 1 Dec are 5 business days, so the original
    // Thursday 7 January 2027 (30 business days from 25 Nov, 25 Dec and 1 Jan being holidays)
    // becomes Thursday 14 January 2027.
    const staff = (await staffRequest(ticket)).body;
    expect(staff.status).to.equal('in_progress');
    expect(staff.citizenRepliedAt).to.be.a('string');
    // The citizen's answer reaches staff only (an internal note of the citizen's event), never the lookup.
    const reply = staff.events.find((e) => e.internalNote === 'El contrato es el número 2026-4411.');
    expect(reply?.actor).to.equal('citizen');
    expect(resultText(el)).not.to.contain('2026-4411');
    expect(staff.originalDueDate).to.equal('2027-01-07');
    expect(staff.dueDate).to.equal('2027-01-14');
    expect(textOf(el, '[data-due-date]')).to.equal('jueves, 14 de enero de 2027');
    expect(textOf(el, '[data-original-due-date]')).to.equal('jueves, 7 de enero de 2027');
  });

  it('says so clearly when the institution stopped waiting for an answer, and keeps what was written (en)', async () => {
    const { ticket, code } = await fileComplaint();
    expect(await staffEvent(ticket, 'needs_info', 'Which office did you visit?')).to.equal(201);
    const el = await openStatus(ticket, code, 'en');
    const errors: string[] = [];
    el.addEventListener('cc-error', (event) => errors.push(event.detail.code));
    await fillText(el, 'f-reply-message', 'The office in Quito, on Amazonas avenue.');
    // Meanwhile staff go on without the answer.
    expect(await staffEvent(ticket, 'in_progress', 'We found it ourselves.')).to.equal(201);
    await pressButton(el, 'Send answer');
    await until(() => find(el, '#action-reply .banner'), 'the refusal');
    expect(textOf(el, '#action-reply .banner')).to.contain('no longer waiting for your answer');
    expect(errors).to.deep.equal(['not_awaiting_reply']);
    expect(find(el, '#f-reply-message')?.value).to.equal('The office in Quito, on Amazonas avenue.');
    expect(active(el).classList.contains('banner')).to.equal(true);
    await expect(el).to.be.accessible();

    // A reload keeps it too (the draft is kept per request).
    el.remove();
    const again = await openStatus(ticket, code, 'en');
    expect(textOf(again, '.status-tag')).to.equal('In progress');
    expect(
      sessionStorage.getItem(Object.keys(sessionStorage).find((k) => k.includes(ticket)) ?? ''),
    ).to.contain('Amazonas');
  });
});

describe('the status view: withdrawing', () => {
  afterEach(() => sessionStorage.clear());

  it('asks for confirmation, saying what happens, then withdraws with the reason', async () => {
    const { ticket, code } = await fileComplaint();
    const el = await openStatus(ticket, code, 'es');
    await pressButton(el, 'Retirar esta solicitud');
    await until(() => find(el, '#withdraw-title'), 'the confirmation');
    expect(active(el).id).to.equal('withdraw-title');
    expect(textOf(el, '#withdraw-explain')).to.contain('dejará de tramitarla y no le responderá');
    await expect(el).to.be.accessible();

    // "No" leaves everything as it was, focus back on the button.
    await pressButton(el, 'No, mantenerla');
    await until(() => !find(el, '#withdraw-title'), 'the confirmation to close');
    expect(active(el).id).to.equal('withdraw-open');

    await press('Enter');
    await until(() => find(el, '#f-withdraw-reason'), 'the confirmation again');
    await fillText(el, 'f-withdraw-reason', 'Mi empleador ya registró el contrato.');
    await pressButton(el, 'Sí, retirar la solicitud');
    await until(() => active(el)?.id === 'action-notice', 'the withdrawal');
    expect(textOf(el, '#action-notice')).to.contain('Su solicitud fue retirada');
    expect(textOf(el, '.status-tag')).to.equal('Desistida');
    expect(find(el, '#withdraw-open')).to.not.exist;
    await expect(el).to.be.accessible();
    const staff = (await staffRequest(ticket)).body;
    expect(staff.status).to.equal('withdrawn');
    expect(JSON.stringify(staff.events)).to.contain('Mi empleador ya registró el contrato.');
  });
});

describe('the status view: rating the answer', () => {
  afterEach(() => sessionStorage.clear());

  it("opens on the rating form from the answer mail's link, and rates once with the keyboard", async () => {
    const { ticket, code } = await fileComplaint();
    expect(await staffEvent(ticket, 'in_progress', 'En revisión.')).to.equal(201);
    expect(await staffEvent(ticket, 'answered', 'Su contrato fue registrado el 30 de noviembre.')).to.equal(
      201,
    );

    history.replaceState(
      null,
      '',
      `${location.pathname}${location.search}#ticket=${ticket}&code=${code}&rate=1`,
    );
    const el = await mount({ lang: 'es', mode: 'status' });
    await until(() => find(el, '#rate-title'), 'the rating form');
    await until(() => active(el)?.id === 'rate-title', 'focus on the rating form');
    expect(location.href).not.to.contain(code);
    expect(location.hash).to.equal('');
    expect(textOf(el, '.response')).to.equal('Su contrato fue registrado el 30 de noviembre.');
    await expect(el).to.be.accessible();

    // A second window, open on the same answer (to show the refusal of a second rating below).
    const other = await openStatus(ticket, code, 'en');

    await pressButton(el, 'Enviar calificación');
    await until(() => find(el, '#action-rate .error-summary'), 'the errors');
    const summary = textOf(el, '#action-rate .error-summary');
    expect(summary).to.contain('Diga si la respuesta resolvió su caso.');
    expect(summary).to.contain('Elija una calificación del 1 al 5.');
    await expect(el).to.be.accessible();

    await chooseRadio(el, 'f-rate-resolved', 'yes');
    await chooseRadio(el, 'f-rate-rating', '4');
    await fillText(el, 'f-rate-comment', 'Rápido y claro.');
    await pressButton(el, 'Enviar calificación');
    await until(() => active(el)?.id === 'action-notice', 'the thanks');
    expect(textOf(el, '#action-notice')).to.equal('Gracias por calificar la respuesta.');
    expect(textOf(el, '.rated')).to.contain('ya calificó');
    expect(find(el, '#action-rate')).to.not.exist;
    await expect(el).to.be.accessible();

    // The other window did not know: its rating is refused, clearly, and its choices stay.
    await chooseRadio(other, 'f-rate-resolved', 'no');
    await chooseRadio(other, 'f-rate-rating', '2');
    await pressButton(other, 'Send rating');
    await until(() => find(other, '#action-rate .banner'), 'the refusal');
    expect(textOf(other, '#action-rate .banner')).to.contain('can be rated only once');
    expect(root(other).querySelector<HTMLInputElement>('#f-rate-rating-1')?.checked).to.equal(true);
  });

  it('offers no rating before the answer', async () => {
    const { ticket, code } = await fileComplaint();
    const el = await openStatus(ticket, code, 'en');
    expect(find(el, '#action-rate')).to.not.exist;
    expect(find(el, '#withdraw-open')).to.exist;
  });
});

describe('the status view at a phone width', () => {
  it('fits 320 px with the reply form', async () => {
    const { ticket, code } = await fileComplaint();
    expect(await staffEvent(ticket, 'needs_info', 'Indique la fecha.')).to.equal(201);
    const el = await openStatus(ticket, code, 'es');
    el.style.display = 'block';
    el.style.width = '320px';
    await el.updateComplete;
    const section = find(el, '.status-result') as unknown as HTMLElement;
    expect(section.scrollWidth).to.be.at.most(320);
  });
});

describe('the status view: a transfer MDT → MSP', () => {
  it('follows the request to the competent institution with the same tracking code', async () => {
    const { ticket, code } = await fileComplaint();
    const moved = await staffTransfer(
      ticket,
      { to: 'MSP' },
      'La atención médica corresponde al Ministerio de Salud.',
    );
    expect(moved.status).to.equal(201);

    const el = await openStatus(ticket, code, 'es');
    expect(textOf(el, '.status-tag')).to.equal('Trasladada a otra institución');
    expect(resultText(el)).to.contain('Su solicitud fue trasladada a Ministerio de Salud Pública');
    const button = find(el, '[data-linked]') as HTMLInputElement;
    const linked = button.dataset.linked as string;
    expect(linked).to.match(/^MSP-QUE-\d{4}-\d{5}$/);
    expect(button.textContent?.trim()).to.equal(`Ver la solicitud ${linked}`);
    await expect(el).to.be.accessible();

    await pressButton(el, `Ver la solicitud ${linked}`);
    await until(() => textOf(el, '#status-result-title') === linked, 'the linked request');
    expect(active(el).id).to.equal('status-result-title');
    expect(find(el, '#f-ticket')?.value).to.equal(linked);
    expect(textOf(el, '.status-tag')).to.equal('Recibida');
    expect(resultText(el)).to.contain(
      `Esta solicitud llegó trasladada desde Ministerio del Trabajo (${ticket}).`,
    );
    await expect(el).to.be.accessible();

    // And back, still with the same code.
    await pressButton(el, `Ver la solicitud ${ticket}`);
    await until(() => textOf(el, '#status-result-title') === ticket, 'the original request');
  });
});

describe('the status view: a transfer off the platform', () => {
  it('names the receiving entity, with no link to follow (en)', async () => {
    const { ticket, code } = await fileComplaint();
    const moved = await staffTransfer(
      ticket,
      { toName: 'Instituto Ecuatoriano de Seguridad Social' },
      'Es afiliación.',
    );
    expect(moved.status).to.equal(201);
    const el = await openStatus(ticket, code, 'en');
    expect(textOf(el, '.status-tag')).to.equal('Transferred to another institution');
    expect(resultText(el)).to.contain(
      'Your request was transferred to Instituto Ecuatoriano de Seguridad Social, which is not on this platform.',
    );
    expect(find(el, '[data-linked]')).to.not.exist;
    expect(find(el, '#withdraw-open')).to.not.exist;
    await expect(el).to.be.accessible();
  });
});

describe('the status view: no answer in time', () => {
  it('shows the tacit withdrawal as the system’s doing', async () => {
    const { ticket, code } = await fileComplaint();
    expect(await staffEvent(ticket, 'needs_info', 'Indique la dirección de su lugar de trabajo.')).to.equal(
      201,
    );
    // EC gives 10 business days to answer (COA art. 140); three weeks later, nothing came.
    await advanceClock(21);
    const swept = await sweepReplyDeadlines();
    expect(swept.withdrawn).to.include(ticket);
    const el = await openStatus(ticket, code, 'es');
    expect(textOf(el, '.status-tag')).to.equal('Desistida');
    const last = [...root(el).querySelectorAll('.timeline li')].at(-1)?.textContent?.replace(/\s+/g, ' ');
    expect(last).to.contain('Desistida automáticamente por el sistema');
    expect(find(el, '#action-reply')).to.not.exist;
    expect(find(el, '#withdraw-open')).to.not.exist;
    await expect(el).to.be.accessible();
  });
});

describe('the status view: what changed in the meantime', () => {
  afterEach(() => sessionStorage.clear());

  it('explains a withdrawal refused because the request was answered meanwhile (not_open)', async () => {
    const { ticket, code } = await fileComplaint();
    const el = await openStatus(ticket, code, 'es');
    await pressButton(el, 'Retirar esta solicitud');
    await fillText(el, 'f-withdraw-reason', 'Ya no lo necesito.');
    expect(await staffEvent(ticket, 'answered', 'Registramos su contrato.')).to.equal(201);
    await pressButton(el, 'Sí, retirar la solicitud');
    await until(() => find(el, '#action-withdraw .banner'), 'the refusal');
    expect(textOf(el, '#action-withdraw .banner')).to.equal(
      'Esta solicitud ya no está abierta (fue respondida, cerrada o retirada): no se puede retirar.',
    );
    expect(find(el, '#f-withdraw-reason')?.value).to.equal('Ya no lo necesito.');
    await expect(el).to.be.accessible();
  });

  it('explains a rating refused because the institution reopened the request (not_answered)', async () => {
    const { ticket, code } = await fileComplaint();
    expect(await staffEvent(ticket, 'answered', 'Registramos su contrato.')).to.equal(201);
    const el = await openStatus(ticket, code, 'es');
    await chooseRadio(el, 'f-rate-resolved', 'no');
    await chooseRadio(el, 'f-rate-rating', '1');
    expect(await staffEvent(ticket, 'in_progress', 'Reabrimos el caso.')).to.equal(201);
    await pressButton(el, 'Enviar calificación');
    await until(() => find(el, '#action-rate .banner'), 'the refusal');
    expect(textOf(el, '#action-rate .banner')).to.equal(
      'Solo puede calificar la respuesta cuando la institución haya respondido.',
    );
    expect(root(el).querySelector<HTMLInputElement>('#f-rate-rating')?.checked).to.equal(true);
  });
});
