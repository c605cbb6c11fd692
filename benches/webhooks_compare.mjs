// Webhook verification through the JS packages next to what a Node user writes instead (node:crypto createHmac +
// timingSafeEqual), in the same run. Build release bindings first: PROFILE=release bash scripts/build.sh
// Run: node benches/webhooks_compare.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';

const napi = createRequire(import.meta.url)('../bindings-node/main.js');
const wasm = await import('../bindings-wasm/node.js');
const AMT = 'bench-application-management-token';
const SIZES = [[20, '20 B'], [1024, '1 KiB'], [65536, '64 KiB'], [1 << 20, '1 MiB']];

/** Median ns per call of `fn` over 7 batches of about 0.1 s each. */
function measure(fn) {
  let n = 1;
  for (;;) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    if (Number(process.hrtime.bigint() - t) > 2e7) break;
    n *= 2;
  }
  n = Math.max(1, Math.round(n * 5));
  const samples = [];
  for (let s = 0; s < 7; s++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    samples.push(Number(process.hrtime.bigint() - t) / n);
  }
  return samples.sort((a, b) => a - b)[3];
}

const show = (ns, size) => `${ns < 1000 ? ns.toFixed(0) + ' ns' : (ns / 1000).toFixed(1) + ' µs'} (${(size / ns * 1e9 / 2 ** 20).toFixed(0)} MiB/s)`;
console.log('| body | fleetgate napi `verify` | fleetgate WASM `verify` | node:crypto createHmac + timingSafeEqual |');
console.log('|---|---|---|---|');
for (const [size, name] of SIZES) {
  const body = Buffer.alloc(size, 'x');
  const signature = createHmac('sha256', AMT).update(body).digest('hex');
  const headers = { 'sc-signature': signature };
  const napiVerifier = napi.webhooks.Verifier.smartcar(AMT);
  const wasmVerifier = wasm.webhooks.Verifier.smartcar(AMT);
  const byHand = () => {
    const got = Buffer.from(headers['sc-signature'], 'hex');
    const want = createHmac('sha256', AMT).update(body).digest();
    if (got.length !== want.length || !timingSafeEqual(got, want)) throw new Error('mismatch');
  };
  const row = [
    measure(() => napiVerifier.verify(headers, body)),
    measure(() => wasmVerifier.verify(headers, body)),
    measure(byHand),
  ];
  console.log(`| ${name} | ${row.map((ns) => show(ns, size)).join(' | ')} |`);
}
