// The institution's webhooks at /staff/webhooks against the real server and database (its real
// CSP, session cookie and CSRF check), by the demo institution_admin of MDT: a refused address,
// a webhook registered with its secret shown once, and revoked after a confirmation.
import { expect } from '@open-wc/testing';
import { expectAccessible, signIn, staff, text } from './staff-helpers.ts';

const texts = (selector: string) => staff<string[]>({ op: 'texts', selector });
const focused = () => staff<{ tag: string; id: string; text: string }>({ op: 'focused' });

async function openAs(email: string, path: string, width = 1280, locale: 'es' | 'en' = 'es') {
  await staff({ op: 'open', path: '/staff/', width, locale });
  await signIn(email);
  await staff({ op: 'wait', selector: 'pierce/.who', timeout: 20_000 });
  await staff({ op: 'goto', path });
}

describe("the institution's webhooks", function () {
  this.timeout(180_000);

  afterEach(() => staff({ op: 'close' }));

  it('refuses an address that is not public, registers one with its secret shown once, and revokes it after a confirmation', async () => {
    await openAs('admin@mdt.demo', '/staff/webhooks');
    await staff({ op: 'wait', selector: 'pierce/#webhooks-empty' });
    expect(await text('pierce/h1')).to.equal('Webhooks');
    expect(await text('pierce/nav a[href="/staff/webhooks"]')).to.equal('Webhooks');
    await expectAccessible('webhooks, none yet');

    // Validated before asking the server, then refused by the server's rule (where the host leads).
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    expect(await text('pierce/#error-summary')).to.contain('Escriba la dirección completa del webhook');
    expect((await focused()).id).to.equal('error-summary');
    await staff({ op: 'fill', selector: 'pierce/#url', text: 'https://169.254.169.254/latest/meta-data' });
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    await staff({ op: 'wait', selector: 'pierce/#error-summary', text: 'lleva a una dirección privada' });
    expect(await text('pierce/#url-error')).to.contain('169.254.169.254 lleva a una dirección privada');
    expect((await focused()).id).to.equal('error-summary');
    await expectAccessible('webhooks, an address refused');

    // A receiver on this machine (loopback is allowed outside production).
    const url = 'http://127.0.0.1:9/contacto/webhooks';
    await staff({ op: 'fill', selector: 'pierce/#url', text: url });
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    expect(await text('pierce/#secret-value')).to.match(/^whsec_[\w-]{43}$/);
    expect((await focused()).id).to.equal('created');
    expect(await text('pierce/#created')).to.contain('no se volverá a mostrar');
    expect(await text('pierce/#created a[target=_blank]')).to.contain('Cómo verificar las firmas');
    expect(await texts('pierce/#error-summary')).to.deep.equal([]);
    // Copying says whether it worked (headless Chromium may refuse the clipboard: then how to copy by hand).
    await staff({ op: 'click', selector: 'pierce/#copy' });
    await staff({ op: 'wait', selector: 'pierce/#created p[role=status]', text: 'copi' });
    const row = 'pierce/#webhooks tbody tr';
    expect(await text(row)).to.contain(url);
    expect(await text(row)).to.contain('Activo');
    expect(await text(row)).to.contain('Nunca');
    expect(await text(row)).to.contain('0 en espera');
    await expectAccessible('webhooks, the secret shown');

    // The dialog asks first; Escape cancels and gives focus back to the button that opened it.
    await staff({ op: 'click', selector: `${row} button[data-action="revoke"]` });
    await staff({ op: 'wait', selector: 'pierce/dialog[open] #revoke-title' });
    expect(await text('pierce/#revoke-body')).to.contain(url);
    expect((await focused()).text).to.equal('Cancelar');
    await expectAccessible('webhooks, the revoke dialog');
    await staff({ op: 'press', key: 'Escape' });
    expect(await texts('pierce/dialog[open]')).to.deep.equal([]);
    expect((await focused()).text).to.contain('Revocar');
    expect(await text(row)).to.contain('Activo');

    await staff({ op: 'click', selector: `${row} button[data-action="revoke"]` });
    await staff({ op: 'click', selector: 'pierce/#revoke-confirm' });
    await staff({ op: 'wait', selector: 'pierce/#notice', text: 'fue revocado' });
    expect((await focused()).id).to.equal('notice');
    await staff({ op: 'wait', selector: row, text: 'Revocado el' });
    expect(await texts(`${row} button`)).to.deep.equal([]);
    // The secret went with the revocation, and no answer carries it again.
    expect(await texts('pierce/#secret-value')).to.deep.equal([]);
    await expectAccessible('webhooks, one revoked');

    await staff({ op: 'goto', path: '/staff/webhooks' });
    await staff({ op: 'wait', selector: row, text: url });
    expect(await texts('pierce/#secret-value')).to.deep.equal([]);
  });

  it('in English at 768 px, and refused to a supervisor', async () => {
    await openAs('admin@mdt.demo', '/staff/webhooks', 768, 'en');
    await staff({ op: 'wait', selector: 'pierce/h2#add-title', text: 'Register a webhook' });
    expect(await text('pierce/h1')).to.equal('Webhooks');
    await expectAccessible('webhooks at 768 px in English');
    await staff({ op: 'close' });
    await openAs('supervisor@mdt.demo', '/staff/webhooks');
    await staff({ op: 'wait', selector: 'pierce/p', text: 'Esta pantalla es para la administración' });
    expect(await text('pierce/nav')).not.to.contain('Webhooks');
  });
});
