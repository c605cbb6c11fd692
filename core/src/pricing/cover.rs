//! The cheapest cover of a number of steps (hours, or calendar months) by rules of a fixed length each: an
//! unbounded covering knapsack, made cheap on any rate card by two exact reductions.
//!
//! 1. **Dominated rules are dropped**: a rule no longer than another one and dearer (or as dear and listed after
//!    it) is never the cheapest last step, so the table is computed over at most one rule per length, and only
//!    over rules that get strictly dearer as they get longer.
//! 2. **The best-ratio rule repeats**: let `b` be the rule with the lowest price per step. Some cheapest cover
//!    uses fewer than `len(b)` other rules (any `len(b)` of them contain a group whose lengths add up to a
//!    multiple of `len(b)`, which `b` covers for no more), so beyond `T = (len(b) - 1) x longest` steps,
//!    `cost(s) = cost(s - len(b)) + price(b)`. The table stops at `T + len(b)`; larger sizes add copies of `b`.
//!
//! The table then has `min(size, T + len(b)) + 1` rows of at most `rules` entries; when that product is above
//! [`BEST_MODE_MAX_STEPS`](super::BEST_MODE_MAX_STEPS) the quote is `quote_too_complex` instead of a long
//! computation.

/// A rule as the cover sees it: how many steps it covers and its price.
pub(super) type Item = (usize, i64);

/// The cheapest covers of every size up to some bound, with enough to rebuild which rules each one uses.
pub(super) struct Cover {
    /// `cost[s]` for `s <= table_max`.
    cost: Vec<Option<i64>>,
    /// The item chosen last for each `s <= table_max` (an index into the caller's items).
    choice: Vec<usize>,
    /// The caller's items, lengths clipped to the size.
    items: Vec<Item>,
    /// The positions of the items not dominated by another, in the caller's order.
    kept: Vec<usize>,
    /// The best-ratio item that repeats beyond the table, and the largest size the table holds.
    repeat: Option<usize>,
    table_max: usize,
}

impl Cover {
    /// Plans the cheapest covers of `0..=size` steps with `items` (`(steps, price)`, prices non-negative): which
    /// rules are kept and how large the table must be. Nothing is computed until [`Cover::compute`].
    pub(super) fn plan(size: usize, items: &[Item]) -> Self {
        let items: Vec<Item> = items.iter().map(|&(len, price)| (len.clamp(1, size.max(1)), price)).collect();
        // Sweep by length (longest first), price, position: a rule is dominated when an earlier one in this order
        // is cheaper, or as cheap and listed before it.
        let mut by_len: Vec<usize> = (0..items.len()).collect();
        by_len.sort_unstable_by_key(|&i| (std::cmp::Reverse(items[i].0), items[i].1, i));
        let mut best: Option<(i64, usize)> = None;
        let mut kept = Vec::new();
        for i in by_len {
            let here = (items[i].1, i);
            if best.is_none_or(|b| here < b) {
                kept.push(i);
                best = Some(here);
            }
        }
        kept.sort_unstable();
        // The best price per step: price_a / len_a < price_b / len_b, compared exactly as integers.
        let ratio_lt = |a: usize, b: usize| {
            i128::from(items[a].1) * (items[b].0 as i128) < i128::from(items[b].1) * (items[a].0 as i128)
        };
        let repeat = kept.iter().copied().reduce(|b, i| if ratio_lt(i, b) { i } else { b });
        let table_max = match repeat {
            Some(b) => {
                let longest = kept.iter().map(|&i| items[i].0).max().unwrap_or(1);
                (items[b].0 - 1).saturating_mul(longest).saturating_add(items[b].0).min(size)
            }
            None => size,
        };
        let repeat = repeat.filter(|_| table_max < size);
        Cover { cost: Vec::new(), choice: Vec::new(), items, kept, repeat, table_max }
    }

