//! The sorting behind the batch: reading times by radix sort, and the first reading of every event id by a
//! bucket sort on hashes. Both are O(n log n) in the worst case whatever the input (all readings at one time,
//! crafted hash collisions) and close to O(n) on ordinary input. No hash table is keyed by caller data, so there is
//! nothing to flood.

use std::hash::BuildHasher as _;

/// "No reading" in the `u32` index arrays.
pub(super) const NONE: u32 = u32::MAX;

/// Bits per radix digit (2^11 counters: the histogram stays in L1).
const DIGIT_BITS: u32 = 11;

/// Indices `0..n` ordered by `(time(i), i)`, and the times in that order: a stable LSD radix sort over the bits
/// the times actually span, on `(time - min) << index_bits | index` packed into one `u64` when it fits (any batch
/// whose times span less than about 2^40 ms, 35 years, with a million readings), else a comparison sort.
#[inline(never)]
pub(super) fn by_time(n: usize, time: impl Fn(usize) -> i64) -> (Vec<u32>, Vec<i64>) {
    let (mut min, mut max) = (i64::MAX, i64::MIN);
    for i in 0..n {
        let t = time(i);
        min = min.min(t);
        max = max.max(t);
    }
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    let span = (i128::from(max) - i128::from(min)) as u128; // at most 2^64 - 1
    let span_bits = 128 - span.leading_zeros();
    let index_bits = (usize::BITS - (n - 1).leading_zeros()).max(1);
    if span_bits + index_bits > 64 {
        let mut keys: Vec<(i64, u32)> = (0..n).map(|i| (time(i), i as u32)).collect();
        keys.sort_unstable();
        return keys.into_iter().map(|(t, i)| (i, t)).unzip();
    }
    let mut keys: Vec<u64> =
        (0..n).map(|i| ((i128::from(time(i)) - i128::from(min)) as u64) << index_bits | i as u64).collect();
    // Keys are built in index order and the sort is stable, so only the time bits need sorting.
    radix_sort(&mut keys, index_bits, index_bits + span_bits);
    let mask = (1u64 << index_bits) - 1;
    // min + offset <= max: no overflow.
    keys.into_iter().map(|k| ((k & mask) as u32, min + (k >> index_bits) as i64)).unzip()
}

/// Stable LSD radix sort of `keys` on bits `low..high`.
fn radix_sort(keys: &mut Vec<u64>, low: u32, high: u32) {
    let mut scratch = vec![0u64; keys.len()];
    let mut shift = low;
    while shift < high {
        let bits = DIGIT_BITS.min(high - shift);
        let mask = (1u64 << bits) - 1;
        let digit = |k: u64| ((k >> shift) & mask) as usize;
        let mut counts = vec![0usize; 1 << bits];
        for &k in keys.iter() {
            counts[digit(k)] += 1;
        }
        if counts.contains(&keys.len()) {
            shift += bits; // every key has this digit: the pass would change nothing
            continue;
        }
        let mut next = 0;
        for c in counts.iter_mut() {
            let here = *c;
            *c = next;
            next += here;
        }
        for &k in keys.iter() {
            let d = digit(k);
            scratch[counts[d]] = k;
            counts[d] += 1;
        }
        std::mem::swap(keys, &mut scratch);
        shift += bits;
    }
}

/// Links every reading that repeats an earlier event id to the first reading with that id: `link(i, first)` is
/// called for each such `i`, where "first" means least by `key` (the processing order among readings sharing an
/// id). Readings whose id is unique, or who are the first, are not linked.
///
/// Ids are hashed once in input order (where their text lies sequentially in memory); `(hash, index)` pairs are
/// bucketed by the hash's top bits (a stable counting sort), each bucket sorted, and text is compared only within
/// runs of equal hashes. Runs whose texts differ (collisions, crafted or not) are sorted by text, so the worst case
/// is O(n log n) comparisons, never quadratic.
#[inline(never)]
pub(super) fn link_ids<'a, K: Ord>(
    n: usize,
    id: impl Fn(usize) -> Option<&'a str>,
    key: impl Fn(u32) -> K,
    link: impl FnMut(u32, u32),
) {
    let hasher = rustc_hash::FxBuildHasher;
    link_ids_with(n, id, key, link, |id| hasher.hash_one(id))
}

