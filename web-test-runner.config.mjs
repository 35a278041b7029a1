import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';
import { CHROME_ARGS, CHROME_PATH } from './scripts/chromium.mjs';

// Browser tests: the BUILT widget (dist/widget) in Debian's Chromium, against a real API server on a
// real libSQL file (test/support/browser-api.ts). `npm test` builds first.
if (!existsSync(CHROME_PATH)) {
  console.error(
    `No Chromium at ${CHROME_PATH}: install Debian's chromium (apt-get install -y chromium) or set CHROME_PATH.`,
  );
  process.exit(1);
}
const HOST = '127.0.0.1';
// BROWSER_TEST_PORT lets several checkouts run their browser tests at once.
const PORT = Number(process.env.BROWSER_TEST_PORT || 8765);

// Faults the tests put on the widget's lazy chunks, by the start of their file name ("later-steps"):
// a delay before each answer, or a number of answers that fail with a 503.
const chunkFaults = new Map();

async function chunkFaultsMiddleware(ctx, next) {
  const file = /\/dist\/widget\/chunks\/([^/]+\.js)$/.exec(ctx.path)?.[1] ?? '';
  const fault = [...chunkFaults].find(([chunk]) => file.startsWith(`${chunk}-`))?.[1];
  if (fault?.failures > 0) {
    fault.failures--;
    ctx.status = 503;
    ctx.body = 'unavailable';
    return;
  }
  if (fault?.delay) await new Promise((resolve) => setTimeout(resolve, fault.delay));
  return next();
}

/** Loaded once: it keeps the back office's tabs between commands. */
let staffPageModule;

/** Starts the API for the tests and gives them a few server-side commands. */
function apiPlugin() {
  let api;
  return {
    name: 'contacto-ciudadano-api',
    async serverStart() {
      const { startBrowserApi } = await tsImport('./test/support/browser-api.ts', import.meta.url);
      api = await startBrowserApi(`http://${HOST}:${PORT}`);
    },
    async serverStop() {
      await api?.close();
    },
    async executeCommand({ command, payload, session }) {
      switch (command) {
        case 'api-url':
          return api.url;
        case 'api-down':
          api.setDown(Boolean(payload));
          return true;
        case 'staff-event':
          return api.staffEvent(payload.ticket, payload.status, payload.note);
        case 'choose-files': {
          // The focused file input opens its chooser on Space, as a keyboard user opens it; the
          // test's files are then picked in it (the one step a keyboard cannot do in a native dialog).
          const page = session.browser.getPage(session.id);
          const paths = await api.makeFiles(payload);
          const [chooser] = await Promise.all([
            page.waitForFileChooser({ timeout: 5000 }),
            page.keyboard.press('Space'),
          ]);
          await chooser.accept(paths);
          return true;
        }
        case 'staff-downloads':
          return api.staffDownloads(payload.ticket);
        case 'chosen-file':
          return api.chosenFile(payload.name);
        case 'staff-event-files':
          return api.staffEventFiles(payload.ticket);
        case 'staff-answer-with-file':
          return api.staffAnswerWithFile(payload.ticket, payload.note);
        case 'file-request':
          return api.fileRequest(payload.institution, payload.body);
        case 'staff-extend':
          return api.extend(payload.ticket, payload.dueDate, payload.reason);
        case 'staff-transfer':
          return api.transfer(payload.ticket, payload.target, payload.note);
        case 'staff-request':
          return api.staffRequest(payload.ticket);
        case 'sweep-reply-deadlines':
          return api.sweepReplyDeadlines();
        case 'advance-clock':
          return api.advanceClock(payload);
        case 'staff-page': {
          // The back office in its own tab of this Chromium (test/support/staff-page.ts).
          staffPageModule ??= tsImport('./test/support/staff-page.ts', import.meta.url);
          const { staffPage } = await staffPageModule;
          return staffPage(session.browser.getPage(session.id).browser(), session.id, api.url, payload);
        }
        case 'count-requests':
          return api.count(payload.institution, payload.type);
        case 'chunk-fault':
          if (payload)
            chunkFaults.set(payload.chunk, { delay: payload.delay ?? 0, failures: payload.failures ?? 0 });
          else chunkFaults.clear();
          // The dev server lets the browser keep every file for a year (a 503 too): while a fault is
          // set, the test's page asks the server each time.
          await session.browser.getPage(session.id).setCacheEnabled(!payload);
          return true;
        default:
          return undefined;
      }
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  hostname: HOST,
  port: PORT,
  concurrency: 1,
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 600000,
  middleware: [chunkFaultsMiddleware],
  // The tests are TypeScript: esbuild strips the types as the browser asks for each file.
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' }), apiPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROME_PATH,
        headless: true,
        args: CHROME_ARGS,
      },
    }),
  ],
};
