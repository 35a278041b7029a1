import type { Catalog, LocalizedText } from '#schema';

const text = (es: string, en: string): LocalizedText => ({ es, en });

/**
 * A small catalog for the widget's unit tests: a type that must be filed with identity and one
 * that may be anonymous (with a floor on its description, as Colombian denuncias have).
 */
export const TEST_CATALOG: Catalog = {
  code: 'MDT',
  name: 'Ministerio del Trabajo',
  country: 'EC',
  timezone: 'America/Guayaquil',
  locales: ['es', 'en'],
  privacyNotice: { url: '/demo/privacidad.html', version: '2026-01' },
  captcha: { provider: 'off' },
  requestTypes: [
    {
      code: 'QUE',
      name: text('Queja', 'Complaint'),
      description: text('Algo salió mal.', 'Something went wrong.'),
      responseDays: 30,
      anonymousAllowed: false,
    },
    {
      code: 'DEN',
      name: text('Denuncia', 'Report'),
      description: text('Un hecho irregular.', 'Wrongdoing.'),
      responseDays: 30,
      anonymousAllowed: true,
      minDescriptionLength: 40,
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
      id: 'inspecciones',
      name: text('Inspecciones', 'Inspections'),
      description: text('…', '…'),
      requestTypes: ['QUE', 'DEN'],
    },
  ],
  documentTypes: [{ code: 'cedula', name: text('Cédula', 'ID card'), format: 'ec-cedula' }],
};
