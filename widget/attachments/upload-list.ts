import type { AttachmentPolicy, UploadReceipt } from '#schema';

/**
 * The files a citizen adds to a filing or a reply, and their uploads (CONTRACT §6): a reusable
 * controller without Lit, so the description step and the reply form share it. Each file is sent
 * on its own as soon as it is picked (XHR, for its progress); one that fails on a bad network stays
 * in the list with a retry, and nothing else of the draft is touched. Only uploaded files reach
 * the draft (`saved`): a filing never names an upload that failed.
 */

/** An uploaded file as the draft keeps it, so a reload finds it again until it expires. */
export interface SavedUpload extends UploadReceipt {
  /** When it was uploaded (ms since the epoch): the server forgets unclaimed uploads after a day. */
  at: number;
}

export type UploadState = 'uploading' | 'done' | 'failed' | 'refused';

export interface UploadItem {
  key: number;
  name: string;
  size: number;
  state: UploadState;
  /** 0 to 1 while uploading. */
  progress: number;
  /** Why it was refused or failed, in the citizen's language. */
  error?: string;
  receipt?: SavedUpload;
  /** Kept while it may be retried. */
  file?: File;
}

/** What the controller says to the citizen: one sentence per event, for a live region. */
export interface UploadTexts {
  wrongType(name: string, types: readonly string[]): string;
  tooLarge(name: string, max: string): string;
  tooMany(max: number): string;
  failed(name: string): string;
  uploaded(name: string): string;
  removed(name: string): string;
  empty(name: string): string;
}

export interface UploadListOptions {
  /** The API's base; '' until the first file is picked, when the field knows its element. */
  api: string;
  institution: string;
  locale: string;
  policy: AttachmentPolicy;
  texts: UploadTexts;
  /** Called on every change: persist `saved` and render again. */
  onChange(list: UploadList): void;
}

/** Keep a margin under the server's day: a file saved 23 hours ago may expire before the citizen files. */
const KEEP_MS = 23 * 3600_000;

const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
};

export const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
};

/** "PDF, JPG ni PNG" / "PDF, JPG or PNG": `last` is the language's word before the last. */
export function typeList(types: readonly string[], last: string): string {
  const names = types.map((t) => TYPE_NAMES[t] ?? t);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}` : (names[0] ?? '');
}

/** "2,4 MB" in the citizen's language. */
export function formatSize(bytes: number, locale: string): string {
  const format = (n: number, unit: string) =>
    `${new Intl.NumberFormat(locale, { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n)} ${unit}`;
  if (bytes < 1024 * 1024) return format(Math.max(1, Math.round(bytes / 1024)), 'KB');
  return format(bytes / (1024 * 1024), 'MB');
}

export class UploadList {
  items: UploadItem[] = [];
  /** The last thing said, for the live region. */
  announcement = '';
  /** Locale and texts may change while the list lives (the element's `lang`). */
  options: UploadListOptions;
  #next = 1;

  constructor(options: UploadListOptions) {
    this.options = options;
  }

  /** Files uploaded earlier (the draft's), minus those the server will have forgotten. */
  restore(saved: readonly SavedUpload[] | undefined, now = Date.now()): void {
    this.items = (saved ?? [])
      .filter((s) => now - s.at < KEEP_MS)
      .map((receipt) => ({
        key: this.#next++,
        name: receipt.name,
        size: receipt.size,
        state: 'done',
        progress: 1,
        receipt,
      }));
  }

  /** What the draft keeps: the uploaded files only. */
  get saved(): SavedUpload[] {
    return this.items.flatMap((item) => (item.state === 'done' && item.receipt ? [item.receipt] : []));
  }

  get busy(): boolean {
    return this.items.some((item) => item.state === 'uploading');
  }

  /** Checks what the browser can (type by extension and MIME, size, count), then uploads the rest. */
  add(files: Iterable<File>): void {
    const { policy, texts } = this.options;
    const messages: string[] = [];
    for (const file of files) {
      const kept = this.items.filter((item) => item.state !== 'refused').length;
      if (kept >= policy.maxFiles) {
        messages.push(texts.tooMany(policy.maxFiles));
        break;
      }
      const extension = file.name.split('.').at(-1)?.toLowerCase() ?? '';
      const typeOk = policy.types.some((t) => t === file.type || EXTENSIONS[t]?.includes(extension));
      const item: UploadItem = {
        key: this.#next++,
        name: file.name,
        size: file.size,
        state: 'uploading',
        progress: 0,
        file,
      };
      if (!typeOk) this.#refuse(item, texts.wrongType(file.name, policy.types));
      else if (file.size > policy.maxBytes)
        this.#refuse(item, texts.tooLarge(file.name, formatSize(policy.maxBytes, this.options.locale)));
      else if (file.size === 0) this.#refuse(item, texts.empty(file.name));
      if (item.error) messages.push(item.error);
      this.items = [...this.items, item];
      if (!item.error) this.#send(item);
    }
    if (messages.length) this.announcement = messages.join(' ');
    this.#changed();
  }

  retry(key: number): void {
    const item = this.items.find((i) => i.key === key);
    if (!item?.file || item.state !== 'failed') return;
    item.state = 'uploading';
    item.progress = 0;
    delete item.error;
    this.#send(item);
    this.#changed();
  }

  remove(key: number): void {
    const item = this.items.find((i) => i.key === key);
    if (!item) return;
    item.state = 'refused'; // an upload still under way is dropped when it answers
    this.items = this.items.filter((i) => i.key !== key);
    this.announcement = this.options.texts.removed(item.name);
    this.#changed();
  }

  #refuse(item: UploadItem, error: string): void {
    item.state = 'refused';
    item.error = error;
    delete item.file;
  }

  #changed(): void {
    this.options.onChange(this);
  }

  #send(item: UploadItem): void {
    const { api, institution, locale, texts, policy } = this.options;
    const file = item.file as File;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${api}/api/v1/institutions/${encodeURIComponent(institution)}/uploads`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    // A header takes Latin-1 only: the name travels percent-encoded (RFC 5987), as the server reads it.
    xhr.setRequestHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
    xhr.setRequestHeader('Accept-Language', locale);
    let last = 0;
    xhr.upload.onprogress = (event) => {
      if (!event.lengthComputable || !this.items.includes(item)) return;
      item.progress = event.loaded / event.total;
      // Progress renders a few times a second at most.
      if (performance.now() - last > 150) {
        last = performance.now();
        this.#changed();
      }
    };
    const fail = (message: string, retriable: boolean) => {
      if (!this.items.includes(item)) return;
      if (retriable) {
        item.state = 'failed';
        item.error = message;
      } else this.#refuse(item, message);
      this.announcement = message;
      this.#changed();
    };
    xhr.onerror = () => fail(texts.failed(file.name), true);
    xhr.ontimeout = xhr.onerror;
    xhr.onload = () => {
      if (!this.items.includes(item)) return;
      if (xhr.status === 201) {
        const receipt = JSON.parse(xhr.responseText) as UploadReceipt;
        item.state = 'done';
        item.progress = 1;
        item.receipt = { ...receipt, name: receipt.name || file.name, at: Date.now() };
        delete item.file;
        this.announcement = texts.uploaded(file.name);
        this.#changed();
      } else if (xhr.status === 415) {
        fail(texts.wrongType(file.name, policy.types), false);
      } else if (xhr.status === 413) {
        fail(texts.tooLarge(file.name, formatSize(policy.maxBytes, locale)), false);
      } else {
        // Busy, rate-limited or down: worth another try, by the citizen's hand.
        fail(texts.failed(file.name), true);
      }
    };
    xhr.send(file);
  }
}
