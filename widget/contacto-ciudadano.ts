import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Catalog, Receipt, StatusView } from '#schema';
import { isLocale, type Locale } from '#schema';
import { ApiFailure, fetchChallenge, fileRequest, loadCatalog, lookUp } from './api-client.ts';
import { styles } from './contacto-ciudadano.styles.ts';
import {
  clearDraft,
  type Draft,
  emptyDraft,
  loadDraft,
  STEPS,
  type Step,
  saveDraft,
  toFiling,
} from './draft.ts';
import { emitError, emitSubmitted } from './events.ts';
import { fill, type Texts, texts } from './locales/index.ts';
import { renderConfirmation } from './steps/confirmation.ts';
import { errorSummary, fieldId } from './steps/fields.ts';
import { type FormView, STEP_PATHS, STEP_RENDERERS, stepOfPath } from './steps/form-steps.ts';
import { renderStatus } from './steps/status.ts';

// The script's own origin: the default API base, so one script tag is all a webmaster needs.
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

type CaptchaState = 'idle' | 'working' | 'done' | 'failed';

/**
 * Files a request (Pregunta, Queja, Reclamo, Sugerencia, Solicitud de información, Felicitación,
 * Denuncia) with a public institution, or looks one up by ticket number.
 *
 * @summary Contacto Ciudadano: one channel for citizens' requests to any public institution.
 * @tag contacto-ciudadano
 *
 * @event cc-submitted - A request was filed. `detail: { ticket, dueDate }`.
 * @event cc-error - Something failed. `detail: { code, message }`.
 *
 * @csspart form - The form of the current step.
 * @csspart input - Text inputs and the description textarea.
 * @csspart textarea - The description textarea.
 * @csspart radio - Radio buttons.
 * @csspart checkbox - Checkboxes.
 * @csspart button - Every button.
 * @csspart primary-button - The Continue, Send and Look up buttons.
 * @csspart secondary-button - Back, Copy and Print.
 * @csspart change-button - The "Change" links of the review step.
 * @csspart error-summary - The list of problems at the top of a step.
 * @csspart error-message - The message above a field with a problem.
 * @csspart summary - The review list.
 * @csspart captcha-status - The captcha progress message.
 * @csspart confirmation - The confirmation after filing.
 * @csspart confirmation-panel - The highlighted ticket and tracking code.
 * @csspart status-result - The looked-up request.
 * @csspart timeline - Its history.
 * @csspart overdue - The overdue warning.
 * @csspart launcher - The floating button of `display="button"`.
 * @csspart dialog - The modal dialog of `display="button"`.
 * @csspart close-button - The dialog's close button.
 *
 * @cssprop --cc-color-primary - Buttons, links, the confirmation panel. Default #00567a.
 * @cssprop --cc-color-primary-text - Text on primary colour. Default #ffffff.
 * @cssprop --cc-color-text - Body text. Default #0b0c0c.
 * @cssprop --cc-color-muted - Hints. Default #4a4a4a.
 * @cssprop --cc-color-background - Background. Default #ffffff.
 * @cssprop --cc-color-error - Errors. Default #b00020.
 * @cssprop --cc-color-focus - Focus ring. Default #ffbf47.
 * @cssprop --cc-color-border - Input borders. Default #4c4c4c.
 * @cssprop --cc-font-family - Font. Default the system UI font.
 * @cssprop --cc-font-size - Base font size. Default 1rem.
 * @cssprop --cc-radius - Button corner radius. Default 4px.
 * @cssprop --cc-padding - Padding around the form. Default 1rem.
 */
export class ContactoCiudadano extends LitElement {
  static override styles = styles;

  // Declared with `static properties` rather than decorators, so the element builds with any
  // TypeScript or JavaScript toolchain without a decorator transform.
  static override properties = {
    institution: { type: String, reflect: true },
    api: { type: String },
    lang: { type: String },
    mode: { type: String, reflect: true },
    display: { type: String, reflect: true },
    type: { type: String },
    service: { type: String },
    ticket: { type: String },
    catalog: { state: true },
    loadError: { state: true },
    draft: { state: true },
    errors: { state: true },
    banner: { state: true },
    submitting: { state: true },
    receipt: { state: true },
    captchaState: { state: true },
    serviceFilter: { state: true },
    statusCode: { state: true },
    statusTicket: { state: true },
    statusResult: { state: true },
    copied: { state: true },
    open: { state: true },
  };

