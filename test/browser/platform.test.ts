// The platform's dashboard at /staff/platform against the real server and database: the seeds'
// management table, its CSV, and an institution created in the screen whose widget then files a
// request (issue 20's "A platform admin creates an institution whose widget then files a request").
import { expect } from '@open-wc/testing';
import {
  continueWith,
  countRequests,
  fillCitizen,
  fillText,
  find,
  mount,
  press,
  tabTo,
  textOf,
  until,
} from './helpers.ts';
import { expectAccessible, signIn, staff, text } from './staff-helpers.ts';

describe("the platform's dashboard", function () {
  this.timeout(300_000);

  afterEach(() => staff({ op: 'close' }));

  it('shows the management table, refuses an incomplete form, and creates an institution whose widget files a request', async () => {
    await staff({ op: 'open', path: '/staff/' });
    await signIn('plataforma@demo');
    await staff({ op: 'wait', selector: 'pierce/#requests-table', timeout: 20_000 });
    expect(await staff({ op: 'url' })).to.match(/\/staff\/platform$/);
    expect(await text('pierce/h1')).to.equal('Tablero de la plataforma');
    const institutions = await text('pierce/#institutions-table');
    expect(institutions).to.contain('Instituciones registradas en el sistema');
    expect(institutions).to.contain('Instituciones por integrarse');
    const requests = await text('pierce/#requests-table');
    expect(requests).to.contain('Solicitudes atendidas');
    expect(requests).to.contain('Solicitudes pendientes de atención');
    expect(requests).to.contain('Total de solicitudes registradas');
    expect(await staff({ op: 'text', selector: 'pierce/#top-title' })).to.contain('mayor número');
    expect(await text('pierce/#csv')).to.equal('Descargar la tabla de gestión (CSV)');
    await expectAccessible('the platform dashboard');

    // Validated by the contract's schema before the server is asked.
    await staff({ op: 'fill', selector: 'pierce/#code', text: 'x' });
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    const summary = await text('pierce/#error-summary');
    expect(summary).to.contain('Escriba un código de 2 a 10 letras');
    expect(summary).to.contain('Escriba el nombre de la institución');
    expect(summary).to.contain('Escriba un correo válido');
    expect((await staff<{ id: string }>({ op: 'focused' })).id).to.equal('error-summary');
    expect(await text('pierce/#code-error')).to.contain('Escriba un código');
    await expectAccessible('the platform dashboard with errors');

    await staff({ op: 'fill', selector: 'pierce/#code', text: 'NUEVA' });
    await staff({ op: 'fill', selector: 'pierce/#name', text: 'Instituto Nuevo de Pruebas' });
    await staff({ op: 'fill', selector: 'pierce/#adminName', text: 'Directora Nueva' });
    await staff({ op: 'fill', selector: 'pierce/#adminEmail', text: 'directora@nueva.example' });
    // The test page is the new institution's website.
    await staff({ op: 'fill', selector: 'pierce/#allowedOrigins', text: location.origin });
    await staff({ op: 'click', selector: 'pierce/form button[type=submit]' });
    expect(await text('pierce/#created')).to.equal(
      'Se creó la institución NUEVA. La invitación se envió a directora@nueva.example.',
    );
    expect(await text('pierce/#institutions-list')).to.contain('Instituto Nuevo de Pruebas');

    // The new institution's widget, on its website, files a request with the keyboard.
    // The back office's tab closes first: keys go to the page in front.
    await staff({ op: 'close' });
    const el = await mount({ institution: 'NUEVA', lang: 'es', type: 'QUE', service: 'general' });
    await until(() => find(el, '#f-description'), 'the description step');
    await fillText(
      el,
      'f-description',
      'Pido información sobre el horario de atención de la nueva institución.',
    );
    await continueWith(el);
    await fillCitizen(el);
    await continueWith(el);
    await tabTo(el, (e) => e.id === 'f-consent', 'the consent checkbox');
    await press('Space');
    await until(() => textOf(el, '[part~="captcha-status"]'), 'the captcha');
    await tabTo(el, (e) => e.type === 'submit', 'the Send button');
    await press('Enter');
    const ticket = await until(() => textOf(el, '[data-ticket]'), 'the ticket');
    expect(ticket).to.match(/^NUEVA-QUE-\d{4}-\d+/);
    expect(await countRequests('NUEVA', 'QUE')).to.equal(1);

    // The dashboard counts it, at a tablet's width too.
    await staff({ op: 'open', path: '/staff/', width: 768 });
    await signIn('plataforma@demo');
    await staff({ op: 'wait', selector: 'pierce/#top-table', text: 'NUEVA', timeout: 20_000 });
    await expectAccessible('the platform dashboard at 768 px');
  });

  it('speaks English', async () => {
    await staff({ op: 'open', path: '/staff/', locale: 'en' });
    await signIn('plataforma@demo');
    await staff({ op: 'wait', selector: 'pierce/h1', text: "The platform's dashboard", timeout: 20_000 });
    await staff({ op: 'wait', selector: 'pierce/#requests-table', text: 'Requests attended' });
    await expectAccessible('the platform dashboard in English');
  });
});
