// The request screen's own dialogs, driven only by labels and roles (the screen is being split into
// modules with the same DOM and labels): a supervisor extends the deadline, assigns the request to
// another unit and transfers it to another institution, reading each time what the citizen will
// receive; the results show on the screen (the history lists the extension and the assignment
// too) and through the API (and the audit log for the assignment, which the citizen never hears of).
import { expect } from '@open-wc/testing';
import { advanceClock, fileComplaint, staffRequest } from './life-helpers.ts';
import { expectAccessible, signIn, staff, text } from './staff-helpers.ts';

const texts = (selector: string) => staff<string[]>({ op: 'texts', selector });

/** Opens the dialog of the action button named `label`. */
async function openDialog(label: string) {
  await staff({ op: 'click', selector: `aria/${label}[role="button"]` });
  await staff({ op: 'wait', selector: `aria/Confirmar: ${label}[role="dialog"]` });
}

/** The region "Qué recibirá el ciudadano" of the open dialog. */
const citizenReceives = () => text('aria/Qué recibirá el ciudadano[role="region"]');

const confirm = () => staff({ op: 'click', selector: 'aria/Confirmar y enviar[role="button"]' });

/** The server's clock is fixed: a minute on before each action gives each its own time in the history. */
const aMinuteLater = () => advanceClock(1 / 1440);

