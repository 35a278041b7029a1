import { html, LitElement } from 'lit';
import { call } from '../api.ts';
import { type Errors, errorSummary, field, focusSummary } from '../forms.ts';
import { LocalizeController, t } from '../locales/index.ts';
import { describeProblem } from '../problems.ts';
import { href } from '../router.ts';
import { sharedStyles } from '../shared.styles.ts';

/**
 * Asks for a password reset link. The answer is the same whether or not the email has an account
 * (the server answers 202 either way), so nobody learns who works where.
 *
 * @tag cc-staff-forgot
 */
export class StaffForgot extends LitElement {
  static override styles = sharedStyles;
  static override properties = {
    email: { state: true },
    errors: { state: true },
    general: { state: true },
    sent: { state: true },
    busy: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare private email: string;
  declare private errors: Errors;
  declare private general: string | null;
  declare private sent: boolean;
  declare private busy: boolean;

  constructor() {
    super();
    this.email = '';
    this.errors = {};
    this.general = null;
    this.sent = false;
    this.busy = false;
  }

  private async handleSubmit(event: Event) {
    event.preventDefault();
    this.general = null;
    this.errors = /^[^\s@]+@[^\s@]+$/.test(this.email.trim()) ? {} : { email: t('signIn.emailInvalid') };
    if (Object.keys(this.errors).length) return focusSummary(this);
    this.busy = true;
    try {
      await call('/api/v1/password-reset', {
        method: 'POST',
        body: { email: this.email.trim() },
        anonymous: true,
      });
      this.sent = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#sent')?.focus();
    } catch (error) {
      this.general = describeProblem(error);
      focusSummary(this);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<div class="narrow">
      <div class="card">
        <h1>${t('forgot.title')}</h1>
        ${
          this.sent
            ? html`<p class="notice" id="sent" tabindex="-1" role="status">${t('forgot.sent')}</p>`
            : html`${errorSummary(this.errors, this.general, this.shadowRoot)}
              <p>${t('forgot.intro')}</p>
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
                <div class="actions"><button type="submit" ?disabled=${this.busy}>${t('forgot.submit')}</button></div>
              </form>`
        }
        <p><a href=${href({ name: 'sign-in' })}>${t('forgot.back')}</a></p>
      </div>
    </div>`;
  }
}
customElements.define('cc-staff-forgot', StaffForgot);
