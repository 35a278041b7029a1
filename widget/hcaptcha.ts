// hCaptcha, only for institutions that configure it: its script is added to the page when the
// citizen reaches the last step, never before. Pages with a CSP must allow https://js.hcaptcha.com
// and https://*.hcaptcha.com (script-src, frame-src, connect-src), as hCaptcha documents.

interface HcaptchaApi {
  render(container: HTMLElement, options: Record<string, unknown>): string;
}
declare global {
  interface Window {
    hcaptcha?: HcaptchaApi;
  }
}

let script: Promise<HcaptchaApi> | null = null;

function loadScript(): Promise<HcaptchaApi> {
  script ??= new Promise<HcaptchaApi>((resolve, reject) => {
    const tag = document.createElement('script');
    tag.src = 'https://js.hcaptcha.com/1/api.js?render=explicit';
    tag.async = true;
    tag.onload = () =>
      window.hcaptcha ? resolve(window.hcaptcha) : reject(new Error('hCaptcha did not load'));
    tag.onerror = () => {
      script = null;
      reject(new Error('hCaptcha could not be loaded'));
    };
    document.head.append(tag);
  });
  return script;
}

/** Renders hCaptcha in `container` and resolves with its token once the citizen has passed it. */
export async function solveHcaptcha(container: HTMLElement, sitekey: string, lang: string): Promise<string> {
  const api = await loadScript();
  return new Promise<string>((resolve, reject) => {
    api.render(container, {
      sitekey,
      hl: lang,
      callback: (token: string) => resolve(token),
      'error-callback': () => reject(new Error('hCaptcha failed')),
      'expired-callback': () => reject(new Error('hCaptcha expired')),
    });
  });
}
