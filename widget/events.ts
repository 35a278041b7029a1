/** The element's events: namespaced `cc-`, bubbling and composed so they cross shadow roots. */
export interface SubmittedDetail {
  ticket: string;
  dueDate: string | null;
}
export interface ErrorDetail {
  code: string;
  message: string;
}

export function emitSubmitted(target: EventTarget, detail: SubmittedDetail): void {
  target.dispatchEvent(new CustomEvent('cc-submitted', { detail, bubbles: true, composed: true }));
}

export function emitError(target: EventTarget, code: string, message: string): void {
  target.dispatchEvent(
    new CustomEvent<ErrorDetail>('cc-error', { detail: { code, message }, bubbles: true, composed: true }),
  );
}

declare global {
  interface HTMLElementEventMap {
    'cc-submitted': CustomEvent<SubmittedDetail>;
    'cc-error': CustomEvent<ErrorDetail>;
  }
}
