import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { pdfBytes } from './files.ts';

/**
 * Drives the back office for the browser tests in a tab of the test run's own Chromium, at the API
 * server's real /staff/ (its real CSP, cookie and CSRF checks: the page cannot be framed or loaded
 * cross-origin, by design). The test file sends one operation at a time through a server command
 * (`staff-page`); selectors use puppeteer's `pierce/`, which looks into every open shadow root.
 */
export type StaffPageOperation =
  | { op: 'open'; path: string; width?: number; locale?: 'es' | 'en' }
  | { op: 'goto'; path: string }
  | { op: 'fill'; selector: string; text: string }
  | { op: 'click'; selector: string; index?: number }
  | { op: 'press'; key: string }
  | { op: 'select'; selector: string; option: string }
  | { op: 'type'; text: string }
  | { op: 'text'; selector: string }
  | { op: 'texts'; selector: string }
  | { op: 'wait'; selector: string; text?: string; timeout?: number }
  | { op: 'focused' }
  | { op: 'url' }
  | { op: 'axe' }
  | { op: 'upload'; selector: string; files: { name: string; text: string }[] }
  | { op: 'capture-downloads' }
  | { op: 'downloads' }
  | { op: 'close' };

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const pages = new Map<string, Page>();

/**
 * Puppeteer's waitForSelector re-checks on mutations of the document, which changes inside shadow
 * roots never cause: the back office renders everything there, so the wait polls instead.
 */
async function waitFor(
  page: Page,
  selector: string,
  text?: string,
  timeout = 15_000,
): Promise<ElementHandle> {
  const end = Date.now() + timeout;
  let last = '';
  while (Date.now() < end) {
    for (const handle of await page.$$(selector)) {
      last = (await handle.evaluate((el) => el.textContent ?? '')).replace(/\s+/g, ' ').trim();
      if (text === undefined || last.includes(text)) return handle;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${selector}${text ? ` with “${text}” (last: “${last}”)` : ''}`);
}

function pageOf(session: string): Page {
  const page = pages.get(session);
  if (!page) throw new Error('no staff page open: send { op: "open" } first');
  return page;
}

export async function staffPage(
  browser: Browser,
  session: string,
  baseUrl: string,
  operation: StaffPageOperation,
): Promise<unknown> {
  switch (operation.op) {
    case 'open': {
      await pages.get(session)?.close();
      const page = await browser.newPage();
      pages.set(session, page);
      // Each test starts signed out: the tabs share the browser's cookie jar.
      const devtools = await page.createCDPSession();
      await devtools.send('Network.clearBrowserCookies');
      await devtools.detach();
      await page.setViewport({ width: operation.width ?? 1280, height: 900 });
      const locale = operation.locale ?? 'es';
      await page.evaluateOnNewDocument((value) => localStorage.setItem('cc-staff-locale', value), locale);
      await page.goto(baseUrl + operation.path, { waitUntil: 'networkidle0' });
      return page.url();
    }
    case 'goto':
      await pageOf(session).goto(baseUrl + operation.path, { waitUntil: 'networkidle0' });
      return pageOf(session).url();
    case 'fill': {
      const field = await waitFor(pageOf(session), operation.selector);
      await field.click({ count: 3 });
      await field.evaluate((el) => {
        (el as HTMLInputElement).value = '';
      });
      await field.type(operation.text);
      return true;
    }
    case 'click': {
      const page = pageOf(session);
      await waitFor(page, operation.selector);
      const handles = await page.$$(operation.selector);
      await handles[operation.index ?? 0]?.click();
      return true;
    }
    case 'select': {
      // A native <select>: the option whose text contains `option` is chosen, as a person picks it
      // (puppeteer's select() sets it and sends input and change, as the browser does).
      const select = (await waitFor(pageOf(session), operation.selector)) as ElementHandle<HTMLSelectElement>;
      const value = await select.evaluate(
        (el, wanted) =>
          [...el.options].find((o) => (o.textContent ?? '').replace(/\s+/g, ' ').includes(wanted))?.value,
        operation.option,
      );
      if (value === undefined) throw new Error(`no option “${operation.option}” in ${operation.selector}`);
      await select.focus();
      await select.select(value);
      return true;
    }
    case 'press':
      await pageOf(session).keyboard.press(operation.key as Parameters<Page['keyboard']['press']>[0]);
      return true;
    case 'type':
      await pageOf(session).keyboard.type(operation.text);
      return true;
    case 'text': {
      const handle = await waitFor(pageOf(session), operation.selector);
      return (await handle.evaluate((el) => el.textContent ?? '')).replace(/\s+/g, ' ').trim();
    }
    case 'texts': {
      const handles = await pageOf(session).$$(operation.selector);
      return Promise.all(
        handles.map(async (h) =>
          (await h.evaluate((el) => el.textContent ?? '')).replace(/\s+/g, ' ').trim(),
        ),
      );
    }
    case 'wait':
      await waitFor(pageOf(session), operation.selector, operation.text, operation.timeout);
      return true;
    case 'focused':
      // The element with focus, through the shadow roots: its tag, id and text.
      return pageOf(session).evaluate(() => {
        let element: Element | null = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        return element
          ? { tag: element.tagName.toLowerCase(), id: element.id, text: (element.textContent ?? '').trim() }
          : null;
      });
    case 'url':
      return pageOf(session).url();
    case 'axe': {
      // Evaluated through the DevTools protocol, which the page's CSP does not govern.
      const page = pageOf(session);
      await page.evaluate(AXE_SOURCE);
      return page.evaluate(async () => {
        const axe = (
          window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }
        ).axe;
        interface AxeResult {
          violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[];
        }
        const result = await axe.run(document, {
          runOnly: {
            type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
          },
        });
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => JSON.stringify(n.target)),
        }));
      });
    }
    case 'upload': {
      // PDFs made here (test/support/files.ts) are picked in the file input, as a chooser would.
      const dir = mkdtempSync(join(tmpdir(), 'cc-staff-upload-'));
      const paths = operation.files.map((file) => {
        const path = join(dir, file.name);
        writeFileSync(path, pdfBytes(0, file.text));
        return path;
      });
      const input = (await waitFor(pageOf(session), operation.selector)) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(...paths);
      return true;
    }
    case 'capture-downloads':
      // A download's link is clicked by the page (staff/attachments.ts): its blob is read here
      // instead of being written to disk.
      await pageOf(session).evaluate(() => {
        const captured: Promise<{ name: string; size: number; head: string }>[] = [];
        (window as unknown as { ccDownloads: typeof captured }).ccDownloads = captured;
        // The page's CSP lets no fetch read a blob: URL, so the blob is kept as it is made.
        const blobs = new Map<string, Blob>();
        const createObjectURL = URL.createObjectURL.bind(URL);
        URL.createObjectURL = (blob: Blob) => {
          const url = createObjectURL(blob);
          blobs.set(url, blob);
          return url;
        };
        HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
          const name = this.download;
          const blob = blobs.get(this.href) ?? new Blob();
          captured.push(
            blob.arrayBuffer().then((bytes) => ({
              name,
              size: bytes.byteLength,
              head: new TextDecoder().decode(bytes.slice(0, 5)),
            })),
          );
        };
      });
      // A command that answers nothing is taken for an unknown one.
      return true;
    case 'downloads':
      return pageOf(session).evaluate(() =>
        Promise.all((window as unknown as { ccDownloads: Promise<unknown>[] }).ccDownloads ?? []),
      );
    case 'close':
      await pages.get(session)?.close();
      pages.delete(session);
      return true;
  }
}
