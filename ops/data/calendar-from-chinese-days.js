// Converts chinese-days' dist/chinese-days.json into our calendar.json (see refresh-calendar.sh).
// Input values look like "Spring Festival,春节,4" (English name, Chinese name, length in days);
// we keep the Chinese name. Output is grouped by year with sorted keys so re-runs give no diff.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const [pkgDir, tgz, version] = process.argv.slice(2);
if (!pkgDir || !tgz || !version) fail('usage: calendar-from-chinese-days.js <package dir> <tgz> <version>');

const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
if (pkg.name !== 'chinese-days' || pkg.version !== version) fail(`expected chinese-days@${version}, got ${pkg.name}@${pkg.version}`);

const data = JSON.parse(fs.readFileSync(path.join(pkgDir, 'dist', 'chinese-days.json'), 'utf8'));
for (const key of ['holidays', 'workdays', 'inLieuDays']) if (!data[key]) fail(`missing "${key}"`);

// In-lieu days (调休休息) are weekdays off; chinese-days lists them among the holidays too.
// We rely on that, so check it rather than assume it.
for (const date of Object.keys(data.inLieuDays)) {
  if (!(date in data.holidays)) fail(`in-lieu day ${date} is not among the holidays`);
}

const years = {};
add('holidays', data.holidays);
add('workdays', data.workdays);
for (const [year, y] of Object.entries(years)) {
  const both = Object.keys(y.holidays).filter(d => d in y.workdays);
  if (both.length) fail(`${year}: both holiday and workday: ${both.join(', ')}`);
}

const out = {
  source: `npm chinese-days@${version}`,
  integrity: 'sha512-' + crypto.createHash('sha512').update(fs.readFileSync(tgz)).digest('base64'),
  years,
};
process.stdout.write(stringify(out) + '\n');

function add(kind, entries) {
  for (const [date, value] of Object.entries(entries)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`bad date "${date}"`);
    const fields = value.split(',');
    if (fields.length !== 3 || !fields[1]) fail(`unexpected value "${value}" for ${date}`);
    const year = date.slice(0, 4);
    years[year] ??= { holidays: {}, workdays: {} };
    years[year][kind][date] = fields[1];
  }
}

// Sorted keys, one entry per line: stable output and readable diffs when a year is added.
function stringify(value, indent = '') {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = indent + '  ';
  const keys = Object.keys(value).sort();
  if (keys.length === 0) return '{}';
  const items = keys.map(k => `${inner}${JSON.stringify(k)}: ${stringify(value[k], inner)}`);
  return `{\n${items.join(',\n')}\n${indent}}`;
}

function fail(message) {
  console.error(`calendar-from-chinese-days: ${message}`);
  process.exit(1);
}
