// A person describes the pain in their own words first: what was read is shown back to correct
// (negation included), the corrections are what the interview gets, the interview asks only what
// is left (what was mentioned only as possible first, warning signs first), a warning sign in the
// words gives the urgent result, empty or non-English words get a note and the questions, skipping
// gives the usual interview, and Back and reload keep the words and the corrections.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerQuestions, useServerAndBrowser, withPage } from './fixture.mjs';

const env = useServerAndBrowser();

const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

// Explicit findings ("my calf is swollen"), a negation ("I haven't injured it") and a number.
const CLOT_WORDS = "I'm 58. My calf is swollen and warm since I flew back from Bali. I haven't injured it.";
// A negation that spans findings ("no swelling") beside an explicit finding ("my calf feels tight").
const NEGATION_WORDS = "No swelling, but my calf feels tight and warm. I'm 58 and I flew back from Bali. I haven't injured it.";
// A pulled hamstring, in plain words.
const STRAIN_WORDS = 'I am a 30 year old man. I pulled the back of my thigh playing football 2 days ago, it is better when I rest.';

// Writes `text` on the welcome and continues to what was understood.
async function tellInWords(page, text) {
  await page.goto(env.server.url);
  await page.getByRole('heading', { name: 'Pain behind your knee?' }).waitFor();
  await page.getByLabel('What is happening with your knee or leg?').fill(text);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('heading', { name: 'What we understood' }).waitFor();
}

// What the page shows back: finding id -> {label, words, choice}.
function shownBack(page) {
  return page.$$eval('.said fieldset.item', (items) => Object.fromEntries(items.map((item) => [item.dataset.finding, {
    label: item.querySelector('.said-label').textContent,
    words: item.querySelector('.said-words')?.textContent || '',
    choice: item.querySelector('input:checked')?.value,
  }])));
}

// Records the bodies the page sends to POST /v1/interview and the findings each answer asks.
function recordInterview(page) {
  const record = { sent: [], asked: [] };
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/v1/interview')) record.sent.push(JSON.parse(request.postData()));
  });
  page.on('response', async (response) => {
    if (response.request().method() !== 'POST' || !response.url().endsWith('/v1/interview')) return;
    const step = await response.json().catch(() => null);
    if (step && step.question) record.asked.push(...step.question.items.map((item) => item.finding));
  });
  return record;
}

