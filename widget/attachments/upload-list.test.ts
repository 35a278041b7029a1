import { describe, expect, it } from 'vitest';
import { ATTACHMENT_TEXTS } from './texts.ts';
import { formatSize, type SavedUpload, typeList, UploadList } from './upload-list.ts';

const policy = {
  maxFiles: 2,
  maxBytes: 1024 * 1024,
  types: ['application/pdf', 'image/jpeg', 'image/png'] as const,
};

function list() {
  const changes: UploadList[] = [];
  const uploads = new UploadList({
    api: 'http://127.0.0.1:1',
    institution: 'MDT',
    locale: 'es',
    policy: { ...policy, types: [...policy.types] },
    texts: ATTACHMENT_TEXTS.es,
    onChange: (l) => changes.push(l),
  });
  return { uploads, changes };
}

describe('the upload list', () => {
  it('names the types the GOV.UK way in both languages', () => {
    expect(ATTACHMENT_TEXTS.es.wrongType('contrato.docx', policy.types)).toBe(
      'El archivo contrato.docx no es PDF, JPG ni PNG',
    );
    expect(ATTACHMENT_TEXTS.en.wrongType('contract.docx', policy.types)).toBe(
      'The file contract.docx is not a PDF, JPG or PNG',
    );
    expect(typeList(['application/pdf'], 'ni')).toBe('PDF');
  });

  it('says sizes in the citizen’s language', () => {
    expect(formatSize(10 * 1024 * 1024, 'es')).toBe('10 MB');
    expect(formatSize(2.5 * 1024 * 1024, 'es')).toBe('2,5 MB');
    expect(formatSize(2.5 * 1024 * 1024, 'en')).toBe('2.5 MB');
    expect(formatSize(300, 'en')).toBe('1 KB');
  });

  it('refuses in the browser what the server would: type, size and count, each by name', () => {
    const { uploads, changes } = list();
    uploads.add([
      new File(['x'], 'contrato.docx', {
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      }),
      new File([new Uint8Array(2 * 1024 * 1024)], 'grande.pdf', { type: 'application/pdf' }),
      new File([], 'vacio.png', { type: 'image/png' }),
    ]);
    expect(uploads.items.map((i) => [i.name, i.state])).toEqual([
      ['contrato.docx', 'refused'],
      ['grande.pdf', 'refused'],
      ['vacio.png', 'refused'],
    ]);
    expect(uploads.announcement).toContain('El archivo contrato.docx no es PDF, JPG ni PNG');
    expect(uploads.announcement).toContain('El archivo grande.pdf pesa más de 1 MB');
    expect(uploads.saved).toEqual([]);
    expect(changes.length).toBeGreaterThan(0);
  });

  it('restores the draft’s files except those the server will have forgotten', () => {
    const { uploads } = list();
    const now = Date.UTC(2026, 10, 24, 15);
    const saved = (id: string, hoursAgo: number): SavedUpload => ({
      id,
      name: `${id}.pdf`,
      type: 'application/pdf',
      size: 10,
      at: now - hoursAgo * 3600_000,
    });
    uploads.restore([saved('upl_fresh', 1), saved('upl_old', 23.5)], now);
    expect(uploads.saved.map((s) => s.id)).toEqual(['upl_fresh']);
    uploads.remove(uploads.items[0]?.key ?? 0);
    expect(uploads.saved).toEqual([]);
    expect(uploads.announcement).toBe('Archivo upl_fresh.pdf quitado');
  });
});
