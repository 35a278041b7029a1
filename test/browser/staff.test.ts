// The back office at /staff/ against the real server and database: sign-in, the inbox, a request
// and its actions, reports, and axe on every screen.
import { expect } from '@open-wc/testing';
import { valid } from '../fixtures/requests.ts';
import { expectAccessible, fileRequest, signIn, staff, text } from './staff-helpers.ts';

describe('back office', function () {
  this.timeout(120_000);

  afterEach(() => staff({ op: 'close' }));

  it('refuses a wrong password with the same words as an unknown email, and says it in the summary', async () => {
    await staff({ op: 'open', path: '/staff/' });
    expect(await staff({ op: 'url' })).to.match(/\/staff\/sign-in$/);
    await expectAccessible('sign-in');
    await signIn('agente@mdt.demo', 'not-the-password');
    const wrong = await text('pierce/#error-summary');
    expect(wrong).to.contain('El correo, la contraseña o el código no son correctos.');
    // The summary takes focus, so a screen reader reads it at once.
    expect((await staff<{ id: string }>({ op: 'focused' })).id).to.equal('error-summary');
    await expectAccessible('sign-in with an error');
    await signIn('nadie@mdt.demo', 'not-the-password');
    await staff({ op: 'wait', selector: 'pierce/#error-summary' });
    expect(await text('pierce/#error-summary')).to.equal(wrong);
  });

  it('validates the form before asking the server, with errors linked to their fields', async () => {
    await staff({ op: 'open', path: '/staff/sign-in' });
    await staff({ op: 'click', selector: 'pierce/button[type=submit]' });
    const summary = await text('pierce/#error-summary');
    expect(summary).to.contain('Escriba un correo electrónico');
    expect(summary).to.contain('Este campo es obligatorio.');
    expect(await text('pierce/#email-error')).to.contain('Escriba un correo electrónico');
  });

  it('switches between Spanish and English', async () => {
    await staff({ op: 'open', path: '/staff/sign-in' });
    expect(await text('pierce/h1')).to.equal('Iniciar sesión');
    await staff({ op: 'click', selector: 'pierce/button[lang=en]' });
    await staff({ op: 'wait', selector: 'pierce/h1', text: 'Sign in' });
    await expectAccessible('sign-in in English');
  });

  it('an agent signs in, finds a request filed through the API and asks the citizen for information', async () => {
    const { status, receipt } = await fileRequest('MDT', {
      ...valid.mdtComplaint.body,
      subject: 'Contrato sin registrar (back office)',
    });
    expect(status).to.equal(201);
    await staff({ op: 'open', path: '/staff/' });
    await signIn('agente@mdt.demo');
    await staff({ op: 'wait', selector: 'pierce/table', timeout: 20_000 });
    expect(await text('pierce/.who')).to.contain('Agente MDT');
    const tickets = await staff<string[]>({ op: 'texts', selector: 'pierce/tbody td:first-child' });
    expect(tickets).to.include(receipt.ticket);
    // The worklist by due date: each row with its due date and business days left.
    expect(await text('pierce/caption')).to.contain('vencidas primero');
    expect(await text('pierce/tbody tr')).to.match(/\d+ días hábiles/);
    await expectAccessible('inbox');

    // Search by ticket opens the request.
    await staff({ op: 'fill', selector: 'pierce/#search', text: receipt.ticket.toLowerCase() });
    await staff({ op: 'press', key: 'Enter' });
    await staff({ op: 'wait', selector: 'pierce/h1', text: receipt.ticket });
    expect(await staff({ op: 'url' })).to.contain(`/staff/requests/${receipt.ticket}`);
    expect(await text('pierce/#citizen-title + dl')).to.contain('Ana Quispe');
    await expectAccessible('request');

    // Ask for information: the dialog says what the citizen will receive before anything is sent.
    await staff({ op: 'click', selector: 'pierce/.action-list button', index: 1 });
    await staff({ op: 'wait', selector: 'pierce/dialog[open]' });
    expect(await text('pierce/#dialog-title')).to.equal('Confirmar: Pedir información');
    await staff({ op: 'click', selector: 'pierce/dialog button[type=submit]' });
    expect(await text('pierce/#error-summary')).to.contain('Escriba el mensaje para el ciudadano.');
    await staff({
      op: 'fill',
      selector: 'pierce/#note',
      text: 'Adjunte una copia de su contrato, por favor.',
    });
    const preview = await text('pierce/.preview');
    expect(preview).to.contain('Un correo a ana.quispe@example.org');
    expect(preview).to.contain('Adjunte una copia de su contrato, por favor.');
    await expectAccessible('confirmation dialog');
    await staff({ op: 'click', selector: 'pierce/dialog button[type=submit]' });
    await staff({ op: 'wait', selector: 'pierce/#done', text: 'Esperando información' });
    // The history is drawn again once the request is read back: wait for it, not the notice.
    await staff({
      op: 'wait',
      selector: 'pierce/#history-title + table',
      text: 'Adjunte una copia de su contrato',
    });
    expect(await text('pierce/#summary-title + dl')).to.contain('Esperando información');
    // The history says who did it: the signed-in agent.
    await staff({ op: 'wait', selector: 'pierce/#history-title + table', text: 'Usted' });

    // The inbox filter by status finds it among the requests awaiting information.
    await staff({ op: 'goto', path: '/staff/?status=needs_info' });
    await staff({ op: 'wait', selector: 'pierce/table' });
    expect(await staff<string[]>({ op: 'texts', selector: 'pierce/tbody td:first-child' })).to.include(
      receipt.ticket,
    );
  });

  it('a supervisor answers a request; Escape closes a dialog and gives focus back to its button', async () => {
    const { receipt } = await fileRequest('MDT', valid.mdtComplaint.body);
    await staff({ op: 'open', path: '/staff/' });
    await signIn('supervisor@mdt.demo');
    await staff({ op: 'wait', selector: 'pierce/table' });
    await staff({ op: 'goto', path: `/staff/requests/${receipt.ticket}` });
    await staff({ op: 'wait', selector: 'pierce/.action-list button' });
    const actions = await staff<string[]>({ op: 'texts', selector: 'pierce/.action-list button' });
    // The moves of TRANSITIONS from `received` that are the staff's, then extending and assigning.
    expect(actions).to.deep.equal([
      'Iniciar el trámite',
      'Pedir información',
      'Trasladar a otra institución',
      'Responder',
      'Extender el plazo',
      'Cerrar',
      'Asignar',
    ]);
    await staff({ op: 'click', selector: 'pierce/.action-list button', index: 5 });
    await staff({ op: 'wait', selector: 'pierce/dialog[open]' });
    await staff({ op: 'press', key: 'Escape' });
    expect((await staff<{ text: string }>({ op: 'focused' })).text).to.equal('Cerrar');
    await staff({ op: 'click', selector: 'pierce/.action-list button', index: 3 });
    await staff({ op: 'wait', selector: 'pierce/dialog[open]' });
    await staff({ op: 'type', text: 'Su contrato quedó registrado en el SUT.' });
    expect(await text('pierce/.preview')).to.contain(
      'Un correo a ana.quispe@example.org con el nuevo estado «Respondida»',
    );
    await staff({ op: 'click', selector: 'pierce/dialog button[type=submit]' });
    await staff({ op: 'wait', selector: 'pierce/#done', text: 'Respondida' });
    await staff({
      op: 'wait',
      selector: 'pierce/#history-title + table',
      text: 'Su contrato quedó registrado en el SUT.',
    });
    // Answered: reopen or close, nothing else of the machine.
    const after = await staff<string[]>({ op: 'texts', selector: 'pierce/.action-list button' });
    expect(after).to.deep.equal(['Reabrir', 'Cerrar', 'Asignar']);
  });

  it('a supervisor sees the figures as charts, tables and CSV', async () => {
    await staff({ op: 'open', path: '/staff/' });
    await signIn('supervisor@mdt.demo');
    await staff({ op: 'wait', selector: 'pierce/table' });
    await staff({ op: 'click', selector: 'pierce/nav a[href="/staff/reports"]' });
    await staff({ op: 'wait', selector: 'pierce/canvas#chart-by-type' });
    expect(await text('pierce/.kpis')).to.contain('Solicitudes recibidas');
    expect(await text('pierce/#title-by-type ~ table')).to.contain('Queja');
    const links = await staff<string[]>({ op: 'texts', selector: 'pierce/a[download]' });
    expect(links.some((link) => link.startsWith('Descargar esta tabla (CSV)'))).to.equal(true);
    await expectAccessible('reports');
  });

  it('the password reset, invitation and second-factor screens pass axe at a tablet’s width', async () => {
    await staff({ op: 'open', path: '/staff/forgot', width: 768 });
    await expectAccessible('forgot');
    await staff({ op: 'fill', selector: 'pierce/#email', text: 'nadie@mdt.demo' });
    await staff({ op: 'press', key: 'Enter' });
    // The same answer whether or not the account exists.
    await staff({ op: 'wait', selector: 'pierce/#sent', text: 'Si hay una cuenta con ese correo' });
    await expectAccessible('forgot, sent');
    await staff({ op: 'goto', path: '/staff/reset' });
    expect(await text('pierce/[role=alert]')).to.contain('Este enlace no está completo');
    // The link of the mail, opened in a new tab.
    await staff({ op: 'open', path: '/staff/reset#token=not-a-real-token', width: 768 });
    // The token leaves the address bar at once.
    expect(await staff({ op: 'url' })).to.match(/\/staff\/reset$/);
    await expectAccessible('reset form');
    await staff({ op: 'fill', selector: 'pierce/#password', text: 'una frase bastante larga' });
    await staff({ op: 'fill', selector: 'pierce/#confirm', text: 'una frase bastante larga' });
    await staff({ op: 'press', key: 'Enter' });
    expect(await text('pierce/#error-summary')).to.contain('venció o ya se usó');
    await staff({ op: 'open', path: '/staff/invitation#token=not-a-real-token', width: 768 });
    await expectAccessible('invitation form');
    await signInFromScratch('agente@mdt.demo');
    await staff({ op: 'goto', path: '/staff/security' });
    await staff({ op: 'click', selector: 'pierce/#start' });
    await staff({ op: 'wait', selector: 'pierce/#secret' });
    await expectAccessible('TOTP enrolment');
  });
});

async function signInFromScratch(email: string) {
  await staff({ op: 'goto', path: '/staff/sign-in' });
  await signIn(email);
  await staff({ op: 'wait', selector: 'pierce/table' });
}
