import type { TemplateResult } from 'lit';
import type { Locale } from '#schema';
import type { Kit } from '../steps/kit.ts';
import { apiOf } from './api-base.ts';
import type { AttachmentTexts } from './texts.ts';
import './file-field.styles.ts';
import { formatSize, type UploadItem, type UploadList } from './upload-list.ts';

/**
 * The file field of the description step and of the reply form: limits and types said before the
 * picker, a native file input (keyboard and screen readers know it), a drop zone where there is a
 * pointer, and each file with its name, size, progress and a remove (or retry) button. What
 * happens is said in a polite live region; refusals are also shown by the file, GOV.UK style.
 */
export function fileField(
  { html, nothing }: Pick<Kit, 'html' | 'nothing'>,
  list: UploadList,
  t: AttachmentTexts,
  locale: Locale,
  id = 'f-attachments',
  /** The form's own error for the field (the API refused an id), rendered by the caller's kit. */
  error?: unknown,
): TemplateResult {
  const { policy } = list.options;
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    list.options.api = apiOf(event.currentTarget as Node);
    if (event.dataTransfer?.files.length) list.add(event.dataTransfer.files);
  };
  const item = (file: UploadItem) => {
    const state =
      file.state === 'uploading' ? t.uploading : file.state === 'done' ? t.uploadedState : t.failedState;
    return html`<li class="upload upload--${file.state}" part="upload">
      <span class="upload-name">${file.name}</span>
      <span class="hint upload-size">${formatSize(file.size, locale)}</span>
      ${
        file.state === 'uploading'
          ? html`<progress max="1" .value=${file.progress} aria-label="${t.uploading} ${file.name}"></progress>`
          : html`<span class="upload-state">${state}</span>`
      }
      ${file.error ? html`<p class="error-message" part="error-message">${file.error}</p>` : nothing}
      <span class="upload-actions">
        ${
          file.state === 'failed'
            ? html`<button type="button" class="link-button" part="retry-button" @click=${() => list.retry(file.key)}>
              ${t.retry}<span class="visually-hidden"> ${file.name}</span>
            </button>`
            : nothing
        }
        <button type="button" class="link-button" part="remove-button" @click=${() => list.remove(file.key)}>
          ${t.remove}<span class="visually-hidden"> ${file.name}</span>
        </button>
      </span>
    </li>`;
  };
  return html`<div class="field attachments ${error ? 'field--error' : ''}" part="attachments">
    <contacto-ciudadano-file-styles hidden></contacto-ciudadano-file-styles>
    <label for=${id}>${t.label} <span class="optional">${t.optional}</span></label>
    <p class="hint" id="${id}-hint">
      ${t.hint(policy.maxFiles, policy.types, formatSize(policy.maxBytes, locale))}
    </p>
    ${error ?? nothing}
    <div class="drop-zone" part="drop-zone" @dragover=${(e: DragEvent) => e.preventDefault()} @drop=${onDrop}>
      <input
        id=${id}
        type="file"
        part="file-input"
        multiple
        accept=${policy.types.join(',')}
        aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          list.options.api = apiOf(input);
          if (input.files) list.add(input.files);
          input.value = '';
        }}
      />
      <span class="hint drop-hint" aria-hidden="true">${t.drop}</span>
    </div>
    ${list.items.length ? html`<ul class="uploads" part="uploads">${list.items.map(item)}</ul>` : nothing}
    <p class="visually-hidden" role="status" aria-live="polite">${list.announcement}</p>
  </div>`;
}

/** The review step's line: the uploaded files by name and size. */
export function fileSummary(
  list: { name: string; size: number }[],
  t: AttachmentTexts,
  locale: Locale,
): string {
  return list.length ? list.map((f) => `${f.name} (${formatSize(f.size, locale)})`).join(', ') : t.none;
}
