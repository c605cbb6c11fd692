//! Shared data generators for the benches (deterministic, no I/O).

/// A deterministic xorshift generator: the same data on every run and machine.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    /// The next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// A vehicle's odometer history as columns: km values, unix-second times (shuffled: deliveries arrive out of
/// order), event ids with ~2% retries, ~0.5% backwards glitches and ~0.1% sentinels.
pub struct OdometerColumns {
    /// Values in km.
    pub values: Vec<f64>,
    /// Reading times in unix seconds.
    pub times: Vec<f64>,
    /// Event ids.
    pub event_ids: Vec<String>,
}

/// `n` readings of one vehicle, generated from `seed`.
pub fn odometer_columns(n: usize, seed: u64) -> OdometerColumns {
    let mut rng = Rng::new(seed);
    let (mut values, mut ids) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut km = 10_000.0_f64;
    for i in 0..n {
        km += (rng.below(2_000) as f64) / 1000.0; // up to 2 km between readings, 5 minutes apart
        let roll = rng.below(1000);
        let value = match roll {
            0 => 999_999.0,
            1..=5 => km - 50.0,
            _ => (km * 10.0).round() / 10.0,
        };
        values.push(value);
        ids.push(if roll >= 980 && i > 0 { i - 1 } else { i });
    }
    // deliveries arrive out of order
    for i in (1..n).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        values.swap(i, j);
        ids.swap(i, j);
    }
    // Built after shuffling, as a binding builds them from the caller's columns: in input order.
    let times = ids.iter().map(|&id| 1_700_000_000.0 + (id as f64) * 300.0).collect();
    let event_ids = ids.iter().map(|id| format!("evt-{id}")).collect();
    OdometerColumns { values, times, event_ids }
}
