import { css, html, LitElement, nothing } from 'lit';
import { onSessionExpired } from './api.ts';
import { LocalizeController, locale, setLocale, t } from './locales/index.ts';
import { describeProblem } from './problems.ts';
import { href, navigate, PUBLIC_ROUTES, parseRoute, type Route } from './router.ts';
import { loadSession, type Session, SUPERVISING, signOut } from './session.ts';
import { sharedStyles } from './shared.styles.ts';
import './pages/sign-in.ts';
import './pages/forgot.ts';
import './pages/new-password.ts';
import './pages/security.ts';
import './pages/inbox.ts';
import './pages/request.ts';
import './pages/reports.ts';
import './platform/dashboard.ts';
import './admin/people.ts';
import './admin/units.ts';
import './admin/tokens.ts';
import './admin/webhooks.ts';
import './admin/audit.ts';
import './admin/catalog.ts';

/** The institution admin's screens in the header, with their labels. */
const ADMIN_NAV = {
  people: 'admin.navPeople',
  units: 'admin.navUnits',
  tokens: 'admin.navTokens',
  webhooks: 'admin.navWebhooks',
  catalog: 'admin.catalog.nav',
} as const;

const layoutStyles = css`
  header {
    background: #1d2b3a;
    color: #fff;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1.25rem;
    max-width: 80rem;
    margin: 0 auto;
    padding: 0.5rem 1.5rem;
  }
  .brand {
    font-weight: 700;
    font-size: 1.1rem;
    margin-right: auto;
    color: #fff;
    text-decoration: none;
  }
  header a,
  header button.link {
    color: #fff;
  }
  header a:hover {
    color: #dfe8f5;
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  nav a {
    display: inline-block;
    padding: 0.5rem 0.25rem;
  }
  nav a[aria-current='page'] {
    font-weight: 700;
    text-decoration-thickness: 3px;
  }
  .who {
    font-size: 0.95rem;
  }
  .tools {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    flex-wrap: wrap;
  }
  header button.secondary {
    background: transparent;
    color: #fff;
    border-color: #fff;
    min-height: 2.5rem;
  }
  header button.secondary:hover {
    background: #33475c;
    color: #fff;
  }
  .skip {
    position: absolute;
    left: -100vw;
  }
  .skip:focus {
    left: 1rem;
    top: 0.5rem;
    background: #ffbf47;
    color: #1b1b1b;
    padding: 0.5rem 1rem;
    z-index: 10;
  }
  #main:focus {
    outline: none;
  }
  .content {
    max-width: 80rem;
    margin: 0 auto;
    padding: 1.5rem;
  }
  @media (max-width: 800px) {
    .bar,
    .content {
      padding-left: 1rem;
      padding-right: 1rem;
    }
  }
`;

/**
 * The back office at /staff/: loads the session, routes between the screens, and carries the
 * header (navigation, account, language switch, sign-out).
 *
 * @tag cc-staff-app
 */
