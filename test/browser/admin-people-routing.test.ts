// The institution's admin moves people and requests between units, against the real server and
// database: a person's role and unit changed with the screen's native controls (seen after a reload
// and by the person's own session), and a service routed to another unit (a request filed next
// lands there: only that unit's agent finds it). GPUT's and MML's demo people, whom no other test
// file signs in as.
import { expect } from '@open-wc/testing';
import { expectAccessible, fileRequest, signIn, staff, text } from './staff-helpers.ts';

const texts = (selector: string) => staff<string[]>({ op: 'texts', selector });

async function openAs(email: string, path: string) {
  await staff({ op: 'open', path: '/staff/' });
  await signIn(email);
  await staff({ op: 'wait', selector: 'pierce/.who', timeout: 20_000 });
  if (path !== '/staff/') await staff({ op: 'goto', path });
}

const ATTENTION = 'Dirección de atención ciudadana';
const CONTROL = 'Dirección de control y denuncias';

/** A suggestion to Lima for `service`, filed as the widget files it (captcha solved). */
async function suggest(service: string): Promise<string> {
  const { status, receipt } = await fileRequest('MML', {
    type: 'SUG',
    service,
    description: 'Sugiero más señalización en las zonas de evacuación del mercado.',
    anonymous: false,
    citizen: {
      documentType: 'dni',
      documentNumber: '45678912',
      firstName: 'Rosa',
      lastName: 'Huamán',
      email: 'rosa@example.pe',
      preferentialAttention: [],
    },
    responseChannel: 'email',
    locale: 'es',
    consent: true,
  });
  expect(status, JSON.stringify(receipt)).to.equal(201);
  return receipt.ticket;
}

/** Whether the signed-in agent finds `ticket` by searching it (only their units' requests show). */
async function agentFinds(ticket: string): Promise<boolean> {
  await staff({ op: 'goto', path: `/staff/requests/${ticket}` });
  await staff({ op: 'wait', selector: 'pierce/p[role="alert"], #history-title' });
  const alerts = await texts('pierce/p[role=alert]');
  if (alerts.length) expect(alerts[0]).to.contain('No hay ninguna solicitud');
  return alerts.length === 0;
}

describe('people and routing between units', function () {
  this.timeout(180_000);

  afterEach(() => staff({ op: 'close' }));

  it("changes a person's role and unit; the change holds after a reload and in their own session", async () => {
    // An agent's menu has no reports.
    await openAs('agente@gput.demo', '/staff/');
    expect(await text('pierce/nav')).not.to.contain('Reportes');
    await openAs('admin@gput.demo', '/staff/people');
    const row = 'pierce/tr[data-email="agente@gput.demo"]';
    await staff({ op: 'wait', selector: row, text: ATTENTION });
    expect(await text(row)).to.contain('Agente');
    await staff({ op: 'click', selector: `${row} button[data-action="edit"]` });
    expect((await staff<{ id: string }>({ op: 'focused' })).id).to.equal('edit-title');
    await staff({ op: 'select', selector: 'pierce/#edit-role', option: 'Supervisión' });
    const editor = 'pierce/section[aria-labelledby="edit-title"]';
    const units = await texts(`${editor} .check label`);
    // The person leaves the attention unit and joins the control one.
    await staff({ op: 'click', selector: `${editor} .check input`, index: units.indexOf(ATTENTION) });
    await staff({ op: 'click', selector: `${editor} .check input`, index: units.indexOf(CONTROL) });
    await expectAccessible('people, changing role and unit');
    await staff({ op: 'click', selector: `${editor} button[type=submit]` });
    await staff({ op: 'wait', selector: 'pierce/#notice', text: 'Cambios guardados.' });

    await staff({ op: 'goto', path: '/staff/people' });
    await staff({ op: 'wait', selector: row, text: CONTROL });
    const after = await text(row);
    expect(after).to.contain('Supervisión');
    expect(after).not.to.contain(ATTENTION);

    // Their own session says the same: a supervisor's menu, with the reports.
    await openAs('agente@gput.demo', '/staff/');
    expect(await text('pierce/nav')).to.contain('Reportes');
  });

  it('routes a service to another unit: the next request for it lands there', async () => {
    // Defensa civil goes to the control unit in the demo: the attention unit's agent does not see it.
    const before = await suggest('defensa-civil');
    await openAs('agente@mml.demo', '/staff/');
    expect(await agentFinds(before)).to.equal(false);

    await openAs('admin@mml.demo', '/staff/units');
    await staff({ op: 'wait', selector: 'pierce/#routing tbody tr' });
    await staff({ op: 'select', selector: 'pierce/#route-defensa-civil', option: ATTENTION });
    await staff({ op: 'click', selector: 'pierce/#routing ~ p button[type=submit]' });
    await staff({ op: 'wait', selector: 'pierce/#notice', text: 'Cambios guardados.' });
    await staff({ op: 'goto', path: '/staff/units' });
    await staff({ op: 'wait', selector: 'pierce/#routing tbody tr' });
    const chosen = await staff<string>({
      op: 'text',
      selector: 'pierce/#route-defensa-civil option:checked',
    });
    expect(chosen).to.contain(ATTENTION);
    await expectAccessible('units, the service routed');

    const after = await suggest('defensa-civil');
    await openAs('agente@mml.demo', '/staff/');
    expect(await agentFinds(after)).to.equal(true);
    expect(await texts('pierce/dd')).to.include('Inspecciones de defensa civil');
    await expectAccessible('the request routed to the agent');
    // The earlier one stays where it landed.
    expect(await agentFinds(before)).to.equal(false);
  });
});
