import type { Locale } from '#schema';
import { typeList, type UploadTexts } from './upload-list.ts';

/**
 * The attachment pieces' own words, in es and en. They live with the lazy pieces rather than in
 * the entry's dictionaries (widget/locales/), so the first question's script does not grow.
 * Errors follow the GOV.UK pattern: the file by its name, and what is wrong with it.
 */
export interface AttachmentTexts extends UploadTexts {
  label: string;
  optional: string;
  hint(max: number, types: readonly string[], size: string): string;
  choose: string;
  drop: string;
  remove: string;
  retry: string;
  uploading: string;
  uploadedState: string;
  failedState: string;
  review: string;
  none: string;
  files: string;
  download: string;
  downloadFailed(name: string): string;
  /** A reply sent while a file is still going up. */
  wait: string;
}

const es: AttachmentTexts = {
  wrongType: (name, types) => `El archivo ${name} no es ${typeList(types, 'ni')}`,
  tooLarge: (name, max) => `El archivo ${name} pesa más de ${max}`,
  tooMany: (max) => `Puede adjuntar como máximo ${max} archivos`,
  failed: (name) => `No se pudo subir el archivo ${name}: revise su conexión y vuelva a intentarlo`,
  uploaded: (name) => `Archivo ${name} subido`,
  removed: (name) => `Archivo ${name} quitado`,
  empty: (name) => `El archivo ${name} está vacío`,
  label: 'Archivos',
  optional: '(opcional)',
  hint: (max, types, size) =>
    `Puede adjuntar hasta ${max} archivos ${typeList(types, 'o')}, de hasta ${size} cada uno. Las fotos se envían sin su ubicación ni otros datos de la cámara.`,
  choose: 'Elegir archivos',
  drop: 'o arrástrelos aquí',
  remove: 'Quitar',
  retry: 'Reintentar',
  uploading: 'Subiendo',
  uploadedState: 'Subido',
  failedState: 'No se pudo subir',
  review: 'Archivos',
  none: 'Ninguno',
  files: 'Archivos',
  download: 'Descargar',
  downloadFailed: (name) => `No se pudo descargar ${name}: vuelva a intentarlo`,
  wait: 'Espere a que terminen de subir los archivos antes de enviar',
};

const en: AttachmentTexts = {
  wrongType: (name, types) => `The file ${name} is not a ${typeList(types, 'or')}`,
  tooLarge: (name, max) => `The file ${name} is larger than ${max}`,
  tooMany: (max) => `You can attach at most ${max} files`,
  failed: (name) => `The file ${name} could not be uploaded: check your connection and try again`,
  uploaded: (name) => `File ${name} uploaded`,
  removed: (name) => `File ${name} removed`,
  empty: (name) => `The file ${name} is empty`,
  label: 'Files',
  optional: '(optional)',
  hint: (max, types, size) =>
    `You can attach up to ${max} ${typeList(types, 'or')} files of up to ${size} each. Photos are sent without their location or other camera data.`,
  choose: 'Choose files',
  drop: 'or drop them here',
  remove: 'Remove',
  retry: 'Try again',
  uploading: 'Uploading',
  uploadedState: 'Uploaded',
  failedState: 'Upload failed',
  review: 'Files',
  none: 'None',
  files: 'Files',
  download: 'Download',
  downloadFailed: (name) => `${name} could not be downloaded: try again`,
  wait: 'Wait until the files have finished uploading before you send',
};

export const ATTACHMENT_TEXTS: Record<Locale, AttachmentTexts> = { es, en };
