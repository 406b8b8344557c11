// Shared by the end-to-end tests: a real `fossa serve` on a free port and Debian's Chromium driven by
// playwright-core. A failing test leaves a screenshot and the page's text under test-results/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const resultsDir = path.join(root, 'test-results');

// The binary under test: $FOSSA_BINARY, else build/fossa.
export const fossaBinary = process.env.FOSSA_BINARY || path.join(root, 'build', 'fossa');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

// Starts `fossa serve --port 0` (with `extraArgs`) and resolves once it prints the port it listens on.
export function startServer(extraArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(fossaBinary, ['serve', '--host', '127.0.0.1', '--port', '0', '--threads', '2', ...extraArgs], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`fossa serve did not start:\n${log}`)), 10000);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`fossa serve exited with ${code}:\n${log}`)); });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text) => {
      log += text;
      const match = log.match(/listening on (http:\/\/[0-9.]+:\d+)/);
      if (match && timer) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({
          url: match[1],
          log: () => log,
          // SIGTERM, then the exit code (0 when the shutdown was graceful).
          stop: () => new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.on('exit', (code) => done(code));
            child.kill('SIGTERM');
            return undefined;
          }),
        });
      }
    });
  });
}

// Headless Chromium with the flags this machine needs (no sandbox as root, no background traffic
// to hosts that cannot be reached).
export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// Runs `body(page)` in a fresh page; on failure keeps a screenshot and the page text.
export async function withPage(browser, name, options, body) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A failed request the test caused on purpose (the server made unreachable) is logged by the
    // browser, not an error of the page.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  try {
    await body(page);
    if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
  } catch (error) {
    await mkdir(resultsDir, { recursive: true });
    const file = path.join(resultsDir, name.replace(/[^a-z0-9]+/gi, '-'));
    await page.screenshot({ path: `${file}.png`, fullPage: true }).catch(() => {});
    await writeFile(`${file}.txt`, `${error.stack}\n\n${await page.innerText('body').catch(() => '')}`).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
}

// Answers every question the page asks from `profile` (finding id -> true, false, a number or an
// enum value) until the result shows: yes/no findings not in the profile are answered "No", other
// findings "I don't know". Returns the ids of the questions asked, in order.
export async function answerQuestions(page, profile) {
  const asked = [];
  for (let round = 0; round < 150; round += 1) {
    await page.waitForSelector('form.question, article.result');
    if (await page.locator('article.result').count()) return asked;
    const form = page.locator('form.question');
    const question = await form.getAttribute('data-question');
    asked.push(question);
    const items = form.locator('fieldset.item[data-finding]');
    const count = await items.count();
    if (count > 0) {
      for (let i = 0; i < count; i += 1) {
        const item = items.nth(i);
        const value = profile[await item.getAttribute('data-finding')];
        const label = value === true ? 'Yes' : value === null ? 'I don\'t know' : 'No';
        await item.getByRole('radio', { name: label, exact: true }).check();
      }
      await form.getByRole('button', { name: 'Next' }).click();
    } else {
      const finding = await form.getAttribute('data-finding');
      const value = profile[finding];
      if (await form.locator('input[type="number"]').count()) {
        if (typeof value === 'number') {
          await form.getByRole('spinbutton').fill(String(value));
          await form.getByRole('button', { name: 'Next' }).click();
        } else {
          await form.getByRole('button', { name: 'I don\'t know' }).click();
        }
      } else if (await form.locator('input[type="radio"]').count()) {
        if (typeof value === 'string') {
          await form.locator(`input[type="radio"][value="${value}"]`).check();
          await form.getByRole('button', { name: 'Next' }).click();
        } else {
          await form.getByRole('button', { name: 'I don\'t know' }).click();
        }
      } else {
        const label = value === true ? 'Yes' : value === null ? 'I don\'t know' : 'No';
        await form.getByRole('button', { name: label, exact: true }).click();
      }
    }
    // The next question (or the result) replaces this one.
    await page.waitForFunction((previous) => {
      if (document.querySelector('article.result')) return true;
      const next = document.querySelector('form.question');
      return next && next.dataset.question !== previous;
    }, question);
  }
  throw new Error(`no result after ${asked.length} questions: ${asked.join(', ')}`);
}

// One `fossa serve` (with `serverArgs`) and one browser for the tests of a file: started before
// them, closed after (the server must stop cleanly on SIGTERM). Returns {server, browser}, filled
// once started.
export function useServerAndBrowser(serverArgs = []) {
  const env = {};
  before(async () => {
    env.server = await startServer(serverArgs);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    if (env.server) assert.equal(await env.server.stop(), 0, 'fossa serve stops cleanly on SIGTERM');
  });
  return env;
}

// Answers the interview from `profile` (see answerQuestions) and returns the result's level.
export async function resultLevel(page) {
  return page.locator('#disposition-name').getAttribute('data-level');
}