  /** The institution's code, e.g. MDT. Required. */
  declare institution: string;
  /** Base URL of the intake API. Defaults to the origin the script was loaded from. */
  declare api: string | undefined;
  /** `es` or `en`. Defaults to the nearest `lang` of the page, else `es`. */
  declare lang: string;
  /** `form` (file a request) or `status` (look one up). */
  declare mode: 'form' | 'status';
  /** `inline`, or `button`: a floating launcher that opens a modal dialog. */
  declare display: 'inline' | 'button';
  /** Preselect a request type by code. */
  declare type: string | undefined;
  /** Preselect a service by id. */
  declare service: string | undefined;
  /** Prefill the status lookup's ticket number. */
  declare ticket: string | undefined;

  declare private catalog: Catalog | null;
  declare private loadError: string | null;
  declare private draft: Draft;
  declare private errors: Record<string, string>;
  declare private banner: string | null;
  declare private submitting: boolean;
  declare private receipt: Receipt | null;
  declare private captchaState: CaptchaState;
  declare private serviceFilter: string;
  declare private statusCode: string;
  declare private statusTicket: string;
  declare private statusResult: StatusView | null;
  declare private copied: boolean;
  declare private open: boolean;

  #captcha: Promise<string | undefined> | null = null;
  #validation: Promise<typeof import('./validation.ts')> | null = null;
  #continuing = false;
  #focusAfterRender: 'summary' | 'title' | 'none' = 'none';
  #pageLangObserver: MutationObserver | null = null;
  #statusBusy = false;

  constructor() {
    super();
    this.institution = '';
    this.mode = 'form';
    this.display = 'inline';
    this.catalog = null;
    this.loadError = null;
    this.draft = emptyDraft();
    this.errors = {};
    this.banner = null;
    this.submitting = false;
    this.receipt = null;
    this.captchaState = 'idle';
    this.serviceFilter = '';
    this.statusCode = '';
    this.statusTicket = '';
    this.statusResult = null;
    this.copied = false;
    this.open = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // `lang` can change on the page at run time (a language switcher): follow it.
    this.#pageLangObserver = new MutationObserver(() => this.requestUpdate());
    this.#pageLangObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#pageLangObserver?.disconnect();
  }

