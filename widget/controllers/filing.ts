import type { ReactiveControllerHost } from 'lit';
import type { Catalog, Locale, Receipt } from '#schema';
import { ApiFailure, fileRequest, loadCatalog } from '../api-client.ts';
import { VALIDATION } from '../chunks.ts';
import { clearDraft, type Draft, emptyDraft, loadDraft, saveDraft, toFiling } from '../draft.ts';
import { emitError, emitSubmitted } from '../events.ts';
import {
  coversPath,
  nextStep,
  PATHS_BEFORE_REVIEW,
  previousStep,
  STEP_PATHS,
  type Step,
  stepOfPath,
} from '../journey.ts';
import type { Texts } from '../locales/index.ts';
import type { CaptchaController } from './captcha.ts';
import type { FocusController } from './focus.ts';
import type { ViewsController } from './views.ts';

type Host = ReactiveControllerHost & HTMLElement;

interface FilingContext {
  api: string;
  institution: string;
  locale: Locale;
  t: Texts;
  /** The page's `type` and `service` attributes: a new draft starts after them. */
  preset: { type: string | undefined; service: string | undefined };
}

/**
 * `mode="form"`: the institution's catalog, the citizen's draft through the steps, and the filing.
 * Continue validates the step with the API's own schema and shows the next step, both loaded on the
 * first interaction; Send files with an Idempotency-Key that stays the same for the same answers, so
 * a retry after a lost answer, or a double click, can never make a second ticket.
 */
export class FilingController {
  catalog: Catalog | null = null;
  loadError: string | null = null;
  draft: Draft = emptyDraft();
  errors: Record<string, string> = {};
  /** A failure that belongs to no field (offline, rate limited): shown above the form. */
  banner: string | null = null;
  submitting = false;
  receipt: Receipt | null = null;
  readonly #host: Host;
  readonly #context: () => FilingContext;
  readonly #captcha: CaptchaController;
  readonly #focus: FocusController;
  readonly #views: ViewsController;
  #continuing = false;

  constructor(
    host: Host,
    context: () => FilingContext,
    { captcha, focus, views }: { captcha: CaptchaController; focus: FocusController; views: ViewsController },
  ) {
    this.#host = host;
    this.#context = context;
    this.#captcha = captcha;
    this.#focus = focus;
    this.#views = views;
  }

  /** A new institution or API: its own draft (kept from an earlier visit, or a new one) and catalog. */
  reset(): void {
    const { api, institution, preset } = this.#context();
    this.catalog = null;
    this.receipt = null;
    this.draft = loadDraft(api, institution) ?? emptyDraft(preset);
    if (institution) void this.load();
  }

  async load(): Promise<void> {
    const { api, institution, locale, t } = this.#context();
    this.loadError = null;
    this.#host.requestUpdate();
    try {
      this.catalog = await loadCatalog(api, institution, locale);
      if (this.draft.step === 'review') this.#captcha.start();
    } catch (error) {
      this.loadError = error instanceof ApiFailure && !error.isNetwork ? error.message : t.loadFailed;
      emitError(this.#host, error instanceof ApiFailure ? error.code : 'network_error', this.loadError);
    }
    this.#host.requestUpdate();
  }

  update = (patch: Partial<Draft>): void => {
    const { api, institution } = this.#context();
    this.draft = { ...this.draft, ...patch };
    saveDraft(api, institution, this.draft);
    this.#host.requestUpdate();
  };

  goTo = (step: Step): void => {
    this.errors = {};
    this.banner = null;
    this.update({ step });
    this.#focus.afterRender('title');
    if (step === 'review') this.#captcha.start();
  };

  /**
   * At the first sign of interest in the form (a focus, a touch), starts loading what Continue needs:
   * the validation and the later steps. Both are under way long before the citizen can press it.
   */
  prepareNextSteps = (): void => {
    // A failure here is silent: Continue asks again, and says so if it fails too.
    VALIDATION.load().catch(() => {});
    this.#views.loadLaterSteps().catch(() => {});
  };

  handleContinue = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (this.#continuing) return;
    this.#continuing = true;
    try {
      await this.#continue();
    } finally {
      this.#continuing = false;
    }
  };

  handleBack = (): void => {
    const previous = previousStep(this.draft.step);
    if (previous) this.goTo(previous);
  };

  /** After the confirmation: the form again, at the step a new draft starts from. */
  newRequest = (): void => {
    this.receipt = null;
    this.goTo(this.draft.step);
  };

  /** Leaves the confirmation for the status lookup. */
  dismissReceipt(): void {
    this.receipt = null;
    this.#host.requestUpdate();
  }

  /** Validates with the same schema as the API; keeps only the problems of `paths`. */
  async #validate(paths: readonly string[] | null): Promise<Record<string, string>> {
    if (!this.catalog) return {};
    const { locale } = this.#context();
    const { validateFiling } = await VALIDATION.load();
    const all = validateFiling(this.catalog, toFiling(this.draft, locale), locale);
    return Object.fromEntries(Object.entries(all).filter(([path]) => !paths || coversPath(paths, path)));
  }

