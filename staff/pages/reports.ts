import { css, html, LitElement, nothing } from 'lit';
import type { ReportBody, ReportCharts } from '#schema';
import { call, query } from '../api.ts';
import { type CatalogView, catalogOf, serviceName, typeName } from '../catalog.ts';
import { formatDate, formatPercent, LocalizeController, t } from '../locales/index.ts';
import { describeProblem } from '../problems.ts';
import { href } from '../router.ts';
import { type Account, SUPERVISING } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';

/**
 * Figures the server may add beside the contract's ReportBody (life-server, people): each is drawn
 * when present and said to be missing otherwise.
 */
type Report = ReportBody & Partial<ReportCharts>;

/** One figure: its title, table (head and rows) and how to draw it. */
interface Figure {
  id: string;
  title: string;
  head: string[];
  rows: (string | number)[][];
  chart: 'bar' | 'stacked' | 'doughnut' | null;
  /** For charts: the category labels and one series per value column. */
  labels?: string[];
  series?: { label: string; values: number[] }[];
}

const reportStyles = css`
  .range {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1rem;
    align-items: flex-end;
  }
  .range .field {
    flex: 0 1 12rem;
  }
  .kpis {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 1rem;
    margin: 0 0 1.25rem;
  }
  .kpi {
    background: #fff;
    border: 1px solid #c9ccd1;
    border-radius: 6px;
    padding: 0.75rem 1rem;
  }
  .kpi dt {
    font-weight: 400;
  }
  .kpi dd {
    font-size: 1.6rem;
    font-weight: 700;
  }
  .chart {
    position: relative;
    height: 18rem;
    margin-bottom: 1rem;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr));
    gap: 1.25rem;
  }
  .kpis dl,
  .kpi {
    display: block;
  }
`;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function csvOf(head: string[], rows: (string | number)[][]): string {
  const cell = (value: string | number) => {
    const text = String(value);
    // A leading = + - @ would be read as a formula by spreadsheets (CSV injection).
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `${[head, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/**
 * Reports for supervisors over a date range: figures from `GET /institutions/{code}/reports`, each
 * chart (Chart.js, loaded lazily) followed by the same figures as a table and a CSV download, and
 * the requests themselves as the API's CSV export.
 *
 * @tag cc-staff-reports
 */
export class StaffReports extends LitElement {
  static override styles = [sharedStyles, reportStyles];
  static override properties = {
    account: { attribute: false },
    from: { state: true },
    to: { state: true },
    report: { state: true },
    catalog: { state: true },
    error: { state: true },
    loading: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare account: Account;
  declare private from: string;
  declare private to: string;
  declare private report: Report | null;
  declare private catalog: CatalogView | null;
  declare private error: string | null;
  declare private loading: boolean;
  private charts: { destroy(): void }[] = [];
  private downloads: string[] = [];

  constructor() {
    super();
    const today = new Date();
    this.to = isoDay(today);
    this.from = isoDay(new Date(today.getTime() - 89 * 86_400_000));
    // A link may name the period (`?from=…&to=…`), as the inbox keeps its filters in the address.
    const linked = new URLSearchParams(location.search);
    const day = /^\d{4}-\d{2}-\d{2}$/;
    if (day.test(linked.get('from') ?? '') && day.test(linked.get('to') ?? '')) {
      this.from = linked.get('from') as string;
      this.to = linked.get('to') as string;
    }
    this.report = null;
    this.catalog = null;
    this.error = null;
    this.loading = false;
  }

  private get code(): string {
    return this.account.institution ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.allowed) return;
    catalogOf(this.code)
      .then((catalog) => {
        this.catalog = catalog;
      })
      .catch(() => {
        // Names fall back to codes.
      });
    this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const chart of this.charts) chart.destroy();
    for (const url of this.downloads) URL.revokeObjectURL(url);
  }

  private get allowed(): boolean {
    return SUPERVISING.includes(this.account.role) || this.account.role === 'auditor';
  }

  private async load() {
    this.loading = true;
    this.error = null;
    try {
      this.report = await call<Report>(
        `/api/v1/institutions/${encodeURIComponent(this.code)}/reports${query({ from: this.from, to: this.to })}`,
      );
    } catch (error) {
      this.error = describeProblem(error);
      this.report = null;
    } finally {
      this.loading = false;
    }
  }

  private handleRange(event: Event) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.from = String(data.get('from') ?? this.from);
    this.to = String(data.get('to') ?? this.to);
    this.load();
  }

  private figures(report: Report): Figure[] {
    const figures: Figure[] = [];
    const types = Object.keys(report.byType);
    if (report.perWeek) {
      const weekTypes = [...new Set(report.perWeek.flatMap((week) => Object.keys(week.byType)))];
      figures.push({
        id: 'per-week',
        title: t('reports.perWeek'),
        head: [t('reports.week'), ...weekTypes.map((type) => typeName(this.catalog, type))],
        rows: report.perWeek.map((week) => [week.week, ...weekTypes.map((type) => week.byType[type] ?? 0)]),
        chart: 'stacked',
        labels: report.perWeek.map((week) => formatDate(week.week)),
        series: weekTypes.map((type) => ({
          label: typeName(this.catalog, type),
          values: report.perWeek?.map((week) => week.byType[type] ?? 0) ?? [],
        })),
      });
    }
    figures.push({
      id: 'by-type',
      title: t('reports.byType'),
      head: [t('request.type'), t('reports.count')],
      rows: types.map((type) => [typeName(this.catalog, type), report.byType[type] ?? 0]),
      chart: 'bar',
      labels: types.map((type) => typeName(this.catalog, type)),
      series: [{ label: t('reports.count'), values: types.map((type) => report.byType[type] ?? 0) }],
    });
    const late = report.withDeadline - report.answeredWithinDeadline;
    figures.push({
      id: 'deadline',
      title: t('reports.deadlineShare'),
      head: [t('reports.outcome'), t('reports.count'), t('reports.share')],
      rows: [
        [
          t('reports.withinLabel'),
          report.answeredWithinDeadline,
          report.withDeadline
            ? formatPercent(report.answeredWithinDeadline / report.withDeadline)
            : t('reports.none'),
        ],
        [
          t('reports.lateLabel'),
          late,
          report.withDeadline ? formatPercent(late / report.withDeadline) : t('reports.none'),
        ],
      ],
      chart: report.withDeadline ? 'doughnut' : null,
      labels: [t('reports.withinLabel'), t('reports.lateLabel')],
      series: [{ label: t('reports.count'), values: [report.answeredWithinDeadline, late] }],
    });
    if (report.daysToAnswer) {
      figures.push({
        id: 'days',
        title: t('reports.daysDistribution'),
        head: [t('reports.days'), t('reports.count')],
        rows: report.daysToAnswer.map((bucket) => [bucket.days, bucket.count]),
        chart: 'bar',
        labels: report.daysToAnswer.map((bucket) => String(bucket.days)),
        series: [{ label: t('reports.count'), values: report.daysToAnswer.map((bucket) => bucket.count) }],
      });
    }
    if (report.overdueByUnit) {
      figures.push({
        id: 'overdue-unit',
        title: t('reports.overdueByUnit'),
        head: [t('inbox.unit'), t('reports.count')],
        rows: report.overdueByUnit.map((unit) => [unit.name ?? unit.unit ?? t('reports.noUnit'), unit.count]),
        chart: 'bar',
        labels: report.overdueByUnit.map((unit) => unit.name ?? unit.unit ?? t('reports.noUnit')),
        series: [{ label: t('reports.count'), values: report.overdueByUnit.map((unit) => unit.count) }],
      });
    }
    if (report.satisfaction) {
      figures.push({
        id: 'satisfaction',
        title: t('reports.satisfaction'),
        head: ['★', t('reports.count')],
        rows: report.satisfaction.map((bucket) => [bucket.rating, bucket.count]),
        chart: 'bar',
        labels: report.satisfaction.map((bucket) => `${bucket.rating} ★`),
        series: [{ label: t('reports.count'), values: report.satisfaction.map((bucket) => bucket.count) }],
      });
    }
    const rated = report.life.satisfaction;
    figures.push({
      id: 'satisfaction-summary',
      title: t('reports.satisfactionSummary'),
      head: [t('reports.figure'), t('reports.value')],
      rows: [
        [t('reports.rated'), rated.rated],
        [
          t('reports.shareResolved'),
          rated.shareResolved === null ? t('reports.none') : formatPercent(rated.shareResolved),
        ],
        [
          t('reports.averageRating'),
          rated.averageRating === null ? t('reports.none') : String(rated.averageRating),
        ],
      ],
      chart: null,
    });
    const statuses = Object.keys(report.byStatus);
    figures.push({
      id: 'by-status',
      title: t('reports.byStatus'),
      head: [t('request.status'), t('reports.count')],
      rows: statuses.map((status) => [
        t(`statuses.${status}` as 'statuses.received'),
        report.byStatus[status] ?? 0,
      ]),
      chart: null,
    });
    const services = Object.keys(report.byService);
    figures.push({
      id: 'by-service',
      title: t('reports.byService'),
      head: [t('request.service'), t('reports.count')],
      rows: services.map((service) => [serviceName(this.catalog, service), report.byService[service] ?? 0]),
      chart: null,
    });
    return figures;
  }

  override async updated(): Promise<void> {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
    if (!this.report) return;
    const figures = this.figures(this.report).filter((figure) => figure.chart);
    if (!figures.length) return;
    const { barChart, doughnutChart } = await import('../charts.ts');
    for (const figure of figures) {
      const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(`#chart-${figure.id}`);
      if (!canvas || !figure.labels || !figure.series) continue;
      this.charts.push(
        figure.chart === 'doughnut'
          ? doughnutChart(canvas, figure.labels, figure.series[0]?.values ?? [])
          : barChart(canvas, figure.labels, figure.series, figure.chart === 'stacked'),
      );
    }
  }

  private csvUrl(figure: Figure): string {
    const url = URL.createObjectURL(
      new Blob([csvOf(figure.head, figure.rows)], { type: 'text/csv;charset=utf-8' }),
    );
    this.downloads.push(url);
    return url;
  }

  private renderFigure(figure: Figure) {
    return html`<section class="card" aria-labelledby="title-${figure.id}">
      <h2 id="title-${figure.id}">${figure.title}</h2>
      ${
        figure.chart
          ? html`<div class="chart">
              <canvas id="chart-${figure.id}" role="img" aria-label="${figure.title}. ${t('reports.chartHidden')}"></canvas>
            </div>`
          : nothing
      }
      <table>
        <caption class="visually-hidden">${figure.title}</caption>
        <thead>
          <tr>${figure.head.map((cell, i) => html`<th scope="col" class=${i ? 'number' : ''}>${cell}</th>`)}</tr>
        </thead>
        <tbody>
          ${figure.rows.map(
            (row) => html`<tr>
              ${row.map((cell, i) => (i ? html`<td class="number">${cell}</td>` : html`<th scope="row">${cell}</th>`))}
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="actions">
        <a href=${this.csvUrl(figure)} download="${this.code}-${figure.id}-${this.from}-${this.to}.csv">${t('reports.csvTable')}<span class="visually-hidden">: ${figure.title}</span></a>
      </p>
    </section>`;
  }

  private renderReport(report: Report) {
    for (const url of this.downloads) URL.revokeObjectURL(url);
    this.downloads = [];
    const missing = [
      !report.perWeek && t('reports.perWeek'),
      !report.daysToAnswer && t('reports.daysDistribution'),
      !report.overdueByUnit && t('reports.overdueByUnit'),
      !report.satisfaction && t('reports.satisfaction'),
    ].filter(Boolean);
    return html`<dl class="kpis">
        <div class="kpi"><dt>${t('reports.total')}</dt><dd>${report.total}</dd></div>
        <div class="kpi"><dt>${t('reports.answered')}</dt><dd>${report.answered}</dd></div>
        <div class="kpi">
          <dt>${t('reports.withinDeadline')}</dt>
          <dd>${report.shareAnsweredWithinDeadline === null ? t('reports.none') : formatPercent(report.shareAnsweredWithinDeadline)}</dd>
        </div>
        <div class="kpi"><dt>${t('reports.averageDays')}</dt><dd>${report.businessDaysToAnswer.average ?? t('reports.none')}</dd></div>
        <div class="kpi"><dt>${t('reports.p90Days')}</dt><dd>${report.businessDaysToAnswer.p90 ?? t('reports.none')}</dd></div>
      </dl>
      <div class="figures">${this.figures(report).map((figure) => this.renderFigure(figure))}</div>
      ${
        report.overdue.length
          ? html`<section class="card" aria-labelledby="overdue-title">
              <h2 id="overdue-title">${t('reports.overdueList')}</h2>
              <table>
                <caption class="visually-hidden">${t('reports.overdueList')}</caption>
                <thead><tr>
                  <th scope="col">${t('inbox.ticket')}</th><th scope="col">${t('inbox.type')}</th>
                  <th scope="col">${t('inbox.status')}</th><th scope="col">${t('inbox.dueDate')}</th>
                </tr></thead>
                <tbody>${report.overdue.map(
                  (row) => html`<tr>
                    <td><a href=${href({ name: 'request', ticket: row.ticket })}>${row.ticket}</a></td>
                    <td>${typeName(this.catalog, row.type)}</td>
                    <td>${t(`statuses.${row.status}`)}</td>
                    <td>${formatDate(row.dueDate)}</td>
                  </tr>`,
                )}</tbody>
              </table>
            </section>`
          : nothing
      }
      ${missing.length ? html`<p>${t('reports.unavailable')} (${missing.join(', ')})</p>` : nothing}`;
  }

  override render() {
    if (!this.allowed) return html`<h1>${t('reports.title')}</h1><p>${t('reports.notSupervisor')}</p>`;
    const csv = `/api/v1/institutions/${encodeURIComponent(this.code)}/reports/requests.csv${query({ from: this.from, to: this.to })}`;
    return html`<h1>${t('reports.title')}</h1>
      <form class="card range" novalidate @submit=${this.handleRange}>
        <div class="field"><label for="from">${t('reports.from')}</label><input id="from" name="from" type="date" .value=${this.from} required /></div>
        <div class="field"><label for="to">${t('reports.to')}</label><input id="to" name="to" type="date" .value=${this.to} required /></div>
        <div class="field"><button type="submit">${t('reports.show')}</button></div>
        <div class="field"><a class="button secondary" href=${csv} download>${t('reports.csv')}</a></div>
      </form>
      ${
        this.loading
          ? html`<p role="status">${t('loading')}</p>`
          : this.error
            ? html`<p role="alert">${this.error}</p>`
            : this.report
              ? this.renderReport(this.report)
              : nothing
      }`;
  }
}
customElements.define('cc-staff-reports', StaffReports);
