import { html, LitElement, nothing } from 'lit';
import { ApiProblem, call } from '../api.ts';
import { type Errors, errorSummary, field, focusSummary } from '../forms.ts';
import { LocalizeController, t } from '../locales/index.ts';
import { describeProblem } from '../problems.ts';
import type { Account } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';

/**
 * Enrolment of a TOTP second factor: the server makes the secret (`POST /session/totp/setup`), the
 * person adds it to an authenticator app and proves it with one code (`POST /session/totp/enable`).
 *
 * @tag cc-staff-security
 * @event cc-totp-enabled - the account now has a second factor.
 */
export class StaffSecurity extends LitElement {
  static override styles = sharedStyles;
  static override properties = {
    account: { attribute: false },
    setup: { state: true },
    code: { state: true },
    errors: { state: true },
    general: { state: true },
    done: { state: true },
    busy: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare account: Account | null;
  declare private setup: { secret: string; otpauthUrl: string } | null;
  declare private code: string;
  declare private errors: Errors;
  declare private general: string | null;
  declare private done: boolean;
  declare private busy: boolean;

  constructor() {
    super();
    this.account = null;
    this.setup = null;
    this.code = '';
    this.errors = {};
    this.general = null;
    this.done = false;
    this.busy = false;
  }

  private async handleStart() {
    this.busy = true;
    this.general = null;
    try {
      this.setup = await call('/api/v1/session/totp/setup', { method: 'POST', body: {} });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#secret')?.focus();
    } catch (error) {
      this.general = describeProblem(error);
      focusSummary(this);
    } finally {
      this.busy = false;
    }
  }

  private async handleEnable(event: Event) {
    event.preventDefault();
    const code = this.code.replace(/\s/g, '');
    this.general = null;
    this.errors = /^\d{6}$/.test(code) ? {} : { code: t('signIn.totpInvalid') };
    if (Object.keys(this.errors).length) return focusSummary(this);
    this.busy = true;
    try {
      await call('/api/v1/session/totp/enable', { method: 'POST', body: { code } });
      this.done = true;
      this.dispatchEvent(new CustomEvent('cc-totp-enabled', { bubbles: true, composed: true }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#done')?.focus();
    } catch (error) {
      if (error instanceof ApiProblem && error.status >= 400 && error.status < 500 && error.status !== 429)
        this.errors = { code: t('totp.wrongCode') };
      else this.general = describeProblem(error);
      focusSummary(this);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const enabled = this.done || this.account?.totpEnabled;
    return html`<div class="card narrow">
      <h1>${t('totp.title')}</h1>
      ${errorSummary(this.errors, this.general, this.shadowRoot)}
      ${
        enabled
          ? html`<p class="notice" id="done" tabindex="-1" role="status">
              ${this.done ? t('totp.done') : t('totp.enabled')}
            </p>`
          : this.setup
            ? html`<p>${t('totp.step1')}</p>
                <p>
                  <span class="label">${t('totp.secret')}</span>
                  <code id="secret" tabindex="-1" class="pre">${this.setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
                </p>
                <p><a href=${this.setup.otpauthUrl}>otpauth://…</a></p>
                <form novalidate @submit=${this.handleEnable}>
                  <p>${t('totp.step2')}</p>
                  ${field({
                    id: 'code',
                    label: t('totp.code'),
                    hint: t('signIn.totpHint'),
                    value: this.code,
                    autocomplete: 'one-time-code',
                    inputmode: 'numeric',
                    error: this.errors.code,
                    onInput: (value) => {
                      this.code = value;
                    },
                  })}
                  <div class="actions"><button type="submit" ?disabled=${this.busy}>${t('totp.submit')}</button></div>
                </form>`
            : html`<p>${t('totp.intro')}</p>
                <button type="button" id="start" ?disabled=${this.busy} @click=${this.handleStart}>${t('totp.start')}</button>`
      }
      ${nothing}
    </div>`;
  }
}
customElements.define('cc-staff-security', StaffSecurity);