  async #continue(): Promise<void> {
    const step = this.draft.step;
    const errors = await this.#validate(STEP_PATHS[step]);
    this.errors = errors;
    this.#host.requestUpdate();
    if (Object.keys(errors).length > 0) {
      this.#focus.afterRender('summary');
      return;
    }
    if (step === 'review') {
      void this.#submit();
      return;
    }
    const pending = await this.#validate(PATHS_BEFORE_REVIEW);
    // The citizen has been to the review when a captcha was started or a filing attempted.
    const reviewed = Boolean(this.draft.idempotency) || this.#captcha.started;
    const next = nextStep(step, { reviewed, complete: Object.keys(pending).length === 0 });
    // The step stays on screen until the next one's view is there, so no step is ever blank.
    try {
      await this.#views.loadLaterSteps();
    } catch {
      this.banner = this.#context().t.loadFailed;
      this.#focus.afterRender('summary');
      return;
    }
    this.goTo(next);
  }

  async #submit(): Promise<void> {
    if (this.submitting || !this.catalog) return; // a double click files once
    const all = await this.#validate(null);
    if (Object.keys(all).length > 0) {
      this.#showErrors(all);
      return;
    }
    const { api, institution, locale, preset } = this.#context();
    this.submitting = true;
    this.banner = null;
    this.#host.requestUpdate();
    try {
      const captcha = await this.#captcha.token();
      const body = toFiling(this.draft, locale, captcha);
      // The same body keeps its key, so a retry after a lost answer can never make a second ticket.
      const withoutCaptcha = JSON.stringify({ ...body, captcha: undefined });
      if (this.draft.idempotency?.body !== withoutCaptcha) {
        this.update({ idempotency: { key: crypto.randomUUID(), body: withoutCaptcha } });
      }
      const key = this.draft.idempotency?.key ?? crypto.randomUUID();
      const receipt = await fileRequest(api, institution, body, key, locale);
      clearDraft(api, institution);
      this.receipt = receipt;
      this.draft = emptyDraft(preset);
      this.#captcha.reset();
      this.#focus.afterRender('title');
      emitSubmitted(this.#host, { ticket: receipt.ticket, dueDate: receipt.dueDate });
    } catch (error) {
      this.#handleSubmitFailure(error);
    } finally {
      this.submitting = false;
      this.#host.requestUpdate();
    }
  }

  #handleSubmitFailure(error: unknown): void {
    const failure = error instanceof ApiFailure ? error : null;
    if (failure?.code === 'validation_failed' && failure.issues.length > 0) {
      this.#showErrors(Object.fromEntries(failure.issues.map((i) => [i.path, i.message])));
    } else {
      // A refused or unsolved captcha is replaced by a fresh one for the retry.
      if (failure?.code === 'captcha_failed' || !failure) this.#captcha.renew();
      this.banner = failure && !failure.isNetwork ? failure.message : this.#context().t.networkError;
      this.#focus.afterRender('summary');
    }
    emitError(this.#host, failure?.code ?? 'network_error', failure?.message ?? String(error));
  }

  /** Shows `errors` on the step of the first one, with the error summary focused. */
  #showErrors(errors: Record<string, string>): void {
    const step = stepOfPath(Object.keys(errors)[0] ?? 'review');
    if (step !== this.draft.step) this.update({ step });
    this.errors = errors;
    this.#focus.afterRender('summary');
  }
}
