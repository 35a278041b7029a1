import { aTimeout, expect } from '@open-wc/testing';
import { active, chooseRadio, chunkFault, find, mount, press, stepTitle, tabTo, until } from './helpers.ts';

// The steps after the first question are a lazy chunk (decision 036). Each test file runs in a page
// of its own, so the chunk is not loaded yet when the test makes it slow (chunk-failure.test.ts: when
// it fails).
describe('the steps after the first question, loaded on demand', () => {
  afterEach(async () => {
    await chunkFault(null);
    sessionStorage.clear();
  });

  it('keeps the first question on screen while the next step is slow to load, then moves to it', async () => {
    await chunkFault({ chunk: 'later-steps', delay: 1500 });
    const el = await mount({ institution: 'MDT', lang: 'es' });
    await until(() => find(el, 'input[name="f-type"]'), 'the first question');
    await chooseRadio(el, 'f-type', 'QUE');
    await tabTo(el, (e) => e.type === 'submit', 'the Continue button');
    await press('Enter');
    await aTimeout(400);
    // Not blank, not "loading": the question answered, until the next one can be drawn.
    expect(await stepTitle(el)).to.equal('¿Qué quiere hacer?');
    expect(find(el, '.loading')).to.equal(null);
    await until(() => find(el, 'input[name="f-service"]'), 'the second step');
    // Focus moves to the new question, as it does when nothing is slow.
    expect(active(el).name).to.equal('f-service');
    await expect(el).to.be.accessible();
  });
});
