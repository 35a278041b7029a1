import type { ReactiveControllerHost } from 'lit';
import type { Catalog, Locale } from '#schema';
import { fetchChallenge } from '../api-client.ts';

export type CaptchaState = 'idle' | 'working' | 'done' | 'failed';

interface CaptchaContext {
  api: string;
  locale: Locale;
  /** The institution's provider, from its catalog; undefined until the catalog has loaded. */
  captcha: Catalog['captcha'] | undefined;
  /** Where hCaptcha draws its checkbox (the review step renders it). */
  container(): HTMLElement | null;
}

/**
 * The captcha of the last step, for the three providers a catalog can name: ALTCHA (a proof of work
 * solved in the background, the default), hCaptcha (the citizen solves it) and off. It starts when
 * the citizen reaches the review, so the work is usually done by the time they press Send; the
 * solver and hCaptcha's script load only then.
 */
export class CaptchaController {
  state: CaptchaState = 'idle';
  readonly #host: ReactiveControllerHost;
  readonly #context: () => CaptchaContext;
  #token: Promise<string | undefined> | null = null;

  constructor(host: ReactiveControllerHost, context: () => CaptchaContext) {
    this.#host = host;
    this.#context = context;
  }

  /** A captcha is under way or solved: the citizen has reached the review. */
  get started(): boolean {
    return this.#token !== null;
  }

  /** Starts solving, unless a solution is under way or there is no catalog yet. */
  start(): void {
    const { captcha, api, locale } = this.#context();
    if (!captcha || this.#token) return;
    if (captcha.provider === 'off') {
      this.#token = Promise.resolve(undefined);
      this.#set('done');
      return;
    }
    this.#set('working');
    const token =
      captcha.provider === 'hcaptcha'
        ? this.#hcaptcha(captcha.sitekey, locale)
        : this.#altcha(api, captcha, locale);
    this.#token = token;
    // A failure surfaces when the token is awaited on Send; until then it is only a state.
    token.catch(() => {
      if (this.#token !== token) return;
      this.#token = null;
      this.#set('failed');
    });
  }

  /** The token to send with the filing (undefined when the provider is off). */
  token(): Promise<string | undefined> {
    this.start();
    return this.#token ?? Promise.resolve(undefined);
  }

  /** Forgets the solution: the next filing needs a fresh one. */
  reset(): void {
    this.#token = null;
    this.#set('idle');
  }

  /** Replaces a refused or unsolved captcha with a fresh one for the retry. */
  renew(): void {
    this.#token = null;
    this.start();
  }

  #set(state: CaptchaState): void {
    this.state = state;
    this.#host.requestUpdate();
  }

  async #hcaptcha(sitekey: string, locale: Locale): Promise<string> {
    await this.#host.updateComplete;
    const container = this.#context().container();
    if (!container) throw new Error('no place for hCaptcha');
    const { solveHcaptcha } = await import('../hcaptcha.ts');
    const token = await solveHcaptcha(container, sitekey, locale);
    this.#set('done');
    return token;
  }

  async #altcha(api: string, captcha: { challengeUrl: string }, locale: Locale): Promise<string> {
    const [{ solveAltcha }, challenge] = await Promise.all([
      import('../altcha-solver.ts'),
      fetchChallenge(api, captcha.challengeUrl, locale),
    ]);
    const token = await solveAltcha(challenge as never);
    this.#set('done');
    return token;
  }
}
