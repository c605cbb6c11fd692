// Booking areas through the napi module and the WASM package in Node, side by side with a plain-JS sweep line
// (what a Node user would otherwise write for availability).
// Run after `PROFILE=release scripts/build.sh`: node benches/booking_compare.mjs
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

import * as wasm from '../bindings-wasm/node.js';

const napi = createRequire(import.meta.url)('../bindings-node/index.js');
const START = 1_706_781_600;
const WEEK = 7 * 86_400;
const YEAR = 366 * 86_400;
const RULES = [
  { unit: 'hour', duration: 1, price: '15.00' },
  { unit: 'day', duration: 1, price: '65.00' },
  { unit: 'week', duration: 1, price: '290.00' },
  { unit: 'month', duration: 1, price: '950.00' },
];
const BOOKINGS = [];
for (let i = 0; i < 10_000; i++) { // the same 10,000 bookings as benches/benches/booking.rs
  const start = START + ((i * 6_700) % (2 * YEAR)) + (i % 7) * 3600;
  BOOKINGS.push({ start, end: start + 3600 * (1 + ((i * 37) % 72)), quantity: 1 + (i % 3), padding_hours: i % 2 });
}

function jsSweep(bookings, from, to) {
  const events = new Map();
  let level = 0;
  for (const b of bookings) {
    const s = b.start - 3600 * (b.padding_hours ?? 0);
    const q = b.quantity ?? 1;
    if (s < to && from < b.end) {
      if (s <= from) level += q; else events.set(s, (events.get(s) ?? 0) + q);
      if (b.end < to) events.set(b.end, (events.get(b.end) ?? 0) - q);
    }
  }
  let peak = level;
  for (const at of [...events.keys()].sort((a, b) => a - b)) {
    level += events.get(at);
    peak = Math.max(peak, level);
  }
  return peak;
}

function perCall(fn, n) {
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    best = Math.min(best, (performance.now() - t0) / n);
  }
  return best;
}
const show = (name, ms) => console.log(`| ${name} | ${ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`} |`);

console.log('| Node | time per call |\n|---|---|');
const F = START;
const T = START + 2 * YEAR;
for (const [label, api] of [['napi', napi], ['WASM', wasm]]) {
  const card = new api.pricing.RateCard(RULES);
  for (const [name, length] of [['week', WEEK], ['year', YEAR]]) {
    for (const mode of ['odoo', 'best']) {
      const n = mode === 'odoo' ? 5000 : 300;
      show(`${label} quote ${mode}, a ${name}`, perCall(() => card.quote(START, START + length, { mode, tz: 'Europe/Brussels' }), n));
    }
  }
  if (api.availability.unavailable(BOOKINGS, F, T) !== jsSweep(BOOKINGS, F, T)) throw new Error('results differ');
  show(`${label} availability.unavailable, 10,000 bookings`, perCall(() => api.availability.unavailable(BOOKINGS, F, T), 20));
  show(`${label} availability.timeline, 10,000 bookings`, perCall(() => api.availability.timeline(5, BOOKINGS, F, T), 20));
}
show('plain JS sweep line, 10,000 bookings', perCall(() => jsSweep(BOOKINGS, F, T), 20));
