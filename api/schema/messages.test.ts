import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Catalog } from './catalog.ts';
import { LOCALES, type Locale, PREFERENTIAL_GROUPS } from './constants.ts';
import { DOCUMENT_FORMATS } from './documents.ts';
import { CitizenSchema, createFilingSchema, FilingSchema } from './filing.ts';
import { en } from './locales/en.ts';
import { es } from './locales/es.ts';
import { fieldOfPath, type IssueKey, issueKind, translateIssue } from './messages.ts';

const DICTIONARIES = { es, en } as const;
const text = (es: string, en: string) => ({ es, en });

/** A catalog with every rule the filing schema has: an anonymous type with a floor, and every document format. */
const catalog: Pick<Catalog, 'requestTypes' | 'services' | 'documentTypes'> = {
  requestTypes: [
    {
      code: 'QUE',
      name: text('Queja', 'Complaint'),
      description: text('…', '…'),
      responseDays: 30,
      anonymousAllowed: false,
    },
    {
      code: 'DEN',
      name: text('Denuncia', 'Report'),
      description: text('…', '…'),
      responseDays: 15,
      anonymousAllowed: true,
      minDescriptionLength: 100,
    },
  ],
  services: [
    {
      id: 'contratos',
      name: text('Contratos', 'Contracts'),
      description: text('…', '…'),
      requestTypes: ['QUE'],
    },
    {
      id: 'corrupcion',
      name: text('Corrupción', 'Corruption'),
      description: text('…', '…'),
      requestTypes: ['DEN'],
    },
  ],
  documentTypes: DOCUMENT_FORMATS.map((format) => ({ code: format, name: text(format, format), format })),
};
const schema = createFilingSchema(catalog);

type Body = Record<string, unknown> & { citizen: Record<string, unknown> };
const VALID: Body = {
  type: 'QUE',
  service: 'contratos',
  subject: 'Contrato',
  description: 'Mi empleador no registró mi contrato de trabajo.',
  anonymous: false,
  citizen: {
    documentType: 'ec-cedula',
    documentNumber: '1714307103',
    firstName: 'Ana',
    lastName: 'Quispe',
    email: 'ana@example.org',
    phone: '+593 99 123 4567',
    preferentialAttention: [],
  },
  responseChannel: 'email',
  locale: 'es',
  consent: true,
  captcha: 'token',
};

/** Every field of the filing, read from the schema itself: a new field joins the walk on its own. */
const FIELDS = [
  ...Object.keys(FilingSchema.pipe[0].entries),
  ...Object.keys(CitizenSchema.entries).map((key) => `citizen.${key}`),
];

const MISSING = Symbol('missing');
/** One value of each kind a field can be wrong with; each field gets all of them. */
const WRONG_VALUES: Record<string, unknown> = {
  missing: MISSING,
  null: null,
  number: 42,
  boolean: true,
  object: {},
  list: ['nope'],
  'too many items': [...PREFERENTIAL_GROUPS, PREFERENTIAL_GROUPS[0]],
  empty: '',
  blank: '   ',
  'too long': 'x'.repeat(20_001),
  'control character': 'a\u0000b',
  'bidi override': 'ana\u202Egpj.exe',
  'zero-width space': 'An\u200Ba',
  unknown: 'zzz',
};

function withValue(path: string, value: unknown, base: Body = VALID): Body {
  const body = structuredClone(base);
  const [head = '', tail] = path.split('.');
  const target: Record<string, unknown> = tail ? body.citizen : body;
  const key = tail ?? head;
  if (value === MISSING) delete target[key];
  else target[key] = value;
  return body;
}

const FACTS =
  'El 12 de octubre de 2026, en la oficina de contratación, un funcionario pidió un pago para adjudicar un contrato.';
const anonymous: Record<string, unknown> = {
  ...VALID,
  type: 'DEN',
  service: 'corrupcion',
  description: FACTS,
  anonymous: true,
  citizen: undefined,
  responseChannel: undefined,
};

/** The rules of the schema's own, each broken on purpose. */
const BROKEN_RULES: Record<string, unknown> = {
  'unknown type': withValue('type', 'XYZ'),
  'service of another type': withValue('service', 'corrupcion'),
  'anonymous where not allowed': {
    ...withValue('anonymous', true),
    citizen: undefined,
    responseChannel: undefined,
  },
  'anonymous with identity and channel': { ...anonymous, citizen: VALID.citizen, responseChannel: 'email' },
  'anonymous report without facts': { ...anonymous, description: 'Hay corrupción.' },
  'phone channel without phone': withValue('citizen.phone', MISSING, withValue('responseChannel', 'phone')),
  ...Object.fromEntries(
    DOCUMENT_FORMATS.map((format) => [
      `invalid ${format} number`,
      withValue('citizen.documentNumber', '1', withValue('citizen.documentType', format)),
    ]),
  ),
};

interface Reported {
  case: string;
  path: string;
  field: string;
  kind: IssueKey;
  param: string | undefined;
  message: Record<Locale, string>;
}

function report(name: string, body: unknown): Reported[] {
  const result = v.safeParse(schema, body);
  return (result.issues ?? []).map((issue) => {
    const { path } = translateIssue(issue, 'es');
    const { kind, param } = issueKind(issue);
    return {
      case: name,
      path,
      field: fieldOfPath(path),
      kind,
      param,
      message: { es: translateIssue(issue, 'es').message, en: translateIssue(issue, 'en').message },
    };
  });
}

