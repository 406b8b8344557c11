// `fossa serve --emergency-number`: the number the page offers to tap.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerQuestions, useServerAndBrowser, withPage } from './fixture.mjs';

const env = useServerAndBrowser(['--emergency-number', '112']);

test('the tap-to-call button calls the configured number, on the welcome and on the result', async () => {
  await withPage(env.browser, 'emergency-number', {}, async (page) => {
    await page.goto(env.server.url);
    const call = page.locator('#app .emergency a.call');
    await call.waitFor();
    assert.equal(await call.getAttribute('href'), 'tel:112');
    assert.equal(await call.innerText(), 'Call 112');
    await page.getByRole('button', { name: 'Start the questions' }).click();
    await answerQuestions(page, { chest_pain: true });
    assert.equal(await page.locator('.disposition a.call').getAttribute('href'), 'tel:112');
    assert.equal(await page.locator('.disposition a.call').innerText(), 'Call 112 now');
  });
});