  get #api(): string {
    return (this.api || SCRIPT_ORIGIN).replace(/\/+$/, '');
  }

  get #locale(): Locale {
    const tag = (
      this.getAttribute('lang') ||
      this.parentElement?.closest('[lang]')?.getAttribute('lang') ||
      'es'
    )
      .slice(0, 2)
      .toLowerCase();
    return isLocale(tag) ? tag : 'es';
  }

  get #t(): Texts {
    return texts(this.#locale);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('institution') || changed.has('api')) {
      this.catalog = null;
      this.receipt = null;
      this.draft =
        loadDraft(this.#api, this.institution) ?? emptyDraft({ type: this.type, service: this.service });
      if (this.institution) void this.#loadCatalog();
    }
    if (changed.has('ticket') && this.ticket) this.statusTicket = this.ticket;
  }

  protected override updated(): void {
    const focus = this.#focusAfterRender;
    this.#focusAfterRender = 'none';
    if (focus === 'summary') this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
    if (focus === 'title')
      this.renderRoot.querySelector<HTMLElement>('.step-title, .legend-heading')?.focus();
    if (focus === 'title' && !this.renderRoot.querySelector('.step-title')) {
      // Steps whose question is a legend: focus the first control of the group instead.
      this.renderRoot.querySelector<HTMLElement>('fieldset input')?.focus();
    }
  }

  async #loadCatalog(): Promise<void> {
    this.loadError = null;
    try {
      this.catalog = await loadCatalog(this.#api, this.institution, this.#locale);
      if (this.draft.step === 'review') this.#startCaptcha();
    } catch (error) {
      this.loadError = error instanceof ApiFailure && !error.isNetwork ? error.message : this.#t.loadFailed;
      emitError(this, error instanceof ApiFailure ? error.code : 'network_error', this.loadError);
    }
  }

  // ---- form journey ------------------------------------------------------------------------

  #update = (patch: Partial<Draft>) => {
    this.draft = { ...this.draft, ...patch };
    saveDraft(this.#api, this.institution, this.draft);
  };

  #goTo = (step: Step) => {
    this.errors = {};
    this.banner = null;
    this.#update({ step });
    this.#focusAfterRender = 'title';
    if (step === 'review') this.#startCaptcha();
  };

  /** Starts loading the validation code at the first sign of interest in the form. */
  #loadValidation = () => {
    this.#validation ??= import('./validation.ts');
    return this.#validation;
  };

  /** Validates with the same schema as the API; keeps only the problems of `paths`. */
  async #validate(paths: string[] | null): Promise<Record<string, string>> {
    if (!this.catalog) return {};
    const { validateFiling } = await this.#loadValidation();
    const all = validateFiling(this.catalog, toFiling(this.draft, this.#locale), this.#locale);
    return Object.fromEntries(
      Object.entries(all).filter(
        ([path]) => !paths || paths.some((p) => path === p || path.startsWith(`${p}.`)),
      ),
    );
  }

  #handleContinue = async (event: Event) => {
    event.preventDefault();
    if (this.#continuing) return;
    this.#continuing = true;
    try {
      await this.#continue();
    } finally {
      this.#continuing = false;
    }
  };

  async #continue(): Promise<void> {
    const step = this.draft.step;
    const errors = await this.#validate(STEP_PATHS[step]);
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      this.#focusAfterRender = 'summary';
      return;
    }
    if (step === 'review') {
      void this.#handleSubmit();
      return;
    }
    const next = STEPS[STEPS.indexOf(step) + 1] ?? 'review';
    // After a "Change" from the review, Continue leads straight back to it once all is valid.
    const earlier = STEPS.slice(0, STEPS.indexOf('review')).flatMap((s) => STEP_PATHS[s]);
    const pending = Object.keys(await this.#validate(earlier));
    this.#goTo(this.#reviewed && pending.length === 0 ? 'review' : next);
  }

  get #reviewed(): boolean {
    return Boolean(this.draft.idempotency) || this.#captcha !== null;
  }

  #handleBack = () => {
    const index = STEPS.indexOf(this.draft.step);
    if (index > 0) this.#goTo(STEPS[index - 1] as Step);
  };

  #startCaptcha(): void {
    const captcha = this.catalog?.captcha;
    if (!captcha || this.#captcha) return;
    if (captcha.provider === 'off') {
      this.#captcha = Promise.resolve(undefined);
      this.captchaState = 'done';
      return;
    }
    if (captcha.provider === 'hcaptcha') {
      this.captchaState = 'working';
      this.#captcha = (async () => {
        await this.updateComplete;
        const container = this.renderRoot.querySelector<HTMLElement>('.hcaptcha');
        if (!container) throw new Error('no place for hCaptcha');
        const { solveHcaptcha } = await import('./hcaptcha.ts');
        const token = await solveHcaptcha(container, captcha.sitekey, this.#locale);
        this.captchaState = 'done';
        return token;
      })();
      this.#captcha.catch(() => {
        this.captchaState = 'failed';
        this.#captcha = null;
      });
      return;
    }
    this.captchaState = 'working';
    const challengeUrl = captcha.challengeUrl;
    this.#captcha = (async () => {
      try {
        const [{ solveAltcha }, challenge] = await Promise.all([
          import('./altcha-solver.ts'),
          fetchChallenge(this.#api, challengeUrl, this.#locale),
        ]);
        const token = await solveAltcha(challenge as never);
        this.captchaState = 'done';
        return token;
      } catch (error) {
        this.captchaState = 'failed';
        this.#captcha = null;
        throw error;
      }
    })();
    this.#captcha.catch(() => {});
  }

  async #handleSubmit(): Promise<void> {
    if (this.submitting || !this.catalog) return; // a double click files once
    const all = await this.#validate(null);
    if (Object.keys(all).length > 0) {
      this.#showErrors(all);
      return;
    }
    this.submitting = true;
    this.banner = null;
    const locale = this.#locale;
    try {
      this.#startCaptcha();
      const captcha = (await this.#captcha) ?? undefined;
      const body = toFiling(this.draft, locale, captcha);
      // The same body keeps its key, so a retry after a lost answer can never make a second ticket.
      const withoutCaptcha = JSON.stringify({ ...body, captcha: undefined });
      if (this.draft.idempotency?.body !== withoutCaptcha) {
        this.#update({ idempotency: { key: crypto.randomUUID(), body: withoutCaptcha } });
      }
      const key = this.draft.idempotency?.key ?? crypto.randomUUID();
      const receipt = await fileRequest(this.#api, this.institution, body, key, locale);
      clearDraft(this.#api, this.institution);
      this.receipt = receipt;
      this.draft = emptyDraft({ type: this.type, service: this.service });
      this.#captcha = null;
      this.captchaState = 'idle';
      this.#focusAfterRender = 'title';
      emitSubmitted(this, { ticket: receipt.ticket, dueDate: receipt.dueDate });
    } catch (error) {
      this.#handleSubmitFailure(error);
    } finally {
      this.submitting = false;
    }
  }

  #handleSubmitFailure(error: unknown): void {
    const failure = error instanceof ApiFailure ? error : null;
    if (failure?.code === 'validation_failed' && failure.issues.length > 0) {
      this.#showErrors(Object.fromEntries(failure.issues.map((i) => [i.path, i.message])));
    } else {
      if (failure?.code === 'captcha_failed' || !failure) {
        // A refused or unsolved captcha is replaced by a fresh one for the retry.
        this.#captcha = null;
        this.#startCaptcha();
      }
      this.banner = failure && !failure.isNetwork ? failure.message : this.#t.networkError;
      this.#focusAfterRender = 'summary';
    }
    emitError(this, failure?.code ?? 'network_error', failure?.message ?? String(error));
  }

  #showErrors(errors: Record<string, string>): void {
    const first = Object.keys(errors)[0] ?? 'review';
    const step = stepOfPath(first);
    if (step !== this.draft.step) this.#update({ step });
    this.errors = errors;
    this.#focusAfterRender = 'summary';
  }

  #focusField = (path: string) => {
    const target = this.renderRoot.querySelector<HTMLElement>(`#${fieldId(path)}`);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  };

  #newRequest = () => {
    this.receipt = null;
    this.#goTo(this.draft.step);
  };

  #copy = async () => {
    if (!this.receipt) return;
    try {
      await navigator.clipboard.writeText(`${this.receipt.ticket} ${this.receipt.trackingCode}`);
      this.copied = true;
    } catch {
      this.copied = false;
    }
  };

  #checkStatus = () => {
    if (!this.receipt) return;
    this.statusTicket = this.receipt.ticket;
    this.statusCode = this.receipt.trackingCode;
    this.receipt = null;
    this.mode = 'status';
    void this.#lookUp();
  };

  // ---- status lookup -----------------------------------------------------------------------

  #handleStatusSubmit = (event: Event) => {
    event.preventDefault();
    void this.#lookUp();
  };

  async #lookUp(): Promise<void> {
    if (this.#statusBusy) return;
    const t = this.#t;
    const errors: Record<string, string> = {};
    if (!this.statusTicket.trim()) errors.ticket = t.ticketRequired;
    if (!this.statusCode.trim()) errors.code = t.codeRequired;
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      this.#focusAfterRender = 'summary';
      return;
    }
    this.#statusBusy = true;
    this.submitting = true;
    try {
      this.statusResult = await lookUp(this.#api, this.statusTicket, this.statusCode, this.#locale);
      this.#focusAfterRender = 'title';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#status-result-title')?.focus();
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : null;
      this.statusResult = null;
      this.errors = { form: failure && !failure.isNetwork ? failure.message : t.networkError };
      this.#focusAfterRender = 'summary';
      emitError(this, failure?.code ?? 'network_error', this.errors.form ?? '');
    } finally {
      this.#statusBusy = false;
      this.submitting = false;
    }
  }

  // ---- modal (display="button") --------------------------------------------------------------

  #openDialog = () => {
    this.open = true;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.showModal();
    this.#focusAfterRender = 'title';
    this.requestUpdate();
  };

  #closeDialog = () => {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.close();
  };

  /**
   * A modal dialog keeps the page inert, but Tab can still leave it for the browser's own controls.
   * Two focus guards at its edges send focus back in, so it cycles inside the dialog.
   */
  #wrapFocus = (edge: 'start' | 'end') => {
    const dialog = this.renderRoot.querySelector('dialog');
    if (edge === 'end') {
      dialog?.querySelector<HTMLElement>('[part~="close-button"]')?.focus();
    } else {
      const buttons = dialog?.querySelectorAll<HTMLElement>('.container button');
      (
        buttons?.[buttons.length - 1] ?? dialog?.querySelector<HTMLElement>('[part~="close-button"]')
      )?.focus();
    }
  };

  #handleDialogClose = () => {
    this.open = false;
    this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
  };

  // ---- rendering ---------------------------------------------------------------------------

  #renderForm(): TemplateResult {
    const t = this.#t;
    if (this.loadError) {
      return html`<div class="banner" role="alert">
        <p>${this.loadError}</p>
        <button type="button" part="button" @click=${() => this.#loadCatalog()}>${t.retry}</button>
      </div>`;
    }
    if (!this.catalog) return html`<p role="status">${t.loading}</p>`;
    if (this.receipt) {
      return renderConfirmation({
        t,
        locale: this.#locale,
        receipt: this.receipt,
        copied: this.copied,
        onCopy: this.#copy,
        onPrint: () => window.print(),
        onCheckStatus: this.#checkStatus,
        onNewRequest: this.#newRequest,
      });
    }
    const step = this.draft.step;
    const index = STEPS.indexOf(step);
    const view: FormView = {
      t,
      locale: this.#locale,
      errors: this.errors,
      catalog: this.catalog,
      draft: this.draft,
      serviceFilter: this.serviceFilter,
      captchaState: this.captchaState,
      update: this.#update,
      setServiceFilter: (value) => {
        this.serviceFilter = value;
      },
      goTo: this.#goTo,
    };
    return html`<form
      part="form"
      novalidate
      @submit=${this.#handleContinue}
      @focusin=${this.#loadValidation}
      @pointerdown=${this.#loadValidation}
    >
      <p class="step-count">${fill(t.stepOf, { n: index + 1, total: STEPS.length })}</p>
      ${
        this.banner
          ? html`<div class="banner error-summary" tabindex="-1" role="alert">
            <p>${this.banner}</p>
          </div>`
          : nothing
      }
      ${errorSummary(view, STEP_PATHS[step], this.#focusField)} ${STEP_RENDERERS[step](view)}
      <div class="actions">
        <button type="submit" part="button primary-button" aria-disabled=${this.submitting ? 'true' : 'false'}>
          ${step === 'review' ? (this.submitting ? t.submitting : this.banner ? t.retry : t.submit) : t.continue}
        </button>
        ${
          index > 0
            ? html`<button type="button" part="button secondary-button" class="secondary" @click=${this.#handleBack}>
              ${t.back}
            </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  #renderContent(): TemplateResult {
    if (this.mode === 'status') {
      return renderStatus({
        t: this.#t,
        locale: this.#locale,
        errors: this.errors,
        ticket: this.statusTicket,
        code: this.statusCode,
        busy: this.submitting,
        result: this.statusResult,
        onTicket: (value) => {
          this.statusTicket = value;
        },
        onCode: (value) => {
          this.statusCode = value;
        },
        onSubmit: this.#handleStatusSubmit,
        onFocusField: this.#focusField,
      });
    }
    return this.#renderForm();
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    if (this.display === 'button') {
      return html`<button type="button" class="launcher root" part="button launcher" aria-haspopup="dialog" @click=${this.#openDialog}>
          ${t.launcher}
        </button>
        <dialog class="root" part="dialog" aria-labelledby="dialog-title" @close=${this.#handleDialogClose}>
          <div class="focus-guard" tabindex="0" @focus=${() => this.#wrapFocus('start')}></div>
          <div class="dialog-header">
            <h2 id="dialog-title">${t.dialogTitle}</h2>
            <button type="button" part="button close-button" class="secondary" @click=${this.#closeDialog}>
              ${t.close}
            </button>
          </div>
          <div class="container" lang=${this.#locale}>${this.open ? this.#renderContent() : nothing}</div>
          <div class="focus-guard" tabindex="0" @focus=${() => this.#wrapFocus('end')}></div>
        </dialog>`;
    }
    return html`<div class="container root" lang=${this.#locale}>${this.#renderContent()}</div>`;
  }
}
