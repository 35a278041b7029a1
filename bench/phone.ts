import type { Browser, CDPSession, Page } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, CHROME_PATH } from '../scripts/chromium.mjs';

/**
 * What a citizen on a mid-range phone waits for: a demo page in Debian's Chromium with the CPU
 * slowed 4× and a 1.6 Mbit/s, 150 ms network. For a first visit (empty cache) and a repeat visit
 * (same browser), it reports the bytes on the wire, the milliseconds until the form's first
 * question is on screen and how far the page's layout shifted, beside the same page with the widget
 * and its API requests blocked (the floor: what the page costs by itself). Figures, never pass/fail.
 */

export const PHONE = {
  cpuSlowdown: 4,
  downloadBitsPerSecond: 1_600_000,
  uploadBitsPerSecond: 750_000,
  latencyMs: 150,
} as const;

export interface Visit {
  /** Bytes received for every request of the page (headers included), as Chromium counts them. */
  bytes: number;
  requests: number;
  /** From navigation start until the first question is rendered (or, for the floor, the load event). */
  ms: number;
  /** The layout shifts of the visit added up (Chromium's `layout-shift` entries): 0 when nothing moved. */
  shift: number;
}

export interface PhoneFigures {
  page: string;
  first: Visit;
  repeat: Visit;
  floorFirst: Visit;
  floorRepeat: Visit;
}

/**
 * Set on every document: when the widget's first question exists, in the page's own clock, and the
 * layout shifts so far. A string, not a function: tsx's transform would add helpers to a function
 * that the page does not have.
 */
const WATCH_FOR_FIRST_QUESTION = `(() => {
  const check = () => {
    const root = document.querySelector('contacto-ciudadano')?.shadowRoot;
    if (root?.querySelector('input[name="f-type"]')) window.__ccFirstQuestion = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  window.__ccShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__ccShift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PHONE.latencyMs,
    downloadThroughput: PHONE.downloadBitsPerSecond / 8,
    uploadThroughput: PHONE.uploadBitsPerSecond / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
  return cdp;
}

async function visit(page: Page, cdp: CDPSession, url: string, floor: boolean): Promise<Visit> {
  let bytes = 0;
  let requests = 0;
  const finished = (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
    requests++;
  };
  cdp.on('Network.loadingFinished', finished);
  try {
    await page.goto(url, { waitUntil: 'load' });
    let ms: number;
    if (floor) {
      ms = Number(await page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart"));
    } else {
      await page.waitForFunction('window.__ccFirstQuestion', { timeout: 60_000 });
      ms = Number(await page.evaluate('window.__ccFirstQuestion'));
    }
    // Whatever loads after the first question or the load event (lazy chunks, the page's favicon)
    // still counts as bytes of the visit, for the widget and its floor alike.
    await page.waitForNetworkIdle({ idleTime: 500, timeout: 60_000 });
    const shift = Number(await page.evaluate('window.__ccShift'));
    return { bytes, requests, ms: Math.round(ms), shift };
  } finally {
    cdp.off('Network.loadingFinished', finished);
  }
}

/** A first and a repeat visit in a fresh browser context (its own empty cache). */
async function visits(browser: Browser, url: string, floor: boolean): Promise<[Visit, Visit]> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.evaluateOnNewDocument(WATCH_FOR_FIRST_QUESTION);
    const cdp = await throttle(page);
    // The page without the widget: neither its script nor the API requests (a preloaded catalog).
    if (floor) await cdp.send('Network.setBlockedURLs', { urls: ['*/widget/*', '*/api/*'] });
    const first = await visit(page, cdp, url, floor);
    await page.goto('about:blank');
    const repeat = await visit(page, cdp, url, floor);
    return [first, repeat];
  } finally {
    await context.close();
  }
}

function median(values: Visit[]): Visit {
  const pick = (key: keyof Visit) => {
    const sorted = values.map((v) => v[key]).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  };
  return { bytes: pick('bytes'), requests: pick('requests'), ms: pick('ms'), shift: pick('shift') };
}

/**
 * Measures `page` (a URL) `runs` times (BENCH_PHONE_RUNS, 5 by default), widget and floor
 * alternating, and gives the medians: on a shared machine one run can be far off.
 */
export async function measurePhone(
  pageUrl: string,
  runs = Number(process.env.BENCH_PHONE_RUNS) || 5,
): Promise<PhoneFigures> {
  const browser = await puppeteer.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: CHROME_ARGS,
  });
  try {
    const widget: [Visit[], Visit[]] = [[], []];
    const floor: [Visit[], Visit[]] = [[], []];
    for (let run = 0; run < runs; run++) {
      const [first, repeat] = await visits(browser, pageUrl, false);
      widget[0].push(first);
      widget[1].push(repeat);
      const [floorFirst, floorRepeat] = await visits(browser, pageUrl, true);
      floor[0].push(floorFirst);
      floor[1].push(floorRepeat);
    }
    return {
      page: new URL(pageUrl).pathname,
      first: median(widget[0]),
      repeat: median(widget[1]),
      floorFirst: median(floor[0]),
      floorRepeat: median(floor[1]),
    };
  } finally {
    await browser.close();
  }
}

/** The phone figures as a Markdown table. */
export function phoneTable(f: PhoneFigures): string {
  const kB = (bytes: number) => (bytes / 1000).toFixed(1);
  const row = (what: string, widget: Visit, floor: Visit) =>
    `| ${what} | ${kB(widget.bytes)} | ${widget.requests} | ${widget.ms} | ${widget.shift.toFixed(3)} | ${kB(floor.bytes)} | ${floor.ms} | ${kB(widget.bytes - floor.bytes)} |`;
  return [
    `\nPhone: ${f.page} in Chromium, CPU ${PHONE.cpuSlowdown}× slower, ${PHONE.downloadBitsPerSecond / 1e6} Mbit/s down, ` +
      `${PHONE.latencyMs} ms round trip; medians of runs alternating with the floor (the same page, widget and API blocked).\n`,
    '| visit | kB on the wire | requests | ms to first question | layout shift | floor kB | floor ms (load) | widget kB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('first (empty cache)', f.first, f.floorFirst),
    row('repeat (same browser)', f.repeat, f.floorRepeat),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2] ?? 'http://127.0.0.1:8787/demo/mdt.html';
  console.log(phoneTable(await measurePhone(url)));
}
