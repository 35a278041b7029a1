import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../api-client.ts';
import { statusTexts } from '../locales/status-texts.ts';
import { type ActionHost, StatusActions } from './status-actions.ts';

// The reply's files as StatusActions sees them (the list itself is tested in Chromium: it needs
// XMLHttpRequest). The call is a recording function: what would go to the API.
const host: ActionHost = {
  requestUpdate() {},
  dispatchEvent: () => true,
  updateComplete: Promise.resolve(),
  renderRoot: { querySelector: () => null } as unknown as ParentNode,
};

let ids: string[] = [];
let wait: string | null = null;
let sent: unknown[] = [];
let answer: () => Promise<unknown> = async () => ({});

function actions() {
  const call = async <T>(_url: string, init: RequestInit): Promise<T> => {
    sent.push(JSON.parse(String(init.body)));
    return (await answer()) as T;
  };
  const a = new StatusActions(host, call);
  a.sync({
    api: 'https://contacto.gob.ec',
    locale: 'es',
    ticket: 'MDT-QUE-2026-00001',
    code: 'K7Q2X-9XMPA-4TZDH',
    st: statusTexts('es'),
    refresh: async () => {},
    replyAttachments: () => ids,
    replyWait: () => wait,
  });
  a.update({ reply: 'Adjunto el contrato.' });
  return a;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  vi.stubGlobal('sessionStorage', { getItem: () => null, setItem() {}, removeItem() {} });
  ids = [];
  wait = null;
  sent = [];
  answer = async () => ({});
});
afterEach(() => vi.unstubAllGlobals());

describe('the reply’s files', () => {
  it('holds the reply while a file is going up, with the reason on the file field', async () => {
    const a = actions();
    wait = 'Espere a que terminen de subir los archivos antes de enviar';
    a.submitReply(new Event('submit'));
    await settle();
    expect(sent).toEqual([]);
    expect(a.errors).toEqual({ 'reply.attachments': wait });
  });

  it('sends the uploaded ids, then forgets the text and the files', async () => {
    const a = actions();
    a.update({
      replyFiles: [
        { id: 'upl_0123456789abcdefghijkl', name: 'a.pdf', type: 'application/pdf', size: 9, at: 1 },
      ],
    });
    ids = ['upl_0123456789abcdefghijkl'];
    a.submitReply(new Event('submit'));
    await settle();
    expect(sent).toEqual([
      { message: 'Adjunto el contrato.', attachments: ['upl_0123456789abcdefghijkl'], locale: 'es' },
    ]);
    expect(a.draft.reply).toBe('');
    expect(a.draft.replyFiles).toEqual([]);
  });

  it('puts a refusal of the files on the file field and keeps the draft', async () => {
    const a = actions();
    ids = ['upl_0123456789abcdefghijkl'];
    answer = async () => {
      throw new ApiFailure(400, 'validation_failed', 'invalid', [
        { path: 'attachments', message: 'Un archivo ya no está disponible.' },
      ]);
    };
    a.submitReply(new Event('submit'));
    await settle();
    expect(a.errors).toEqual({ 'reply.attachments': 'Un archivo ya no está disponible.' });
    expect(a.draft.reply).toBe('Adjunto el contrato.');
  });
});
