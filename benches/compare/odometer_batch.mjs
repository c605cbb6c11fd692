// Odometer backfill through the napi module's columnar API and through the WASM package's object API, next to a
// straightforward pure-JavaScript implementation of the same rules, on the same readings in the same run.
//
//   node benches/compare/odometer_batch.mjs [N]
//
// The script checks the implementations give the same statuses before it reports any timing.
import fleetgate from 'fleetgate';

import { odometerColumns } from './odometer_data.mjs';

const SENTINELS = new Set([999999, 16777215]);

/** The odometer rules (duplicates, order, speed) in plain JavaScript, km input. */
export function checkBatchPure(values, times, eventIds, maxSpeedKmh = 250, minElapsedS = 60) {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const bad = (v) => Number.isNaN(v) || v < 0 || SENTINELS.has(v);
  order.sort((a, b) => times[a] - times[b] || (eventIds[a] < eventIds[b] ? -1 : eventIds[a] > eventIds[b] ? 1 : 0)
    || Number(bad(values[a])) - Number(bad(values[b])) || values[a] - values[b] || a - b);
  const status = new Array(n);
  const seen = new Map();
  let prevM = null;
  let prevT = null;
  for (const i of order) {
    if (!seen.has(eventIds[i])) seen.set(eventIds[i], i);
    const first = seen.get(eventIds[i]);
    const v = values[i];
    if (bad(v)) { status[i] = 'void'; continue; }
    const m = Math.round(v * 1000);
    if (first !== i) { status[i] = 'duplicate'; continue; }
    const t = times[i] * 1000;
    if (prevM !== null) {
      const elapsedH = Math.max(t - prevT, minElapsedS * 1000) / 3_600_000;
      if (m < prevM || (m - prevM) / 1000 > maxSpeedKmh * elapsedH) { status[i] = 'void'; continue; }
    }
    status[i] = 'accept';
    if (prevM === null || m >= prevM) { prevM = m; prevT = t; }
  }
  return status;
}

const n = Number(process.argv[2] ?? 1_000_000);
const { values, times, eventIds } = odometerColumns(n);
const runs = [];
let start = performance.now();
const columns = fleetgate.odometer.checkBatchColumns({ values, units: 'km', times, eventIds });
runs.push(['fleetgate napi (columnar)', performance.now() - start]);
start = performance.now();
const pure = checkBatchPure(values, times, eventIds);
runs.push(['pure JavaScript (same rules)', performance.now() - start]);
let agree = 0;
for (let i = 0; i < n; i++) if (fleetgate.odometer.STATUSES[columns.status[i]] === pure[i]) agree++;
if (agree !== n) throw new Error(`implementations disagree on ${n - agree} of ${n} readings`);
console.log(`odometer batch, ${n.toLocaleString('en')} readings (statuses agree on all)`);
for (const [name, ms] of runs) {
  console.log(`  ${name.padEnd(32)} ${ms.toFixed(1).padStart(9)} ms  ${(n / ms / 1000).toFixed(2).padStart(6)} M readings/s`);
}
