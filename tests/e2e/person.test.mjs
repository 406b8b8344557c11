// A person uses the page: the welcome, the questions one at a time (warning signs first), and the
// result, with the safety net on every result, Back and reload mid-interview, and tap to call.
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
// One presentation per result level.
const byLevel = {
  ambulance: { breathlessness: true },
  emergency: { tense_calf: true },
  same_day: clot,
  routine: { age: 50, sex: 'female', duration_days: 20, numbness_tingling: true },
  self_care: strain,
};

async function start(page) {
  await page.goto(env.server.url);
  await page.getByRole('heading', { name: 'Pain behind your knee?' }).waitFor();
  // The welcome says when to call the emergency number straight away, with a number to tap.
  assert.match(await page.locator('#app .emergency').innerText(), /emergency number/i);
  assert.equal(await page.locator('#app .emergency a.call').getAttribute('href'), 'tel:999');
  await page.getByRole('button', { name: 'Start the questions' }).click();
}

test('a suspected clot ends in same_day, with the warning sign and the clot among the causes', async () => {
  await withPage(env.browser, 'person-clot', phone, async (page) => {
    await start(page);
    const asked = await answerQuestions(page, clot);
    assert.equal(asked[0], 'emergency_signs', 'the emergency warning signs are asked first');
    assert.ok(asked.length <= 15, `asked ${asked.length} questions: ${asked.join(', ')}`);
    const heading = page.locator('#disposition-name');
    assert.equal(await heading.getAttribute('data-level'), 'same_day');
    assert.equal(await heading.innerText(), 'See a doctor or nurse today');
    assert.match(await page.locator('.warnings').innerText(), /blood clot/i);
    // What will probably happen: the NG158 step in plain words.
    assert.match(await page.locator('.next-steps').innerText(), /scan|blood test/i);
    const clotCause = page.locator('.causes .cause[data-condition="dvt"]');
    assert.equal(await clotCause.count(), 1, 'a clot (DVT) is among the likely causes');
    assert.match(await clotCause.innerText(), /What pointed to it: .*calf swelling/);
    assert.ok(await page.getByRole('button', { name: 'Print or save this summary' }).isVisible());
    assert.match(await page.title(), /^Result: See a doctor or nurse today/);
    // Phone width: nothing wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  });
});

test('a mild strain ends in self_care with self-care advice and answers shown as answered', async () => {
  await withPage(env.browser, 'person-strain', {}, async (page) => {
    await start(page);
    await answerQuestions(page, strain);
    const heading = page.locator('#disposition-name');
    assert.equal(await heading.getAttribute('data-level'), 'self_care');
    assert.equal(await heading.innerText(), 'Look after it at home');
    assert.equal(await page.locator('.warnings').count(), 0, 'no warning signs');
    assert.equal(await page.locator('.causes .cause[data-condition="hamstring_strain"]').count(), 1, 'a hamstring strain is among the likely causes');
    assert.ok((await page.locator('.advice li').count()) > 0, 'self-care advice is shown');
    // An absent finding is never shown as if present: the injury answered no reads "no injury".
    const causes = await page.locator('.causes').innerText();
    assert.equal((causes.match(/injury/g) || []).length, (causes.match(/no injury/g) || []).length, causes);
    // The summary for the clinician lists the warning signs checked and prints.
    const summary = page.locator('.clinician-summary');
    assert.match(await summary.innerText(), /Warning signs checked[\s\S]*no new breathlessness/);
  });
});

test('the safety net is on every result and on the printout', async () => {
  for (const [level, profile] of Object.entries(byLevel)) {
    await withPage(env.browser, `person-safety-net-${level}`, {}, async (page) => {
      await start(page);
      await answerQuestions(page, profile);
      assert.equal(await page.locator('#disposition-name').getAttribute('data-level'), level, level);
      const net = page.locator('.safety-net');
      assert.equal(await net.count(), 1, `${level}: one safety net`);
      assert.match(await net.innerText(), /short of breath/, level);
      assert.equal(await net.locator('a.call').getAttribute('href'), 'tel:999', level);
      await page.emulateMedia({ media: 'print' });
      assert.ok(await net.isVisible(), `${level}: the safety net prints`);
      assert.ok(!(await page.locator('.safety-net a.call').isVisible()), `${level}: buttons do not print`);
    });
  }
});

test('an ambulance result shows the action first and alone, with a number to tap', async () => {
  await withPage(env.browser, 'person-ambulance', phone, async (page) => {
    await start(page);
    const asked = await answerQuestions(page, { breathlessness: true, calf_swelling: true });
    assert.equal(asked.length, 1, `one question: ${asked.join(', ')}`);
    assert.equal(await page.locator('#disposition-name').getAttribute('data-level'), 'ambulance');
    const first = page.locator('article.result > *').first();
    assert.match(await first.innerText(), /Call an ambulance now/);
    assert.equal(await first.locator('a.call').getAttribute('href'), 'tel:999');
    assert.equal(await page.locator('.causes').count(), 0, 'no list of causes');
    assert.doesNotMatch(await page.locator('article.result').innerText(), /same day|today/i, 'no same-day advice');
  });
});

test('questions have no stray text, labelled answer groups and a title per step', async () => {
  await withPage(env.browser, 'person-question', {}, async (page) => {
    await start(page);
    const form = page.locator('form.question');
    await form.waitFor();
    assert.doesNotMatch(await form.innerText(), /\bnull\b|\bundefined\b/);
    assert.match(await page.title(), /^Question 1/);
    const groups = await page.evaluate(() => [...document.querySelectorAll('[role="radiogroup"]')].map((group) => {
      const label = document.getElementById(group.getAttribute('aria-labelledby'));
      return label ? label.textContent : '';
    }));
    assert.ok(groups.length >= 4, 'the emergency checklist has one answer group per sign');
    for (const name of groups) assert.ok(name.length > 10 && !/^item-/.test(name), `answer group named "${name}"`);
  });
});

test('Back goes to the previous question and a reload resumes where it was', async () => {
  await withPage(env.browser, 'person-back-reload', {}, async (page) => {
    await start(page);
    const form = page.locator('form.question');
    const seen = [];
    for (let i = 0; i < 3; i += 1) {
      await form.waitFor();
      seen.push(await form.getAttribute('data-question'));
      await form.getByRole('button', { name: /^(No|None of these)$/ }).first().click();
      // The next question is on screen (not the loading card), so its history entry exists.
      await page.waitForFunction((id) => {
        const next = document.querySelector('form.question');
        return next && next.dataset.question !== id;
      }, seen[i]);
    }
    // The browser's Back button: the third question again, with its answer offered again.
    await page.goBack();
    await page.waitForFunction((id) => document.querySelector('form.question')?.dataset.question === id, seen[2]);
    // A reload keeps the answers and resumes at the same question.
    await page.reload();
    await page.waitForFunction((id) => document.querySelector('form.question')?.dataset.question === id, seen[2]);
    // Back once more, then on to a result; a reload of the result shows it again.
    await page.goBack();
    await page.waitForFunction((id) => document.querySelector('form.question')?.dataset.question === id, seen[1]);
    await answerQuestions(page, strain);
    const level = await page.locator('#disposition-name').getAttribute('data-level');
    await page.reload();
    await page.locator('#disposition-name').waitFor();
    assert.equal(await page.locator('#disposition-name').getAttribute('data-level'), level);
    // Start again forgets the answers.
    await page.getByRole('button', { name: 'Start again' }).click();
    await form.waitFor();
    assert.equal(await form.getAttribute('data-question'), 'emergency_signs');
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
    await form.getByRole('button', { name: 'None of these' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.querySelector('form.question')?.dataset.question !== id, first);
    await page.getByRole('button', { name: '← Back' }).click();
    await page.waitForFunction((id) => document.querySelector('form.question')?.dataset.question === id, first);
    // Every control has an accessible name.
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, button, a')]
      .filter((node) => !node.labels?.length && !node.getAttribute('aria-label') && !node.getAttribute('aria-labelledby') && !node.textContent.trim())
      .map((node) => node.outerHTML));
    assert.deepEqual(unnamed, []);
  });
});
