// One module per validator rather than `stdnum`'s index, which holds every country's numbers: the
// widget bundles this file, and the whole library would weigh more than the rest of the widget.
import * as coNitModule from 'stdnum/lib/cjs/co/nit.js';
import * as ecCiModule from 'stdnum/lib/cjs/ec/ci.js';
import * as ecRucModule from 'stdnum/lib/cjs/ec/ruc.js';
import * as peCeModule from 'stdnum/lib/cjs/pe/ce.js';
import * as peRucModule from 'stdnum/lib/cjs/pe/ruc.js';

/**
 * How each identity document is checked. A catalog names one format per document type, so an
 * institution can add a document without code. Check digits come from `stdnum` (a port of
 * python-stdnum) rather than hand-written arithmetic.
 */
export const DOCUMENT_FORMATS = [
  'ec-cedula',
  'ec-ruc',
  'co-cc',
  'co-ce',
  'co-nit',
  'pe-dni',
  'pe-ce',
  'pe-ruc',
  'passport',
] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

type StdnumValidator = { validate(value: string): { isValid: boolean } };

const digits = (min: number, max: number) => (value: string) =>
  new RegExp(`^\\d{${min},${max}}$`).test(value);
const checked = (validator: StdnumValidator) => (value: string) => validator.validate(value).isValid;
const ecCedula = checked(ecCiModule);
const ecRuc = checked(ecRucModule);
const coNit = checked(coNitModule);
const peCe = checked(peCeModule);
const peRuc = checked(peRucModule);

const CHECKS: Record<DocumentFormat, (value: string) => boolean> = {
  // Cédula: 10 digits, a province code (01–24, 30 for Ecuadorians abroad) and a módulo-10 check digit.
  'ec-cedula': (value) => /^\d{10}$/.test(value) && ecCedula(value),
  'ec-ruc': (value) => /^\d{13}$/.test(value) && ecRuc(value),
  // The Colombian cédula de ciudadanía has no check digit: 3 to 10 digits.
  'co-cc': digits(3, 10),
  'co-ce': (value) => /^[A-Z0-9]{3,15}$/.test(value),
  // NIT: 8 to 15 digits whose last one is a check digit (DIAN's módulo 11).
  'co-nit': (value) => /^\d{6,15}$/.test(value) && coNit(value),
  'pe-dni': digits(8, 8),
  'pe-ce': (value) => /^[A-Z0-9]{8,12}$/.test(value) && peCe(value),
  'pe-ruc': (value) => /^\d{11}$/.test(value) && peRuc(value),
  passport: (value) => /^[A-Z0-9]{5,20}$/.test(value),
};

/** Removes the spaces, dots and hyphens people type inside document numbers, and upper-cases letters. */
export function compactDocumentNumber(value: string): string {
  return value.replace(/[\s.\-/]/g, '').toUpperCase();
}

export function isValidDocumentNumber(format: DocumentFormat, value: string): boolean {
  return CHECKS[format](compactDocumentNumber(value));
}
