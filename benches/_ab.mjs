import { createRequire } from 'node:module';
import { RateLimiterMemory } from 'rate-limiter-flexible';
const req = createRequire(import.meta.url);
const raw = req('../bindings-node/index.js');
const main = req('../bindings-node/main.js');
const N = 300_000;
async function m(name, body) { await body(10000); const t = process.hrtime.bigint(); await body(N); console.log(name, (Number(process.hrtime.bigint() - t) / N).toFixed(0), 'ns'); }
const a = new raw.ratelimit.Limiter({ limit: 10, period: 3600 });
const b = new main.ratelimit.Limiter({ limit: 10, period: 3600 });
const out = new Float64Array(10);
const rlf = new RateLimiterMemory({ points: 10, duration: 3600 });
for (let r = 0; r < 3; r++) {
  await m('native class', (n) => { for (let i = 0; i < n; i++) a.check('203.0.113.7'); });
  await m('main.js wrapper', (n) => { for (let i = 0; i < n; i++) b.check('203.0.113.7'); });
  await m('checkInto alone', (n) => { for (let i = 0; i < n; i++) a.checkInto('203.0.113.7', undefined, undefined, out); });
  await m('size getter', (n) => { let s = 0; for (let i = 0; i < n; i++) s += a.size; });
  await m('rlf', async (n) => { for (let i = 0; i < n; i++) await rlf.consume('203.0.113.7').catch(() => false); });
}
process.exit(0);