/// [`link_ids`] with the hash as a parameter (tests force collisions with a constant one).
fn link_ids_with<'a, K: Ord>(
    n: usize,
    id: impl Fn(usize) -> Option<&'a str>,
    key: impl Fn(u32) -> K,
    mut link: impl FnMut(u32, u32),
    hash: impl Fn(&str) -> u64,
) {
    // 0 marks "no id"; a hash is made odd so it never is.
    let hashes: Vec<u64> = (0..n).map(|i| id(i).map_or(0, |id| hash(id) | 1)).collect();
    let with_id = hashes.iter().filter(|&&h| h != 0).count();
    if with_id < 2 {
        return;
    }
    // About 500 ids per bucket and at most 2^11 buckets: the scatter below writes to few enough places at once to
    // stay in cache, and each bucket sorts in L1.
    let bucket_bits = (usize::BITS - with_id.leading_zeros()).saturating_sub(9).clamp(1, 11);
    let bucket = |h: u64| (h >> (64 - bucket_bits)) as usize;
    let mut counts = vec![0usize; (1 << bucket_bits) + 1];
    for &h in &hashes {
        if h != 0 {
            counts[bucket(h) + 1] += 1;
        }
    }
    for b in 1..counts.len() {
        counts[b] += counts[b - 1];
    }
    let starts = counts.clone();
    // (the 32 hash bits below the bucket's, index) in one u64: 43 or more hash bits tell ids apart; equal ones
    // are compared as text anyway.
    let mut pairs = vec![0u64; with_id];
    for (i, &h) in (0u64..).zip(&hashes) {
        if h != 0 {
            let slot = &mut counts[bucket(h)];
            pairs[*slot] = (h >> (32 - bucket_bits)) << 32 | i;
            *slot += 1;
        }
    }
    drop(hashes);
    let index = |pair: u64| pair as u32;
    let text = |pair: u64| id(index(pair) as usize).unwrap_or_default();
    // Links every member of `same` (one id) to its least by `key`.
    let mut link_run = |same: &[u64]| {
        let first = same.iter().map(|&p| index(p)).min_by_key(|&i| key(i)).unwrap_or(NONE);
        for &p in same {
            if index(p) != first {
                link(index(p), first);
            }
        }
    };
    for b in 0..(1 << bucket_bits) {
        let run = &mut pairs[starts[b]..starts[b + 1]];
        if run.len() < 2 {
            continue;
        }
        run.sort_unstable();
        let mut start = 0;
        while start < run.len() {
            let h = run[start] >> 32;
            let end = start + run[start..].iter().take_while(|&&pair| pair >> 32 == h).count();
            let same = &mut run[start..end];
            if same.len() > 1 {
                let head = text(same[0]);
                if same[1..].iter().all(|&pair| text(pair) == head) {
                    link_run(same);
                } else {
                    same.sort_unstable_by(|&a, &b| text(a).cmp(text(b)).then(a.cmp(&b)));
                    let mut from = 0;
                    while from < same.len() {
                        let t = text(same[from]);
                        let to = from + same[from..].iter().take_while(|&&p| text(p) == t).count();
                        if to - from > 1 {
                            link_run(&same[from..to]);
                        }
                        from = to;
                    }
                }
            }
            start = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_order_is_stable_by_time() {
        let times = [5i64, -3, 5, i64::MIN, 0, -3];
        let (order, sorted) = by_time(times.len(), |i| times[i]);
        assert_eq!(order, [3, 1, 5, 4, 0, 2]);
        assert_eq!(sorted, [i64::MIN, -3, -3, 0, 5, 5]);
        let narrow = [7i64, 3, 7, 3, 1 << 40];
        assert_eq!(by_time(narrow.len(), |i| narrow[i]).0, [1, 3, 0, 2, 4]);
        let wide = [i64::MAX, i64::MIN, 0];
        assert_eq!(by_time(wide.len(), |i| wide[i]), (vec![1, 2, 0], vec![i64::MIN, 0, i64::MAX]));
        assert_eq!(by_time(1, |_| 9), (vec![0], vec![9]));
        assert!(by_time(0, |_| 0).0.is_empty());
    }

    #[test]
    fn ids_link_to_their_first_even_when_hashes_collide() {
        let ids = [Some("a"), Some("b"), Some("a"), None, Some("b"), Some("c"), Some("a")];
        let links = |key: &dyn Fn(u32) -> u32, hash: Option<u64>| {
            let mut out = vec![NONE; ids.len()];
            let set = |i: u32, first: u32| out[i as usize] = first;
            match hash {
                None => link_ids(ids.len(), |i| ids[i], key, set),
                Some(h) => link_ids_with(ids.len(), |i| ids[i], key, set, |_| h),
            }
            out
        };
        // Every id in one bucket with one hash is what a crafted collision looks like; text still decides.
        for hash in [None, Some(0), Some(u64::MAX), Some(1 << 63)] {
            assert_eq!(links(&|i| i, hash), [NONE, NONE, 0, NONE, 1, NONE, 0]);
            assert_eq!(links(&|i| 10 - i, hash), [6, 4, 6, NONE, NONE, NONE, NONE]);
        }
    }
}
