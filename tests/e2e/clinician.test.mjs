// A clinician uses the checklist: the Wells and Ottawa items at the top, the scores, the
// differential and the work-up follow the items ticked; nothing ticked is not a disposition; a
// server that cannot be reached leaves no stale score.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useServerAndBrowser, withPage } from './fixture.mjs';

const env = useServerAndBrowser();

async function wellsPoints(page, expected) {
  await page.waitForFunction((value) => document.getElementById('wells-points')?.textContent === value, String(expected));
}

async function open(page) {
  const knowledge = await (await page.request.get(`${env.server.url}/v1/knowledge`)).json();
  await page.goto(`${env.server.url}/#clinician`);
  await page.getByRole('heading', { name: 'Clinician view' }).waitFor();
  return (id) => knowledge.findings.find((f) => f.id === id).question.clinician;
}

test('nothing ticked asks for findings instead of giving a disposition', async () => {
  await withPage(env.browser, 'clinician-empty', {}, async (page) => {
    await open(page);
    await page.waitForFunction(() => /Enter findings/.test(document.getElementById('c-disposition')?.textContent || ''));
    assert.equal(await page.locator('#c-disposition').getAttribute('data-level'), null);
    assert.equal(await page.locator('#wells').count(), 0, 'no score before any finding');
    // The Wells and Ottawa items come first, together.
    const first = page.locator('fieldset.group').first();
    assert.match(await first.innerText(), /Wells score and Ottawa knee rule/);
    assert.ok((await first.locator('input[type="checkbox"]').count()) >= 10);
  });
});

test('ticking Wells items changes the score, the category and the disposition', async () => {
  await withPage(env.browser, 'clinician-wells', { viewport: { width: 1280, height: 900 } }, async (page) => {
    const label = await open(page);
    await page.getByLabel(label('whole_leg_swollen'), { exact: true }).check();
    await wellsPoints(page, 1);
    await page.getByLabel(label('calf_asymmetry_3cm'), { exact: true }).check();
    await wellsPoints(page, 2);
    assert.match(await page.locator('#wells').innerText(), /DVT likely/);
    assert.match(await page.locator('#c-pathways').innerText(), /ultrasound/i);
    assert.notEqual(await page.locator('#c-disposition').getAttribute('data-level'), 'self_care');
    // Each work-up step once.
    const steps = await page.locator('#c-workup li').allInnerTexts();
    assert.equal(new Set(steps).size, steps.length, steps.join('\n'));
    // Unticking takes the point away again.
    await page.getByLabel(label('whole_leg_swollen'), { exact: true }).uncheck();
    await wellsPoints(page, 1);
    // The differential explains itself.
    assert.match(await page.locator('#c-differential').innerText(), /For: .*LR/);
  });
});

test('the Ottawa knee rule follows an injury and says which criterion is met', async () => {
  await withPage(env.browser, 'clinician-ottawa', {}, async (page) => {
    const label = await open(page);
    await page.getByLabel(label('trauma'), { exact: true }).check();
    await page.locator('#ottawa-result').waitFor();
    await page.getByLabel(label('fibular_head_tenderness'), { exact: true }).check();
    await page.waitForFunction(() => /X-ray indicated \(.*fibula/i.test(document.getElementById('ottawa-result')?.textContent || ''));
  });
});

test('when the server cannot be reached the error shows and no stale score stays', async () => {
  await withPage(env.browser, 'clinician-offline', {}, async (page) => {
    const label = await open(page);
    await page.getByLabel(label('whole_leg_swollen'), { exact: true }).check();
    await wellsPoints(page, 1);
    await page.route('**/v1/assess*', (route) => route.abort('connectionrefused'));
    await page.getByLabel(label('calf_asymmetry_3cm'), { exact: true }).check();
    await page.waitForFunction(() => !document.getElementById('c-error').hidden);
    assert.match(await page.locator('#c-error').innerText(), /cannot be reached/);
    assert.equal(await page.locator('#wells').count(), 0, 'the old score is gone');
    await page.unroute('**/v1/assess*');
    await page.getByLabel(label('whole_leg_swollen'), { exact: true }).uncheck();
    await wellsPoints(page, 1);
    assert.ok(await page.locator('#c-error').isHidden());
  });
});

test('test results move the NG158 step: a D-dimer, then a scan', async () => {
  await withPage(env.browser, 'clinician-results', { viewport: { width: 1280, height: 900 } }, async (page) => {
    const label = await open(page);
    const step = () => page.locator('#c-pathways li[data-pathway="nice_ng158_dvt"]').getAttribute('data-step');
    // A swollen calf alone: Wells unlikely, so the D-dimer comes first.
    await page.getByLabel(label('calf_swelling'), { exact: true }).check();
    await page.waitForFunction(() => document.querySelector('#c-pathways li[data-pathway="nice_ng158_dvt"]'));
    assert.equal(await step(), 'd_dimer');
    await page.locator('select[data-finding="d_dimer_positive"]').selectOption('true');
    await page.waitForFunction(() => document.querySelector('#c-pathways li[data-pathway="nice_ng158_dvt"]')?.dataset.step === 'ultrasound_within_4h');
    await page.locator('select[data-finding="ultrasound_dvt"]').selectOption('true');
    await page.waitForFunction(() => document.querySelector('#c-pathways li[data-pathway="nice_ng158_dvt"]')?.dataset.step === 'treat_dvt');
    assert.match(await page.locator('#c-pathways').innerText(), /diagnose DVT and treat/);
    // A positive scan puts the clot first in the differential.
    assert.equal(await page.locator('#c-differential .cause').first().getAttribute('data-condition'), 'dvt');
    await page.locator('select[data-finding="ultrasound_dvt"]').selectOption('false');
    await page.waitForFunction(() => document.querySelector('#c-pathways li[data-pathway="nice_ng158_dvt"]')?.dataset.step === 'consider_alternative_diagnosis');
  });
});
