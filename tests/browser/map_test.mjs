// The web map in a real browser (Debian's chromium driven by playwright-core), over the real
// `sitrep serve` on the reference article and the Afghan baseline, viewed on 2021-08-11:
// legend, division shading, place markers, filters, search, place history with the highlighted
// sentence, URL state across a reload, CSV/GeoJSON export, corrections and the newer status
// fields (added to the real answers in the browser where today's server lacks them), the phone
// layout, and that the page asks nothing of any host but the server. Every expectation is
// computed from the API's own answers, so a page that draws something else fails.
// Screenshots go to ARTIFACTS for people to look at.
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
const DAY = '2021-08-11';
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
const origin = `http://127.0.0.1:${port}`;

let passed = 0, failed = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (ok) passed++; else failed++;
};
const api = async (p) => {
  const res = await fetch(origin + p);
  return res.ok ? res.json() : null;
};

// What the page should show, from the API: status from the new field, else from `contested`.
const control = await api(`/api/control?at=${DAY}`);
const statusOf = (r) => r.status || (r.contested ? 'contested' : r.controller ? 'held' : 'unknown');
const holderOf = (r) => ('holder' in r ? r.holder || '' : ['held', 'contested'].includes(statusOf(r)) ? r.controller : '');
const byName = new Map(control.map((r) => [r.place, r]));
const fayzabad = byName.get('Fayzabad');
const kunduz = byName.get('Kunduz');
const mazar = byName.get('Mazār-e Sharīf');
const kabul = byName.get('Kabul');
if (!fayzabad || !kunduz || !mazar || !kabul) {
  console.error('the reference data lacks Fayzabad, Kunduz, Mazar-i-Sharif or Kabul');
  process.exit(1);
}
const weekEvents = (await api(`/api/events?since=2021-08-05&until=${DAY}&historical=false&limit=1000`)).events
  .filter((e) => e.lat != null);
const divisionsApi = await api(`/api/divisions?at=${DAY}`);

const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
  executablePath: CHROMIUM,
  headless: true,
  acceptDownloads: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
  viewport: { width: 1366, height: 820 },
});

const errors = [];
const foreign = [];
function watch(page) {
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')) foreign.push(u);
  });
}

