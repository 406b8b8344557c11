// A person uses the page: the welcome, the questions one at a time, and the result.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerQuestions, useServerAndBrowser, withPage } from './fixture.mjs';

const env = useServerAndBrowser();

const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

// A calf swollen and warm for three days after a long flight: a suspected clot.
const clot = { age: 58, sex: 'female', duration_days: 3, pain_in_calf: true, calf_swelling: true, warmth: true, long_travel: true };
// A pulled hamstring at football two days ago, better with rest.
const strain = { age: 30, sex: 'male', duration_days: 2, pain_back_of_thigh: true, sports_or_exertion: true,
  worse_with_activity: true, better_with_rest: true };

async function start(page) {
  await page.goto(env.server.url);
  await page.getByRole('heading', { name: 'Pain behind your knee?' }).waitFor();
  // The welcome says when to call the emergency number straight away.
  assert.match(await page.locator('#app .emergency').innerText(), /emergency number/i);
  await page.getByRole('button', { name: 'Start the questions' }).click();
}

test('a suspected clot ends in same_day, with the warning sign and the clot among the causes', async () => {
  await withPage(env.browser, 'person-clot', phone, async (page) => {
    await start(page);
    const asked = await answerQuestions(page, clot);
    assert.ok(asked.length <= 20, `asked ${asked.length} questions: ${asked.join(', ')}`);
    const heading = page.locator('#disposition-name');
    assert.equal(await heading.getAttribute('data-level'), 'same_day');
    assert.equal(await heading.innerText(), 'See a doctor or nurse today');
    assert.match(await page.locator('.warnings').innerText(), /blood clot/i);
    // The interview stops once the disposition is settled, so the clot need not lead the list; it
    // must be on it, with what pointed to it.
    const clotCause = page.locator('.causes .cause[data-condition="dvt"]');
    assert.equal(await clotCause.count(), 1, 'a clot (DVT) is among the likely causes');
    assert.match(await clotCause.innerText(), /What pointed to it: .*calf is swollen/);
    assert.ok(await page.getByRole('button', { name: 'Print or save this summary' }).isVisible());
    // Phone width: nothing wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  });
});

test('a mild strain ends in self_care with self-care advice', async () => {
  await withPage(env.browser, 'person-strain', {}, async (page) => {
    await start(page);
    await answerQuestions(page, strain);
    const heading = page.locator('#disposition-name');
    assert.equal(await heading.getAttribute('data-level'), 'self_care');
    assert.equal(await heading.innerText(), 'Look after it at home');
    assert.equal(await page.locator('.warnings').count(), 0, 'no warning signs');
    assert.equal(await page.locator('.causes .cause[data-condition="hamstring_strain"]').count(), 1, 'a hamstring strain is among the likely causes');
    assert.ok((await page.locator('.advice li').count()) > 0, 'self-care advice is shown');
  });
});

test('why, back and "I don\'t know" work from the keyboard alone', async () => {
  await withPage(env.browser, 'person-keyboard', {}, async (page) => {
    await page.goto(env.server.url);
    await page.getByRole('button', { name: 'Start the questions' }).focus();
    await page.keyboard.press('Enter');
    const form = page.locator('form.question');
    await form.waitFor();
    const first = await form.getAttribute('data-question');
    // The heading has the focus, so a screen reader starts at the question.
    assert.equal(await page.evaluate(() => document.activeElement.id), 'question-text');
    await page.getByText('Why are we asking?').click();
    assert.ok(await form.locator('.why p').isVisible());
    await form.getByRole('button', { name: 'I don\'t know' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.querySelector('form.question')?.dataset.question !== id, first);
    await page.getByRole('button', { name: '← Back' }).click();
    await page.waitForFunction((id) => document.querySelector('form.question')?.dataset.question === id, first);
    // Every control has an accessible name.
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, button')]
      .filter((node) => !node.labels?.length && !node.getAttribute('aria-label') && !node.getAttribute('aria-labelledby') && !node.textContent.trim())
      .map((node) => node.outerHTML));
    assert.deepEqual(unnamed, []);
  });
});

test('without the interview API the page asks in a fixed order, warning signs first, and still ends in same_day', async () => {
  await withPage(env.browser, 'person-fixed-order', {}, async (page) => {
    await page.route('**/v1/interview', (route) => route.fulfill({
      status: 404, contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'urn:fossa:problem:not-found', title: 'No such route', status: 404, detail: 'none', instance: '/v1/interview' }),
    }));
    const knowledge = await (await page.request.get(`${env.server.url}/v1/knowledge`)).json();
    const level = (id) => knowledge.findings.find((f) => f.id === id).red_flag_level;
    await start(page);
    const asked = await answerQuestions(page, clot);
    assert.equal(level(asked[0]), 'ambulance', 'the most urgent warning signs come first');
    assert.ok(asked.indexOf('breathlessness') < asked.indexOf('age'), 'warning signs before the other questions');
    assert.equal(await page.locator('#disposition-name').getAttribute('data-level'), 'same_day');
  });
});
