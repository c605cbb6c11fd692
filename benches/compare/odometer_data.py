"""The benches' odometer data set, generated exactly like benches/src/lib.rs (same xorshift, same seed), so the Rust,
Python and Node benches judge the same readings."""

from __future__ import annotations

import math

MASK = (1 << 64) - 1


class Rng:
    def __init__(self, seed: int) -> None:
        self.state = seed | 1

    def next_u64(self) -> int:
        s = self.state
        s ^= (s << 13) & MASK
        s ^= s >> 7
        s ^= (s << 17) & MASK
        self.state = s
        return s

    def below(self, n: int) -> int:
        return self.next_u64() % n


def odometer_columns(n: int, seed: int = 42) -> tuple[list[float], list[float], list[str]]:
    """(values in km, reading times in unix seconds, event ids), shuffled like deliveries arriving out of order."""
    rng = Rng(seed)
    values: list[float] = []
    ids: list[int] = []
    km = 10_000.0
    for i in range(n):
        km += rng.below(2_000) / 1000.0
        roll = rng.below(1000)
        if roll == 0:
            value = 999_999.0
        elif roll <= 5:
            value = km - 50.0
        else:
            value = math.floor(km * 10.0 + 0.5) / 10.0
        values.append(value)
        ids.append(i - 1 if roll >= 980 and i > 0 else i)
    for i in range(n - 1, 0, -1):
        j = rng.below(i + 1)
        values[i], values[j] = values[j], values[i]
        ids[i], ids[j] = ids[j], ids[i]
    times = [1_700_000_000.0 + idx * 300.0 for idx in ids]
    return values, times, [f"evt-{idx}" for idx in ids]
