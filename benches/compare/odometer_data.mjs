// The benches' odometer data set, generated exactly like benches/src/lib.rs and odometer_data.py (same xorshift,
// same seed), so the Rust, Python and Node benches judge the same readings.

const MASK = (1n << 64n) - 1n;

class Rng {
  constructor(seed) {
    this.state = BigInt(seed) | 1n;
  }
  nextU64() {
    let s = this.state;
    s ^= (s << 13n) & MASK;
    s ^= s >> 7n;
    s ^= (s << 17n) & MASK;
    this.state = s;
    return s;
  }
  below(n) {
    return Number(this.nextU64() % BigInt(n));
  }
}

/** {values (km, Float64Array), times (unix seconds, Float64Array), eventIds (string[])}, shuffled. */
export function odometerColumns(n, seed = 42) {
  const rng = new Rng(seed);
  const values = new Float64Array(n);
  const ids = new Array(n);
  let km = 10000.0;
  for (let i = 0; i < n; i++) {
    km += rng.below(2000) / 1000.0;
    const roll = rng.below(1000);
    values[i] = roll === 0 ? 999999.0 : roll <= 5 ? km - 50.0 : Math.floor(km * 10.0 + 0.5) / 10.0;
    ids[i] = roll >= 980 && i > 0 ? i - 1 : i;
  }
  for (let i = n - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [values[i], values[j]] = [values[j], values[i]];
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  const times = Float64Array.from(ids, (id) => 1_700_000_000.0 + id * 300.0);
  return { values, times, eventIds: ids.map((id) => `evt-${id}`) };
}
