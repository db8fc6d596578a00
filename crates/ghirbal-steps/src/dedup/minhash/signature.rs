//! MinHash signatures: a text's matching normalization cut into word n-grams, each n-gram
//! hashed once (64-bit xxh3) and mapped through `bands × rows` seeded permutations, keeping
//! the minimum of each; and what is computed from signatures (band keys, estimated Jaccard).

use super::MinhashDedup;

/// Per-permutation multipliers and offsets (odd multipliers: bijective on u64), `n` of them
/// derived from `seed`.
pub(super) fn permutations(seed: u64, n: usize) -> Vec<(u64, u64)> {
    (0..n as u64)
        .map(|i| {
            let a = splitmix(seed ^ (i * 2 + 1)) | 1;
            let b = splitmix(seed.wrapping_add(0x5851_F42D_4C95_7F2D) ^ (i * 2 + 2));
            (a, b)
        })
        .collect()
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub(super) fn band_key(rows: usize, sig: &[u64], band: usize) -> u64 {
    let mut bytes = [0u8; 8 * 32];
    let slice = &sig[band * rows..(band + 1) * rows];
    if rows <= 32 {
        for (chunk, v) in bytes.chunks_exact_mut(8).zip(slice) {
            chunk.copy_from_slice(&v.to_le_bytes());
        }
        return xxhash_rust::xxh3::xxh3_64_with_seed(&bytes[..rows * 8], band as u64);
    }
    let bytes: Vec<u8> = slice.iter().flat_map(|v| v.to_le_bytes()).collect();
    xxhash_rust::xxh3::xxh3_64_with_seed(&bytes, band as u64)
}

pub(super) fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

impl MinhashDedup {
    /// Appends the MinHash signature of `text` to `out`; false (and nothing appended) when the
    /// text has no word. A text shorter than `ngram` words is one shingle.
    pub(super) fn signature_into(&self, text: &str, out: &mut Vec<u64>) -> bool {
        let folded = ghirbal_text::fold::fold(text);
        if folded.is_empty() {
            return false;
        }
        // The fold leaves single spaces between words, so every n-gram is a contiguous slice
        // of it: hash slices, no copies. Repeated n-grams need no removal: the minimum of a
        // multiset is the minimum of its set.
        let mut starts: Vec<usize> = vec![0];
        starts.extend(memchr::memchr_iter(b' ', folded.as_bytes()).map(|i| i + 1));
        let words = starts.len();
        let n = self.opts.ngram.min(words);
        let at = out.len();
        out.resize(at + self.perms.len(), u64::MAX);
        let sig = &mut out[at..];
        for first in 0..=(words - n) {
            let end = if first + n < words {
                starts[first + n] - 1
            } else {
                folded.len()
            };
            let x = xxhash_rust::xxh3::xxh3_64_with_seed(
                &folded.as_bytes()[starts[first]..end],
                self.opts.seed,
            );
            for (slot, &(a, b)) in sig.iter_mut().zip(&self.perms) {
                *slot = (*slot).min(x.wrapping_mul(a).wrapping_add(b));
            }
        }
        true
    }
}
