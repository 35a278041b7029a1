import { html, LitElement, nothing } from 'lit';
import * as v from 'valibot';
import { UnitSchema } from '#schema';
import { ApiProblem, call } from '../api.ts';
import { type CatalogView, catalogOf, localized } from '../catalog.ts';
import { type Errors, errorSummary, field, focusSummary } from '../forms.ts';
import { LocalizeController, t } from '../locales/index.ts';
import { describeProblem } from '../problems.ts';
import type { Account } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';
import { adminStyles, institutionPath, schemaErrors, selectField, type Unit, unitTree } from './common.ts';

/**
 * The institution's units as a tree (add, rename, move) and the routing of its services to units
 * (issue 20 item 4). institution_admin only.
 *
 * @tag cc-admin-units
 */
export class AdminUnits extends LitElement {
  static override styles = [sharedStyles, adminStyles];
  static override properties = {
    account: { attribute: false },
    units: { state: true },
    routing: { state: true },
    catalog: { state: true },
    error: { state: true },
    notice: { state: true },
    draft: { state: true },
    errors: { state: true },
    general: { state: true },
    editing: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare account: Account;
  declare private units: Unit[];
  declare private routing: Record<string, number>;
  declare private catalog: CatalogView | null;
  declare private error: string | null;
  declare private notice: string | null;
  declare private draft: { name: string; parentId: string };
  declare private errors: Errors;
  declare private general: string | null;
  declare private editing: { id: number; name: string; parentId: string } | null;

  constructor() {
    super();
    this.units = [];
    this.routing = {};
    this.catalog = null;
    this.error = null;
    this.notice = null;
    this.draft = { name: '', parentId: '' };
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
      const [units, routing, catalog] = await Promise.all([
        call<{ items: Unit[] }>(institutionPath(this.code, 'units')),
        call<Record<string, number>>(institutionPath(this.code, 'routing')),
        catalogOf(this.code),
      ]);
      this.units = units.items;
      this.routing = routing;
      this.catalog = catalog;
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

  private parentChoices(except?: number) {
    return [
      { value: '', label: t('admin.units.top') },
      ...unitTree(this.units)
        .filter(({ unit }) => unit.id !== except)
        .map(({ unit, depth }) => ({ value: String(unit.id), label: `${'— '.repeat(depth)}${unit.name}` })),
    ];
  }

  private async handleAdd(event: Event) {
    event.preventDefault();
    this.general = null;
    const body = {
      name: this.draft.name.trim(),
      parentId: this.draft.parentId ? Number(this.draft.parentId) : null,
    };
    this.errors = schemaErrors(v.safeParse(UnitSchema, body), { name: t('admin.units.errors.name') });
    if (Object.keys(this.errors).length) return focusSummary(this);
    try {
      await call(institutionPath(this.code, 'units'), { method: 'POST', body });
      this.draft = { name: '', parentId: '' };
      await this.load();
      await this.announce(t('admin.units.added', { name: body.name }));
    } catch (error) {
      this.general = describeProblem(error);
      focusSummary(this);
    }
  }

  private async handleEdit(event: Event) {
    event.preventDefault();
    const editing = this.editing;
    if (!editing) return;
    const body = { name: editing.name.trim(), parentId: editing.parentId ? Number(editing.parentId) : null };
    this.errors = schemaErrors(v.safeParse(UnitSchema, body), { name: t('admin.units.errors.name') });
    if (Object.keys(this.errors).length) return focusSummary(this);
    try {
      await call(institutionPath(this.code, `units/${editing.id}`), { method: 'PATCH', body });
      this.editing = null;
      await this.load();
      await this.announce(t('admin.saved'));
    } catch (error) {
      this.general =
        error instanceof ApiProblem && error.code === 'unit_cycle'
          ? t('admin.units.errors.cycle')
          : describeProblem(error);
      focusSummary(this);
    }
  }

  private async handleRouting(event: Event) {
    event.preventDefault();
    try {
      this.routing = await call<Record<string, number>>(institutionPath(this.code, 'routing'), {
        method: 'PUT',
        body: this.routing,
      });
      await this.announce(t('admin.saved'));
    } catch (error) {
      this.error = describeProblem(error);
    }
  }

  private async startEditing(unit: Unit) {
    this.errors = {};
    this.editing = {
      id: unit.id,
      name: unit.name,
      parentId: unit.parentId === null ? '' : String(unit.parentId),
    };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#edit-title')?.focus();
  }

  private renderEditor() {
    const editing = this.editing;
    const unit = this.units.find((u) => u.id === editing?.id);
    if (!editing || !unit) return nothing;
    return html`<section class="card" aria-labelledby="edit-title">
      <h2 id="edit-title" tabindex="-1">${t('admin.units.editOf', { name: unit.name })}</h2>
      <form novalidate @submit=${this.handleEdit}>
        ${field({
          id: 'edit-name',
          label: t('admin.units.name'),
          value: editing.name,
          error: this.errors.name,
          onInput: (name) => {
            this.editing = { ...editing, name };
          },
        })}
        ${selectField({
          id: 'edit-parent',
          label: t('admin.units.parent'),
          value: editing.parentId,
          choices: this.parentChoices(unit.id),
          onChange: (parentId) => {
            this.editing = { ...editing, parentId };
          },
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
      return html`<h1>${t('admin.units.title')}</h1><p>${t('admin.forbidden')}</p>`;
    return html`<h1>${t('admin.units.title')}</h1>
      ${this.error ? html`<p role="alert" class="error-message">${this.error}</p>` : nothing}
      ${this.notice ? html`<p class="notice" id="notice" tabindex="-1" role="status">${this.notice}</p>` : nothing}
      ${errorSummary(this.errors, this.general, this.shadowRoot)}
      <section class="card" aria-labelledby="tree-title">
        <h2 id="tree-title">${t('admin.units.tree')}</h2>
        <ul id="tree">
          ${unitTree(this.units).map(
            ({ unit, depth }) => html`<li class="indent-${Math.min(depth, 3)}">${unit.name}
              <button type="button" class="link" @click=${() => this.startEditing(unit)}>${t('admin.units.edit')}<span class="visually-hidden">: ${unit.name}</span></button></li>`,
          )}
        </ul>
      </section>
      ${this.renderEditor()}
      <section class="card" aria-labelledby="add-title">
        <h2 id="add-title">${t('admin.units.add')}</h2>
        <form novalidate @submit=${this.handleAdd}>
          ${field({
            id: 'name',
            label: t('admin.units.name'),
            value: this.draft.name,
            error: this.editing ? undefined : this.errors.name,
            onInput: (name) => {
              this.draft = { ...this.draft, name };
            },
          })}
          ${selectField({
            id: 'parent',
            label: t('admin.units.parent'),
            value: this.draft.parentId,
            choices: this.parentChoices(),
            onChange: (parentId) => {
              this.draft = { ...this.draft, parentId };
            },
          })}
          <p class="actions"><button type="submit" class="button">${t('admin.units.addSubmit')}</button></p>
        </form>
      </section>
      <section class="card" aria-labelledby="routing-title">
        <h2 id="routing-title">${t('admin.units.routing')}</h2>
        <p>${t('admin.units.routingIntro')}</p>
        <form novalidate @submit=${this.handleRouting}>
          <table id="routing">
            <caption class="visually-hidden">${t('admin.units.routing')}</caption>
            <thead><tr><th scope="col">${t('admin.units.service')}</th><th scope="col">${t('admin.units.unit')}</th></tr></thead>
            <tbody>
              ${(this.catalog?.services ?? []).map(
                (
                  service,
                ) => html`<tr><th scope="row"><label for="route-${service.id}">${localized(service.name, service.id)}</label></th>
                  <td><select id="route-${service.id}" @change=${(event: Event) => {
                    const value = (event.target as HTMLSelectElement).value;
                    if (value) this.routing = { ...this.routing, [service.id]: Number(value) };
                  }}>
                    ${this.routing[service.id] === undefined ? html`<option value="" selected>${t('admin.units.unrouted')}</option>` : nothing}
                    ${unitTree(this.units).map(({ unit, depth }) => html`<option value=${unit.id} ?selected=${this.routing[service.id] === unit.id}>${'— '.repeat(depth)}${unit.name}</option>`)}
                  </select></td></tr>`,
              )}
            </tbody>
          </table>
          <p class="actions"><button type="submit" class="button">${t('admin.units.routingSave')}</button></p>
        </form>
      </section>`;
  }
}

if (!customElements.get('cc-admin-units')) customElements.define('cc-admin-units', AdminUnits);

declare global {
  interface HTMLElementTagNameMap {
    'cc-admin-units': AdminUnits;
  }
}
