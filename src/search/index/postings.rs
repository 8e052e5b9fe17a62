//! Posting lists: the counts of every run, merged into one list of (section, weighted count)
//! per word form and per pair of keys, in section order, with each key's document frequency.

use super::count::Counted;
use super::entries::Entries;
use super::vocab::{PairVocab, Words};
use super::HashMap;

/// What the merge makes of the counts.
pub(super) struct Postings {
    /// By form id.
    pub(super) forms: PostingLists,
    /// By key id: the number of sections that have the key.
    pub(super) df: Vec<u32>,
    /// By pair id.
    pub(super) pairs: PostingLists,
    /// By pair id: the pair's keys (first << 32 | second).
    pub(super) pair_keys: Vec<u64>,
    /// By section: its weighted length.
    pub(super) lens: Vec<u32>,
}

/// Turns each section's counts into postings. Words and pairs are independent: their lists
/// are made side by side, each run's counts freed as soon as they are postings (they are
/// as big).
pub(super) fn build(counted: Vec<Counted>, words: &Words) -> Postings {
    let (lens, word_runs, pair_runs) = split_runs(counted);
    let ((forms, df), (pairs, pair_keys)) = rayon::join(
        || word_postings(word_runs, words),
        || pair_postings(pair_runs, &words.rmaps),
    );
    Postings {
        forms,
        df,
        pairs,
        pair_keys,
        lens,
    }
}

/// The word counts of a run.
struct WordRun {
    /// The id of its first section.
    base: u32,
    /// (local raw id, weighted tf) of its sections.
    entries: Entries,
    /// Per section: where its entries end.
    ends: Vec<u32>,
}

/// The pair counts of a run.
struct PairRun {
    /// The id of its first section.
    base: u32,
    /// Its pairs of local raw ids, by local pair id.
    local: Vec<(u32, u32)>,
    /// (local pair id, weighted tf) of its sections.
    entries: Entries,
    /// Per section: where its entries end.
    ends: Vec<u32>,
}

/// The runs' section lengths (one list), word counts and pair counts, apart.
fn split_runs(counted: Vec<Counted>) -> (Vec<u32>, Vec<WordRun>, Vec<PairRun>) {
    let sections = counted.iter().map(|c| c.lens.len()).sum();
    let mut lens: Vec<u32> = Vec::with_capacity(sections);
    let mut word_runs = Vec::with_capacity(counted.len());
    let mut pair_runs = Vec::with_capacity(counted.len());
    for c in counted {
        let base = lens.len() as u32;
        lens.extend_from_slice(&c.lens);
        let (word_ends, pair_ends): (Vec<u32>, Vec<u32>) = c.ends.into_iter().unzip();
        word_runs.push(WordRun {
            base,
            entries: c.forms,
            ends: word_ends,
        });
        pair_runs.push(PairRun {
            base,
            local: c.pairs,
            entries: c.pair_tf,
            ends: pair_ends,
        });
    }
    (lens, word_runs, pair_runs)
}

/// The postings of every word form and the document frequency of every key. The sizes
/// first, then the entries in section order.
fn word_postings(runs: Vec<WordRun>, words: &Words) -> (PostingLists, Vec<u32>) {
    let rmaps = &words.rmaps;
    let mut bound = vec![0u32; words.forms.len()];
    for (run, rmap) in runs.iter().zip(rmaps) {
        for (r, _) in run.entries.iter() {
            bound[rmap[r as usize].0 as usize] += 1;
        }
    }
    let mut postings = PostingLists::with_bounds(&bound);
    drop(bound);
    let mut df: Vec<u32> = vec![0; words.keys.len()];
    let mut last_doc: Vec<u32> = vec![u32::MAX; words.keys.len()];
    for (run, rmap) in runs.into_iter().zip(rmaps) {
        let mut from = 0;
        for (i, &to) in run.ends.iter().enumerate() {
            let id = run.base + i as u32;
            for (r, tf) in run.entries.range(from, to) {
                let (f, k) = rmap[r as usize];
                postings.add(f, id, tf);
                let k = k as usize;
                if last_doc[k] != id {
                    last_doc[k] = id;
                    df[k] += 1;
                }
            }
            from = to;
        }
    }
    (postings, df)
}

