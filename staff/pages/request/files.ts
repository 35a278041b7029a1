import { html, nothing } from 'lit';
import { formatSize, typeNames } from '../../attachments.ts';
import { t } from '../../locales/index.ts';
import type { RequestHost, StaffEventView } from './types.ts';

// The files of a request: those of each event of its history, and the picker of a dialog.

/** An event's files: name, type and size, each with a download. */
export function renderFiles(host: RequestHost, event: StaffEventView) {
  const files = event.attachments ?? [];
  if (!files.length) return nothing;
  return html`<div><strong>${t('files.attached')}:</strong>
    <ul class="files">
      ${files.map(
        (file) => html`<li>
          <button type="button" class="link" @click=${() => host.download(file)}
            aria-label=${t('files.download', { name: file.name })}>${file.name}</button>
          <span class="hint">(${typeNames([file.type])}, ${formatSize(file.size)})</span>
        </li>`,
      )}
    </ul>
  </div>`;
}

/** The file picker of an answer or a request for information, with each file's progress. */
export function renderUploads(host: RequestHost) {
  const uploads = host.uploads;
  const policy = host.catalog?.attachments;
  if (!uploads || !policy) return nothing;
  const error = host.errors.files;
  const hint = t('files.hint', {
    max: String(policy.maxFiles),
    types: typeNames(policy.types),
    size: formatSize(policy.maxBytes),
  });
  return html`<div class="field ${error ? 'invalid' : ''}">
    <label for="files">${t('files.label')} <span class="hint">${t('optional')}</span></label>
    <span class="hint" id="files-hint">${hint}</span>
    ${error ? html`<span class="error-message" id="files-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${error}</span>` : nothing}
    <input id="files" name="files" type="file" multiple
      accept=${policy.types.join(',')}
      aria-describedby=${error ? 'files-hint files-error' : 'files-hint'}
      aria-invalid=${error ? 'true' : 'false'}
      @change=${(e: Event) => {
        const input = e.target as HTMLInputElement;
        uploads.add(Array.from(input.files ?? []));
        input.value = '';
      }} />
    <ul class="files" aria-live="polite">
      ${uploads.items.map(
        (item) => html`<li>
          <span>${item.name}</span> <span class="hint">(${formatSize(item.size)})</span>
          ${
            item.state === 'uploading'
              ? html`<progress max="1" .value=${item.progress} aria-label=${t('files.uploading', { name: item.name })}></progress>`
              : item.state === 'done'
                ? html`<span class="hint">${t('files.uploaded')}</span>`
                : html`<span class="error-message">${item.error}</span>`
          }
          <button type="button" class="secondary small" @click=${() => uploads.remove(item.key)}
            aria-label=${t('files.remove', { name: item.name })}>${t('files.removeShort')}</button>
        </li>`,
      )}
    </ul>
  </div>`;
}
