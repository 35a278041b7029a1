// Chart.js, loaded only by the reports screen (a lazy chunk): the inbox and the request never pay
// for it. Only the pieces the reports draw are registered, so the bundler leaves the rest out.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  DoughnutController,
  ArcElement,
  Legend,
  Tooltip,
);

/** Colours that keep 3:1 against white and apart from each other (WCAG 1.4.11). */
const PALETTE = ['#0b4ea2', '#b35900', '#0b6e3a', '#7a2e8e', '#b00020', '#3d5a6c', '#8a6d00', '#1b1b1b'];

export interface Series {
  label: string;
  values: number[];
}

export function barChart(
  canvas: HTMLCanvasElement,
  labels: string[],
  series: Series[],
  stacked = false,
): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s, i) => ({
        label: s.label,
        data: s.values,
        backgroundColor: PALETTE[i % PALETTE.length] ?? '#0b4ea2',
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: series.length > 1, position: 'bottom' } },
      scales: {
        x: { stacked },
        y: { stacked, beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  });
}

export function doughnutChart(canvas: HTMLCanvasElement, labels: string[], values: number[]): Chart {
  return new Chart(canvas, {
    type: 'doughnut',
    data: { labels, datasets: [{ data: values, backgroundColor: ['#0b6e3a', '#b00020'] }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { position: 'bottom' } },
    },
  });
}
