// Issue 20's inbox in the back office, on the built bundle, the real server and Chromium: an agent
// filters the inbox by "assigned to me", searches a citizen by last name (without its accent, in
// lower case), opens the result and sees where the request is; axe on each screen.
import { expect } from '@open-wc/testing';
import { valid } from '../fixtures/requests.ts';
import { expectAccessible, fileRequest, signIn, staff, text } from './staff-helpers.ts';

describe('the inbox: filters by assignee and search by name', function () {
  this.timeout(120_000);

  afterEach(() => staff({ op: 'close' }));

  it('an agent lists what is assigned to them and finds a citizen by last name', async () => {
    // A last name no other test files, with an accent the agent will not type.
    const { status, receipt } = await fileRequest('MDT', {
      ...valid.mdtComplaint.body,
      subject: 'Búsqueda por apellido (back office)',
      citizen: { ...valid.mdtComplaint.body.citizen, firstName: 'Rocío', lastName: 'Villacís Ñauta' },
    });
    expect(status).to.equal(201);
    const { receipt: other } = await fileRequest('MDT', valid.mdtComplaint.body);

    // An admin assigns it to the agent (only admins may list the accounts to pick from).
    await staff({ op: 'open', path: '/staff/' });
    await signIn('admin@mdt.demo');
    await staff({ op: 'wait', selector: 'pierce/table', timeout: 20_000 });
    await staff({ op: 'goto', path: `/staff/requests/${receipt.ticket}` });
    await staff({ op: 'wait', selector: 'pierce/.action-list button', text: 'Asignar' });
    const actions = await staff<string[]>({ op: 'texts', selector: 'pierce/.action-list button' });
    await staff({ op: 'click', selector: 'pierce/.action-list button', index: actions.indexOf('Asignar') });
    await staff({ op: 'wait', selector: 'pierce/#assignAccount option', text: 'agente@mdt.demo' });
    // A closed select picks the option whose text starts with what is typed.
    await staff({ op: 'click', selector: 'pierce/label[for=assignAccount]' });
    await staff({ op: 'type', text: 'Agente' });
    await staff({ op: 'click', selector: 'pierce/dialog button[type=submit]' });
    await staff({ op: 'wait', selector: 'pierce/#done' });
    await staff({ op: 'wait', selector: 'pierce/#summary-title + dl', text: 'Agente' });
    await staff({ op: 'close' });

    await staff({ op: 'open', path: '/staff/' });
    await signIn('agente@mdt.demo');
    await staff({ op: 'wait', selector: 'pierce/table', timeout: 20_000 });
    // "Assigned to: me", applied with the filters' button; the address keeps it.
    await staff({ op: 'click', selector: 'pierce/label[for=assignee]' });
    await staff({ op: 'press', key: 'ArrowDown' });
    await staff({ op: 'click', selector: 'pierce/form.card .actions button[type=submit]' });
    await staff({ op: 'wait', selector: 'pierce/tbody td:first-child', text: receipt.ticket });
    expect(await staff({ op: 'url' })).to.contain('assignee=me');
    const mine = await staff<string[]>({ op: 'texts', selector: 'pierce/tbody td:first-child' });
    expect(mine).to.include(receipt.ticket);
    expect(mine).not.to.include(other.ticket);
    await expectAccessible('inbox assigned to me');

    // The search by last name, in lower case and without its accent; the term stays off the address.
    await staff({ op: 'fill', selector: 'pierce/#search', text: 'villacis' });
    await staff({ op: 'press', key: 'Enter' });
    await staff({ op: 'wait', selector: 'pierce/caption', text: 'nombre del ciudadano' });
    expect(await staff<string[]>({ op: 'texts', selector: 'pierce/tbody td:first-child' })).to.deep.equal([
      receipt.ticket,
    ]);
    expect(await staff<string>({ op: 'url' })).not.to.contain('villacis');
    await expectAccessible('search results');

    // The result opens the request, whose summary says where it is.
    await staff({ op: 'click', selector: `pierce/tbody a[href$="${receipt.ticket}"]` });
    await staff({ op: 'wait', selector: 'pierce/h1', text: receipt.ticket });
    const summary = await text('pierce/#summary-title + dl');
    expect(summary).to.contain('Unidad');
    expect(summary).to.contain('Dirección de atención ciudadana');
    expect(summary).to.contain('Asignada a');
    expect(summary).to.contain('(Usted)');
    expect(await text('pierce/#citizen-title + dl')).to.contain('Rocío Villacís Ñauta');
    await expectAccessible('request with its unit and assignee');
  });
});
