// The institution's catalog edited in a form at /staff/catalog, against the real server: checked with
// the catalog file's schema in the browser, saved through PUT …/catalog, and read back by the public
// catalog and the widget. Lima (MML) is edited, and put back as it was, so the other files' tests
// find the catalog they expect.
import { expect } from '@open-wc/testing';
import { api, find, mount, root, until } from './helpers.ts';
import { expectAccessible, signIn, staff, text } from './staff-helpers.ts';

interface PublicCatalog {
  attachments?: { maxFiles: number; maxBytes: number; types: string[] };
  requestTypes: { code: string; description: { es: string; en: string } }[];
  services: { id: string; name: { es: string; en: string } }[];
}

/**
 * The public catalog as the widget reads it. `cache: 'reload'` asks the server and stores the answer
 * in the browser's cache (it is cacheable for 60 s), so the widget mounted next reads this one too.
 */
const publicCatalog = async (code: string): Promise<PublicCatalog> =>
  (await fetch(`${await api()}/api/v1/institutions/${code}`, { cache: 'reload' })).json();

const MB = 1024 * 1024;
const focusedId = async () => (await staff<{ id: string }>({ op: 'focused' })).id;

async function openCatalog(email: string, width = 1280, locale: 'es' | 'en' = 'es') {
  await staff({ op: 'open', path: '/staff/', width, locale });
  await signIn(email);
  await staff({ op: 'wait', selector: 'pierce/.who', timeout: 20_000 });
  await staff({ op: 'goto', path: '/staff/catalog' });
  await staff({ op: 'wait', selector: 'pierce/#service-0-name-en' });
}

const save = async (notice: string) => {
  await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
  await staff({ op: 'wait', selector: 'pierce/#notice', text: notice });
};

