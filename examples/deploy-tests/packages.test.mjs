// The packed packages as a user installs them (npm install of the tarballs into a scratch project under target/):
// every documented import form works at run time, napi and WASM export the same names, and `tsc --noEmit --strict`
// accepts typed usage of both (napi with nodenext and bundler resolution, WASM through its node and web entries),
// calling every function with and without its optional arguments. Needs `bash scripts/pack.sh` first.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tarball, run } from './helpers.mjs';

const DIR = join(ROOT, 'target', 'package-check');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** Names only the napi package has, by design: the HTTP clients (the WASM build does no I/O). */
const NAPI_ONLY = new Set([
  ...Object.keys(JSON.parse(readFileSync(join(ROOT, 'core', 'tests', 'js', 'napi-only.json'), 'utf8')).only_napi),
  '__napiBindingTarget',
]);
/** Names only the WASM package has: its initialisation. */
const WASM_ONLY = new Set(['default', 'initSync']);

const node = (file, code) => {
  writeFileSync(join(DIR, file), code);
  return run(process.execPath, [file], { cwd: DIR });
};

before(() => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, 'package.json'), JSON.stringify({ name: 'package-check', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', tarball('fleetgate'), tarball('fleetgate-wasm')], { cwd: DIR });
});

test("fleetgate: require('fleetgate'), default and named ESM imports", () => {
  const cjs = node('cjs.cjs', `const f = require('fleetgate'); console.log(f.units.toMetres(1, 'mi'), typeof f.verifyRequest, typeof f.ratelimit.clientKeyFromRequest);`);
  assert.equal(cjs.trim(), '1609 function function');
  const esm = node('esm.mjs', `import fleetgate, { webhooks, ratelimit, units, verifyRequest } from 'fleetgate';
console.log(units.toMetres(1, 'mi'), fleetgate.units === units, typeof webhooks.Verifier.smartcar, typeof ratelimit.Limiter, typeof verifyRequest);`);
  assert.equal(esm.trim(), '1609 true function function function');
});

test("fleetgate-wasm: import init, { ... } from 'fleetgate-wasm' and the booking build, in Node", () => {
  const out = node('wasm.mjs', `import init, { webhooks, booking, pricing, units, initSync } from 'fleetgate-wasm';
import initBooking, * as small from 'fleetgate-wasm/booking';
await init(); await init(); await initBooking();
const v = webhooks.Verifier.smartcar('amt');
v.verify(v.sign('{}'), '{}');
console.log(units.toMetres(1, 'mi'), small.units.toMetres(1, 'mi'), typeof booking.validate, typeof pricing.RateCard, typeof initSync, 'odometer' in small);`);
  assert.equal(out.trim(), '1609 1609 function function function false');
});

test('ratelimit.clientKeyFromRequest: the same keys and codes in both packages, for every headers shape', () => {
  const out = node('client-key.mjs', `import * as napi from 'fleetgate';
import * as wasm from 'fleetgate-wasm';
const headers = { 'x-real-ip': '203.0.113.7', 'cf-connecting-ip': '2001:db8:ab12::1', 'x-forwarded-for': '198.51.100.9, 192.0.2.4' };
const shapes = { Headers: new Headers(headers), Map: new Map(Object.entries(headers)), object: headers, pairs: Object.entries(headers) };
const cases = [
  { platform: 'vercel' }, { platform: 'cloudflare' }, { platform: 'trusted_proxies', peer: '10.0.0.1', trustedProxies: 1 },
  { platform: 'trusted_proxies' }, { platform: 'none' }, { platform: 'aws' }, undefined,
];
const result = {};
for (const [pkg, m] of Object.entries({ napi, wasm })) {
  for (const [shape, h] of Object.entries(shapes)) {
    result[pkg + ' ' + shape] = cases.map((options) => {
      try { return m.ratelimit.clientKeyFromRequest(new Request('http://127.0.0.1/', { headers: h instanceof Map ? [...h] : h }), options) === m.ratelimit.clientKeyFromRequest({ headers: h }, options) ? m.ratelimit.clientKeyFromRequest({ headers: h }, options) : 'differs'; }
      catch (e) { return 'error ' + e.code; }
    });
  }
}
console.log(JSON.stringify(result));`);
  const expected = ['203.0.113.7', '2001:db8:ab12::/56', '192.0.2.4', 'error missing_client_address', 'error missing_client_address', 'error invalid_platform', 'error invalid_platform'];
  for (const [name, keys] of Object.entries(JSON.parse(out))) assert.deepEqual(keys, expected, name);
});

test('napi and WASM export the same namespaces and names (the HTTP clients are napi-only)', () => {
  const out = node('names.mjs', `import * as napi from 'fleetgate';
import * as wasm from 'fleetgate-wasm';
const names = (m) => Object.keys(m).filter((k) => k !== 'module.exports' && (m === wasm || k !== 'default')).flatMap((k) =>
  m[k] !== null && typeof m[k] === 'object' ? Object.keys(m[k]).map((n) => k + '.' + n) : [k]);
console.log(JSON.stringify({ napi: names(napi), wasm: names(wasm) }));`);
  const { napi, wasm } = JSON.parse(out);
  const missingInWasm = napi.filter((n) => !wasm.includes(n) && !NAPI_ONLY.has(n)).sort();
  const missingInNapi = wasm.filter((n) => !napi.includes(n) && !WASM_ONLY.has(n)).sort();
  assert.deepEqual({ missingInWasm, missingInNapi }, { missingInWasm: [], missingInNapi: [] });
});

const TYPES = {
  'napi, nodenext (ESM and CommonJS)': { module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022'], files: ['napi-esm.mts', 'napi-cjs.cts'] },
  'napi, bundler': { module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], files: ['napi-bundler.ts'] },
  'fleetgate-wasm, node entry (nodenext, no DOM)': { module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022'], files: ['wasm-node.mts'] },
  'fleetgate-wasm, web entry (bundler, DOM)': { module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], files: ['wasm-web.ts'] },
};

for (const [name, { files, ...options }] of Object.entries(TYPES)) {
  test(`tsc --noEmit --strict: ${name}`, () => {
    cpSync(join(ROOT, 'examples', 'deploy-tests', 'types'), DIR, { recursive: true });
    const config = `tsconfig.${files[0]}.json`;
    const compilerOptions = { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', types: ['node'], ...options };
    writeFileSync(join(DIR, config), JSON.stringify({ compilerOptions, files }, null, 2));
    run(process.execPath, [TSC, '-p', config, '--pretty', 'false'], { cwd: DIR });
  });
}

test('no public signature of either package returns `any` (results are declared interfaces)', () => {
  const files = {
    fleetgate: ['index.d.ts', 'main.d.ts'],
    'fleetgate-wasm': ['api.d.ts', 'shared.d.ts', 'booking/index.d.ts', 'pkg/full/fleetgate_wasm.d.ts', 'pkg/booking/fleetgate_wasm.d.ts'],
  };
  const offenders = [];
  for (const [pkg, names] of Object.entries(files)) {
    for (const name of names) {
      const text = readFileSync(join(DIR, 'node_modules', pkg, name), 'utf8');
      text.split('\n').forEach((line, i) => {
        // A return type (after the parameter list) that is or contains `any`.
        const returned = /\)\s*:\s*(.*?);?\s*$/.exec(line.replace(/\/\/.*$/, ''))?.[1] ?? '';
        if (/\bany\b/.test(returned)) offenders.push(`${pkg}/${name}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  assert.deepEqual(offenders, []);
});