    /// The work [`Cover::compute`] will do: table rows x rules kept.
    pub(super) fn steps(&self) -> usize {
        self.table_max.saturating_add(1).saturating_mul(self.kept.len().max(1))
    }

    /// Fills the table.
    pub(super) fn compute(mut self) -> Self {
        let table_max = self.table_max;
        let mut cost: Vec<Option<i64>> = vec![None; table_max + 1];
        let mut choice = vec![usize::MAX; table_max + 1];
        cost[0] = Some(0);
        for s in 1..=table_max {
            for &i in &self.kept {
                let (len, price) = self.items[i];
                let rest = cost[s.saturating_sub(len)];
                if let Some(c) = rest.and_then(|r| r.checked_add(price)).filter(|c| *c <= super::MAX_MINOR) {
                    if cost[s].is_none_or(|best| c < best) {
                        cost[s] = Some(c);
                        choice[s] = i;
                    }
                }
            }
        }
        self.cost = cost;
        self.choice = choice;
        self
    }

    /// How many copies of the repeating item a cover of `size` adds to the table's cover of the rest.
    fn copies(&self, size: usize) -> (usize, usize) {
        match self.repeat {
            Some(b) if size > self.table_max => {
                let len = self.items[b].0;
                let k = (size - self.table_max).div_ceil(len);
                (k, size - k * len)
            }
            _ => (0, size),
        }
    }

    /// The cheapest cover's price for `size` steps; `None` when none fits in 2^53 - 1 minor units.
    pub(super) fn cost(&self, size: usize) -> Option<i64> {
        let (k, rest) = self.copies(size);
        let base = self.cost.get(rest).copied().flatten()?;
        let extra = match self.repeat {
            Some(b) => i64::try_from(k).ok()?.checked_mul(self.items[b].1)?,
            None => 0,
        };
        base.checked_add(extra).filter(|t| *t <= super::MAX_MINOR)
    }

    /// How many times each item is used in the cheapest cover of `size` steps.
    pub(super) fn taken(&self, size: usize) -> Vec<u64> {
        let mut counts = vec![0u64; self.items.len()];
        let (k, mut s) = self.copies(size);
        if let Some(b) = self.repeat {
            counts[b] += k as u64;
        }
        while s > 0 {
            let i = self.choice[s];
            counts[i] += 1;
            s = s.saturating_sub(self.items[i].0);
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain table over every size and item: the reference the reductions must agree with.
    fn brute(size: usize, items: &[Item]) -> Vec<Option<i64>> {
        let mut cost: Vec<Option<i64>> = vec![None; size + 1];
        cost[0] = Some(0);
        for s in 1..=size {
            for &(len, price) in items {
                if let Some(c) = cost[s.saturating_sub(len)].map(|r| r + price) {
                    if cost[s].is_none_or(|b| c < b) {
                        cost[s] = Some(c);
                    }
                }
            }
        }
        cost
    }

    #[test]
    fn reductions_agree_with_the_plain_table() {
        let cards: [&[Item]; 5] = [
            &[(1, 15), (24, 65), (168, 290)],
            &[(3, 10), (5, 16), (7, 21)],
            &[(2, 0), (9, 1)],
            &[(4, 7), (4, 5), (1, 2), (10, 30)],
            &[(1000, 3), (1, 1)],
        ];
        for items in cards {
            for size in [0, 1, 2, 5, 23, 24, 25, 100, 500, 2000] {
                let cover = Cover::plan(size, items).compute();
                let reference = brute(size, items);
                for (s, &expected) in reference.iter().enumerate() {
                    assert_eq!(cover.cost(s), expected, "size {size}, s {s}, items {items:?}");
                    let used: i64 = cover.taken(s).iter().zip(items).map(|(&n, &(_, p))| n as i64 * p).sum();
                    let length: usize = cover.taken(s).iter().zip(items).map(|(&n, &(l, _))| n as usize * l).sum();
                    assert_eq!(Some(used), expected);
                    assert!(length >= s);
                }
            }
        }
    }
}
