// Helpers for the back office's browser tests: the page runs in its own tab at the API server's
// /staff/ (test/support/staff-page.ts), driven one operation at a time.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { StaffPageOperation } from '../support/staff-page.ts';

export const staff = <T = unknown>(operation: StaffPageOperation) =>
  executeServerCommand<T, StaffPageOperation>('staff-page', operation);

export const text = (selector: string) => staff<string>({ op: 'text', selector });

/** Files a request as the widget would (captcha solved), and returns its receipt. */
export const fileRequest = async (institution: string, body: Record<string, unknown>) => {
  const answer = await executeServerCommand<
    { status: number; body: { ticket: string; trackingCode: string } },
    { institution: string; body: Record<string, unknown> }
  >('file-request', { institution, body });
  return { status: answer.status, receipt: answer.body };
};

/** axe-core on the whole page, shadow roots included: no violation of WCAG 2.2 A/AA or best practice. */
export async function expectAccessible(what: string) {
  const violations = await staff<{ id: string; help: string; targets: string[] }[]>({ op: 'axe' });
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).to.deep.equal([]);
}

/** Signs in through the form, as a person would: email, password, Enter. */
export async function signIn(email: string, password = 'contacto-demo') {
  await staff({ op: 'fill', selector: 'pierce/#email', text: email });
  await staff({ op: 'fill', selector: 'pierce/#password', text: password });
  await staff({ op: 'press', key: 'Enter' });
}
