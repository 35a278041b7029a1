// The institution's administration at /staff/people, /staff/units, /staff/tokens and /staff/audit
// against the real server and database, by the demo institution_admin and auditor of MDT.
import { expect } from '@open-wc/testing';
import { expectAccessible, signIn, staff, text } from './staff-helpers.ts';

const texts = (selector: string) => staff<string[]>({ op: 'texts', selector });

async function openAs(email: string, path: string, width = 1280) {
  await staff({ op: 'open', path: '/staff/', width });
  await signIn(email);
  await staff({ op: 'wait', selector: 'pierce/.who', timeout: 20_000 });
  await staff({ op: 'goto', path });
}

describe("the institution's administration", function () {
  this.timeout(180_000);

  afterEach(() => staff({ op: 'close' }));

  it('people: lists the accounts, validates and sends an invitation with role and units, disables and changes units', async () => {
    await openAs('admin@mdt.demo', '/staff/people');
    await staff({ op: 'wait', selector: 'pierce/#people', text: 'agente@mdt.demo' });
    expect(await text('pierce/h1')).to.equal('Personas');
    await expectAccessible('people');

    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    const summary = await text('pierce/#error-summary');
    expect(summary).to.contain('Escriba el nombre de la persona');
    expect(summary).to.contain('Escriba un correo válido');
    expect((await staff<{ id: string }>({ op: 'focused' })).id).to.equal('error-summary');
    await expectAccessible('people with errors');

    await staff({ op: 'fill', selector: 'pierce/#name', text: 'Agente Nueva' });
    await staff({ op: 'fill', selector: 'pierce/#email', text: 'agente.nueva@mdt.example' });
    await staff({ op: 'click', selector: 'pierce/input[id^="invite-unit-"]' });
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    expect(await text('pierce/#notice')).to.equal('Se envió la invitación a agente.nueva@mdt.example.');
    const row = 'pierce/tr[data-email="agente.nueva@mdt.example"]';
    expect(await text(row)).to.contain('Invitada');
    expect(await text(row)).to.contain('Agente');

    await staff({ op: 'click', selector: `${row} button[data-action="toggle"]` });
    await staff({ op: 'wait', selector: row, text: 'Desactivada' });
    await staff({ op: 'click', selector: `${row} button[data-action="toggle"]` });
    await staff({ op: 'wait', selector: row, text: 'Invitada' });

    await staff({ op: 'click', selector: `${row} button[data-action="edit"]` });
    expect((await staff<{ id: string }>({ op: 'focused' })).id).to.equal('edit-title');
    await staff({ op: 'click', selector: 'pierce/input[id^="edit-unit-"]' });
    await staff({ op: 'click', selector: 'pierce/input[id^="edit-unit-"]', index: 1 });
    await expectAccessible('people, changing units');
    await staff({
      op: 'click',
      selector: 'pierce/section[aria-labelledby="edit-title"] button[type=submit]',
    });
    await staff({ op: 'wait', selector: 'pierce/#notice', text: 'Cambios guardados.' });
  });

  it('units: adds a unit under another, renames it, and shows the routing of services', async () => {
    await openAs('admin@mdt.demo', '/staff/units');
    await staff({ op: 'wait', selector: 'pierce/#routing tbody tr' });
    await expectAccessible('units');
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]', index: 0 });
    expect(await text('pierce/#error-summary')).to.contain('Escriba el nombre de la unidad');
    await staff({ op: 'fill', selector: 'pierce/#name', text: 'Unidad de pruebas' });
    await staff({ op: 'click', selector: 'pierce/section[aria-labelledby="add-title"] button[type=submit]' });
    expect(await text('pierce/#notice')).to.equal('Se añadió la unidad Unidad de pruebas.');
    const items = await texts('pierce/#tree li');
    const index = items.findIndex((item) => item.startsWith('Unidad de pruebas'));
    expect(index).to.be.at.least(0);
    await staff({ op: 'click', selector: 'pierce/#tree li button', index });
    expect((await staff<{ id: string }>({ op: 'focused' })).id).to.equal('edit-title');
    await staff({ op: 'fill', selector: 'pierce/#edit-name', text: 'Unidad renombrada' });
    await staff({
      op: 'click',
      selector: 'pierce/section[aria-labelledby="edit-title"] button[type=submit]',
    });
    await staff({ op: 'wait', selector: 'pierce/#notice', text: 'Cambios guardados.' });
    expect(await text('pierce/#tree')).to.contain('Unidad renombrada');
    expect(await text('pierce/#tree')).not.to.contain('Unidad de pruebas');
  });

  it('tokens: creates one shown once, and revokes it', async () => {
    await openAs('admin@mdt.demo', '/staff/tokens');
    await staff({ op: 'wait', selector: 'pierce/#tokens' });
    await staff({ op: 'fill', selector: 'pierce/#name', text: 'Integración de prueba' });
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    expect(await text('pierce/#token-value')).to.match(/^\S{20,}$/);
    expect((await staff<{ id: string }>({ op: 'focused' })).id).to.equal('created');
    await expectAccessible('tokens, the new token shown');
    const rows = await texts('pierce/#tokens tbody tr');
    const index = rows.findIndex((r) => r.includes('Integración de prueba'));
    await staff({ op: 'click', selector: `pierce/#tokens tbody tr:nth-child(${index + 1}) button` });
    await staff({
      op: 'wait',
      selector: `pierce/#tokens tbody tr:nth-child(${index + 1})`,
      text: 'Revocado',
    });
    // Shown once: after a reload the secret is gone.
    await staff({ op: 'goto', path: '/staff/tokens' });
    await staff({ op: 'wait', selector: 'pierce/#tokens', text: 'Integración de prueba' });
    expect(await texts('pierce/#token-value')).to.deep.equal([]);
  });

  it('the audit log: entries, filters kept in the address, a CSV link; for auditors too, at 768 px', async () => {
    await openAs('auditor@mdt.demo', '/staff/audit', 768);
    await staff({ op: 'wait', selector: 'pierce/#audit', text: 'session.sign_in' });
    const nav = await text('pierce/nav');
    expect(nav).to.contain('Auditoría');
    expect(nav).not.to.contain('Personas');
    await expectAccessible('the audit log at 768 px');
    await staff({ op: 'fill', selector: 'pierce/#ticket', text: 'MDT-NADA-0000-0' });
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    await staff({ op: 'wait', selector: 'pierce/p[role=status]', text: 'No hay entradas' });
    expect(await staff({ op: 'url' })).to.match(/\/staff\/audit\?ticket=MDT-NADA-0000-0$/);
    await expectAccessible('the audit log, nothing found');
    await staff({ op: 'goto', path: '/staff/people' });
    await staff({ op: 'wait', selector: 'pierce/p', text: 'Esta pantalla es para la administración' });
  });

  it('people at 768 px, in English', async () => {
    await staff({ op: 'open', path: '/staff/', width: 768, locale: 'en' });
    await signIn('admin@mdt.demo');
    await staff({ op: 'wait', selector: 'pierce/.who', timeout: 20_000 });
    await staff({ op: 'goto', path: '/staff/people' });
    await staff({ op: 'wait', selector: 'pierce/#people', text: 'agente@mdt.demo' });
    expect(await text('pierce/h1')).to.equal('People');
    await expectAccessible('people at 768 px');
    await staff({ op: 'goto', path: '/staff/units' });
    await staff({ op: 'wait', selector: 'pierce/#routing tbody tr' });
    await expectAccessible('units at 768 px');
  });
});
