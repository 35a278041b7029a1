import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { fill } from '#schema';
import { apiBase } from './api-client.ts';
import { styles } from './contacto-ciudadano.styles.ts';
import { CaptchaController } from './controllers/captcha.ts';
import { FilingController } from './controllers/filing.ts';
import { FocusController } from './controllers/focus.ts';
import { LocalizeController } from './controllers/localize.ts';
import { ModalController } from './controllers/modal.ts';
import { PortalController } from './controllers/portal.ts';
import { StatusLookupController } from './controllers/status-lookup.ts';
import { ViewsController } from './controllers/views.ts';
import { STEP_PATHS, STEPS } from './journey.ts';
import { errorSummary, focusField } from './steps/fields.ts';
import { type FormView, typeStep } from './steps/form-steps.ts';

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
    serviceFilter: { state: true },
    copied: { state: true },
  };

  /** The institution's code, e.g. MDT. Without it, the citizen chooses one from the directory first. */
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

  declare private serviceFilter: string;
  declare private copied: boolean;

  readonly #localize = new LocalizeController(this);
  readonly #focus = new FocusController(this);
  readonly #modal = new ModalController(this);
  readonly #views = new ViewsController(this);
  readonly #captcha: CaptchaController = new CaptchaController(this, () => ({
    api: this.#api,
    locale: this.#localize.locale,
    captcha: this.#filing.catalog?.captcha,
    container: () => this.renderRoot.querySelector<HTMLElement>('.hcaptcha'),
  }));
  readonly #filing: FilingController = new FilingController(
    this,
    () => ({
      api: this.#api,
      institution: this.#institution,
      locale: this.#localize.locale,
      t: this.#localize.t,
      preset: { type: this.type, service: this.service },
    }),
    { captcha: this.#captcha, focus: this.#focus, views: this.#views },
  );
  readonly #portal = new PortalController(
    this,
    () => this.#api,
    () => this.#filing.reset(),
  );
  readonly #status = new StatusLookupController(
    this,
    () => ({
      api: this.#api,
      locale: this.#localize.locale,
      t: this.#localize.t,
      ready: () => this.#views.loadStatusView(),
    }),
    this.#focus,
  );

  constructor() {
    super();
    this.institution = '';
    this.mode = 'form';
    this.display = 'inline';
    this.serviceFilter = '';
    this.copied = false;
  }

  get #api(): string {
    return apiBase(this.api);
  }

  /** The page's `institution`, or the one the citizen chose in a national portal. */
  get #institution(): string {
    return this.institution || this.#portal.chosen;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated) this.#portal.start(this.institution);
    if (changed.has('institution') || changed.has('api')) this.#filing.reset();
    if (changed.has('ticket') && this.ticket) this.#status.ticket = this.ticket;
    // The chunk of what is to be shown, when that is not the first question (the render says
    // "loading" until it is there): the status lookup, or a journey that starts further on.
    if (this.mode === 'status') this.#views.need('statusView');
    else if (!this.#institution) this.#views.need('directoryView');
    else if (this.#filing.receipt || this.#filing.draft.step !== 'type') this.#views.need('laterSteps');
  }

  #focusField = (path: string) => focusField(this.renderRoot, path);

  #handleCopy = async () => {
    const receipt = this.#filing.receipt;
    if (!receipt) return;
    try {
      await navigator.clipboard.writeText(`${receipt.ticket} ${receipt.trackingCode}`);
      this.copied = true;
    } catch {
      this.copied = false;
    }
  };

  #handleCheckStatus = async () => {
    const receipt = this.#filing.receipt;
    if (!receipt) return;
    // The result's heading takes focus once it is drawn: its view must be there first.
    await this.#views.loadStatusView().catch(() => {});
    this.#status.ticket = receipt.ticket;
    this.#status.code = receipt.trackingCode;
    this.#filing.dismissReceipt();
    this.mode = 'status';
    void this.#status.lookUp();
  };

  #handleLauncher = (event: Event) => {
    this.#modal.show(event.currentTarget as HTMLElement);
    this.#focus.afterRender('title');
  };

  // ---- rendering ---------------------------------------------------------------------------

  #renderLoading(): TemplateResult {
    return html`<p class="loading" role="status">${this.#localize.t.loading}</p>`;
  }

  #renderLoadFailure(message: string, retry: () => void): TemplateResult {
    return html`<div class="banner" role="alert">
      <p>${message}</p>
      <button type="button" part="button" @click=${retry}>${this.#localize.t.retry}</button>
    </div>`;
  }

  #renderDirectory(): TemplateResult {
    const { t, locale } = this.#localize;
    if (this.#views.failed) return this.#renderLoadFailure(t.loadFailed, this.#views.retry);
    const render = this.#views.directoryView;
    if (!render) return this.#renderLoading();
    return render({
      t,
      locale,
      api: this.#api,
      host: this,
      choose: this.#choose,
      onFocusField: this.#focusField,
    });
  }

  /** A portal's choice of institution, or '' for the directory again: focus goes to the new question. */
  #choose = async (code: string) => {
    // Back to the directory: its view first, so that its title is there to take focus.
    if (!code) await this.#views.loadDirectoryView().catch(() => {});
    this.#portal.choose(code);
    this.#focus.afterRender('title');
  };

  #handleBack = () => {
    if (this.#filing.draft.step === 'type') void this.#choose('');
    else this.#filing.handleBack();
  };

  #renderForm(): TemplateResult {
    const { t, locale } = this.#localize;
    const filing = this.#filing;
    if (!this.#institution) return this.#renderDirectory();
    if (filing.loadError) return this.#renderLoadFailure(filing.loadError, () => filing.load());
    if (this.#views.failed) return this.#renderLoadFailure(t.loadFailed, this.#views.retry);
    if (!filing.catalog) return this.#renderLoading();
    const later = this.#views.laterSteps;
    if (filing.receipt) {
      if (!later) return this.#renderLoading();
      return later.confirmation({
        t,
        locale,
        receipt: filing.receipt,
        copied: this.copied,
        onCopy: this.#handleCopy,
        onPrint: () => window.print(),
        onCheckStatus: this.#handleCheckStatus,
        onNewRequest: filing.newRequest,
      });
    }
    const step = filing.draft.step;
    const renderStep = step === 'type' ? typeStep : later?.steps[step];
    if (!renderStep) return this.#renderLoading();
    const index = STEPS.indexOf(step);
    const view: FormView = {
      t,
      locale,
      errors: filing.errors,
      catalog: filing.catalog,
      draft: filing.draft,
      serviceFilter: this.serviceFilter,
      captchaState: this.#captcha.state,
      update: filing.update,
      setServiceFilter: (value) => {
        this.serviceFilter = value;
      },
      goTo: filing.goTo,
    };
    return html`<form
      part="form"
      novalidate
      @submit=${filing.handleContinue}
      @focusin=${filing.prepareNextSteps}
      @pointerdown=${filing.prepareNextSteps}
    >
      <p class="step-count">
        ${this.#portal.active ? `${filing.catalog.name} · ` : ''}${fill(t.stepOf, { n: index + 1, total: STEPS.length })}
      </p>
      ${
        filing.banner
          ? html`<div class="banner error-summary" tabindex="-1" role="alert">
            <p>${filing.banner}</p>
          </div>`
          : nothing
      }
      ${errorSummary(view, STEP_PATHS[step], this.#focusField)} ${renderStep(view)}
      <div class="actions">
        <button type="submit" part="button primary-button" aria-disabled=${filing.submitting ? 'true' : 'false'}>
          ${step === 'review' ? (filing.submitting ? t.submitting : filing.banner ? t.retry : t.submit) : t.continue}
        </button>
        ${
          index > 0 || this.#portal.active
            ? html`<button type="button" part="button secondary-button" class="secondary" @click=${this.#handleBack}>
              ${t.back}
            </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  #renderContent(): TemplateResult {
    if (this.mode !== 'status') return this.#renderForm();
    const { t } = this.#localize;
    if (this.#views.failed) return this.#renderLoadFailure(t.loadFailed, this.#views.retry);
    const renderStatus = this.#views.statusView;
    if (!renderStatus) return this.#renderLoading();
    const status = this.#status;
    return renderStatus({
      t,
      locale: this.#localize.locale,
      api: this.#api,
      host: this,
      resultCode: status.resultCode,
      refresh: status.refresh,
      openLinked: status.openLinked,
      errors: status.errors,
      ticket: status.ticket,
      code: status.code,
      busy: status.busy,
      result: status.result,
      onTicket: status.setTicket,
      onCode: status.setCode,
      onSubmit: status.handleSubmit,
      onFocusField: this.#focusField,
    });
  }

  protected override render(): TemplateResult {
    const { t, locale } = this.#localize;
    if (this.display === 'button') {
      return html`<button type="button" class="launcher root" part="button launcher" aria-haspopup="dialog" @click=${this.#handleLauncher}>
          ${t.launcher}
        </button>
        <dialog class="root" part="dialog" aria-labelledby="dialog-title" @close=${this.#modal.handleClose}>
          <div class="focus-guard" tabindex="0" @focus=${() => this.#modal.wrapFocus('start')}></div>
          <div class="dialog-header">
            <h2 id="dialog-title">${t.dialogTitle}</h2>
            <button type="button" part="button close-button" class="secondary" @click=${this.#modal.close}>
              ${t.close}
            </button>
          </div>
          <div class="container" lang=${locale}>${this.#modal.open ? this.#renderContent() : nothing}</div>
          <div class="focus-guard" tabindex="0" @focus=${() => this.#modal.wrapFocus('end')}></div>
        </dialog>`;
    }
    return html`<div class="container root" lang=${locale}>${this.#renderContent()}</div>`;
  }
}
