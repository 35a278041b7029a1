/**
 * Where an issue of the catalog file's schema lands in the catalog form: the id of the field (the
 * error summary links to it, the message sits beside it) and which of the form's messages to show.
 * The same function reads the browser's own check and the server's `400 validation_failed`, whose
 * issues carry the same dotted paths (`services.3.name.en`), so both land on the same fields.
 * Pure (no lit, no DOM): tested in node against the server's real answer.
 */

/** The keys of `admin.catalog.errors` in the dictionaries. */
export type CatalogErrorKey =
  | 'allowedOrigins'
  | 'privacyUrl'
  | 'privacyVersion'
  | 'serviceName'
  | 'serviceDescription'
  | 'serviceId'
  | 'serviceIdRepeated'
  | 'serviceTypes'
  | 'typeName'
  | 'typeDescription'
  | 'maxFiles'
  | 'maxSize'
  | 'fileTypes'
  | 'quota';

export interface CatalogIssueField {
  /** The id of the form's control (the first one of a group of checkboxes). */
  id: string;
  key: CatalogErrorKey;
}

/** The ids of the form's controls, shared by the renderers and this module. */
export const fieldIds = {
  origins: 'allowedOrigins',
  privacyUrl: 'privacyUrl',
  privacyVersion: 'privacyVersion',
  serviceText: (index: number, part: 'name' | 'description', lang: 'es' | 'en') =>
    `service-${index}-${part}-${lang}`,
  serviceId: (index: number) => `service-${index}-id`,
  /** The first checkbox of the service's request types. */
  serviceTypes: (index: number) => `service-${index}-types`,
  typeText: (index: number, part: 'name' | 'description', lang: 'es' | 'en') =>
    `type-${index}-${part}-${lang}`,
  attachmentsOn: 'attachments-on',
  maxFiles: 'attachments-maxFiles',
  maxSize: 'attachments-maxMb',
  /** The first checkbox of the accepted types. */
  fileTypes: 'attachments-types',
} as const;

/**
 * The field of an issue's dotted path, or null when the form has no field for it (the code, the
 * country: the catalog's own identity, which this screen does not edit). `serviceIds` resolves the
 * list-wide check "every service id must be unique" to the first repeated one.
 */
export function fieldOfIssue(path: string, serviceIds: readonly string[] = []): CatalogIssueField | null {
  if (path === 'allowedOrigins' || path.startsWith('allowedOrigins.'))
    return { id: fieldIds.origins, key: 'allowedOrigins' };
  if (path === 'privacyNotice.url') return { id: fieldIds.privacyUrl, key: 'privacyUrl' };
  if (path === 'privacyNotice.version') return { id: fieldIds.privacyVersion, key: 'privacyVersion' };
  if (path === 'services') {
    const repeated = serviceIds.findIndex((id, i) => serviceIds.indexOf(id) !== i);
    return repeated >= 0 ? { id: fieldIds.serviceId(repeated), key: 'serviceIdRepeated' } : null;
  }
  const service = /^services\.(\d+)(?:\.(\w+))?(?:\.(es|en|\d+))?$/.exec(path);
  if (service) {
    const index = Number(service[1]);
    const [, , part, lang] = service;
    if ((part === 'name' || part === 'description') && (lang === 'es' || lang === 'en'))
      return {
        id: fieldIds.serviceText(index, part, lang),
        key: part === 'name' ? 'serviceName' : 'serviceDescription',
      };
    if (part === 'id') return { id: fieldIds.serviceId(index), key: 'serviceId' };
    // The list of types, or a type the catalog does not define (the check on the whole service).
    if (part === 'requestTypes' || part === undefined)
      return { id: fieldIds.serviceTypes(index), key: 'serviceTypes' };
  }
  const type = /^requestTypes\.(\d+)\.(name|description)\.(es|en)$/.exec(path);
  if (type) {
    const part = type[2] as 'name' | 'description';
    return {
      id: fieldIds.typeText(Number(type[1]), part, type[3] as 'es' | 'en'),
      key: part === 'name' ? 'typeName' : 'typeDescription',
    };
  }
  if (path === 'attachments.maxFiles') return { id: fieldIds.maxFiles, key: 'maxFiles' };
  if (path === 'attachments.maxBytes') return { id: fieldIds.maxSize, key: 'maxSize' };
  if (path.startsWith('attachments.types')) return { id: fieldIds.fileTypes, key: 'fileTypes' };
  if (path === 'attachments.quotaBytes') return { id: fieldIds.maxSize, key: 'quota' };
  return null;
}

const SECTIONS = ['allowedOrigins', 'privacyUrl', 'privacyVersion', 'attachments-', 'type-', 'service-'];
const PARTS = ['id', 'name-es', 'name-en', 'description-es', 'description-en', 'types'];

/**
 * Where a field comes in the form, top to bottom: the error summary lists them in that order (GOV.UK),
 * not in the schema's order of keys.
 */
function formOrder(id: string): number[] {
  const section = SECTIONS.findIndex((start) => id.startsWith(start));
  const item = /^(?:type|service)-(\d+)-(.+)$/.exec(id);
  if (item) return [section, Number(item[1]), PARTS.indexOf(item[2] ?? '')];
  const attachment = [fieldIds.maxFiles, fieldIds.maxSize, fieldIds.fileTypes].indexOf(id as never);
  return [section, attachment, 0];
}

function byFormOrder(a: string, b: string): number {
  const [x, y] = [formOrder(a), formOrder(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/**
 * The first issue of each field, as `{ field id: message key }` in the form's order, and the messages
 * of issues no field takes (shown at the top of the error summary as they came).
 */
export function catalogErrors(
  issues: readonly { path: string; message: string }[],
  serviceIds: readonly string[] = [],
): { fields: Record<string, CatalogErrorKey>; general: string[] } {
  const fields: Record<string, CatalogErrorKey> = {};
  const general: string[] = [];
  for (const issue of issues) {
    const found = fieldOfIssue(issue.path, serviceIds);
    if (!found) {
      if (!general.includes(issue.message)) general.push(issue.message);
    } else if (!fields[found.id]) fields[found.id] = found.key;
  }
  const ordered = Object.fromEntries(
    Object.keys(fields)
      .sort(byFormOrder)
      .map((id) => [id, fields[id] as CatalogErrorKey]),
  );
  return { fields: ordered, general };
}
