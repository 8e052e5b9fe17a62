//! The entries of the term shards: each key's or pair's BM25 inverse document frequency and
//! its posting lists with every posting's impact, as JSON text
//! (`[idf*1000,"form","postings",…]`).

use rayon::prelude::*;

use super::dictionary::{Entry, Item, KeyForms};
use super::encode::{push_json_str, push_num, push_vlq};
use super::postings::Postings;
use super::MAX_POSTINGS;
use crate::search::SearchPage;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// The term-frequency part of BM25 (0 < x < K1 + 1) is stored as round(x / (K1 + 1) * 31),
/// clamped to 1..=31; the inverse document frequency once per key, times 1000.
const IMPACT_STEPS: f32 = 31.0;
/// The counts (1 ..= this) whose impact in each section is worked out once for all words.
const SMALL_TF: usize = 8;
/// Entries encoded per parallel job.
const ENTRIES_PER_JOB: usize = 4096;

/// The impact of a weighted count in a section: the term-frequency part of BM25 times the
/// page's `search_weight`, in 1..=31.
pub(super) struct Impacts {
    /// The length part of the BM25 denominator, per section.
    norm: Vec<f32>,
    /// The page's `search_weight`, per section.
    weight: Vec<f32>,
    /// The impacts of the small counts (nearly all postings) per section, worked out once:
    /// a load instead of a division for every posting.
    small: Vec<[u8; SMALL_TF]>,
}

impl Impacts {
    /// The impacts in the sections of weighted lengths `lens`, of pages `doc_pages`.
    pub(super) fn new(lens: &[u32], doc_pages: &[u32], pages: &[&SearchPage]) -> Impacts {
        let n = doc_pages.len() as f32;
        let avgdl = if doc_pages.is_empty() {
            1.0
        } else {
            (lens.iter().map(|&l| l as f64).sum::<f64>() as f32 / n).max(1.0)
        };
        let norm: Vec<f32> = lens
            .iter()
            .map(|&dl| K1 * (1.0 - B + B * dl as f32 / avgdl))
            .collect();
        let weight: Vec<f32> = doc_pages
            .iter()
            .map(|&p| pages[p as usize].weight.clamp(0.1, 10.0))
            .collect();
        let mut impacts = Impacts {
            norm,
            weight,
            small: Vec::new(),
        };
        impacts.small = (0..doc_pages.len())
            .map(|d| std::array::from_fn(|i| impacts.compute(d, i as u32 + 1) as u8))
            .collect();
        impacts
    }

    /// The impact of a weighted count `tf` in section `d`, worked out.
    #[inline]
    fn compute(&self, d: usize, tf: u32) -> u32 {
        let tf = tf as f32;
        let x = tf / (tf + self.norm[d]) * self.weight[d];
        // Rounded half up (x > 0).
        ((x * IMPACT_STEPS + 0.5) as u32).clamp(1, 31)
    }

    /// The impact of a weighted count `tf` in section `d`.
    #[inline]
    fn of(&self, d: u32, tf: u32) -> u32 {
        match self.small[d as usize].get((tf as usize).wrapping_sub(1)) {
            Some(&q) => q as u32,
            None => self.compute(d as usize, tf),
        }
    }
}

/// What encoding an entry reads.
pub(super) struct TermEncoder<'a> {
    /// The number of sections.
    pub(super) sections: usize,
    /// The word forms (exact form, key id), by form id.
    pub(super) forms: &'a [(String, u32)],
    /// The forms of every key.
    pub(super) key_forms: &'a KeyForms,
    /// The posting lists and document frequencies.
    pub(super) postings: &'a Postings,
    /// The impacts of the counts.
    pub(super) impacts: &'a Impacts,
}