const plusDays = (day: string, n: number) =>
  new Date(new Date(`${day}T12:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/** As es-EC's medium date style writes it (staff/locales formatDate): "14 ene 2027". */
const shown = (day: string) =>
  new Intl.DateTimeFormat('es-EC', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );

async function openAs(email: string, path: string) {
  await staff({ op: 'open', path: '/staff/' });
  await signIn(email);
  await staff({ op: 'wait', selector: 'pierce/.who', timeout: 20_000 });
  await staff({ op: 'goto', path });
}

describe("the request's dialogs: extend, assign, transfer", function () {
  this.timeout(180_000);

  afterEach(() => staff({ op: 'close' }));

  it('a supervisor extends the deadline, assigns it to another unit and transfers it to MSP', async () => {
    const { ticket, dueDate } = await fileComplaint();
    const extended = plusDays(dueDate, 7);
    await openAs('supervisor@mdt.demo', `/staff/requests/${ticket}`);
    await staff({ op: 'wait', selector: 'aria/Extender el plazo[role="button"]' });
    await expectAccessible('the request');

    // Extend: a new date after the current one, and the reason the citizen is told.
    await aMinuteLater();
    await openDialog('Extender el plazo');
    // The label focuses the date field, on its first part; Chromium's (en-US) order is month, day, year.
    await staff({ op: 'click', selector: 'pierce/label[for="dueDate"]' });
    const [year, month, day] = extended.split('-');
    await staff({ op: 'type', text: `${month}${day}${year}` });
    await staff({
      op: 'fill',
      selector: 'aria/Motivo de la extensión (se le dirá al ciudadano)',
      text: 'Se requiere el informe de la inspección.',
    });
    const extension = await citizenReceives();
    expect(extension).to.contain('Correo: ana.quispe@example.org.');
    expect(extension).to.contain(`La nueva fecha de vencimiento, ${shown(extended)}, y este motivo:`);
    expect(extension).to.contain('Se requiere el informe de la inspección.');
    await expectAccessible('the extension dialog');
    await confirm();
    await staff({ op: 'wait', selector: 'pierce/#summary-title + dl', text: 'Vencimiento original' });
    const summary = await texts('pierce/#summary-title + dl dd');
    expect(summary).to.include(shown(extended));
    expect(summary).to.include(shown(dueDate));
    const afterExtension = (await staffRequest(ticket)).body;
    expect(afterExtension.dueDate).to.equal(extended);
    expect(afterExtension.originalDueDate).to.equal(dueDate);

    // Assign to the control unit: internal, the citizen receives nothing.
    await aMinuteLater();
    await openDialog('Asignar');
    await staff({
      op: 'select',
      selector: 'aria/Unidad que la atiende',
      option: 'Dirección de control y denuncias',
    });
    expect(await citizenReceives()).to.contain('Nada: la asignación es interna');
    await expectAccessible('the assignment dialog');
    await confirm();
    await staff({
      op: 'wait',
      selector: 'pierce/[role="status"]',
      text: 'Listo: la solicitud quedó asignada.',
    });
    // The history lists the extension and the assignment among the status events, each saying who
    // did what (they are not status events: the API gives them as the request's `activity`).
    await staff({ op: 'wait', selector: 'pierce/#history-title + table', text: 'La asignó a la unidad' });
    const rows = await texts('pierce/#history-title + table tbody tr');
    const extensionRow = rows.find((row) => row.includes('Extendió el plazo')) ?? '';
    expect(extensionRow).to.contain(`Extendió el plazo del ${shown(dueDate)} al ${shown(extended)}`);
    expect(extensionRow).to.contain('Motivo dicho al ciudadano: Se requiere el informe de la inspección.');
    expect(extensionRow).to.contain('Usted');
    const assignmentRow = rows.find((row) => row.includes('La asignó')) ?? '';
    expect(assignmentRow).to.contain('La asignó a la unidad «Dirección de control y denuncias»');
    expect(assignmentRow).to.contain('Usted');
    await expectAccessible('the request, extended and assigned');

    // Transfer to the health ministry, with a note the citizen reads.
    await aMinuteLater();
    await openDialog('Trasladar a otra institución');
    await staff({
      op: 'select',
      selector: 'aria/Institución que recibe la solicitud',
      option: 'Ministerio de Salud Pública',
    });
    await staff({
      op: 'fill',
      selector: 'aria/Por qué se traslada (mensaje opcional para el ciudadano) (opcional)',
      text: 'La atención médica corresponde al Ministerio de Salud.',
    });
    const transfer = await citizenReceives();
    expect(transfer).to.contain(
      'El aviso de que su solicitud pasó a Ministerio de Salud Pública, con este mensaje:',
    );
    expect(transfer).to.contain('La atención médica corresponde al Ministerio de Salud.');
    await expectAccessible('the transfer dialog');
    await confirm();
    await staff({
      op: 'wait',
      selector: 'pierce/#history-title + table',
      text: 'Pasó a «Trasladada»',
    });
    expect(await text('pierce/#history-title + table')).to.contain(
      'La atención médica corresponde al Ministerio de Salud.',
    );
    await staff({ op: 'wait', selector: 'pierce/#summary-title + dl', text: 'Trasladada a' });
    expect((await texts('pierce/#summary-title + dl dd')).join(' ')).to.match(/\(MSP-[A-Z]{3}-\d{4}-\d{5}\)/);
    await expectAccessible('the request, transferred');
    // Oldest first: filed, extended, assigned, transferred.
    const order = (await texts('pierce/#history-title + table tbody tr td:last-child')).map((what) =>
      what.startsWith('Extendió')
        ? 'extended'
        : what.startsWith('La asignó')
          ? 'assigned'
          : what.split(' ')[0],
    );
    expect(order).to.deep.equal(['Presentó', 'extended', 'assigned', 'Pasó']);
    const moved = (await staffRequest(ticket)).body;
    expect(moved.status).to.equal('transferred');
    expect(moved.transferredTo).to.match(/^MSP-/);
    expect(moved.events.at(-1)?.note).to.equal('La atención médica corresponde al Ministerio de Salud.');

    // The assignment: the attention unit's agent no longer finds it, and the audit log has it.
    await openAs('agente@mdt.demo', `/staff/requests/${ticket}`);
    expect(await text('pierce/p[role="alert"]')).to.contain('No hay ninguna solicitud');
    await openAs('admin@mdt.demo', `/staff/audit?ticket=${ticket}`);
    await staff({ op: 'wait', selector: 'pierce/#audit', text: 'request.assign' });
  });
});
