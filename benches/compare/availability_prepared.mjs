// Prepared bookings through the napi module and the WASM package in Node, in the same run as the plain-JS sweep a
// Node user would write. 100 queries (one-week windows spread over two years) over the same 10,000 bookings (those
// of benches/benches/booking.rs and benches/booking_compare.mjs):
//
// - fleetgate `new availability.Bookings(bookings)` built once, then `available` / `timeline` per query;
// - a plain JS sweep: the bookings turned into blocked intervals and sorted by start once, then per query a loop
//   over them (stopping at the first that starts after the window), the window's changes sorted and swept;
// - the old free functions `availability.available` / `timeline`, which read all 10,000 bookings per call.
//
// Every answer is checked to be the same before timing; times are the best of ROUNDS rounds (default 5; the free
// functions: 2). Run after `PROFILE=release bash scripts/build.sh`: node benches/compare/availability_prepared.mjs
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

import * as wasm from '../../bindings-wasm/node.js';

const napi = createRequire(import.meta.url)('../../bindings-node/main.js');
const START = 1_706_781_600;
const WEEK = 7 * 86_400;
const YEAR = 366 * 86_400;
const STOCK = 5;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const BOOKINGS = [];
for (let i = 0; i < 10_000; i++) {
  const start = START + ((i * 6_700) % (2 * YEAR)) + (i % 7) * 3600;
  BOOKINGS.push({ start, end: start + 3600 * (1 + ((i * 37) % 72)), quantity: 1 + (i % 3), padding_hours: i % 2 });
}
const WINDOWS = Array.from({ length: 100 }, (_, k) => {
  const f = START + Math.floor((k * (2 * YEAR - WEEK)) / 100);
  return [f, f + WEEK];
});

/** Once: blocked intervals {s, e, q} sorted by start. */
function hostPrepare(bookings) {
  return bookings
    .map((b) => ({ s: b.start - 3600 * (b.padding_hours ?? 0), e: b.end, q: b.quantity ?? 1 }))
    .sort((a, b) => a.s - b.s);
}

/** Per query: the level at `f` and the net changes inside (f, t), one loop over the sorted intervals. */
function hostChanges(intervals, f, t) {
  let level = 0;
  const changes = new Map();
  for (const { s, e, q } of intervals) {
    if (s >= t) break;
    if (e <= f) continue;
    if (s <= f) level += q;
    else changes.set(s, (changes.get(s) ?? 0) + q);
    if (e < t) changes.set(e, (changes.get(e) ?? 0) - q);
  }
  return { level, at: [...changes.keys()].sort((a, b) => a - b), changes };
}

function hostAvailable(intervals, stock, f, t) {
  let { level, at, changes } = hostChanges(intervals, f, t);
  let peak = level;
  for (const x of at) {
    level += changes.get(x);
    peak = Math.max(peak, level);
  }
  return Math.max(0, stock - peak);
}

/** Segments [start, end, available] as unix seconds, equal neighbours merged. */
function hostTimeline(intervals, stock, f, t) {
  let { level, at, changes } = hostChanges(intervals, f, t);
  const out = [[f, t, Math.max(0, stock - level)]];
  for (const x of at) {
    level += changes.get(x);
    const free = Math.max(0, stock - level);
    if (free !== out[out.length - 1][2]) {
      out[out.length - 1][1] = x;
      out.push([x, t, free]);
    }
  }
  return out;
}

function best(fn, rounds) {
  let min = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}
const ms = (x) => `${x.toFixed(2)} ms`;
const iso = (t) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

const intervals = hostPrepare(BOOKINGS);
const buildHost = best(() => hostPrepare(BOOKINGS), ROUNDS);
console.log(`Node ${process.version}, 10,000 bookings, 100 one-week queries (best of ${ROUNDS} rounds)\n`);
console.log('| package | query | fleetgate Bookings: build + 100 queries | plain JS sweep: sort + 100 queries | speed-up | old free function, 100 calls |');
console.log('|---|---|---|---|---|---|');
for (const [label, api] of [['napi', napi], ['WASM', wasm]]) {
  const prepared = new api.availability.Bookings(BOOKINGS);
  for (const [f, t] of WINDOWS) {
    const want = hostAvailable(intervals, STOCK, f, t);
    if (prepared.available(STOCK, f, t) !== want || api.availability.available(STOCK, BOOKINGS, f, t) !== want) {
      throw new Error(`${label}: available differs at ${f}`);
    }
    const segments = JSON.stringify(hostTimeline(intervals, STOCK, f, t).map(([a, b, n]) => [iso(a), iso(b), n]));
    if (JSON.stringify(prepared.timeline(STOCK, f, t).map((s) => [s.start, s.end, s.available])) !== segments) {
      throw new Error(`${label}: timeline differs at ${f}`);
    }
  }
  const buildFg = best(() => new api.availability.Bookings(BOOKINGS), ROUNDS);
  const rows = [
    ['available', () => WINDOWS.map(([f, t]) => prepared.available(STOCK, f, t)),
      () => WINDOWS.map(([f, t]) => hostAvailable(intervals, STOCK, f, t)),
      () => WINDOWS.map(([f, t]) => api.availability.available(STOCK, BOOKINGS, f, t))],
    ['timeline', () => WINDOWS.map(([f, t]) => prepared.timeline(STOCK, f, t)),
      () => WINDOWS.map(([f, t]) => hostTimeline(intervals, STOCK, f, t)),
      () => WINDOWS.map(([f, t]) => api.availability.timeline(STOCK, BOOKINGS, f, t))],
  ];
  for (const [name, fg, host, free] of rows) {
    const [qFg, qHost, qFree] = [best(fg, ROUNDS), best(host, ROUNDS), best(free, 2)];
    const [totalFg, totalHost] = [buildFg + qFg, buildHost + qHost];
    console.log(`| ${label} | \`${name}\` | ${ms(totalFg)} (${ms(buildFg)} + ${ms(qFg)}) | ${ms(totalHost)} `
      + `(${ms(buildHost)} + ${ms(qHost)}) | ${(totalHost / totalFg).toFixed(1)}x (queries alone `
      + `${(qHost / qFg).toFixed(0)}x) | ${ms(qFree)} |`);
  }
}
