import { html, LitElement, nothing } from 'lit';
import { ApiProblem, call } from '../api.ts';
import { type Errors, errorSummary, field, focusSummary } from '../forms.ts';
import { LocalizeController, t } from '../locales/index.ts';
import { describeProblem, issuesByField } from '../problems.ts';
import { href, takeFragmentToken } from '../router.ts';
import { sharedStyles } from '../shared.styles.ts';

/** The shortest password the page accepts before asking the server (which has the last word). */
const MIN_PASSWORD = 12;

/**
 * Choosing a password from a one-time link: `/staff/reset#token=…` (a reset) or
 * `/staff/invitation#token=…` (accepting an invitation, with the person's name). The token is read
 * from the fragment and wiped from the address bar at once.
 *
 * @tag cc-staff-new-password
 */
export class StaffNewPassword extends LitElement {
  static override styles = sharedStyles;
  static override properties = {
    mode: { type: String },
    name: { state: true },
    password: { state: true },
    confirm: { state: true },
    errors: { state: true },
    general: { state: true },
    done: { state: true },
    busy: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  /** `reset` or `invitation`. */
  declare mode: 'reset' | 'invitation';
  declare private name: string;
  declare private password: string;
  declare private confirm: string;
  declare private errors: Errors;
  declare private general: string | null;
  declare private done: boolean;
  declare private busy: boolean;
  private token: string | null = null;
  private tokenRefused = false;

  constructor() {
    super();
    this.mode = 'reset';
    this.name = '';
    this.password = '';
    this.confirm = '';
    this.errors = {};
    this.general = null;
    this.done = false;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.token ??= takeFragmentToken();
    window.addEventListener('hashchange', this.handleHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.handleHash);
  }

  /** A second link opened in the same tab changes only the fragment: its token replaces the first. */
  private handleHash = () => {
    const token = takeFragmentToken();
    if (!token) return;
    this.token = token;
    this.tokenRefused = false;
    this.done = false;
    this.general = null;
    this.requestUpdate();
  };

  private validate(): Errors {
    const errors: Errors = {};
    if (this.password.length < MIN_PASSWORD) errors.password = t('password.tooShort');
    else if (this.password !== this.confirm) errors.confirm = t('password.mismatch');
    return errors;
  }

  private async handleSubmit(event: Event) {
    event.preventDefault();
    this.general = null;
    this.errors = this.validate();
    if (Object.keys(this.errors).length) return focusSummary(this);
    this.busy = true;
    try {
      if (this.mode === 'invitation') {
        await call('/api/v1/invitations/accept', {
          method: 'POST',
          body: {
            token: this.token,
            password: this.password,
            ...(this.name.trim() ? { name: this.name.trim() } : {}),
          },
          anonymous: true,
        });
      } else {
        await call('/api/v1/password-reset/complete', {
          method: 'POST',
          body: { token: this.token, password: this.password },
          anonymous: true,
        });
      }
      this.done = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#done')?.focus();
    } catch (error) {
      this.errors = issuesByField(error, ['password', 'name']);
      const refused = error instanceof ApiProblem && [400, 404, 410].includes(error.status);
      if (refused && !Object.keys(this.errors).length) {
        this.tokenRefused = true;
        this.general = t(this.mode === 'invitation' ? 'invitation.invalidToken' : 'reset.invalidToken');
      } else if (!Object.keys(this.errors).length) {
        this.general = describeProblem(error);
      }
      focusSummary(this);
    } finally {
      this.busy = false;
    }
  }

  private renderForm() {
    const invitation = this.mode === 'invitation';
    return html`${errorSummary(this.errors, this.general, this.shadowRoot)}
      ${invitation ? html`<p>${t('invitation.intro')}</p>` : nothing}
      <form novalidate @submit=${this.handleSubmit}>
        <input type="email" name="username" autocomplete="username" hidden aria-hidden="true" tabindex="-1" />
        ${
          invitation
            ? field({
                id: 'name',
                label: t('invitation.name'),
                hint: t('invitation.nameHint'),
                value: this.name,
                autocomplete: 'name',
                error: this.errors.name,
                onInput: (value) => {
                  this.name = value;
                },
              })
            : nothing
        }
        ${field({
          id: 'password',
          label: t('password.new'),
          hint: t('password.hint'),
          type: 'password',
          value: this.password,
          autocomplete: 'new-password',
          error: this.errors.password,
          onInput: (value) => {
            this.password = value;
          },
        })}
        ${field({
          id: 'confirm',
          label: t('password.confirm'),
          type: 'password',
          value: this.confirm,
          autocomplete: 'new-password',
          error: this.errors.confirm,
          onInput: (value) => {
            this.confirm = value;
          },
        })}
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>
            ${t(invitation ? 'invitation.submit' : 'reset.submit')}
          </button>
        </div>
      </form>`;
  }

  override render() {
    const invitation = this.mode === 'invitation';
    let body: unknown;
    if (this.done) {
      body = html`<p class="notice" id="done" tabindex="-1" role="status">
          ${t(invitation ? 'invitation.done' : 'reset.done')}
        </p>
        <p><a class="button" href=${href({ name: 'sign-in' })}>${t('signIn.title')}</a></p>`;
    } else if (!this.token) {
      body = html`<p role="alert">${t(invitation ? 'invitation.noToken' : 'reset.noToken')}</p>`;
    } else {
      body = this.renderForm();
    }
    return html`<div class="narrow">
      <div class="card">
        <h1>${t(invitation ? 'invitation.title' : 'reset.title')}</h1>
        ${body}
        ${
          !invitation && !this.done && (this.tokenRefused || !this.token)
            ? html`<p><a href=${href({ name: 'forgot' })}>${t('reset.requestNew')}</a></p>`
            : nothing
        }
      </div>
    </div>`;
  }
}
customElements.define('cc-staff-new-password', StaffNewPassword);
