// Debian's Chromium as every tool here launches it: the browser tests and the bench's phone scenario.
export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/**
 * Headless as root, and quiet: without the background-networking flags Chromium keeps opening
 * connections that this machine's closed network refuses.
 */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
