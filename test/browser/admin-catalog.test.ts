// The institution's catalog edited in a form at /staff/catalog, against the real server: checked with
// the catalog file's schema in the browser, saved through PUT …/catalog.
import { expect } from '@open-wc/testing';
import { expectAccessible, signIn, staff, text } from './staff-helpers.ts';

describe("the institution's catalog", function () {
  this.timeout(120_000);

  afterEach(() => staff({ op: 'close' }));

  it('refuses an empty service name with the catalog schema, then saves it renamed; axe at 1280 and 768 px', async () => {
    await staff({ op: 'open', path: '/staff/' });
    await signIn('admin@mml.demo');
    await staff({ op: 'wait', selector: 'pierce/.who', timeout: 20_000 });
    await staff({ op: 'goto', path: '/staff/catalog' });
    await staff({ op: 'wait', selector: 'pierce/#service-0-en' });
    expect(await text('pierce/h1')).to.equal('Catálogo');
    await expectAccessible('catalog');
    await staff({ op: 'fill', selector: 'pierce/#service-0-en', text: ' ' });
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    expect(await text('pierce/#error-summary')).to.contain('Escriba el nombre del servicio.');
    expect((await staff<{ id: string }>({ op: 'focused' })).id).to.equal('error-summary');
    expect(await text('pierce/#service-0-en-error')).to.contain('Escriba el nombre del servicio.');
    await expectAccessible('catalog with an error');
    await staff({ op: 'fill', selector: 'pierce/#service-0-en', text: 'Renamed in the back office' });
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    await staff({ op: 'wait', selector: 'pierce/#notice', text: 'Se guardó el catálogo' });
    await staff({ op: 'open', path: '/staff/', width: 768 });
    await signIn('admin@mml.demo');
    await staff({ op: 'wait', selector: 'pierce/.who', timeout: 20_000 });
    await staff({ op: 'goto', path: '/staff/catalog' });
    await staff({ op: 'wait', selector: 'pierce/#service-0-en' });
    expect(await staff<string>({ op: 'text', selector: 'pierce/label[for="service-0-en"]' })).to.contain(
      'Inglés',
    );
    await expectAccessible('catalog at 768 px');
  });
});
