import { expect } from '@open-wc/testing';
import { active, chooseRadio, chunkFault, find, mount, press, tabTo, textOf, until } from './helpers.ts';

// The steps after the first question are a lazy chunk (decision 036). Each test file runs in a page
// of its own, so the chunk is not loaded yet when the test makes it fail (slow-chunk.test.ts: slow).
describe('the steps after the first question, when they cannot be loaded', () => {
  afterEach(async () => {
    await chunkFault(null);
    sessionStorage.clear();
  });

  it('says so when the next step cannot be loaded, keeps the answer, and goes on at the next Continue', async () => {
    // Every request fails: the ones made at each focus, and the one Continue makes again.
    await chunkFault({ chunk: 'later-steps', failures: 1000 });
    const el = await mount({ institution: 'GPUT', lang: 'es' });
    await until(() => find(el, 'input[name="f-type"]'), 'the first question');
    await chooseRadio(el, 'f-type', 'PET');
    await tabTo(el, (e) => e.type === 'submit', 'the Continue button');
    await press('Enter');
    const banner = await until(() => find(el, '.banner'), 'the message');
    expect(banner.textContent).to.contain('No pudimos cargar el formulario');
    expect(active(el)).to.equal(banner);
    expect(find(el, 'input[name="f-type"][value="PET"]')?.checked).to.equal(true);

    // The connection is back.
    await chunkFault({ chunk: 'later-steps' });
    await tabTo(el, (e) => e.type === 'submit', 'the Continue button');
    await press('Enter');
    await until(() => find(el, 'input[name="f-service"]'), 'the second step');
    expect(textOf(el, '.banner')).to.equal(undefined);
  });
});
