// axe-core on every screen, for a person and for a clinician: no violations at all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { answerQuestions, useServerAndBrowser, withPage } from './fixture.mjs';

const env = useServerAndBrowser();

async function expectNoViolations(page, screen) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(found, [], `${screen}: ${found.join('\n')}`);
  assert.ok(results.passes.length > 10, `${screen}: axe ran ${results.passes.length} checks`);
}

test('the person screens have no axe violations', async () => {
  await withPage(env.browser, 'axe-person', {}, async (page) => {
    await page.goto(env.server.url);
    await page.getByRole('heading', { name: 'Pain behind your knee?' }).waitFor();
    await expectNoViolations(page, 'welcome');
    await page.getByRole('button', { name: 'Start the questions' }).click();
    await page.locator('form.question').waitFor();
    await expectNoViolations(page, 'checklist question');
    await page.getByRole('button', { name: 'None of these' }).click();
    await page.waitForFunction(() => document.querySelector('form.question')?.dataset.question !== 'emergency_signs');
    await expectNoViolations(page, 'yes/no question');
  });
  // The person's own words: what was understood (findings to correct, a possible one), a note, and
  // words that cannot be read (the reason beside them), on a phone too.
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 740 }]]) {
    await withPage(env.browser, `axe-words-${name}`, { viewport }, async (page) => {
      await page.goto(env.server.url);
      // Fossa's home link goes back to the welcome and forgets the words.
      const tell = async (text) => {
        await page.locator('#home-link').click();
        await page.getByLabel('What is happening with your knee or leg?').fill(text);
        await page.getByRole('button', { name: 'Continue', exact: true }).click();
      };
      await tell("No swelling, but my calf feels tight. I'm 45 and I haven't injured it. Maybe a bit short of breath.");
      await page.getByRole('heading', { name: 'What we understood' }).waitFor();
      assert.ok(await page.locator('.said fieldset.item').count() >= 3, 'findings to correct');
      assert.equal(await page.locator('.to-confirm li').count(), 1, 'a possible finding');
      await page.locator('.said fieldset.item[data-finding="trauma"]').getByRole('radio', { name: 'Remove' }).check();
      await expectNoViolations(page, `what was understood (${name})`);
      await tell('Me duele detrás de la rodilla desde hace tres días y tengo la pantorrilla hinchada.');
      await page.locator('.notes').waitFor();
      await expectNoViolations(page, `a note on the words (${name})`);
      await tell('binary \u0001 noise');
      await page.locator('#words-error').waitFor();
      await expectNoViolations(page, `words that cannot be read (${name})`);
    });
  }
  const profiles = {
    ambulance: { breathlessness: true },
    same_day: { age: 58, sex: 'female', calf_swelling: true, long_travel: true },
    self_care: { age: 30, sex: 'male', duration_days: 2, pain_back_of_thigh: true, sports_or_exertion: true },
  };
  for (const [level, profile] of Object.entries(profiles)) {
    await withPage(env.browser, `axe-result-${level}`, {}, async (page) => {
      await page.goto(env.server.url);
      await page.getByRole('button', { name: 'Start the questions' }).click();
      await answerQuestions(page, profile);
      assert.equal(await page.locator('#disposition-name').getAttribute('data-level'), level);
      await expectNoViolations(page, `result ${level}`);
    });
  }
});

test('the clinician screens have no axe violations', async () => {
  await withPage(env.browser, 'axe-clinician', { viewport: { width: 1280, height: 900 } }, async (page) => {
    await page.goto(`${env.server.url}/#clinician`);
    await page.waitForFunction(() => /Enter findings/.test(document.getElementById('c-disposition')?.textContent || ''));
    await expectNoViolations(page, 'clinician, nothing entered');
    await page.locator('input[data-finding="calf_swelling"]').check();
    await page.locator('input[data-finding="whole_leg_swollen"]').check();
    await page.waitForFunction(() => document.getElementById('wells-points'));
    await expectNoViolations(page, 'clinician, with results');
  });
  await withPage(env.browser, 'axe-clinician-phone', { viewport: { width: 375, height: 740 } }, async (page) => {
    await page.goto(`${env.server.url}/#clinician`);
    await page.waitForFunction(() => /Enter findings/.test(document.getElementById('c-disposition')?.textContent || ''));
    await expectNoViolations(page, 'clinician on a phone');
  });
});