test('what the words say is shown back: an explicit finding, a negation and numbers', async () => {
  await withPage(env.browser, 'words-shown-back', phone, async (page) => {
    await tellInWords(page, NEGATION_WORDS);
    const shown = await shownBack(page);
    assert.equal(shown.calf_swelling?.choice, 'no', `"no swelling": ${JSON.stringify(shown)}`);
    assert.match(shown.calf_swelling.words, /“No swelling”/, 'the negation is quoted with the words');
    assert.equal(shown.pain_in_calf?.choice, 'yes', 'the explicit "my calf feels tight"');
    assert.match(shown.pain_in_calf.words, /my calf feels tight/);
    assert.equal(shown.warmth?.choice, 'yes');
    assert.equal(shown.trauma?.choice, 'no', '"I haven\'t injured it" is shown as injury: no');
    assert.equal(shown.trauma.label, 'Injury', 'the finding label from the server');
    assert.match(shown.trauma.words, /I haven't injured it/);
    assert.equal(shown.age?.label, 'Age 58');
    assert.equal(shown.age.choice, 'keep');
    assert.equal(shown.long_travel?.choice, 'yes');
    // Every item can be changed: yes / no / remove for a yes-or-no finding, right / remove for a number.
    const trauma = page.locator('.said fieldset.item[data-finding="trauma"]');
    for (const name of ['Yes', 'No', 'Remove']) assert.equal(await trauma.getByRole('radio', { name, exact: true }).count(), 1, name);
    const age = page.locator('.said fieldset.item[data-finding="age"]');
    for (const name of ['Right', 'Remove']) assert.equal(await age.getByRole('radio', { name, exact: true }).count(), 1, name);
    // The answer groups are named by their finding and the words it came from.
    assert.match(await trauma.getByRole('radiogroup').getAttribute('aria-labelledby'), /said-legend-trauma/);
    assert.doesNotMatch(await page.locator('#words-form').innerText(), /\bnull\b|\bundefined\b/);
    assert.match(await page.title(), /^What we understood/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  });
});

test('corrections change what the interview gets, and it does not ask what the words answered', async () => {
  await withPage(env.browser, 'words-corrected', {}, async (page) => {
    const record = recordInterview(page);
    await tellInWords(page, CLOT_WORDS);
    const shown = await shownBack(page);
    const fromWords = Object.keys(shown);
    // Calf swelling was misread: no. The injury: remove (not meant).
    await page.locator('.said fieldset.item[data-finding="calf_swelling"]').getByRole('radio', { name: 'No', exact: true }).check();
    await page.locator('.said fieldset.item[data-finding="trauma"]').getByRole('radio', { name: 'Remove', exact: true }).check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.locator('form.question, article.result').first().waitFor();
    const first = record.sent[0];
    assert.equal(first.evidence.calf_swelling, false, 'the corrected answer is sent');
    assert.ok(!('trauma' in first.evidence), 'a removed finding is not sent');
    assert.doesNotMatch(first.text, /injured/, 'a removed finding is not read again from the words');
    assert.match(first.text, /calf is swollen/, 'the rest of the words are sent');
    assert.equal(first.evidence.age, 58);
    assert.equal(first.evidence.long_travel, true);
    await answerQuestions(page, { sex: 'female', pain_in_calf: true });
    // Only what is left is asked: nothing the words answered; the removed finding may be asked.
    const again = record.asked.filter((id) => fromWords.includes(id) && id !== 'trauma');
    assert.deepEqual(again, [], `asked again: ${again.join(', ')}`);
    assert.ok(record.asked.includes('trauma'), 'the removed finding is asked instead');
    // Every later step still sends the corrected words' answers.
    for (const body of record.sent) assert.equal(body.evidence.calf_swelling, false);
    // The result has the safety net and the summary for the clinician quotes the words.
    assert.equal(await page.locator('.safety-net a.call').getAttribute('href'), 'tel:999');
    assert.match(await page.locator('.clinician-summary').innerText(), /In their own words[\s\S]*flew back from Bali/);
  });
});

test('the interview starting from words asks fewer questions than without them', async () => {
  const strain = { age: 30, sex: 'male', duration_days: 2, pain_back_of_thigh: true, sports_or_exertion: true,
    worse_with_activity: true, better_with_rest: true };
  let withWords = [];
  let without = [];
  await withPage(env.browser, 'words-fewer', {}, async (page) => {
    await tellInWords(page, STRAIN_WORDS);
    const shown = await shownBack(page);
    assert.equal(shown.age?.label, 'Age 30', JSON.stringify(shown));
    assert.equal(shown.pain_back_of_thigh?.choice, 'yes', JSON.stringify(shown));
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    withWords = await answerQuestions(page, strain);
    assert.equal(await page.locator('#disposition-name').getAttribute('data-level'), 'self_care');
  });
  await withPage(env.browser, 'words-fewer-without', {}, async (page) => {
    await page.goto(env.server.url);
    await page.getByRole('button', { name: 'Skip and start the questions' }).click();
    without = await answerQuestions(page, strain);
    assert.equal(await page.locator('#disposition-name').getAttribute('data-level'), 'self_care');
  });
  assert.ok(withWords.length < without.length, `with words ${withWords.length} (${withWords.join(', ')}), without ${without.length}`);
});

test('a warning sign in the words gives the urgent result at once', async () => {
  await withPage(env.browser, 'words-warning-sign', phone, async (page) => {
    await tellInWords(page, 'My calf is swollen and now I am suddenly short of breath.');
    const shown = await shownBack(page);
    assert.equal(shown.breathlessness?.choice, 'yes', JSON.stringify(shown));
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.locator('article.result').waitFor();
    assert.equal(await page.locator('#disposition-name').getAttribute('data-level'), 'ambulance');
    assert.equal(await page.locator('article.result a.call').first().getAttribute('href'), 'tel:999');
    assert.equal(await page.locator('.safety-net').count(), 1);
    // Back from the result: what was understood, with the answers as they were.
    await page.getByRole('button', { name: 'Change my last answer' }).click();
    await page.getByRole('heading', { name: 'What we understood' }).waitFor();
    assert.equal((await shownBack(page)).breathlessness.choice, 'yes');
  });
});

test('a warning sign mentioned only as possible is not set, and is asked first', async () => {
  await withPage(env.browser, 'words-possible', {}, async (page) => {
    const record = recordInterview(page);
    await tellInWords(page, 'The back of my knee hurts. I think my calf is a bit warm, and maybe I am a little short of breath.');
    const possible = await page.locator('.to-confirm li').evaluateAll((items) => items.map((item) => item.dataset.finding));
    assert.ok(possible.includes('breathlessness'), `listed as possible: ${possible.join(', ')}`);
    assert.equal(possible[0], 'breathlessness', 'the warning sign is listed first');
    assert.equal(await page.locator('.said fieldset.item[data-finding="breathlessness"]').count(), 0, 'a possible finding is not set');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    const form = page.locator('form.question');
    await form.waitFor();
    assert.ok(!('breathlessness' in record.sent[0].evidence), 'not sent as an answer');
    assert.equal(await form.getAttribute('data-finding'), 'breathlessness', 'the possible warning sign is the first question');
    assert.equal(await form.locator('.badge.warning').count(), 1, 'asked as a warning sign');
    // Yes: the urgent result.
    await form.getByRole('button', { name: 'Yes', exact: true }).click();
    await page.locator('article.result').waitFor();
    assert.equal(await page.locator('#disposition-name').getAttribute('data-level'), 'ambulance');
  });
});

test('empty words and words in another language get a note, and the questions go on', async () => {
  const cases = [
    ['empty', '   '],
    ['not_english', 'Me duele detrás de la rodilla desde hace tres días y tengo la pantorrilla hinchada.'],
  ];
  for (const [note, text] of cases) {
    await withPage(env.browser, `words-note-${note}`, {}, async (page) => {
      const record = recordInterview(page);
      await tellInWords(page, text);
      const shown = page.locator(`.notes li[data-note="${note}"]`);
      assert.equal(await shown.count(), 1, `the ${note} note`);
      assert.ok((await shown.innerText()).length > 20, 'in words');
      assert.equal(await page.locator('.said fieldset.item').count(), 0, 'nothing read');
      assert.match(await page.locator('#nothing-read').innerText(), /questions will ask/);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      const form = page.locator('form.question');
      await form.waitFor();
      assert.equal(await form.getAttribute('data-question'), 'emergency_signs', 'the usual first question');
      await answerQuestions(page, { age: 30, sex: 'male', duration_days: 2, pain_back_of_thigh: true, sports_or_exertion: true });
      assert.ok(await page.locator('#disposition-name').getAttribute('data-level'));
      assert.deepEqual(record.sent[0].evidence, {});
    });
  }
});

test('skipping the words gives the usual interview', async () => {
  await withPage(env.browser, 'words-skip', {}, async (page) => {
    const record = recordInterview(page);
    await page.goto(env.server.url);
    await page.getByLabel('What is happening with your knee or leg?').fill('my calf is swollen');
    await page.getByRole('button', { name: 'Skip and start the questions' }).click();
    const form = page.locator('form.question');
    await form.waitFor();
    assert.equal(await form.getAttribute('data-question'), 'emergency_signs');
    assert.deepEqual(record.sent[0], { setting: 'patient', evidence: {} }, 'no words are sent');
  });
});

test('Back and reload keep the words and the corrections', async () => {
  await withPage(env.browser, 'words-back-reload', {}, async (page) => {
    await tellInWords(page, CLOT_WORDS);
    const trauma = page.locator('.said fieldset.item[data-finding="trauma"]');
    await trauma.getByRole('radio', { name: 'Yes', exact: true }).check();
    // A reload keeps what was understood and the correction.
    await page.reload();
    await page.getByRole('heading', { name: 'What we understood' }).waitFor();
    assert.equal((await shownBack(page)).trauma.choice, 'yes');
    // On to the first question, answer it, then Back twice: the words screen again.
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    const form = page.locator('form.question');
    await form.waitFor();
    const first = await form.getAttribute('data-question');
    await page.reload();
    await page.waitForFunction((id) => document.querySelector('form.question')?.dataset.question === id, first);
    await page.getByRole('button', { name: '← Back' }).click();
    await page.getByRole('heading', { name: 'What we understood' }).waitFor();
    assert.equal((await shownBack(page)).trauma.choice, 'yes');
    // Change what I wrote: the welcome, with the words to edit.
    await page.getByRole('button', { name: '← Change what I wrote' }).click();
    await page.getByRole('heading', { name: 'Pain behind your knee?' }).waitFor();
    assert.equal(await page.getByLabel('What is happening with your knee or leg?').inputValue(), CLOT_WORDS);
    // Forward again: the browser's history has the step.
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('heading', { name: 'What we understood' }).waitFor();
    assert.equal((await shownBack(page)).trauma.choice, 'no', 'read again from the words');
  });
});

test('the words and their corrections work from the keyboard alone', async () => {
  await withPage(env.browser, 'words-keyboard', {}, async (page) => {
    await page.goto(env.server.url);
    const words = page.getByLabel('What is happening with your knee or leg?');
    await words.focus();
    await page.keyboard.type("I haven't injured it. My calf is swollen.");
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Continue');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'What we understood' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'the heading has the focus');
    await page.locator('.said fieldset.item[data-finding="calf_swelling"] input[value="yes"]').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal((await shownBack(page)).calf_swelling.choice, 'no', 'an arrow key changes the answer');
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select, button, a')]
      .filter((node) => !node.labels?.length && !node.getAttribute('aria-label') && !node.getAttribute('aria-labelledby') && !node.textContent.trim())
      .map((node) => node.outerHTML));
    assert.deepEqual(unnamed, []);
  });
});

test('words that cannot be read stay to be changed, with the reason beside them', async () => {
  await withPage(env.browser, 'words-unreadable', {}, async (page) => {
    await page.goto(env.server.url);
    const words = page.getByLabel('What is happening with your knee or leg?');
    await words.fill('binary \u0001 noise');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    const error = page.locator('#words-error');
    await error.waitFor();
    assert.match(await error.innerText(), /could not read this: .+\. Shorten or change it, or skip it\./);
    assert.equal(await words.inputValue(), 'binary \u0001 noise', 'the words stay');
    assert.equal(await words.getAttribute('aria-invalid'), 'true');
    assert.match(await words.getAttribute('aria-describedby'), /words-error/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'words', 'the focus is on the words');
    await page.getByRole('button', { name: 'Skip and start the questions' }).click();
    await page.locator('form.question').waitFor();
  });
});
