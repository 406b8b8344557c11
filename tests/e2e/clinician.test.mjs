// A clinician uses the checklist: the Wells score, the Ottawa rule and the differential follow the
// items ticked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useServerAndBrowser, withPage } from './fixture.mjs';

const env = useServerAndBrowser();

async function wellsPoints(page, expected) {
  await page.waitForFunction((value) => document.getElementById('wells-points')?.textContent === value, String(expected));
}

test('ticking Wells items changes the score, the category and the disposition', async () => {
  await withPage(env.browser, 'clinician-wells', { viewport: { width: 1280, height: 900 } }, async (page) => {
    const knowledge = await (await page.request.get(`${env.server.url}/v1/knowledge`)).json();
    const label = (id) => knowledge.findings.find((f) => f.id === id).question.clinician;
    await page.goto(`${env.server.url}/#clinician`);
    await page.getByRole('heading', { name: 'Clinician view' }).waitFor();
    await wellsPoints(page, 0);
    assert.match(await page.locator('#wells').innerText(), /unlikely/);

    await page.getByLabel(label('whole_leg_swollen'), { exact: true }).check();
    await wellsPoints(page, 1);
    await page.getByLabel(label('calf_asymmetry_3cm'), { exact: true }).check();
    await wellsPoints(page, 2);
    assert.match(await page.locator('#wells').innerText(), /DVT likely/);
    assert.match(await page.locator('#c-workup').innerText(), /ultrasound/i);
    assert.notEqual(await page.locator('#c-disposition').getAttribute('data-level'), 'self_care');

    // Unticking takes the point away again.
    await page.getByLabel(label('whole_leg_swollen'), { exact: true }).uncheck();
    await wellsPoints(page, 1);
    // The differential explains itself.
    assert.match(await page.locator('#c-differential').innerText(), /For: .*LR/);
  });
});

test('the Ottawa knee rule follows an injury and its criteria', async () => {
  await withPage(env.browser, 'clinician-ottawa', {}, async (page) => {
    const knowledge = await (await page.request.get(`${env.server.url}/v1/knowledge`)).json();
    const label = (id) => knowledge.findings.find((f) => f.id === id).question.clinician;
    await page.goto(`${env.server.url}/#clinician`);
    await page.locator('#ottawa-result').waitFor();
    assert.match(await page.locator('#ottawa-result').innerText(), /does not apply/i);
    await page.getByLabel(label('trauma'), { exact: true }).check();
    await page.getByLabel(label('fibular_head_tenderness'), { exact: true }).check();
    await page.waitForFunction(() => /X-ray indicated/.test(document.getElementById('ottawa-result')?.textContent || ''));
  });
});
