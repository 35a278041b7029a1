import { describe, expect, it } from 'vitest';
import type { Delivery } from '../commands/outbox-delivery.ts';
import { citizenMail } from './mail-messages.ts';

const CODE = 'K7Q2-9XMP-4TZD';

function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    id: 1,
    deliveryId: 'd-1',
    channel: 'mail',
    destination: 'citizen',
    kind: 'request.created',
    payload: { trackingCode: CODE },
    attempts: 0,
    createdAt: '2026-11-24T15:04:05Z',
    requestId: 1,
    ticket: 'MDT-QUE-2026-00001',
    locale: 'es',
    dueDate: '2026-12-15',
    institution: 'MDT',
    institutionName: 'Ministerio del Trabajo',
    citizenEmail: 'ana@example.org',
    institutionEmail: null,
    statusPageUrl: 'https://www.trabajo.gob.ec/estado',
    citizenPersonal: [],
    webhook: null,
    ...overrides,
  };
}

describe('citizenMail', () => {
  it('links the receipt to the status page with ticket and code in the fragment, never in the query', () => {
    for (const locale of ['es', 'en']) {
      const mail = citizenMail(delivery({ locale }));
      const link = `https://www.trabajo.gob.ec/estado#ticket=MDT-QUE-2026-00001&code=${CODE}`;
      expect(mail.text).toContain(link);
      expect(mail.html).toContain(`href="${link.replace(/&/g, '&#38;')}"`);
      // A fragment is never sent to a server: no proxy, CDN or access log sees the code.
      expect(mail.text).not.toMatch(/\?[^\s#]*code=/);
    }
  });

  it('keeps a status page that has a query of its own, and links a status change by ticket only', () => {
    const created = citizenMail(delivery({ statusPageUrl: 'https://portal.example/estado?inst=MDT' }));
    expect(created.text).toContain(
      `https://portal.example/estado?inst=MDT#ticket=MDT-QUE-2026-00001&code=${CODE}`,
    );
    const changed = citizenMail(
      delivery({ kind: 'request.status_changed', payload: { status: 'in_progress' } }),
    );
    expect(changed.text).toContain('https://www.trabajo.gob.ec/estado#ticket=MDT-QUE-2026-00001');
    expect(changed.text).not.toContain('code=');
  });

  it('writes no link when the catalog names no status page', () => {
    const mail = citizenMail(delivery({ statusPageUrl: null }));
    expect(mail.text).not.toContain('#ticket=');
    expect(mail.text).toContain(CODE);
  });
});
