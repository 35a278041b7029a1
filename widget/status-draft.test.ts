import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPortalChoice, savePortalChoice } from './draft.ts';
import { emptyActionDraft, loadActionDraft, saveActionDraft } from './status-draft.ts';

/** sessionStorage as the browser has it, in memory: Node has none. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const refusing = () => {
  throw new DOMException('denied', 'SecurityError');
};

const API = 'https://contacto.gob.ec';
let storage: MemoryStorage;

beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('sessionStorage', storage);
});
afterEach(() => vi.unstubAllGlobals());

describe('the status view’s drafts', () => {
  it('keeps what was typed per request (the ticket in any case), never the tracking code', () => {
    saveActionDraft(API, 'MDT-QUE-2026-00001', { ...emptyActionDraft(), reply: 'El contrato 2026-4411.' });
    expect(loadActionDraft(API, 'mdt-que-2026-00001').reply).toBe('El contrato 2026-4411.');
    expect(loadActionDraft(API, 'MDT-QUE-2026-00002')).toEqual(emptyActionDraft());
    expect([...storage.items.values()].join()).not.toMatch(/code|tracking/i);
  });

  it('forgets a request’s draft once nothing is left in it', () => {
    saveActionDraft(API, 'MDT-QUE-2026-00001', { ...emptyActionDraft(), rating: '4' });
    saveActionDraft(API, 'MDT-QUE-2026-00001', emptyActionDraft());
    expect(storage.items.size).toBe(0);
  });

  it('keeps the reply’s uploaded files, and forgets a draft whose only files went with the reply', () => {
    const file = {
      id: 'upl_0123456789abcdefghijkl',
      name: 'contrato.pdf',
      type: 'application/pdf' as const,
      size: 9,
      at: 1,
    };
    saveActionDraft(API, 'MDT-QUE-2026-00001', { ...emptyActionDraft(), replyFiles: [file] });
    expect(loadActionDraft(API, 'MDT-QUE-2026-00001').replyFiles).toEqual([file]);
    saveActionDraft(API, 'MDT-QUE-2026-00001', { ...emptyActionDraft(), replyFiles: [] });
    expect(storage.items.size).toBe(0);
  });

  it('starts afresh from a corrupt entry, and works without storage', () => {
    storage.setItem(`contacto-ciudadano:status-draft:${API}:MDT-QUE-2026-00001`, '{not json');
    expect(loadActionDraft(API, 'MDT-QUE-2026-00001')).toEqual(emptyActionDraft());
    vi.stubGlobal('sessionStorage', { getItem: refusing, setItem: refusing, removeItem: refusing });
    expect(() =>
      saveActionDraft(API, 'MDT-QUE-2026-00001', { ...emptyActionDraft(), reply: 'x' }),
    ).not.toThrow();
    expect(loadActionDraft(API, 'MDT-QUE-2026-00001')).toEqual(emptyActionDraft());
  });
});

describe('a portal’s choice of institution', () => {
  it('is kept per API, and cleared by going back to the directory', () => {
    savePortalChoice(API, 'MSP');
    expect(loadPortalChoice(API)).toBe('MSP');
    expect(loadPortalChoice('https://otra.example')).toBe('');
    savePortalChoice(API, '');
    expect(loadPortalChoice(API)).toBe('');
    expect(storage.items.size).toBe(0);
  });

  it('is empty where storage is refused', () => {
    vi.stubGlobal('sessionStorage', { getItem: refusing, setItem: refusing, removeItem: refusing });
    expect(() => savePortalChoice(API, 'MSP')).not.toThrow();
    expect(loadPortalChoice(API)).toBe('');
  });
});