impl TermEncoder<'_> {
    /// Every entry of `items` as JSON text, in parallel chunks: each chunk one string with
    /// the end offset of every entry.
    pub(super) fn encode_all(&self, items: &[Entry]) -> Vec<(String, Vec<usize>)> {
        items
            .par_chunks(ENTRIES_PER_JOB)
            .map(|chunk| {
                let mut out = String::with_capacity(chunk.len() * 64);
                let mut ends = Vec::with_capacity(chunk.len());
                let mut scratch = Vec::new();
                for (_, it, _) in chunk {
                    self.encode(*it, &mut out, &mut scratch);
                    ends.push(out.len());
                }
                (out, ends)
            })
            .collect()
    }

    /// The BM25 inverse document frequency of a key in `df` sections.
    #[inline]
    fn idf(&self, df: u32) -> f32 {
        let n = self.sections as f32;
        (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
    }

    /// Appends the entry of `item`: `[idf*1000,"form","postings",…]`.
    fn encode(&self, item: Item, out: &mut String, scratch: &mut Vec<(u32, u32)>) {
        out.push('[');
        match item {
            Item::Word(k) => {
                let idf = self.idf(self.postings.df[k as usize]);
                push_num(out, (idf * 1000.0 + 0.5) as usize);
                self.encode_forms(k, out, scratch);
            }
            Item::Pair(p) => {
                let pairs = &self.postings.pairs;
                let idf = self.idf(pairs.len_of(p) as u32);
                push_num(out, (idf * 1000.0 + 0.5) as usize);
                out.push_str(",\"\",");
                pairs.get_into(p, scratch);
                encode_postings(scratch, self.impacts, out);
            }
        }
        out.push(']');
    }

    /// Appends `,"form","postings"` for each form of key `k`, forms in byte order.
    fn encode_forms(&self, k: u32, out: &mut String, scratch: &mut Vec<(u32, u32)>) {
        let forms = self.key_forms.of(k);
        let mut sorted: [u32; 8] = [0; 8];
        let mut many: Vec<u32>;
        let forms: &mut [u32] = if forms.len() <= sorted.len() {
            sorted[..forms.len()].copy_from_slice(forms);
            &mut sorted[..forms.len()]
        } else {
            many = forms.to_vec();
            &mut many
        };
        let all = self.forms;
        forms.sort_unstable_by(|a, b| all[*a as usize].0.cmp(&all[*b as usize].0));
        for &f in forms.iter() {
            out.push(',');
            push_json_str(out, &all[f as usize].0);
            out.push(',');
            self.postings.forms.get_into(f, scratch);
            encode_postings(scratch, self.impacts, out);
        }
    }
}

/// Appends a posting list as a JSON string of [`push_vlq`] numbers: (section gap − 1,
/// impact) pairs, at most [`MAX_POSTINGS`] of them.
fn encode_postings(postings: &[(u32, u32)], impacts: &Impacts, out: &mut String) {
    out.push('"');
    if postings.len() > MAX_POSTINGS {
        encode_best_postings(postings, impacts, out);
    } else {
        let mut prev: i64 = -1;
        for &(d, tf) in postings {
            push_vlq(out, (d as i64 - prev - 1) as u32);
            push_vlq(out, impacts.of(d, tf));
            prev = d as i64;
        }
    }
    out.push('"');
}

/// The best [`MAX_POSTINGS`] of `postings` (higher impact first, then lower section), in
/// section order, without sorting: impacts are 1..=31, so a histogram gives the cut-off
/// impact and how many of the postings at exactly that impact fit.
fn encode_best_postings(postings: &[(u32, u32)], impacts: &Impacts, out: &mut String) {
    let scored: Vec<(u32, u32)> = postings
        .iter()
        .map(|&(d, tf)| (d, impacts.of(d, tf)))
        .collect();
    let mut hist = [0usize; 32];
    for &(_, q) in &scored {
        hist[q as usize] += 1;
    }
    let (mut cut, mut above) = (31usize, 0usize);
    while above + hist[cut] < MAX_POSTINGS {
        above += hist[cut];
        cut -= 1;
    }
    let mut at_cut = MAX_POSTINGS - above;
    let mut prev: i64 = -1;
    for (d, q) in scored {
        if (q as usize) < cut {
            continue;
        }
        if q as usize == cut {
            if at_cut == 0 {
                continue;
            }
            at_cut -= 1;
        }
        push_vlq(out, (d as i64 - prev - 1) as u32);
        push_vlq(out, q);
        prev = d as i64;
    }
}
