import { html, LitElement, nothing } from 'lit';
import * as v from 'valibot';
import { INSTITUTION_ROLE_NAMES, InvitationSchema } from '#schema';
import { ApiProblem, call } from '../api.ts';
import { type Errors, errorSummary, field, focusSummary } from '../forms.ts';
import { LocalizeController, type MessageKey, t } from '../locales/index.ts';
import { describeProblem } from '../problems.ts';
import type { Account } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';
import { adminStyles, institutionPath, schemaErrors, selectField, type Unit, unitTree } from './common.ts';

interface Person {
  id: number;
  email: string;
  name: string;
  role: (typeof INSTITUTION_ROLE_NAMES)[number];
  units: { id: number; name: string }[];
  invited: boolean;
  disabled: boolean;
}

/**
 * The institution's people (issue 20 item 4): the accounts, an invitation with role and units, and
 * for each person disable/enable and a change of role and units. institution_admin only.
 *
 * @tag cc-admin-people
 */
export class AdminPeople extends LitElement {
  static override styles = [sharedStyles, adminStyles];
  static override properties = {
    account: { attribute: false },
    people: { state: true },
    units: { state: true },
    error: { state: true },
    notice: { state: true },
    invite: { state: true },
    errors: { state: true },
    general: { state: true },
    editing: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare account: Account;
  declare private people: Person[];
  declare private units: Unit[];
  declare private error: string | null;
  declare private notice: string | null;
  declare private invite: { email: string; name: string; role: string; units: number[] };
  declare private errors: Errors;
  declare private general: string | null;
  declare private editing: { id: number; role: string; units: number[] } | null;

  constructor() {
    super();
    this.people = [];
    this.units = [];
    this.error = null;
    this.notice = null;
    this.invite = { email: '', name: '', role: 'agent', units: [] };
    this.errors = {};
    this.general = null;
    this.editing = null;
  }

  private get code() {
    return this.account.institution ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  private async load() {
    try {
      const [people, units] = await Promise.all([
        call<{ items: Person[] }>(institutionPath(this.code, 'accounts')),
        call<{ items: Unit[] }>(institutionPath(this.code, 'units')),
      ]);
      this.people = people.items;
      this.units = units.items;
      this.error = null;
    } catch (error) {
      this.error = `${t('admin.loadError')} ${describeProblem(error)}`;
    }
  }

  private async announce(message: string) {
    this.notice = message;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
  }

  private async handleInvite(event: Event) {
    event.preventDefault();
    this.general = null;
    const body = {
      email: this.invite.email.trim(),
      name: this.invite.name.trim(),
      role: this.invite.role,
      units: this.invite.units,
      locale: this.account.locale === 'en' ? 'en' : 'es',
    };
    this.errors = schemaErrors(v.safeParse(InvitationSchema, body), {
      email: t('admin.people.errors.email'),
      name: t('admin.people.errors.name'),
      role: t('admin.people.errors.role'),
    });
    if (Object.keys(this.errors).length) return focusSummary(this);
    try {
      const answer = await call<{ email: string }>(institutionPath(this.code, 'invitations'), {
        method: 'POST',
        body,
      });
      this.invite = { email: '', name: '', role: 'agent', units: [] };
      await this.load();
      await this.announce(t('admin.people.invitedNotice', { email: answer.email }));
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'email_taken')
        this.errors = { email: t('admin.people.errors.emailTaken') };
      else this.general = describeProblem(error);
      focusSummary(this);
    }
  }

  private async patch(person: Person, body: Record<string, unknown>) {
    try {
      await call(institutionPath(this.code, `accounts/${person.id}`), { method: 'PATCH', body });
      this.editing = null;
      await this.load();
      await this.announce(t('admin.saved'));
    } catch (error) {
      this.error = describeProblem(error);
    }
  }

  private async startEditing(person: Person) {
    this.editing = { id: person.id, role: person.role, units: person.units.map((u) => u.id) };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#edit-title')?.focus();
  }

  private unitChecks(prefix: string, chosen: number[], onChange: (units: number[]) => void) {
    return html`<fieldset aria-describedby="${prefix}-units-hint">
      <legend>${t('admin.people.units')}</legend>
      <span class="hint" id="${prefix}-units-hint">${t('admin.people.unitsHint')}</span>
      ${unitTree(this.units).map(
        ({ unit, depth }) => html`<div class="check indent-${Math.min(depth, 3)}">
          <input type="checkbox" id="${prefix}-unit-${unit.id}" .checked=${chosen.includes(unit.id)}
            @change=${(event: Event) =>
              onChange(
                (event.target as HTMLInputElement).checked
                  ? [...chosen, unit.id]
                  : chosen.filter((id) => id !== unit.id),
              )} />
          <label for="${prefix}-unit-${unit.id}">${unit.name}</label>
        </div>`,
      )}
    </fieldset>`;
  }

  private roleChoices() {
    return INSTITUTION_ROLE_NAMES.map((role) => ({ value: role, label: t(`roles.${role}` as MessageKey) }));
  }

  private renderEditor() {
    const editing = this.editing;
    const person = this.people.find((p) => p.id === editing?.id);
    if (!editing || !person) return nothing;
    return html`<section class="card" aria-labelledby="edit-title">
      <h2 id="edit-title" tabindex="-1">${t('admin.people.changeOf', { name: person.name || person.email })}</h2>
      <form novalidate @submit=${(event: Event) => {
        event.preventDefault();
        this.patch(person, { role: editing.role, units: editing.units });
      }}>
        ${selectField({
          id: 'edit-role',
          label: t('admin.people.role'),
          value: editing.role,
          choices: this.roleChoices(),
          onChange: (role) => {
            this.editing = { ...editing, role };
          },
        })}
        ${this.unitChecks('edit', editing.units, (units) => {
          this.editing = { ...editing, units };
        })}
        <p class="actions">
          <button type="submit" class="button">${t('admin.people.save')}</button>
          <button type="button" class="button secondary" @click=${() => {
            this.editing = null;
          }}>${t('admin.people.cancel')}</button>
        </p>
      </form>
    </section>`;
  }

  override render() {
    if (this.account.role !== 'institution_admin')
      return html`<h1>${t('admin.people.title')}</h1><p>${t('admin.forbidden')}</p>`;
    const state = (p: Person) =>
      p.disabled
        ? t('admin.people.disabled')
        : p.invited
          ? t('admin.people.invited')
          : t('admin.people.active');
    return html`<h1>${t('admin.people.title')}</h1>
      ${this.error ? html`<p role="alert" class="error-message">${this.error}</p>` : nothing}
      ${this.notice ? html`<p class="notice" id="notice" tabindex="-1" role="status">${this.notice}</p>` : nothing}
      <table id="people">
        <caption>${t('admin.people.caption')}</caption>
        <thead><tr>
          <th scope="col">${t('admin.people.name')}</th><th scope="col">${t('admin.people.email')}</th>
          <th scope="col">${t('admin.people.role')}</th><th scope="col">${t('admin.people.units')}</th>
          <th scope="col">${t('admin.people.state')}</th><th scope="col">${t('admin.people.actions')}</th>
        </tr></thead>
        <tbody>
          ${this.people.map(
            (p) => html`<tr data-email=${p.email}>
              <th scope="row">${p.name}</th><td>${p.email}</td><td>${t(`roles.${p.role}` as MessageKey)}</td>
              <td>${p.units.map((u) => u.name).join(', ') || t('admin.people.none')}</td><td>${state(p)}</td>
              <td><div class="row-actions">
                ${
                  String(p.id) === String(this.account.id)
                    ? nothing
                    : html`<button type="button" class="button secondary" data-action="edit"
                        @click=${() => this.startEditing(p)}>${t('admin.people.change')}<span class="visually-hidden">: ${p.email}</span></button>
                      <button type="button" class="button secondary" data-action="toggle"
                        @click=${() => this.patch(p, { disabled: !p.disabled })}>${p.disabled ? t('admin.people.enable') : t('admin.people.disable')}<span class="visually-hidden">: ${p.email}</span></button>`
                }
              </div></td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${this.renderEditor()}
      <section class="card" aria-labelledby="invite-title">
        <h2 id="invite-title">${t('admin.people.invite')}</h2>
        <p>${t('admin.people.inviteIntro')}</p>
        ${errorSummary(this.errors, this.general, this.shadowRoot)}
        <form novalidate @submit=${this.handleInvite}>
          ${field({
            id: 'name',
            label: t('admin.people.name'),
            value: this.invite.name,
            error: this.errors.name,
            autocomplete: 'off',
            onInput: (name) => {
              this.invite = { ...this.invite, name };
            },
          })}
          ${field({
            id: 'email',
            label: t('admin.people.email'),
            type: 'email',
            value: this.invite.email,
            error: this.errors.email,
            autocomplete: 'off',
            onInput: (email) => {
              this.invite = { ...this.invite, email };
            },
          })}
          ${selectField({
            id: 'role',
            label: t('admin.people.role'),
            value: this.invite.role,
            error: this.errors.role,
            choices: this.roleChoices(),
            onChange: (role) => {
              this.invite = { ...this.invite, role };
            },
          })}
          ${this.unitChecks('invite', this.invite.units, (units) => {
            this.invite = { ...this.invite, units };
          })}
          <p class="actions"><button type="submit" class="button">${t('admin.people.inviteSubmit')}</button></p>
        </form>
      </section>`;
  }
}

if (!customElements.get('cc-admin-people')) customElements.define('cc-admin-people', AdminPeople);

declare global {
  interface HTMLElementTagNameMap {
    'cc-admin-people': AdminPeople;
  }
}