describe("the institution's catalog", function () {
  this.timeout(180_000);

  afterEach(() => staff({ op: 'close' }));

  it('refuses a size of 0 MB and an origin that is not one, then saves a type description, the attachments policy and a service name; the widget shows them', async () => {
    const before = await publicCatalog('MML');
    expect(before.attachments).to.deep.equal({
      maxFiles: 5,
      maxBytes: 10 * MB,
      types: ['application/pdf', 'image/jpeg', 'image/png'],
    });
    const fel = before.requestTypes.findIndex((type) => type.code === 'FEL');
    expect(fel).to.be.greaterThan(-1);
    expect(before.requestTypes[fel]?.description.es).not.to.contain('Reconozca la buena atención');

    await openCatalog('admin@mml.demo');
    expect(await text('pierce/h1')).to.equal('Catálogo');
    await expectAccessible('catalog');

    // Invalid values: the error summary takes focus, links to each field, and nothing is saved.
    await staff({ op: 'fill', selector: 'pierce/#attachments-maxMb', text: '0' });
    await staff({ op: 'fill', selector: 'pierce/#allowedOrigins', text: 'www.munlima.gob.pe' });
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    const summary = await text('pierce/#error-summary');
    expect(summary).to.contain('Escriba un tamaño entre 0,001 y 50 MB.');
    expect(summary).to.contain('Escriba cada sitio como https://dominio');
    expect(await focusedId()).to.equal('error-summary');
    expect(await text('pierce/#attachments-maxMb-error')).to.contain(
      'Escriba un tamaño entre 0,001 y 50 MB.',
    );
    expect(await text('pierce/#allowedOrigins-error')).to.contain('Escriba cada sitio');
    await expectAccessible('catalog with errors');
    // The summary's link takes the keyboard to the field.
    await staff({ op: 'click', selector: 'pierce/#error-summary a[href="#attachments-maxMb"]' });
    expect(await focusedId()).to.equal('attachments-maxMb');
    expect((await publicCatalog('MML')).attachments?.maxBytes).to.equal(10 * MB);

    // Fixed, with a type's description, fewer and smaller files, no PNG, and a service renamed.
    // The test page's own origin stays listed: it is how this page files and reads the catalog.
    await staff({
      op: 'fill',
      selector: 'pierce/#allowedOrigins',
      text: `https://www.munlima.gob.pe\n${location.origin}`,
    });
    await staff({ op: 'fill', selector: 'pierce/#attachments-maxMb', text: '2,5' });
    await staff({ op: 'fill', selector: 'pierce/#attachments-maxFiles', text: '3' });
    await staff({ op: 'click', selector: 'pierce/#attachments-types-2' });
    await staff({ op: 'click', selector: 'pierce/details[data-type="FEL"] summary' });
    await staff({
      op: 'fill',
      selector: `pierce/#type-${fel}-description-es`,
      text: 'Reconozca la buena atención de un servidor municipal.',
    });
    await staff({ op: 'click', selector: 'pierce/details[data-service="licencia-funcionamiento"] summary' });
    await staff({ op: 'fill', selector: 'pierce/#service-0-name-es', text: 'Licencias de funcionamiento' });
    await expectAccessible('catalog, a type and a service opened');
    await save('Se guardó el catálogo');
    expect(await focusedId()).to.equal('notice');

    const after = await publicCatalog('MML');
    expect(after.attachments).to.deep.equal({
      maxFiles: 3,
      maxBytes: 2.5 * MB,
      types: ['application/pdf', 'image/jpeg'],
    });
    expect(after.requestTypes[fel]?.description.es).to.equal(
      'Reconozca la buena atención de un servidor municipal.',
    );
    expect(after.services[0]?.name.es).to.equal('Licencias de funcionamiento');
    // The form reads back what was saved.
    await staff({ op: 'goto', path: '/staff/catalog' });
    await staff({ op: 'wait', selector: 'pierce/#attachments-maxMb' });
    expect(
      await staff<string>({
        op: 'text',
        selector: 'pierce/details[data-service="licencia-funcionamiento"] summary',
      }),
    ).to.contain('Licencias de funcionamiento');

    // Put back as it was for the other tests: 5 files of 10 MB, PNG too.
    await staff({ op: 'fill', selector: 'pierce/#attachments-maxMb', text: '10' });
    await staff({ op: 'fill', selector: 'pierce/#attachments-maxFiles', text: '5' });
    await staff({ op: 'click', selector: 'pierce/#attachments-types-2' });
    await save('Se guardó el catálogo');
    expect((await publicCatalog('MML')).attachments).to.deep.equal(before.attachments);
    // The citizen's widget offers the new description beside the type. (The keyboard and clicks go to
    // the tab in front: the back office's closes first.)
    await staff({ op: 'close' });
    const widget = await mount({ institution: 'MML', lang: 'es' });
    await until(() => find(widget, 'input[name="f-type"]'), 'the types');
    expect(root(widget).textContent).to.contain('Reconozca la buena atención de un servidor municipal.');
    widget.remove();
  });

  it('adds a service (its id and names checked first), then removes it; in English at 768 px', async () => {
    await openCatalog('admin@mml.demo', 768, 'en');
    expect(await text('pierce/h1')).to.equal('Catalog');
    await staff({ op: 'click', selector: 'pierce/button[data-action="add-service"]' });
    const count = (await publicCatalog('MML')).services.length;
    expect(await focusedId()).to.equal(`service-${count}-id`);
    await staff({ op: 'type', text: 'Atención Virtual' });
    await staff({ op: 'fill', selector: `pierce/#service-${count}-name-en`, text: 'Online help desk' });
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    const summary = await text('pierce/#error-summary');
    expect(summary).to.contain('Enter an identifier of lower case letters, digits and hyphens.');
    expect(summary).to.contain("Enter the service's name.");
    expect(summary).to.contain("Enter the service's description.");
    expect(await text(`pierce/#service-${count}-name-es-error`)).to.contain("Enter the service's name.");
    expect(
      await staff<string>({ op: 'text', selector: `pierce/label[for="service-${count}-name-es"]` }),
    ).to.equal('Name in Spanish');
    await expectAccessible('a new service with errors at 768 px');

    await staff({ op: 'fill', selector: `pierce/#service-${count}-id`, text: 'atencion-virtual' });
    await staff({ op: 'fill', selector: `pierce/#service-${count}-name-es`, text: 'Atención virtual' });
    await staff({
      op: 'fill',
      selector: `pierce/#service-${count}-description-es`,
      text: 'Consultas por la plataforma digital municipal.',
    });
    await staff({
      op: 'fill',
      selector: `pierce/#service-${count}-description-en`,
      text: "Questions about the city's online services.",
    });
    await save('The catalog was saved');
    const added = (await publicCatalog('MML')).services.find((s) => s.id === 'atencion-virtual');
    expect(added?.name).to.deep.equal({ es: 'Atención virtual', en: 'Online help desk' });

    // Saved, its id is fixed; removing it stops offering it.
    await staff({ op: 'click', selector: 'pierce/details[data-service="atencion-virtual"] summary' });
    expect(await text('pierce/details[data-service="atencion-virtual"]')).to.contain(
      'Identifier: atencion-virtual. It does not change',
    );
    expect(await staff<string[]>({ op: 'texts', selector: `pierce/#service-${count}-id` })).to.deep.equal([]);
    await staff({
      op: 'click',
      selector: 'pierce/details[data-service="atencion-virtual"] button[data-action="remove"]',
    });
    expect(await focusedId()).to.equal('services-title');
    expect(await text('pierce/#notice')).to.contain(
      '“Online help desk” will be removed when the catalog is saved.',
    );
    await save('The catalog was saved');
    expect((await publicCatalog('MML')).services.map((s) => s.id)).not.to.include('atencion-virtual');
    // The service offered when none fits cannot be removed.
    await staff({ op: 'click', selector: 'pierce/details[data-service="otro"] summary' });
    expect(await text('pierce/details[data-service="otro"]')).to.contain('it cannot be removed');
    await expectAccessible('the catalog at 768 px');
  });
});