export class StaffApp extends LitElement {
  // The shell renders in the page's own DOM, not a shadow root: the skip link, the landmarks and the
  // main region then live in the document, where every assistive technology (and axe) resolves
  // `href="#main"`. Its styles are adopted by the document (constructable stylesheets: no inline
  // style, as the CSP requires); each screen keeps its own shadow root.
  protected override createRenderRoot() {
    const sheets = [sharedStyles, layoutStyles]
      .map((style) => style.styleSheet)
      .filter((sheet) => sheet !== undefined);
    document.adoptedStyleSheets = [
      ...document.adoptedStyleSheets.filter((sheet) => !sheets.includes(sheet)),
      ...sheets,
    ];
    return this;
  }
  static override properties = {
    route: { state: true },
    session: { state: true },
    loaded: { state: true },
    loadError: { state: true },
    notice: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare private route: Route;
  declare private session: Session | null;
  declare private loaded: boolean;
  declare private loadError: string | null;
  declare private notice: string | null;

  constructor() {
    super();
    this.route = parseRoute(location.pathname);
    this.session = null;
    this.loaded = false;
    this.loadError = null;
    this.notice = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.handleLocation);
    window.addEventListener('cc-navigate', this.handleLocation);
    this.addEventListener('click', this.handleLinkClick);
    this.addEventListener('cc-signed-in', this.handleSignedIn as EventListener);
    this.addEventListener('cc-totp-enabled', () => this.refreshSession());
    onSessionExpired(() => {
      if (!this.session) return;
      this.session = null;
      this.notice = t('signIn.expired');
      navigate(href({ name: 'sign-in' }), true);
    });
    this.refreshSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.handleLocation);
    window.removeEventListener('cc-navigate', this.handleLocation);
  }

  private async refreshSession() {
    try {
      this.session = await loadSession();
      this.loadError = null;
      const preferred = this.session?.account.locale;
      if (!localStorage.getItem('cc-staff-locale') && (preferred === 'es' || preferred === 'en'))
        setLocale(preferred);
    } catch (error) {
      this.loadError = describeProblem(error);
    }
    this.loaded = true;
    this.guard();
  }

  /** Screens that need a session send to sign-in; sign-in with a session goes to the inbox. */
  private guard() {
    if (!this.loaded || this.loadError) return;
    const isPublic = PUBLIC_ROUTES.includes(this.route.name);
    if (!this.session && !isPublic) navigate(href({ name: 'sign-in' }), true);
    else if (this.session?.enrolRequired && this.route.name !== 'security')
      navigate(href({ name: 'security' }), true);
    else if (this.session && this.route.name === 'sign-in') navigate(href({ name: 'inbox' }), true);
    // Platform accounts have no inbox: their home is the platform's dashboard.
    if (this.session && !this.session.account.institution && this.route.name === 'inbox')
      navigate(href({ name: 'platform' }), true);
  }

  private handleLocation = () => {
    const previous = this.route;
    this.route = parseRoute(location.pathname);
    this.guard();
    if (previous.name !== this.route.name || JSON.stringify(previous) !== JSON.stringify(this.route))
      this.focusMain();
  };

  /** After a change of screen, focus goes to its main region, as after a page load. */
  private async focusMain() {
    await this.updateComplete;
    const page = this.renderRoot.querySelector('[data-page]');
    const pageRoot = (page as LitElement | null)?.shadowRoot;
    if (page) await (page as LitElement).updateComplete;
    // The page's heading when it has one (a screen reader reads where it landed), else the region.
    const heading = pageRoot?.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    } else this.renderRoot.querySelector<HTMLElement>('#main')?.focus();
    window.scrollTo(0, 0);
  }

  private handleLinkClick = (event: MouseEvent) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const anchor = event
      .composedPath()
      .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/staff/') || url.hash) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  };

  private handleSignedIn = (event: CustomEvent<Session>) => {
    this.session = event.detail;
    this.notice = null;
    navigate(href({ name: event.detail.enrolRequired ? 'security' : 'inbox' }), true);
  };

  private async handleSignOut(everywhere: boolean) {
    try {
      await signOut(everywhere);
    } catch {
      // The session is forgotten here whatever the server said; its cookie expires on its own.
    }
    this.session = null;
    this.notice = t('signIn.signedOut');
    navigate(href({ name: 'sign-in' }), true);
  }

  private handleLanguage() {
    setLocale(locale() === 'es' ? 'en' : 'es');
  }

  private renderHeader() {
    const account = this.session?.account;
    const current = (name: Route['name']) => (this.route.name === name ? 'page' : undefined);
    return html`<header>
      <div class="bar">
        <a class="brand" href=${href({ name: 'inbox' })}>${t('appName')} · ${t('appArea')}</a>
        ${
          account
            ? html`<nav aria-label=${t('nav.label')}>
                <ul>
                  ${
                    account.institution
                      ? html`<li><a href=${href({ name: 'inbox' })} aria-current=${current('inbox') ?? 'false'}>${t('nav.inbox')}</a></li>`
                      : nothing
                  }
                  ${
                    account.institution && (SUPERVISING.includes(account.role) || account.role === 'auditor')
                      ? html`<li><a href=${href({ name: 'reports' })} aria-current=${current('reports') ?? 'false'}
                          >${t('nav.reports')}</a></li>`
                      : nothing
                  }
                  ${
                    account.role === 'institution_admin'
                      ? (['people', 'units', 'tokens', 'webhooks', 'catalog'] as const).map(
                          (
                            name,
                          ) => html`<li><a href=${href({ name })} aria-current=${current(name) ?? 'false'}
                            >${t(ADMIN_NAV[name])}</a></li>`,
                        )
                      : nothing
                  }
                  ${
                    account.institution &&
                    (account.role === 'institution_admin' || account.role === 'auditor')
                      ? html`<li><a href=${href({ name: 'audit' })} aria-current=${current('audit') ?? 'false'}
                          >${t('admin.navAudit')}</a></li>`
                      : nothing
                  }
                  ${
                    account.role === 'platform_admin'
                      ? html`<li><a href=${href({ name: 'platform' })} aria-current=${current('platform') ?? 'false'}
                          >${t('platformDash.nav')}</a></li>`
                      : nothing
                  }
                  <li><a href=${href({ name: 'security' })} aria-current=${current('security') ?? 'false'}
                    >${t('nav.security')}</a></li>
                </ul>
              </nav>`
            : nothing
        }
        <div class="tools">
          ${
            account
              ? html`<span class="who">${t('nav.signedInAs', { name: account.name || account.email })}
                  (${t(`roles.${account.role}`)}${account.institution ? ` · ${account.institution}` : ''})</span>`
              : nothing
          }
          <button type="button" class="secondary" lang=${t('otherLanguageCode')} @click=${this.handleLanguage}>
            ${t('otherLanguage')}
          </button>
          ${
            account
              ? html`<button type="button" class="secondary" @click=${() => this.handleSignOut(false)}>${t('nav.signOut')}</button>`
              : nothing
          }
        </div>
      </div>
    </header>`;
  }

  private renderPage() {
    const account = this.session?.account ?? null;
    switch (this.route.name) {
      case 'sign-in':
        return html`<cc-staff-sign-in data-page .notice=${this.notice}></cc-staff-sign-in>`;
      case 'forgot':
        return html`<cc-staff-forgot data-page></cc-staff-forgot>`;
      case 'reset':
        return html`<cc-staff-new-password data-page mode="reset"></cc-staff-new-password>`;
      case 'invitation':
        return html`<cc-staff-new-password data-page mode="invitation"></cc-staff-new-password>`;
      case 'not-found':
        return html`<h1>${t('notFound.title')}</h1>
          <p><a href=${href({ name: 'inbox' })}>${t('notFound.back')}</a></p>`;
      default:
        break;
    }
    if (!account) return nothing;
    // Platform accounts belong to no institution: every screen of theirs but security is the dashboard.
    if (!account.institution && this.route.name !== 'security')
      return html`<cc-platform-dashboard data-page></cc-platform-dashboard>`;
    switch (this.route.name) {
      case 'inbox':
        return html`<cc-staff-inbox data-page .account=${account}></cc-staff-inbox>`;
      case 'request':
        return html`<cc-staff-request data-page .account=${account} .ticket=${this.route.ticket}></cc-staff-request>`;
      case 'reports':
        return html`<cc-staff-reports data-page .account=${account}></cc-staff-reports>`;
      case 'security':
        return html`<cc-staff-security data-page .account=${account}></cc-staff-security>`;
      case 'people':
        return html`<cc-admin-people data-page .account=${account}></cc-admin-people>`;
      case 'units':
        return html`<cc-admin-units data-page .account=${account}></cc-admin-units>`;
      case 'tokens':
        return html`<cc-admin-tokens data-page .account=${account}></cc-admin-tokens>`;
      case 'webhooks':
        return html`<cc-admin-webhooks data-page .account=${account}></cc-admin-webhooks>`;
      case 'audit':
        return html`<cc-admin-audit data-page .account=${account}></cc-admin-audit>`;
      case 'catalog':
        return html`<cc-admin-catalog data-page .account=${account}></cc-admin-catalog>`;
    }
    return nothing;
  }

  override updated(): void {
    const titles: Partial<Record<Route['name'], string>> = {
      'sign-in': t('signIn.title'),
      forgot: t('forgot.title'),
      reset: t('reset.title'),
      invitation: t('invitation.title'),
      security: t('totp.title'),
      inbox: t('inbox.title'),
      reports: t('reports.title'),
      platform: t('platformDash.title'),
      people: t('admin.people.title'),
      units: t('admin.units.title'),
      tokens: t('admin.tokens.title'),
      webhooks: t('admin.webhooks.title'),
      audit: t('admin.audit.title'),
      catalog: t('admin.catalog.title'),
      'not-found': t('notFound.title'),
    };
    const title =
      this.route.name === 'request'
        ? t('request.title', { ticket: this.route.ticket })
        : titles[this.route.name];
    document.title = `${title} · ${t('appName')}`;
  }

  override render() {
    return html`<a class="skip" href="#main" @click=${(event: Event) => {
      event.preventDefault();
      document.getElementById('main')?.focus();
    }}>${t('skipToContent')}</a>
      ${this.renderHeader()}
      <main id="main" tabindex="-1" class="content">
        ${
          !this.loaded
            ? html`<p role="status">${t('loading')}</p>`
            : this.loadError
              ? html`<p role="alert">${this.loadError}</p>
                  <button type="button" @click=${() => this.refreshSession()}>${t('retry')}</button>`
              : this.renderPage()
        }
      </main>`;
  }
}

if (!customElements.get('cc-staff-app')) customElements.define('cc-staff-app', StaffApp);

declare global {
  interface HTMLElementTagNameMap {
    'cc-staff-app': StaffApp;
  }
}
