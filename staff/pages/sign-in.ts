import { html, LitElement } from 'lit';
import { ApiProblem } from '../api.ts';
import { type Errors, errorSummary, field, focusSummary } from '../forms.ts';
import { LocalizeController, t } from '../locales/index.ts';
import { describeProblem } from '../problems.ts';
import { href } from '../router.ts';
import { type Session, signIn } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Sign-in with email and password, then the TOTP code when the account has a second factor. Every
 * refusal says the same thing (`invalid_credentials`), so the page never tells whether an account
 * exists.
 *
 * @tag cc-staff-sign-in
 * @event cc-signed-in - detail: the new Session.
 */
export class StaffSignIn extends LitElement {
  static override styles = sharedStyles;
  protected readonly localize = new LocalizeController(this);

  static override properties = {
    notice: { attribute: false },
    email: { state: true },
    password: { state: true },
    totp: { state: true },
    needsTotp: { state: true },
    errors: { state: true },
    general: { state: true },
    busy: { state: true },
  };

  /** A message above the form (signed out, session expired). */
  declare notice: string | null;
  declare private email: string;
  declare private password: string;
  declare private totp: string;
  declare private needsTotp: boolean;
  declare private errors: Errors;
  declare private general: string | null;
  declare private busy: boolean;

  constructor() {
    super();
    this.notice = null;
    this.email = '';
    this.password = '';
    this.totp = '';
    this.needsTotp = false;
    this.errors = {};
    this.general = null;
    this.busy = false;
  }

  private validate(): Errors {
    const errors: Errors = {};
    if (!EMAIL.test(this.email.trim())) errors.email = t('signIn.emailInvalid');
    if (!this.password) errors.password = t('required');
    if (this.needsTotp && !/^\d{6}$/.test(this.totp.replace(/\s/g, '')))
      errors.totp = t('signIn.totpInvalid');
    return errors;
  }

  private async handleSubmit(event: Event) {
    event.preventDefault();
    this.general = null;
    this.errors = this.validate();
    if (Object.keys(this.errors).length) return focusSummary(this);
    this.busy = true;
    try {
      const session: Session = await signIn(
        this.email.trim(),
        this.password,
        this.needsTotp ? this.totp.replace(/\s/g, '') : undefined,
      );
      this.dispatchEvent(new CustomEvent('cc-signed-in', { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      this.handleRefusal(error);
    } finally {
      this.busy = false;
    }
  }

  private async handleRefusal(error: unknown) {
    if (error instanceof ApiProblem && error.code === 'second_factor_required') {
      this.needsTotp = true;
      this.general = null;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#totp')?.focus();
      return;
    }
    if (error instanceof ApiProblem && error.status === 429) {
      this.general = error.retryAfter
        ? t('signIn.rateLimited', { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) })
        : t('signIn.rateLimitedSoon');
    } else if (error instanceof ApiProblem && (error.status === 401 || error.status === 400)) {
      this.general = t('signIn.invalid');
      this.totp = '';
    } else {
      this.general = describeProblem(error);
    }
    focusSummary(this);
  }

  override render() {
    return html`<div class="narrow">
      <div class="card">
        <h1>${t('signIn.title')}</h1>
        ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
        ${errorSummary(this.errors, this.general, this.shadowRoot)}
        <p>${t('signIn.intro')}</p>
        <form novalidate @submit=${this.handleSubmit}>
          ${field({
            id: 'email',
            label: t('signIn.email'),
            type: 'email',
            value: this.email,
            autocomplete: 'username',
            error: this.errors.email,
            onInput: (value) => {
              this.email = value;
            },
          })}
          ${field({
            id: 'password',
            label: t('signIn.password'),
            type: 'password',
            value: this.password,
            autocomplete: 'current-password',
            error: this.errors.password,
            onInput: (value) => {
              this.password = value;
            },
          })}
          ${
            this.needsTotp
              ? html`<p role="status">${t('signIn.totpNeeded')}</p>
                ${field({
                  id: 'totp',
                  label: t('signIn.totp'),
                  hint: t('signIn.totpHint'),
                  value: this.totp,
                  autocomplete: 'one-time-code',
                  inputmode: 'numeric',
                  error: this.errors.totp,
                  onInput: (value) => {
                    this.totp = value;
                  },
                })}`
              : ''
          }
          <div class="actions">
            <button type="submit" ?disabled=${this.busy}>${t('signIn.submit')}</button>
            <a href=${href({ name: 'forgot' })}>${t('signIn.forgot')}</a>
          </div>
        </form>
      </div>
    </div>`;
  }
}
customElements.define('cc-staff-sign-in', StaffSignIn);
