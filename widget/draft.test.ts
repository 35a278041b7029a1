import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFilingSchema } from '#schema';
import { clearDraft, type Draft, emptyDraft, loadDraft, saveDraft, toFiling } from './draft.ts';
import { TEST_CATALOG } from './test-catalog.ts';

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

/** A storage the browser refuses (private mode, a full quota, a sandboxed iframe). */
const blocked = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
  removeItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
};

const API = 'https://contacto.gob.ec';

const identified: Draft = {
  ...emptyDraft({ type: 'QUE', service: 'contratos' }),
  step: 'review',
  subject: '',
  description: 'Mi empleador no registró mi contrato de trabajo.',
  documentType: 'cedula',
  documentNumber: '171430710-3',
  firstName: 'Ana',
  lastName: 'Quispe',
  email: 'ana@example.org',
  phone: '   ',
  preferentialAttention: ['pregnancy'],
  responseChannel: 'email',
  consent: true,
};

describe('the draft in sessionStorage', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    vi.stubGlobal('sessionStorage', storage);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is empty until something is saved', () => {
    expect(loadDraft(API, 'MDT')).toBeNull();
  });

  it('comes back as it was saved, idempotency key included', () => {
    const draft = { ...identified, idempotency: { key: 'k-1', body: '{}' } };
    saveDraft(API, 'MDT', draft);
    expect(loadDraft(API, 'MDT')).toEqual(draft);
  });

  it('is kept per API and institution', () => {
    saveDraft(API, 'MDT', identified);
    expect(loadDraft(API, 'MSP')).toBeNull();
    expect(loadDraft('https://otro.gob.ec', 'MDT')).toBeNull();
    expect([...storage.items.keys()]).toEqual([`contacto-ciudadano:draft:${API}:MDT`]);
  });

  it('is gone once cleared (after the filing)', () => {
    saveDraft(API, 'MDT', identified);
    saveDraft(API, 'MSP', identified);
    clearDraft(API, 'MDT');
    expect(loadDraft(API, 'MDT')).toBeNull();
    expect(loadDraft(API, 'MSP')).toEqual(identified);
  });

  it('fills what an older saved draft lacks with the empty values', () => {
    storage.setItem(
      `contacto-ciudadano:draft:${API}:MDT`,
      JSON.stringify({ step: 'description', description: 'Hola' }),
    );
    expect(loadDraft(API, 'MDT')).toEqual({ ...emptyDraft(), step: 'description', description: 'Hola' });
  });

  it('starts afresh when what is stored is not JSON', () => {
    storage.setItem(`contacto-ciudadano:draft:${API}:MDT`, '{"step":');
    expect(loadDraft(API, 'MDT')).toBeNull();
  });

  it('never breaks the form when the browser refuses storage', () => {
    vi.stubGlobal('sessionStorage', blocked);
    expect(() => saveDraft(API, 'MDT', identified)).not.toThrow();
    expect(loadDraft(API, 'MDT')).toBeNull();
    expect(() => clearDraft(API, 'MDT')).not.toThrow();
  });
});

describe('a new draft', () => {
  it('starts at the first question the page has not answered', () => {
    expect(emptyDraft().step).toBe('type');
    expect(emptyDraft({ type: 'QUE' })).toMatchObject({ step: 'service', type: 'QUE', service: '' });
    expect(emptyDraft({ type: 'QUE', service: 'contratos' })).toMatchObject({
      step: 'description',
      type: 'QUE',
      service: 'contratos',
    });
  });

  it('asks nothing and assumes nothing of the citizen', () => {
    expect(emptyDraft()).toMatchObject({ anonymous: false, consent: false, preferentialAttention: [] });
    expect(emptyDraft().idempotency).toBeUndefined();
  });
});

describe('the body filed from a draft', () => {
  const schema = createFilingSchema(TEST_CATALOG);

  it('carries what the citizen answered, leaving out the empty optional fields', () => {
    expect(toFiling(identified, 'es')).toEqual({
      type: 'QUE',
      service: 'contratos',
      description: 'Mi empleador no registró mi contrato de trabajo.',
      anonymous: false,
      citizen: {
        documentType: 'cedula',
        documentNumber: '171430710-3',
        firstName: 'Ana',
        lastName: 'Quispe',
        email: 'ana@example.org',
        preferentialAttention: ['pregnancy'],
      },
      responseChannel: 'email',
      locale: 'es',
      consent: true,
    });
  });

  it('is one the API accepts', () => {
    const result = v.safeParse(schema, toFiling(identified, 'en', 'captcha-token'));
    expect(result.issues).toBeUndefined();
    // As the API stores it: the document number without the hyphen the citizen typed.
    expect(result.output).toMatchObject({
      locale: 'en',
      captcha: 'captcha-token',
      citizen: { documentNumber: '1714307103' },
    });
  });

  it('keeps a subject, a phone and the captcha token when there are any', () => {
    const body = toFiling({ ...identified, subject: 'Contrato', phone: '+593 99 123 4567' }, 'es', 'token');
    expect(body).toMatchObject({
      subject: 'Contrato',
      captcha: 'token',
      citizen: { phone: '+593 99 123 4567' },
    });
  });

  it('sends no identity and no response channel when anonymous, even if some were typed before', () => {
    const anonymous = { ...identified, type: 'DEN', service: 'inspecciones', anonymous: true };
    anonymous.description = 'El inspector pidió dinero para no sancionar a la empresa.';
    const body = toFiling(anonymous, 'es');
    expect(body).not.toHaveProperty('citizen');
    expect(body).not.toHaveProperty('responseChannel');
    expect(v.safeParse(schema, body).issues).toBeUndefined();
  });

  it('leaves the choice of channel out until one is made, so the API can ask for it', () => {
    const body = toFiling({ ...identified, responseChannel: '' }, 'es');
    expect(body).not.toHaveProperty('responseChannel');
    const issues = v.safeParse(schema, body).issues?.map((issue) => issue.path?.map((p) => p.key).join('.'));
    expect(issues).toEqual(['responseChannel']);
  });

  it('never carries the journey’s own state', () => {
    const body = toFiling({ ...identified, idempotency: { key: 'k', body: '{}' } }, 'es');
    expect(body).not.toHaveProperty('step');
    expect(body).not.toHaveProperty('idempotency');
  });
});
