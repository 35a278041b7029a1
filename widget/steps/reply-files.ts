import type { Catalog, Locale } from '#schema';
import { ATTACHMENT_TEXTS } from '../attachments/texts.ts';
import { UploadList } from '../attachments/upload-list.ts';
import type { Kit } from './kit.ts';
import type { ActionHost, StatusActions } from './status-actions.ts';

const idsOf = (saved: { id: string }[] | undefined) => (saved ?? []).map((s) => s.id).join();

/**
 * The files of the citizen's answer to a request for information (CONTRACT §5, §6), one list per
 * element and request. The status view has no catalog, so the institution's policy is asked for
 * here (the institution is the request's); until it arrives, or when the
 * institution takes no files, the reply has no file field. Uploaded files live in the reply's draft
 * (status-draft.ts), as the filing's do, so a reload finds them.
 */
export class ReplyFiles {
  list: UploadList | null = null;
  #key = '';
  #asked = false;
  readonly #host: ActionHost;
  readonly #call: Kit['call'];

  constructor(host: ActionHost, call: Kit['call']) {
    this.#host = host;
    this.#call = call;
  }

  /** Called at each render of a request that awaits a reply: its list, once the policy is known. */
  sync(api: string, institution: string, ticket: string, locale: Locale, actions: StatusActions) {
    const key = `${api} ${ticket}`;
    if (key !== this.#key) {
      this.#key = key;
      this.list = null;
      this.#asked = false;
    }
    const list = this.list;
    if (list) {
      list.options = { ...list.options, locale, texts: ATTACHMENT_TEXTS[locale] };
      // The draft changed under the list (the reply was sent): it follows the draft.
      if (!list.busy && idsOf(list.saved) !== idsOf(actions.draft.replyFiles)) {
        list.restore(actions.draft.replyFiles);
      }
      return list;
    }
    if (!this.#asked) {
      this.#asked = true;
      // Through the kit's `call` rather than the entry's shared `loadCatalog`: one more name in the
      // kit would grow the entry. The catalog's Cache-Control lets the browser answer a second ask.
      const url = `${api}/api/v1/institutions/${encodeURIComponent(institution)}`;
      this.#call<Catalog>(url, {}, locale).then(
        (catalog) => {
          if (this.#key !== key || !catalog.attachments) return;
          const made: UploadList = new UploadList({
            api,
            institution,
            locale,
            policy: catalog.attachments,
            texts: ATTACHMENT_TEXTS[locale],
            // A list left behind (another request shown meanwhile) no longer writes any draft.
            onChange: (changed) => {
              if (this.list === changed) actions.update({ replyFiles: changed.saved });
            },
          });
          made.restore(actions.draft.replyFiles);
          this.list = made;
          // Files the server will have forgotten leave the draft too.
          if (idsOf(made.saved) !== idsOf(actions.draft.replyFiles))
            actions.update({ replyFiles: made.saved });
          else this.#host.requestUpdate();
        },
        () => {
          // Offline: the next render asks again.
          if (this.#key === key) this.#asked = false;
        },
      );
    }
    return null;
  }

  /** What the reply sends. */
  ids(): string[] {
    return this.list?.saved.map((f) => f.id) ?? [];
  }

  /** Why the reply cannot go yet: a file is still going up. */
  wait(locale: Locale): string | null {
    return this.list?.busy ? ATTACHMENT_TEXTS[locale].wait : null;
  }
}
