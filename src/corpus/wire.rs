//! Copies of one text: the same agency story reprinted by several outlets (wire copy), found by
//! the word 5-grams ("shingles") of the kept text. Each document keeps a bottom-k sketch of its
//! shingles' hashes ([`Sketch`]: the [`K`] smallest, and how many shingles it has), made as its
//! tokens are read, with no allocation a token; two documents are copies of one text when most of
//! the shorter one's shingles are in the other ([`same_text`]). The rules count copies as one
//! voice ([`voices`]); every copy keeps its own claims and labels.

use crate::lang::token::{Tok, TokKind};
use crate::lang::Map;

/// The number of hashes a sketch keeps.
pub const K: usize = 32;
/// Words a shingle.
const SHINGLE: usize = 5;
/// Of the shorter text's shingles, the share the other must hold for one text.
const MIN_CONTAINED: f64 = 0.6;
/// Shingles two copies must share at least: a quoted paragraph of two independent reports is
/// about one shingle a word; a copy of a wire story shares far more.
const MIN_SHARED: f64 = 30.0;
/// The first hashes of a sketch under which it is indexed to find candidate pairs.
const BANDS: usize = 4;
/// A hash that more documents than this share (page furniture left in) proposes no pairs.
const MAX_BUCKET: usize = 64;

/// A document's sketch: the [`K`] smallest distinct shingle hashes (sorted) and the number of
/// shingles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sketch {
    pub shingles: u32,
    pub mins: Box<[u32]>,
}

/// The sketch of the words (and numbers) of `tokens`, read from the lower-cased text `lower`.
pub fn sketch<'a>(lower: &str, tokens: impl Iterator<Item = &'a Tok>) -> Sketch {
    // a rolling polynomial hash of the last SHINGLE word hashes: one multiply-add a word
    const P: u64 = 0x100_0000_01b3;
    const P_OUT: u64 = P.wrapping_mul(P).wrapping_mul(P).wrapping_mul(P).wrapping_mul(P);
    let mut last = [0u64; SHINGLE];
    let (mut seen, mut at, mut shingles, mut h) = (0usize, 0usize, 0u32, 0u64);
    let mut mins: Vec<u32> = Vec::with_capacity(K + 1);
    for t in tokens.filter(|t| matches!(t.kind, TokKind::Word | TokKind::Digits)) {
        let w = word_hash(lower.as_bytes().get(t.start..t.end).unwrap_or_default());
        // (`at` is `seen % SHINGLE`, kept without a division)
        let slot = &mut last[at];
        h = h.wrapping_mul(P).wrapping_add(w).wrapping_sub(slot.wrapping_mul(P_OUT));
        *slot = w;
        at = if at + 1 == SHINGLE { 0 } else { at + 1 };
        seen += 1;
        if seen < SHINGLE {
            continue;
        }
        shingles = shingles.saturating_add(1);
        let x = (mix(h) >> 32) as u32;
        if mins.len() == K && x >= mins[K - 1] {
            continue;
        }
        if let Err(at) = mins.binary_search(&x) {
            mins.insert(at, x);
            mins.truncate(K);
        }
    }
    Sketch { shingles, mins: mins.into_boxed_slice() }
}

fn word_hash(b: &[u8]) -> u64 {
    // (a fixed seed: the same sketch on every run and machine)
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x5ca1_ab1e).hash_one(b)
}

/// splitmix64's finaliser.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The estimated number of shingles `a` and `b` share (from the bottom-k of their union: the
/// share of it in both estimates their resemblance, exact for texts of fewer than [`K`]).
pub fn shared(a: &Sketch, b: &Sketch) -> f64 {
    let (mut i, mut j, mut both, mut n) = (0, 0, 0usize, 0usize);
    while n < K && (i < a.mins.len() || j < b.mins.len()) {
        match (a.mins.get(i), b.mins.get(j)) {
            (Some(x), Some(y)) if x == y => {
                both += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), None) => i += 1,
            _ => j += 1,
        }
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let jac = both as f64 / n as f64;
    jac * (f64::from(a.shingles) + f64::from(b.shingles)) / (1.0 + jac)
}

/// Whether `a` and `b` are copies of one text: at least [`MIN_SHARED`] shingles shared, and
/// [`MIN_CONTAINED`] of the shorter one's.
pub fn same_text(a: &Sketch, b: &Sketch) -> bool {
    let shorter = f64::from(a.shingles.min(b.shingles));
    let s = shared(a, b);
    shorter > 0.0 && s >= MIN_SHARED && s >= MIN_CONTAINED * shorter
}

/// The voice of each document: the index of the first document of its copies of one text (its
/// own for a text of its own). Pairs are tried only when their sketches share one of their
/// [`BANDS`] smallest hashes (copies of one text almost always do; two unrelated texts rarely).
pub fn voices<'a>(sketches: impl Iterator<Item = &'a Sketch>) -> Vec<u32> {
    let sketches: Vec<&Sketch> = sketches.collect();
    let mut bucket: Map<u32, Vec<u32>> = Map::default();
    for (i, s) in sketches.iter().enumerate() {
        for &h in s.mins.iter().take(BANDS) {
            bucket.entry(h).or_default().push(i as u32);
        }
    }
    let mut root: Vec<u32> = (0..sketches.len() as u32).collect();
    fn find(root: &mut [u32], mut i: u32) -> u32 {
        while root[i as usize] != i {
            root[i as usize] = root[root[i as usize] as usize];
            i = root[i as usize];
        }
        i
    }
    // each candidate pair is compared once, under the smallest band hash the two share whose
    // bucket is not too full (no set of the pairs tried); a pair already joined through others is not compared (the root of a
    // set of copies is its first document whatever the order of the joins, so the order of the
    // buckets and the skip change no voice)
    for (&h, docs) in bucket.iter().filter(|(_, d)| d.len() <= MAX_BUCKET) {
        for (x, &a) in docs.iter().enumerate() {
            for &b in &docs[x + 1..] {
                let (sa, sb) = (sketches[a as usize], sketches[b as usize]);
                if a == b || shared_below(&sa.mins, &sb.mins, h, &bucket) {
                    continue;
                }
                let (ra, rb) = (find(&mut root, a), find(&mut root, b));
                if ra != rb && same_text(sa, sb) {
                    root[ra.max(rb) as usize] = ra.min(rb);
                }
            }
        }
    }
    (0..sketches.len() as u32).map(|i| find(&mut root, i)).collect()
}

/// Whether the sketches' smallest hashes `a` and `b` share a band hash below `h` whose bucket
/// proposes pairs (where the pair is compared).
fn shared_below(a: &[u32], b: &[u32], h: u32, bucket: &Map<u32, Vec<u32>>) -> bool {
    fn below(s: &[u32], h: u32) -> impl Iterator<Item = &u32> {
        s.iter().take(BANDS).take_while(move |&&x| x < h)
    }
    below(a, h).any(|x| below(b, h).any(|y| y == x) && bucket[x].len() <= MAX_BUCKET)
}
