// core/areas.json is the list of areas: the napi module and the WASM package must export a namespace for each,
// with the same names, except the documented differences below (each with its reason).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const napi = require('../main.js');
const wasm = await import('../../bindings-wasm/node.js');
const { areas } = JSON.parse(readFileSync(new URL('../../core/areas.json', import.meta.url), 'utf8'));

/** Names only one package has, and why (core/tests/js/napi-only.json). Anything else that differs fails. */
const ONLY_NAPI = JSON.parse(readFileSync(new URL('../../core/tests/js/napi-only.json', import.meta.url), 'utf8')).only_napi;

const publicNames = (o) => Object.keys(o).filter((k) => !k.startsWith('_')).sort();

test('every area of core/areas.json is a namespace of both packages, with the same names', () => {
  const namespaces = areas.filter((a) => a.js).map((a) => a.js).sort();
  const top = (pkg) => publicNames(pkg).filter((k) => typeof pkg[k] === 'object');
  assert.deepEqual(top(napi), namespaces);
  assert.deepEqual(top(wasm), namespaces);
  for (const ns of namespaces) {
    const onlyNapi = publicNames(napi[ns]).filter((k) => !(k in wasm[ns])).map((k) => `${ns}.${k}`);
    const onlyWasm = publicNames(wasm[ns]).filter((k) => !(k in napi[ns])).map((k) => `${ns}.${k}`);
    assert.deepEqual(onlyWasm, [], `${ns}: only in fleetgate-wasm`);
    assert.deepEqual(onlyNapi.filter((k) => !(k in ONLY_NAPI)), [], `${ns}: only in fleetgate (napi)`);
  }
  const functions = publicNames(napi).filter((k) => typeof napi[k] === 'function');
  assert.deepEqual(functions.filter((k) => !(k in ONLY_NAPI)), []);
});

test('the documented differences still exist (a stale entry is removed, not kept)', () => {
  for (const name of Object.keys(ONLY_NAPI)) {
    const [ns, member] = name.includes('.') ? name.split('.') : [null, name];
    const holder = ns ? napi[ns] : napi;
    assert.ok(member in holder, `${name} is listed in ONLY_NAPI but napi has no such export`);
    const other = ns ? wasm[ns] : wasm;
    assert.ok(!(member in other), `${name} is listed in ONLY_NAPI but fleetgate-wasm has it too`);
  }
});

test('the package versions are the crate version', () => {
  const cargo = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8');
  const version = cargo.split('[workspace.package]')[1].match(/version = "([^"]+)"/)[1];
  assert.equal(require('../package.json').version, version);
  assert.equal(JSON.parse(readFileSync(new URL('../../bindings-wasm/package.json', import.meta.url), 'utf8')).version, version);
});