const reported = [
  ...FIELDS.flatMap((field) =>
    Object.entries(WRONG_VALUES).flatMap(([kind, value]) =>
      report(`${field}: ${kind}`, withValue(field, value)),
    ),
  ),
  ...Object.entries(BROKEN_RULES).flatMap(([name, body]) => report(name, body)),
];

// What a message said before it had to name its field: none of these may come back.
const GENERIC = [
  /este campo/i,
  /this field/i,
  /^el valor/i,
  /^the value/i,
  /^el formato/i,
  /^the format/i,
  /^debe tener/i,
  /^enter at (least|most)/i,
];

describe('validation messages', () => {
  it('start from a filing the schema accepts', () => {
    expect(v.safeParse(schema, VALID).issues).toBeUndefined();
    expect(v.safeParse(schema, anonymous).issues).toBeUndefined();
  });

  it('are walked for every field of the filing', () => {
    expect(FIELDS.length).toBeGreaterThanOrEqual(17);
    for (const field of FIELDS) {
      expect(
        reported.some((r) => r.field === field),
        field,
      ).toBe(true);
    }
  });

  it('are walked for every rule of the filing schema', () => {
    const kinds = new Set(reported.map((r) => r.kind));
    for (const kind of [
      'required',
      'invalid_type',
      'too_long',
      'too_many',
      'invalid_option',
      'invalid_text',
      'invisible_text',
      'invalid_email',
      'invalid_phone',
      'citizen_required',
      'channel_required',
      'anonymous_no_citizen',
      'anonymous_no_channel',
      'email_required_for_channel',
      'phone_required_for_channel',
      'unknown_type',
      'unknown_service',
      'service_type_mismatch',
      'anonymous_not_allowed',
      'unknown_document_type',
      'invalid_document_number',
      'description_needs_facts',
    ] satisfies IssueKey[]) {
      expect(kinds.has(kind), kind).toBe(true);
    }
    const formats = new Set(reported.filter((r) => r.kind === 'invalid_document_number').map((r) => r.param));
    expect([...formats].sort()).toEqual([...DOCUMENT_FORMATS].sort());
  });

  for (const locale of LOCALES) {
    describe(`in ${locale}`, () => {
      it('name their field (as the dictionary names it) and leave no slot unfilled', () => {
        for (const r of reported) {
          const name = (DICTIONARIES[locale].fields as Record<string, { name: string }>)[r.field]?.name;
          expect(name, `${r.case}: ${r.path} has a name`).toBeDefined();
          expect(r.message[locale].toLowerCase(), `${r.case} (${r.kind})`).toContain(name?.toLowerCase());
          expect(r.message[locale], r.case).not.toMatch(/[{}]/);
        }
      });

      it('never fall back to a generic sentence', () => {
        for (const r of reported) {
          for (const generic of GENERIC)
            expect(r.message[locale], `${r.case} (${r.kind})`).not.toMatch(generic);
        }
      });

      it('belong to one field each: no two fields share a message', () => {
        const fieldsOf = new Map<string, Set<string>>();
        for (const r of reported) {
          const fields = fieldsOf.get(r.message[locale]) ?? new Set();
          fields.add(r.field);
          fieldsOf.set(r.message[locale], fields);
        }
        for (const [message, fields] of fieldsOf) expect([...fields], message).toHaveLength(1);
      });
    });
  }

  it('are translated: the English differs from the Spanish', () => {
    for (const r of reported) expect(r.message.en, r.case).not.toBe(r.message.es);
  });

  it('read as GOV.UK asks: the field and the fix', () => {
    const message = (path: string, value: unknown, locale: Locale = 'es') =>
      report('example', withValue(path, value)).find((r) => r.path === path)?.message[locale];
    expect(message('citizen.documentType', MISSING)).toBe('Elija el tipo de documento.');
    expect(message('citizen.documentType', MISSING, 'en')).toBe('Choose the document type.');
    expect(message('citizen.lastName', '')).toBe('Escriba sus apellidos.');
    expect(message('citizen.lastName', '', 'en')).toBe('Enter your last names.');
    expect(message('citizen.email', MISSING)).toBe(
      'Escriba su correo electrónico: es donde recibirá la respuesta.',
    );
    expect(message('citizen.documentNumber', '1714307104')).toBe(
      'El número de documento no es válido: una cédula tiene 10 dígitos y el último es un dígito verificador. Revíselo.',
    );
    expect(message('citizen.documentNumber', '1714307104', 'en')).toBe(
      'The document number is not valid: an Ecuadorian cédula has 10 digits, the last one a check digit. Check it.',
    );
    expect(message('description', 'x'.repeat(5001))).toBe(
      'La descripción debe tener como máximo 5000 caracteres.',
    );
  });

  it('name the fields of the staff schemas and of a body that is not an object too', () => {
    const issue = (schema: v.GenericSchema, input: unknown) => {
      const [first] = v.safeParse(schema, input).issues ?? [];
      if (!first) throw new Error('expected an issue');
      return translateIssue(first, 'en');
    };
    expect(issue(FilingSchema, 'a filing')).toEqual({
      path: '',
      message: '“Data sent” does not have the expected type of value.',
    });
    expect(issue(v.object({ limit: v.pipe(v.number(), v.maxValue(100)) }), { limit: 500 })).toEqual({
      path: 'limit',
      message: '“Limit” must be a number of 100 or less.',
    });
  });
});
