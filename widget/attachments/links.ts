import type { TemplateResult } from 'lit';
import type { Attachment, Locale } from '#schema';
import type { Kit } from '../steps/kit.ts';
import { apiOf } from './api-base.ts';
import { downloadAttachment } from './download.ts';
import { ATTACHMENT_TEXTS } from './texts.ts';
import './file-field.styles.ts';
import { formatSize } from './upload-list.ts';

/**
 * The files of a status view's event as download buttons (not links: the tracking code goes in a
 * header, see download.ts). A failed download is said next to its button, in a live region.
 */
export function attachmentLinks(
  { html }: Pick<Kit, 'html'>,
  files: readonly Attachment[],
  context: { code: string; locale: Locale },
): TemplateResult {
  const t = ATTACHMENT_TEXTS[context.locale];
  const download = async (event: Event, file: Attachment) => {
    const button = event.currentTarget as HTMLButtonElement;
    const status = button.parentElement?.querySelector('[role="status"]');
    if (status) status.textContent = '';
    try {
      await downloadAttachment(apiOf(button), file, context.code, button.ownerDocument);
    } catch {
      if (status) status.textContent = t.downloadFailed(file.name);
    }
  };
  return html`<contacto-ciudadano-file-styles hidden></contacto-ciudadano-file-styles>
  <ul class="attachment-links" part="attachments" aria-label=${t.files}>
    ${files.map(
      (file) => html`<li>
        <button type="button" class="link-button" part="download-button" @click=${(e: Event) => download(e, file)}>
          <span class="visually-hidden">${t.download} </span>${file.name}
        </button>
        <span class="hint">${formatSize(file.size, context.locale)}</span>
        <span class="error-message" role="status"></span>
      </li>`,
    )}
  </ul>`;
}