/// The postings of every pair of keys, and the pairs by id (numbered in order of
/// appearance). The pairs interned first, then the sizes, then the entries in section order.
fn pair_postings(runs: Vec<PairRun>, rmaps: &[Vec<(u32, u32)>]) -> (PostingLists, Vec<u64>) {
    let mut vocab = PairVocab::default();
    let pmaps: Vec<Vec<u32>> = runs
        .iter()
        .zip(rmaps)
        .map(|(run, rmap)| {
            run.local
                .iter()
                .map(|&(a, b)| vocab.pair(rmap[a as usize].1, rmap[b as usize].1))
                .collect()
        })
        .collect();
    let mut bound = vec![0u32; vocab.pairs.len()];
    for (run, pmap) in runs.iter().zip(&pmaps) {
        for (p, _) in run.entries.iter() {
            bound[pmap[p as usize] as usize] += 1;
        }
    }
    let mut postings = PostingLists::with_bounds(&bound);
    drop(bound);
    for (run, pmap) in runs.into_iter().zip(pmaps) {
        let mut from = 0;
        for (i, &to) in run.ends.iter().enumerate() {
            for (p, tf) in run.entries.range(from, to) {
                postings.add(pmap[p as usize], run.base + i as u32, tf);
            }
            from = to;
        }
    }
    (postings, vocab.pairs)
}

/// Postings lists stored one after the other: list `i` is entries `at[i].0..at[i].0 + at[i].1`,
/// (doc, weighted tf) in doc order. Filled in two passes: sizes (an upper bound), then entries.
/// A tf takes one byte; 255 means it is in `big` (five bytes an entry instead of eight: these
/// lists are the indexer's biggest structure once counting is done).
#[derive(Default)]
pub(super) struct PostingLists {
    /// Per list: (start, length), side by side (one cache line to read per entry added).
    at: Vec<(u32, u32)>,
    docs: Vec<u32>,
    tfs: Vec<u8>,
    big: HashMap<u32, u32>,
}

impl PostingLists {
    /// Room for `bound[i]` entries in list `i`.
    pub(super) fn with_bounds(bound: &[u32]) -> PostingLists {
        let mut at = Vec::with_capacity(bound.len());
        let mut total = 0u32;
        for &b in bound {
            at.push((total, 0));
            total += b;
        }
        PostingLists {
            at,
            docs: vec![0; total as usize],
            tfs: vec![0; total as usize],
            big: HashMap::default(),
        }
    }

    /// The weighted count of entry `j`.
    #[inline]
    fn tf_at(&self, j: usize) -> u32 {
        match self.tfs[j] {
            255 => self.big[&(j as u32)],
            tf => tf as u32,
        }
    }

    /// Sets the weighted count of entry `j`.
    #[inline]
    fn set_tf(&mut self, j: usize, tf: u32) {
        if tf < 255 {
            self.tfs[j] = tf as u8;
        } else {
            self.tfs[j] = 255;
            self.big.insert(j as u32, tf);
        }
    }

    /// Appends (doc, tf) to list `i`, adding to its last entry when that is the same doc
    /// (different raw tokens can be the same word form or pair).
    #[inline]
    pub(super) fn add(&mut self, i: u32, doc: u32, tf: u32) {
        let (s, n) = self.at[i as usize];
        let end = (s + n) as usize;
        if n > 0 && self.docs[end - 1] == doc {
            self.set_tf(end - 1, self.tf_at(end - 1) + tf);
        } else {
            self.docs[end] = doc;
            self.set_tf(end, tf);
            self.at[i as usize].1 += 1;
        }
    }

    /// The length of list `i`.
    #[inline]
    pub(super) fn len_of(&self, i: u32) -> usize {
        self.at[i as usize].1 as usize
    }

    /// List `i`, into `out` (cleared first).
    #[inline]
    pub(super) fn get_into(&self, i: u32, out: &mut Vec<(u32, u32)>) {
        out.clear();
        let (s, n) = self.at[i as usize];
        out.extend((s as usize..(s + n) as usize).map(|j| (self.docs[j], self.tf_at(j))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posting_lists_add_up_counts_past_one_byte() {
        let mut p = PostingLists::with_bounds(&[3, 2]);
        p.add(0, 4, 200);
        p.add(0, 4, 100); // same doc: 300, kept apart from the byte
        p.add(0, 9, 254);
        p.add(0, 11, 1);
        p.add(1, 2, 1000);
        p.add(1, 2, 1);
        let mut out = Vec::new();
        p.get_into(0, &mut out);
        assert_eq!(out, vec![(4, 300), (9, 254), (11, 1)]);
        p.get_into(1, &mut out);
        assert_eq!(out, vec![(2, 1001)]);
        assert_eq!((p.len_of(0), p.len_of(1)), (3, 1));
    }
}
