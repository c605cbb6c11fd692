#!/usr/bin/env node
// Sizes of fleetgate-wasm's builds (bindings-wasm/pkg/<build>/fleetgate_wasm_bg.wasm, made by scripts/build-wasm.sh):
// each file raw and gzip -9, with its sections (code, data, custom), so a change in size can be traced.
// `--check` fails when a build is over its budget (gzip): the booking build 150 KB, the full build 350 KB (issue 10).
// Sizes are deterministic for a given toolchain and lockfile, so budgets can be asserted (times cannot).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Budgets in bytes of gzip -9. */
export const BUDGETS = { booking: 150 * 1024, full: 350 * 1024 };
const NAMES = { 0: 'custom', 1: 'type', 2: 'import', 3: 'function', 4: 'table', 5: 'memory', 6: 'global', 7: 'export',
  8: 'start', 9: 'element', 10: 'code', 11: 'data', 12: 'datacount' };

function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

/** The sections of a .wasm: `[{name, raw, gzip}]` (custom sections by their own name). */
export function sections(bytes) {
  const out = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++];
    const [size, start] = leb(bytes, at);
    let name = NAMES[id] ?? `section ${id}`;
    if (id === 0) {
      const [length, nameStart] = leb(bytes, start);
      name = `custom "${Buffer.from(bytes.subarray(nameStart, nameStart + length)).toString('utf8')}"`;
    }
    const body = bytes.subarray(start, start + size);
    out.push({ name, raw: size, gzip: gzipSync(body, { level: 9 }).length });
    at = start + size;
  }
  return out;
}

/** `{build: {raw, gzip, budget, sections}}` for every build in bindings-wasm/pkg. */
export function measure() {
  const result = {};
  for (const build of Object.keys(BUDGETS)) {
    const bytes = readFileSync(join(ROOT, 'bindings-wasm', 'pkg', build, 'fleetgate_wasm_bg.wasm'));
    result[build] = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, budget: BUDGETS[build], sections: sections(bytes) };
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  let over = false;
  for (const [build, m] of Object.entries(measure())) {
    console.log(`${build}: ${kb(m.raw)} raw, ${kb(m.gzip)} gzip -9 (budget ${kb(m.budget)})`);
    for (const s of m.sections.filter((s) => s.raw > 1024)) console.log(`  ${s.name.padEnd(28)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} gzip`);
    if (m.gzip > m.budget) over = true;
  }
  if (process.argv.includes('--check') && over) {
    console.error('a fleetgate-wasm build is over its gzip budget (see benches/README.md, "Sizes")');
    process.exit(1);
  }
}