// From a blank page, so that a URL differing only in its hash is a real load, not a hash change.
async function open(page, hash = '') {
  await page.goto('about:blank');
  await page.goto(`${origin}/${hash}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
}

const count = (page, sel) => page.$$eval(sel, (els) => els.length);
const attrs = (page, sel, name) => page.$$eval(sel, (els, n) => els.map((e) => e.dataset[n]), name);
const select = async (page, id, value) => {
  await page.selectOption(`#${id}`, value);
  await page.waitForFunction(() => document.body.dataset.view === location.hash);
};

async function checkMarkersAndLegend(page) {
  const statuses = await attrs(page, '.place-marker', 'status');
  check(statuses.length === control.length, `one marker per place (${statuses.length} of ${control.length})`);
  const fay = await page.$eval(`.place-marker[data-place-key="${fayzabad.place_key}"]`, (m) => ({ ...m.dataset, label: m.textContent })).catch(() => null);
  check(fay && fay.status === statusOf(fayzabad) && fay.holder === holderOf(fayzabad) && fay.label === 'Fayzabad',
    `Faizabad's marker is labelled and ${statusOf(fayzabad)} by ${holderOf(fayzabad)} (${JSON.stringify(fay)})`);
  const holder = (place) => page.$eval(`#control-list li[data-place="${place}"]`, (li) => li.dataset.controller).catch(() => null);
  check(await holder('Fayzabad') === 'Taliban', 'Faizabad is listed Taliban-held');
  const m = await holder('Mazār-e Sharīf');
  check(m !== null && m !== 'Taliban', `Mazar-i-Sharif is not Taliban-held (${m})`);

  // The legend shows every holder colour, status style and event symbol drawn, and nothing else.
  const legend = await page.$$eval('#legend li', (els) => els.map((e) => ({ ...e.dataset })));
  const legendOf = (kind) => new Set(legend.filter((l) => l.legend === kind).map((l) => l.value));
  const drawnHolders = new Set([...await attrs(page, '.place-marker', 'holder'), ...await attrs(page, 'path[data-division]', 'holder')].filter(Boolean));
  const legendHolders = legendOf('holder');
  check([...drawnHolders].every((h) => legendHolders.has(h)) && [...legendHolders].every((h) => drawnHolders.has(h)),
    `legend holders match the map (${[...legendHolders].join(', ')})`);
  const drawnStatuses = new Set([...statuses, ...(await attrs(page, 'path[data-division]', 'status')).filter((s) => s !== 'none')]);
  const legendStatuses = legendOf('status');
  check(drawnStatuses.size > 0 && [...drawnStatuses].every((s) => legendStatuses.has(s)) && legendStatuses.size === drawnStatuses.size,
    `legend statuses match the map (${[...legendStatuses].join(', ')})`);
  const drawnTypes = new Set(await attrs(page, '.event-marker', 'type'));
  const legendTypes = legendOf('event');
  check(drawnTypes.size > 0 && [...drawnTypes].every((t) => legendTypes.has(t)) && legendTypes.size === drawnTypes.size,
    `legend event symbols match the map (${[...legendTypes].join(', ')})`);
  const shapes = await page.$$eval('.event-marker', (els) => Object.fromEntries(els.map((e) => [e.dataset.type, e.querySelector('svg').outerHTML.replace(/data-[a-z]+="[^"]*"/g, '')])));
  check(new Set(Object.values(shapes)).size === Object.keys(shapes).length, 'each event type has its own symbol');
  const events = await count(page, '.event-marker');
  check(events === weekEvents.length, `the week's located events are on the map (${events} of ${weekEvents.length})`);
}

async function checkShading(page) {
  const legendColour = (holder) => page.$eval(`#legend li[data-legend="holder"][data-value="${holder}"]`, (li) => li.dataset.colour).catch(() => null);
  const division = (capital) => page.$eval(`path[data-capital="${capital}"]`, (p) => ({ ...p.dataset, fill: p.getAttribute('fill') })).catch(() => null);
  const bad = await division('Fayzabad');
  const taliban = await legendColour('Taliban');
  check(bad && bad.division === 'Badakhshan', `Faizabad lies in the Badakhshan outline (${bad && bad.division})`);
  check(bad && taliban && bad.fill === taliban && bad.status === 'held', `Badakhshan is filled in the Taliban's legend colour (${bad && bad.fill} = ${taliban})`);
  const balkh = await division('Mazār-e Sharīf');
  const govColour = await legendColour(holderOf(mazar));
  if (statusOf(mazar) === 'unknown') {  // no report since the baseline aged out
    check(balkh && balkh.division === 'Balkh' && balkh.status === 'unknown' && /^url\(#hatch-/.test(balkh.fill),
      `Balkh is hatched as unknown, like its capital (${balkh && balkh.status} ${balkh && balkh.fill})`);
  } else {
    check(balkh && balkh.division === 'Balkh' && balkh.fill === govColour, `Balkh is filled in its capital's holder's colour (${balkh && balkh.fill} = ${govColour})`);
  }
  const shaded = await count(page, 'path[data-division][data-country="AF"]');
  check(shaded === 34, `34 Afghan provinces drawn (${shaded})`);
  if (divisionsApi) {
    const withPoint = divisionsApi.divisions.filter((d) => d.country === 'AF' && d.lat != null).length;
    const matched = await count(page, 'path[data-country="AF"]:not([data-status="none"])');
    check(matched === withPoint, `every division the API gives a capital point is shaded (${matched} of ${withPoint})`);
  }

  // The counter: capitals held per holder, against the API's own figures.
  const capitals = control.filter((r) => ['PPLA', 'PPLC'].includes(r.feature) && statusOf(r) === 'held');
  const expected = divisionsApi
    ? divisionsApi.summary.find((s) => s.country === 'AF' && s.holder === 'Taliban')
    : { capitals_held: capitals.filter((r) => holderOf(r) === 'Taliban').length, capitals_total: 34 };
  const counter = await page.$eval('#counter li[data-holder="Taliban"]', (li) => li.textContent).catch(() => '');
  const want = `${expected.capitals_held} of ${expected.capitals_total} provincial capitals held by Taliban on ${DAY}`;
  check(counter.includes(want), `counter says "${want}" (${counter})`);
}

async function checkFilters(page) {
  const all = await count(page, '.event-marker');
  await select(page, 'type-filter', 'capture');
  const types = await attrs(page, '.event-marker', 'type');
  const captures = weekEvents.filter((e) => e.type === 'capture').length;
  check(types.length === captures && types.every((t) => t === 'capture') && types.length < all,
    `type filter shows only the ${captures} captures (${types.length} of ${all})`);
  const legendTypes = await page.$$eval('#legend li[data-legend="event"]', (els) => els.map((e) => e.dataset.value));
  check(legendTypes.join() === 'capture', `the legend follows the filter (${legendTypes.join()})`);
  await select(page, 'type-filter', '');
  check(await count(page, '.event-marker') === all, 'clearing the type filter shows every event again');

  await select(page, 'actor-filter', 'Taliban');
  const holders = await attrs(page, '.place-marker', 'holder');
  const talibanPlaces = control.filter((r) => [holderOf(r), r.contested_by, r.claimed_by].includes('Taliban')).length;
  check(holders.length === talibanPlaces && holders.length < control.length,
    `actor filter keeps the ${talibanPlaces} places the Taliban hold or contest (${holders.length})`);
  const evActors = await page.$$eval('#event-list li', (els) => els.length);
  const talibanEvents = weekEvents.filter((e) => e.actor1 === 'Taliban' || e.actor2 === 'Taliban').length;
  check(evActors === talibanEvents, `actor filter keeps the Taliban's ${talibanEvents} events (${evActors})`);
  await select(page, 'actor-filter', '');

  await page.$eval('#confidence-filter', (el) => { el.value = '0.9'; el.dispatchEvent(new Event('input')); });
  await page.waitForFunction(() => document.body.dataset.view === location.hash);
  const confident = weekEvents.filter((e) => e.confidence >= 0.9).length;
  const shown = await count(page, '.event-marker');
  check(shown === confident && shown < all, `min. confidence 0.9 keeps ${confident} events (${shown})`);
  await page.$eval('#confidence-filter', (el) => { el.value = '0'; el.dispatchEvent(new Event('input')); });
}

async function checkHistory(page) {
  await page.click('#control-list li[data-place="Fayzabad"]');
  await page.waitForSelector(`#history[data-place="${fayzabad.place_key}"][data-loaded="true"]`, { timeout: 10000 });
  const timeline = await api(`/api/places/${fayzabad.place_key}/timeline`);
  const rows = await page.$$eval('#intervals tbody tr[data-since]', (trs) => trs.map((tr) => [tr.dataset.since, tr.dataset.until]));
  check(rows.length === timeline.length && rows.every(([s, u], i) => s === timeline[i].since && u === (timeline[i].until || '')),
    `Faizabad's history lists its ${timeline.length} control intervals`);
  const reports = await page.$$eval('#reports li[data-doc]', (els) => els.map((li) => ({
    side: li.dataset.side, mark: li.querySelector('mark') && li.querySelector('mark').textContent, text: li.textContent })));
  check(reports.length >= fayzabad.evidence_count, `every report on Faizabad is listed (${reports.length})`);
  const taken = reports.find((r) => r.side === 'for' && /Taliban/.test(r.mark || ''));
  check(!!taken, `a report for the Taliban's hold is listed with its sentence highlighted: "${taken ? taken.mark.slice(0, 70) : ''}…"`);
  check(reports.every((r) => /confidence \d\.\d\d/.test(r.text)), 'each report shows its confidence');
  check(/place=gn%3A1142170|place=gn:1142170/.test(await page.evaluate(() => location.hash)), 'the selected place is in the URL');

  // Search: a folded, partial name jumps to the place and opens its history.
  await page.fill('#search', 'mazar');
  await page.press('#search', 'Enter');
  await page.waitForSelector(`#history[data-place="${mazar.place_key}"][data-loaded="true"]`, { timeout: 10000 });
  check(await page.$eval('#history-title', (h) => h.textContent) === 'Mazār-e Sharīf', 'searching "mazar" opens Mazar-i-Sharif\'s history');
}

async function checkUrlState(page) {
  await select(page, 'type-filter', 'capture');
  await page.$eval('#confidence-filter', (el) => { el.value = '0.5'; el.dispatchEvent(new Event('input')); });
  await select(page, 'period', '30');
  await page.waitForFunction(() => /period=30/.test(location.hash));
  await page.click(`#control-list li[data-place="Kunduz"]`);
  await page.waitForSelector(`#history[data-place="${kunduz.place_key}"][data-loaded="true"]`);
  const url = page.url();
  const again = await context.newPage();
  watch(again);
  await again.goto(url);
  await again.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await again.waitForSelector(`#history[data-place="${kunduz.place_key}"][data-loaded="true"]`, { timeout: 10000 });
  const view = await again.evaluate(() => ({
    date: document.body.dataset.date, type: document.getElementById('type-filter').value,
    conf: document.getElementById('confidence-filter').value, period: document.getElementById('period').value,
    hash: location.hash, markers: document.querySelectorAll('.event-marker').length,
  }));
  const before = await count(page, '.event-marker');
  check(view.date === DAY && view.type === 'capture' && view.conf === '0.5' && view.period === '30' && view.markers === before,
    `a shared link reopens the same view (${JSON.stringify(view)})`);
  await again.close();
  await open(page);
}

async function checkExport(page) {
  await page.evaluate(() => { location.hash = '#date=2021-08-11&actor=Taliban'; });
  await page.waitForFunction(() => document.body.dataset.view === '#date=2021-08-11&actor=Taliban');
  const places = await count(page, '.place-marker');
  const events = await count(page, '.event-marker');
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = fs.readFileSync(await csvDownload.path(), 'utf8').trim().split('\n');
  const header = csv[0].split(',');
  const kinds = csv.slice(1).map((l) => l.split(',')[0]);
  check(csvDownload.suggestedFilename() === `sitrep-${DAY}.csv` && header.includes('status') && header.includes('holder'),
    `CSV export is named for the date and has status and holder columns (${csvDownload.suggestedFilename()})`);
  check(kinds.filter((k) => k === 'place').length === places && kinds.filter((k) => k === 'event').length === events,
    `CSV holds the visible ${places} places and ${events} events`);
  const [geoDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-geojson')]);
  const fc = JSON.parse(fs.readFileSync(await geoDownload.path(), 'utf8'));
  check(fc.type === 'FeatureCollection' && fc.features.length === places + events &&
        fc.features.every((f) => f.geometry.type === 'Point' && f.geometry.coordinates.length === 2),
    `GeoJSON export holds the same ${places + events} points`);
  const fay = fc.features.find((f) => f.properties.place_key === fayzabad.place_key);
  check(fay && fay.properties.holder === 'Taliban' && fay.properties.status === 'held', 'exported Faizabad is held by the Taliban');
}

// The newer fields (status, holder, claimed_by, last_holder, correction) layered on the real
// answers, so the page's handling of them is tested whether or not this server sends them yet.
async function checkNewFields(page) {
  const note = 'Analyst: the district governor confirmed the fall by phone';
  const augment = (rows) => {
    for (const r of rows) {
      if (r.place_key === kunduz.place_key) Object.assign(r, { correction: note, correction_holder: 'Taliban' });
      if (r.place_key === mazar.place_key) Object.assign(r, { status: 'claimed', holder: '', claimed_by: 'Taliban', denied: true });
      if (r.place_key === kabul.place_key) Object.assign(r, { status: 'unknown', holder: '', last_holder: r.controller });
    }
    return rows;
  };
  await page.route((u) => u.pathname === '/api/control', async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, json: augment(await res.json()) });
  });
  await page.route((u) => decodeURIComponent(u.pathname) === `/api/places/${kunduz.place_key}/timeline`, async (route) => {
    const res = await route.fetch();
    const rows = await res.json();
    rows[rows.length - 1].correction = note;
    await route.fulfill({ response: res, json: rows });
  });
  // /api/divisions and /api/places/{key}/evidence in the contract's shape, built from the real
  // answers, until the server has them: Kunduz's province contested, and named outlets and links.
  await page.route((u) => u.pathname === '/api/divisions', async (route) => {
    const at = new URL(route.request().url()).searchParams.get('at');
    const divisions = augment(await api(`/api/control?at=${at}`)).filter((r) => ['PPLA', 'PPLC'].includes(r.feature)).map((r) => {
      const contested = r.place_key === kunduz.place_key;
      return { country: r.country, admin1: r.admin1, name: r.admin1, capital: r.place, capital_key: r.place_key, lat: r.lat, lon: r.lon,
               status: contested ? 'contested' : statusOf(r), holder: holderOf(r), claimed_by: contested ? 'Afghan government forces' : r.claimed_by || '' };
    });
    const summary = [...new Set(divisions.map((d) => d.holder))].map((holder) => ({ country: 'AF', holder,
      capitals_held: divisions.filter((d) => d.status === 'held' && d.holder === holder).length, capitals_total: divisions.length }));
    await route.fulfill({ json: { divisions, summary } });
  });
  await page.route((u) => /^\/api\/places\/[^/]+\/evidence$/.test(u.pathname), async (route) => {
    const key = decodeURIComponent(new URL(route.request().url()).pathname.split('/')[3]);
    const events = (await api(`/api/events?place=${encodeURIComponent(key)}`)).events;
    const reports = events.map((e, i) => ({ event_id: e.id, type: e.type, date: e.date, stance: i ? 'for' : 'against', side: e.actor1, actor1: e.actor1,
      outlet: 'Agence Test', url: `https://example.org/report/${e.id}`, doc: e.doc, doc_date: DAY, confidence: e.confidence,
      claim: false, denied: false, weight: 1, sentence: e.evidence, start: e.evidence_start, end: e.evidence_end, correction: null }));
    await route.fulfill({ json: { reports } });
  });
  await open(page, `#date=${DAY}`);
  const status = (key) => page.$eval(`.place-marker[data-place-key="${key}"]`, (m) => m.dataset.status).catch(() => null);
  check(await status(mazar.place_key) === 'claimed' && await status(kabul.place_key) === 'unknown',
    'markers take status from the new field (claimed, unknown)');
  const pinStyle = (key) => page.$eval(`.place-marker[data-place-key="${key}"] .pin`, (p) => {
    const s = getComputedStyle(p);
    return { bg: s.backgroundColor, border: s.borderTopColor, style: s.borderTopStyle };
  });
  const claimed = await pinStyle(mazar.place_key), unknown = await pinStyle(kabul.place_key), held = await pinStyle(fayzabad.place_key);
  check(claimed.bg === 'rgb(255, 255, 255)' && claimed.border === 'rgb(192, 57, 43)', `a claimed place is hollow in the claimant's colour (${JSON.stringify(claimed)})`);
  check(unknown.style === 'dotted' && unknown.bg !== held.bg && unknown.bg !== claimed.bg, `an unknown place is grey and dotted (${JSON.stringify(unknown)})`);
  const legend = await page.$$eval('#legend li[data-legend="status"]', (els) => els.map((e) => e.dataset.value));
  check(legend.includes('claimed') && legend.includes('unknown'), `the legend gains claimed and unknown (${legend.join(', ')})`);
  const balkh = await page.$eval('path[data-capital="Mazār-e Sharīf"]', (p) => p.dataset.status).catch(() => null);
  check(balkh === 'claimed', `Balkh takes its capital's claimed status (${balkh})`);
  const badge = await page.$eval(`#control-list li[data-place="Kunduz"] .badge.correction`, (b) => b.dataset.note).catch(() => null);
  check(badge === note, 'a correction shows as a badge with its note in the list');
  check(await count(page, '#legend li[data-legend="correction"]') === 1, 'the legend explains the correction badge');
  await page.hover(`.place-marker[data-place-key="${kunduz.place_key}"]`);
  const tip = await page.waitForSelector('.leaflet-tooltip', { timeout: 5000 }).then((t) => t.textContent()).catch(() => '');
  check(tip.includes(note), `the marker's tooltip carries the correction note (${tip.slice(0, 80)}…)`);
  await page.click(`#control-list li[data-place="Kunduz"]`);
  await page.waitForSelector(`#history[data-place="${kunduz.place_key}"][data-loaded="true"]`);
  const inHistory = await page.$eval('#intervals .badge.correction', (b) => b.textContent).catch(() => '');
  check(inHistory.includes(note), 'the history shows the correction with its note');
  const kdz = await page.$eval(`path[data-capital="Kunduz"]`, (p) => ({ ...p.dataset, fill: p.getAttribute('fill') })).catch(() => null);
  check(kdz && kdz.status === 'contested' && /^url\(#hatch-/.test(kdz.fill), `/api/divisions: a contested province is hatched (${JSON.stringify(kdz)})`);
  const counter = await page.$eval('#counter li[data-holder="Taliban"]', (li) => li.textContent).catch(() => '');
  check(counter.includes(`3 of 34 provincial capitals held by Taliban on ${DAY}`), `/api/divisions: the counter takes the API's summary (${counter})`);
  await page.click('#control-list li[data-place="Fayzabad"]');
  await page.waitForSelector(`#history[data-place="${fayzabad.place_key}"][data-loaded="true"]`);
  const reports = await page.$$eval('#reports li[data-doc]', (els) => els.map((li) => ({ side: li.dataset.side, text: li.textContent,
    href: li.querySelector('a.source-link') && li.querySelector('a.source-link').href, mark: !!li.querySelector('mark') })));
  check(reports.length > 0 && reports.every((r) => r.text.includes('Agence Test') && /^https:\/\/example\.org\/report\/\d+$/.test(r.href) && r.mark),
    `/api/places/{key}/evidence: each report shows its outlet, link and highlighted sentence (${reports.length})`);
  check(reports.filter((r) => r.side === 'against').length === 1, 'the server\'s for/against is shown as given');
  await page.screenshot({ path: path.join(artifacts, 'map-new-fields.png') });
  await page.unrouteAll();
}

async function checkPhone(page) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('about:blank');
  await page.goto(`${origin}/#date=${DAY}`, { waitUntil: 'domcontentloaded' });
  const mapBefore = await page.$eval('#map', (m) => m.getBoundingClientRect().height);
  await page.waitForSelector('body[data-ready="true"]');
  const inside = (sel) => page.$eval(sel, (e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
  });
  check(await inside('header') && await inside('#date-slider') && await inside('#date-label') && await inside('#toggle-panel'),
    'on a 390x844 phone the header, date slider and panel button are inside the viewport');
  const mapAfter = await page.$eval('#map', (m) => m.getBoundingClientRect().height);
  check(mapBefore === mapAfter && mapAfter > 300, `the map does not jump while data loads (${mapBefore} → ${mapAfter} px)`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
  check(wide, 'nothing is wider than the phone');
  await page.screenshot({ path: path.join(artifacts, 'map-2021-08-11-phone.png') });
  await page.click('#control-list li[data-place="Fayzabad"]');
  await page.waitForSelector('#history[data-loaded="true"]');
  check(await inside('header') && await inside('#date-slider'), 'the header and date stay on screen while the panel is scrolled');
  check(await page.$eval('#search', (e) => { e.scrollIntoView(); const r = e.getBoundingClientRect(); return r.bottom <= innerHeight + 1 && r.top >= -1; }),  // sub-pixel layout
    `the filters can be scrolled into view (${await page.$eval('#search', (e) => JSON.stringify(e.getBoundingClientRect()) + ' ' + innerHeight)})`);
  await page.screenshot({ path: path.join(artifacts, 'map-2021-08-11-phone-history.png') });
  await page.click('#toggle-panel');
  check(await page.$eval('#panel', (a) => getComputedStyle(a).display === 'none'), 'the panel collapses');
  await page.click('#toggle-panel');
}

try {
  fs.mkdirSync(artifacts, { recursive: true });
  const page = context.pages()[0] || await context.newPage();
  watch(page);
  await open(page);
  const index = await page.evaluate((d) => state.days.indexOf(d), DAY);
  check(index >= 0, `the slider reaches ${DAY}`);
  await page.$eval('#date-slider', (el, v) => { el.value = String(v); el.dispatchEvent(new Event('input')); }, index);
  await page.waitForSelector(`body[data-date="${DAY}"]`, { timeout: 10000 });
  check((await page.evaluate(() => location.hash)).includes(`date=${DAY}`), 'the date is in the URL');
  await checkMarkersAndLegend(page);
  await checkShading(page);
  await page.screenshot({ path: path.join(artifacts, 'map-2021-08-11.png') });
  await checkFilters(page);
  await checkHistory(page);
  await page.screenshot({ path: path.join(artifacts, 'map-2021-08-11-history.png') });
  await checkUrlState(page);
  await checkExport(page);
  await checkNewFields(page);
  await checkPhone(page);
  check(foreign.length === 0, `the page asks no other host (${foreign.slice(0, 3).join(' ')})`);
  check(errors.length === 0, `no script errors ${errors.join('; ')}`);
} catch (err) {
  check(false, `the test ran to its end: ${err.stack || err}`);
} finally {
  await context.close();
  server.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
