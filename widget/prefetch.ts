// Evaluated before anything else of the script (index.ts imports it first), before Lit and the
// element are even defined: for each <contacto-ciudadano> already in the page, ask at once for what
// its first render needs, so the requests are under way while the rest of the script is evaluated.
// The element's own requests then find them: one promise per catalog URL and per chunk. A page can
// start the catalog sooner still, with a preload hint in its <head> (docs/widget.md).
import { apiBase, loadCatalog, loadDirectory } from './api-client.ts';
import { DIRECTORY_VIEW, LATER_STEPS, STATUS_VIEW } from './chunks.ts';
import { localeOf } from './controllers/localize.ts';
import { emptyDraft, loadDraft, loadPortalChoice } from './draft.ts';

const ignore = () => {};

// A second copy of the script (a page that loads it twice) finds the element defined: nothing to do.
if (!customElements.get('contacto-ciudadano')) {
  for (const element of document.querySelectorAll('contacto-ciudadano')) {
    const api = apiBase(element.getAttribute('api'));
    const status = element.getAttribute('mode') === 'status';
    // A national portal (no `institution`) starts with the directory, unless the citizen chose before.
    const institution = element.getAttribute('institution') || (status ? '' : loadPortalChoice(api));
    if (!institution) {
      if (status) STATUS_VIEW.load().catch(ignore);
      else {
        loadDirectory(api, localeOf(element)).catch(ignore);
        DIRECTORY_VIEW.load().catch(ignore);
      }
      continue;
    }
    loadCatalog(api, institution, localeOf(element)).catch(ignore);
    if (status) {
      STATUS_VIEW.load().catch(ignore);
      continue;
    }
    // Past the first question already: a preselected type, or a draft kept from an earlier page.
    const preset = {
      type: element.getAttribute('type') ?? undefined,
      service: element.getAttribute('service') ?? undefined,
    };
    const draft = loadDraft(api, institution) ?? emptyDraft(preset);
    if (draft.step !== 'type') LATER_STEPS.load().catch(ignore);
  }
}
