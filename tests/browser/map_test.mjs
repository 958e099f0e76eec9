// The web map in a real browser (Debian's chromium driven by playwright-core): the reference
// article on the map at 2021-08-11, Faizabad Taliban-held and Mazar-i-Sharif not, Faizabad's
// evidence one click away. Screenshots go to ARTIFACTS for people to look at.
// usage: node map_test.mjs SITREP_BINARY SOURCE_DIR SHARED_DIR WEB_DIR ARTIFACTS
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const [sitrep, source, shared, web, artifacts] = process.argv.slice(2);
const require = createRequire(path.join(source, 'package.json'));
const { chromium } = require('playwright-core');
const CHROMIUM = '/usr/bin/chromium';
const article = path.join(shared, 'data/seed/000_4a79dbf7bae2aa6b.txt');
if (!fs.existsSync(article)) { console.log('shared/ is not beside the checkout: skipped'); process.exit(77); }
if (!fs.existsSync(CHROMIUM)) { console.error(`${CHROMIUM} missing: run scripts/setup.sh`); process.exit(1); }

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-browser-'));
const db = path.join(tmp, 'map.db');
const ingest = spawnSync(sitrep, ['ingest', '--db', db, article, '--baseline',
  path.join(source, 'data/baselines/afghanistan-2021-05-01.tsv')], { encoding: 'utf8' });
if (ingest.status !== 0) { console.error(ingest.stderr); process.exit(1); }

const server = spawn(sitrep, ['serve', '--db', db, '--port', '0', '--web', web], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  let buf = '';
  server.stdout.on('data', (d) => {
    buf += d;
    const m = buf.match(/port (\d+)/);
    if (m) resolve(Number(m[1]));
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  setTimeout(() => reject(new Error('server did not start')), 15000);
});

let failed = false;
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failed = true; };
const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
  viewport: { width: 1366, height: 820 },
});
try {
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  const index = await page.evaluate(() => state.days.indexOf('2021-08-11'));
  check(index >= 0, 'the slider reaches 2021-08-11');
  await page.$eval('#date-slider', (el, v) => { el.value = String(v); el.dispatchEvent(new Event('input')); }, index);
  await page.waitForSelector('body[data-date="2021-08-11"]', { timeout: 10000 });
  await page.waitForSelector('#control-list li[data-place="Fayzabad"]', { timeout: 10000 });
  const holder = (place) => page.$eval(`#control-list li[data-place="${place}"]`, (li) => li.dataset.controller).catch(() => null);
  check(await holder('Fayzabad') === 'Taliban', 'Faizabad is shown Taliban-held');
  const mazar = await holder('Mazār-e Sharīf');
  check(mazar !== null && mazar !== 'Taliban', `Mazar-i-Sharif is not Taliban-held (${mazar})`);
  const markers = await page.$$eval('.leaflet-interactive', (els) => els.length);
  check(markers > 30, `places and outlines are drawn (${markers} shapes)`);
  await page.click('#control-list li[data-place="Fayzabad"]');
  await page.waitForSelector('#evidence:not([hidden]) mark', { timeout: 10000 });
  const evidence = await page.$eval('#evidence mark', (m) => m.textContent);
  check(/Taliban/.test(evidence), `Faizabad's evidence is highlighted: "${evidence.slice(0, 80)}…"`);
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'map-2021-08-11.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(artifacts, 'map-2021-08-11-phone.png'), fullPage: true });
  check(errors.length === 0, `no script errors ${errors.join('; ')}`);
} finally {
  await context.close();
  server.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(failed ? '0 passed, 1 failed' : '1 passed, 0 failed');
process.exit(failed ? 1 : 0);
