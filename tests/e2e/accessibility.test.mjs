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
