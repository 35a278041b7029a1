import { type AttachmentPolicy, TYPE_LABELS, type UploadReceipt } from '#schema';
import { csrf } from './api.ts';
import { locale } from './locales/index.ts';

/**
 * The files staff attach to an answer or a request for information (CONTRACT §6), and the
 * downloads of a request's files. The widget has the same logic for citizens in
 * widget/attachments/, which staff/ may not import: this is the few lines the back office needs.
 * Each file is uploaded on its own as soon as it is picked (XHR, for its progress); only uploaded
 * files are sent with the event.
 */

export type StaffUploadState = 'uploading' | 'done' | 'refused' | 'failed';

export interface StaffUpload {
  key: number;
  name: string;
  size: number;
  state: StaffUploadState;
  /** 0 to 1 while uploading. */
  progress: number;
  /** Why it was refused or failed, in the person's language. */
  error?: string;
  receipt?: UploadReceipt;
}

export interface StaffUploadTexts {
  wrongType(name: string, types: string): string;
  tooLarge(name: string, max: string): string;
  tooMany(max: number): string;
  empty(name: string): string;
  failed(name: string): string;
}

const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
};

/** "PDF, JPG, PNG". */
export function typeNames(types: readonly string[]): string {
  return types.map((type) => TYPE_LABELS[type as keyof typeof TYPE_LABELS] ?? type).join(', ');
}

/** "2.4 MB" in the back office's language. */
export function formatSize(bytes: number): string {
  const format = (n: number, unit: string) =>
    `${new Intl.NumberFormat(locale(), { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n)} ${unit}`;
  if (bytes < 1024 * 1024) return format(Math.max(1, Math.round(bytes / 1024)), 'KB');
  return format(bytes / (1024 * 1024), 'MB');
}

export class StaffUploads {
  items: StaffUpload[] = [];
  #next = 1;

  constructor(
    private readonly institution: string,
    private readonly policy: AttachmentPolicy,
    private readonly texts: StaffUploadTexts,
    private readonly onChange: () => void,
  ) {}

  /** The ids to send with the event: the uploaded files only. */
  get ids(): string[] {
    return this.items.flatMap((item) => (item.state === 'done' && item.receipt ? [item.receipt.id] : []));
  }

  get busy(): boolean {
    return this.items.some((item) => item.state === 'uploading');
  }

  /** The errors to show: one per refused or failed file. */
  get errors(): StaffUpload[] {
    return this.items.filter((item) => item.error);
  }

  /** Checks what the browser can (type, size, count) and uploads the rest. */
  add(files: Iterable<File>): void {
    for (const file of files) {
      const kept = this.items.filter((item) => !item.error).length;
      const item: StaffUpload = {
        key: this.#next++,
        name: file.name,
        size: file.size,
        state: 'uploading',
        progress: 0,
      };
      const extension = file.name.split('.').at(-1)?.toLowerCase() ?? '';
      if (kept >= this.policy.maxFiles) item.error = this.texts.tooMany(this.policy.maxFiles);
      else if (!this.policy.types.some((type) => type === file.type || EXTENSIONS[type]?.includes(extension)))
        item.error = this.texts.wrongType(file.name, typeNames(this.policy.types));
      else if (file.size > this.policy.maxBytes)
        item.error = this.texts.tooLarge(file.name, formatSize(this.policy.maxBytes));
      else if (file.size === 0) item.error = this.texts.empty(file.name);
      if (item.error) item.state = 'refused';
      this.items = [...this.items, item];
      if (!item.error) this.#send(item, file);
    }
    this.onChange();
  }

  remove(key: number): void {
    this.items = this.items.filter((item) => item.key !== key);
    this.onChange();
  }

  #send(item: StaffUpload, file: File): void {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/institutions/${encodeURIComponent(this.institution)}/uploads`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    // A header takes Latin-1 only: the name travels percent-encoded (RFC 5987), as the server reads it.
    xhr.setRequestHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
    xhr.setRequestHeader('Accept-Language', locale());
    const token = csrf();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    const settle = (state: StaffUploadState, error?: string) => {
      if (!this.items.includes(item)) return; // removed while it was on its way
      item.state = state;
      if (error) item.error = error;
      this.onChange();
    };
    xhr.upload.onprogress = (event) => {
      if (!event.lengthComputable || !this.items.includes(item)) return;
      item.progress = event.loaded / event.total;
      this.onChange();
    };
    xhr.onerror = () => settle('failed', this.texts.failed(file.name));
    xhr.onload = () => {
      if (xhr.status === 201) {
        item.receipt = JSON.parse(xhr.responseText) as UploadReceipt;
        item.progress = 1;
        settle('done');
      } else if (xhr.status === 415)
        settle('refused', this.texts.wrongType(file.name, typeNames(this.policy.types)));
      else if (xhr.status === 413)
        settle('refused', this.texts.tooLarge(file.name, formatSize(this.policy.maxBytes)));
      else settle('failed', this.texts.failed(file.name));
    };
    xhr.send(file);
  }
}

/**
 * A download of a request's file: the staff API answers it with the session cookie and
 * `Content-Disposition: attachment`; fetching it first lets a failure be told on the page (a plain
 * link would leave the screen for an error), then the browser saves the blob under its name.
 */
export async function downloadFile(url: string, name: string): Promise<void> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`download failed: ${response.status}`);
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the blob once the click's task ran.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
