//! Counting: each run of consecutive pages is extracted into sections and its words and
//! pairs of adjacent words counted at once, numbered locally in small per-thread tables.
//! Runs go in parallel; [`Counts`] holds them in order for the merge.

use std::time::Instant;

use rayon::prelude::*;

use super::entries::Entries;
use super::sections::{page_docs, Doc};
use super::HashMap;
use crate::search::tokenize;
use crate::search::SearchPage;

/// Weight of a word of the page title (first section of a page).
const TITLE_WEIGHT: u32 = 5;
/// Weight of a word of the section's heading.
const HEADING_WEIGHT: u32 = 3;

/// Word forms and keys are interned by their raw text; texts up to 16 bytes (nearly all) by
/// the bytes packed into one integer (no word contains a NUL byte, so the zero padding is
/// unambiguous), longer ones by the string.
///
/// Read with a few loads that may overlap (no copy through memory: every token is packed).
#[inline]
pub(super) fn pack16(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    let n = b.len();
    let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or_default());
    let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or_default());
    Some(match n {
        0 => 0,
        1..=3 => {
            // First, middle and last byte (some the same for short texts).
            let v = b[0] as u32
                | (b[n / 2] as u32) << (8 * (n / 2))
                | (b[n - 1] as u32) << (8 * (n - 1));
            v as u128
        }
        4..=7 => (u32_at(0) as u64 | (u32_at(n - 4) as u64) << (8 * (n - 4))) as u128,
        8 => u64_at(0) as u128,
        9..=16 => u64_at(0) as u128 | ((u64_at(n - 8) >> (8 * (16 - n))) as u128) << 64,
        _ => return None,
    })
}

/// Word and pair counts of a run of consecutive sections, words and pairs numbered locally.
#[derive(Default)]
pub(super) struct Counted {
    /// The text of the distinct raw tokens, one after the other.
    raw_text: String,
    /// Distinct raw tokens by local id: (end of its text in `raw_text`, compound).
    raw: Vec<(u32, bool)>,
    /// Distinct pairs of adjacent raw tokens (local ids), by local pair id.
    pub(super) pairs: Vec<(u32, u32)>,
    /// (local raw id, weighted tf) of every section, one after the other.
    pub(super) forms: Entries,
    /// (local pair id, weighted tf) of every section, one after the other.
    pub(super) pair_tf: Entries,
    /// Per section: where its entries end in `forms` and `pair_tf`.
    pub(super) ends: Vec<(u32, u32)>,
    /// Per section: weighted length.
    pub(super) lens: Vec<u32>,
}

/// Weighted counts within one section, by local id (raw token or pair): `tf` has a slot for
/// every id, `touched` lists the ids counted since the section began.
#[derive(Default)]
struct SectionCounts {
    tf: Vec<u32>,
    touched: Vec<u32>,
}

impl SectionCounts {
    /// Adds `weight` to the count of `id` in this section.
    #[inline]
    fn add(&mut self, id: u32, weight: u32) {
        let tf = &mut self.tf[id as usize];
        if *tf == 0 {
            self.touched.push(id);
        }
        *tf += weight;
    }

    /// Appends this section's (id, count) entries to `out`, in the order the ids were first
    /// counted, and starts the next section at zero.
    fn drain_into(&mut self, out: &mut Entries) {
        for &i in &self.touched {
            out.push(i, std::mem::take(&mut self.tf[i as usize]));
        }
        self.touched.clear();
    }
}

thread_local! {
    /// The counting tables of this thread (a worker counts one run after another). They stay
    /// with the thread between builds (a few MB per thread; the preview reuses them).
    static COUNT_TABLES: std::cell::RefCell<CountTables> = Default::default();
}

/// The tables of counting, kept from run to run by each thread (cleared, not freed) so that
/// each run does not grow and rehash them anew from empty. Per thread, not per rayon job:
/// rayon splits a parallel loop into more jobs than threads, each would start empty.
#[derive(Default)]
struct CountTables {
    short: HashMap<u128, u32>,
    pair_ids: HashMap<u64, u32>,
    /// By local raw id: the raw token last seen right after it and the id of that pair (a
    /// cache in front of `pair_ids`: common words are followed by the same word again and again).
    succ: Vec<(u32, u32)>,
    /// By local raw id: its [`pack16`] text, 0 when longer than 16 bytes (no word packs to 0).
    packed: Vec<u128>,
    /// This section's weighted counts of raw tokens and of pairs.
    words: SectionCounts,
    pairs: SectionCounts,
    /// The sizes of the last run's counts: the next run's are made this big at once (runs
    /// are alike) instead of grown by doubling and copying.
    last: CountedSizes,
}

/// The lengths of the vectors of a [`Counted`].
#[derive(Default, Clone, Copy)]
struct CountedSizes {
    raw_text: usize,
    raw: usize,
    pairs: usize,
    forms: usize,
    pair_tf: usize,
    sections: usize,
}

/// State of counting one run of sections. Term frequencies are weighted counts (integers:
/// title ×5, heading ×3, body ×1).
struct Counter<'t> {
    /// Taken from the thread for the run (owned, not borrowed: fields of a borrowed struct
    /// cost a load more in the loop over tokens), given back by [`Counter::finish`].
    t: CountTables,
    /// Raw tokens longer than 16 bytes (rare), by their text in the run's sections.
    long: HashMap<&'t str, u32>,
    len: u32,
    out: Counted,
}

impl<'t> Counter<'t> {
    #[inline]
    fn raw_id(&mut self, raw: &'t str, packed: Option<u128>, compound: bool) -> u32 {
        let next = self.out.raw.len() as u32;
        let id = match packed {
            Some(p) => *self.t.short.entry(p).or_insert(next),
            None => *self.long.entry(raw).or_insert(next),
        };
        if id == next {
            let t = &mut self.t;
            self.out.raw_text.push_str(raw);
            self.out
                .raw
                .push((self.out.raw_text.len() as u32, compound));
            t.succ.push((u32::MAX, 0));
            t.packed.push(packed.unwrap_or(0));
            t.words.tf.push(0);
        }
        id
    }

    fn add_text(&mut self, text: &'t str, weight: u32) {
        let mut prev: Option<(u32, u32)> = None; // (pos, raw id)
        tokenize::for_each_token(text, 0, |t, _, _, pos, compound| {
            let packed = pack16(t);
            // The word that followed the previous word last time, if it is this one: its id
            // and the pair's without a lookup (a common case in running text, measured on the
            // benchmark corpus, see docs/BENCHMARKS.md).
            let cached = match (prev, packed, compound) {
                (Some((p, pr)), Some(pk), false) if p + 1 == pos => {
                    let (next, pid) = self.t.succ[pr as usize];
                    (next != u32::MAX && self.t.packed[next as usize] == pk).then_some((next, pid))
                }
                _ => None,
            };
            let id = match cached {
                Some((next, _)) => next,
                None => self.raw_id(t, packed, compound),
            };
            self.t.words.add(id, weight);
            if compound {
                return;
            }
            self.len += weight;
            if let Some((_, pr)) = prev.filter(|&(p, _)| p + 1 == pos) {
                let pid = match cached {
                    Some((_, pid)) => pid,
                    None => self.pair_id(pr, id),
                };
                self.t.pairs.add(pid, weight);
            }
            prev = Some((pos, id));
        });
    }

    /// The local id of the pair of raw tokens `first`, `second` (numbered when new), through
    /// the cache of `first`'s last successor.
    #[inline]
    fn pair_id(&mut self, first: u32, second: u32) -> u32 {
        let t = &mut self.t;
        let succ = &mut t.succ[first as usize];
        if succ.0 == second {
            return succ.1;
        }
        let next = self.out.pairs.len() as u32;
        let pid = *t
            .pair_ids
            .entry(((first as u64) << 32) | second as u64)
            .or_insert(next);
        if pid == next {
            self.out.pairs.push((first, second));
            t.pairs.tf.push(0);
        }
        *succ = (second, pid);
        pid
    }

    fn end_section(&mut self) {
        self.t.words.drain_into(&mut self.out.forms);
        self.t.pairs.drain_into(&mut self.out.pair_tf);
        self.out
            .ends
            .push((self.out.forms.end(), self.out.pair_tf.end()));
        self.out.lens.push(std::mem::take(&mut self.len));
    }

    /// The run's counts and the tables, emptied for the next run.
    fn finish(self) -> (Counted, CountTables) {
        let (out, mut t) = (self.out, self.t);
        t.last = out.sizes();
        // Not shrunk to fit (a copy each): the room left over at their ends is never
        // written, so its pages are never made resident.
        t.short.clear();
        t.pair_ids.clear();
        t.succ.clear();
        t.packed.clear();
        t.words.tf.clear();
        t.pairs.tf.clear();
        (out, t)
    }
}

impl Counted {
    /// Empty, with room for `n` of everything and an eighth more (runs differ a little: a
    /// vector that outgrows its room is copied into one twice as big).
    fn with_capacity(n: CountedSizes) -> Counted {
        let room = |len: usize| len + len / 8;
        Counted {
            raw_text: String::with_capacity(room(n.raw_text)),
            raw: Vec::with_capacity(room(n.raw)),
            pairs: Vec::with_capacity(room(n.pairs)),
            forms: Entries::with_capacity(room(n.forms)),
            pair_tf: Entries::with_capacity(room(n.pair_tf)),
            ends: Vec::with_capacity(room(n.sections)),
            lens: Vec::with_capacity(room(n.sections)),
        }
    }

    /// The lengths of its vectors.
    fn sizes(&self) -> CountedSizes {
        CountedSizes {
            raw_text: self.raw_text.len(),
            raw: self.raw.len(),
            pairs: self.pairs.len(),
            forms: self.forms.end() as usize,
            pair_tf: self.pair_tf.end() as usize,
            sections: self.ends.len(),
        }
    }

    /// The distinct raw tokens (text, compound), by local id.
    #[inline]
    pub(super) fn raw_tokens(&self) -> impl Iterator<Item = (&str, bool)> + '_ {
        let mut start = 0;
        self.raw.iter().map(move |&(end, compound)| {
            let t = &self.raw_text[start..end as usize];
            start = end as usize;
            (t, compound)
        })
    }
}

/// Pages per run of extraction and counting: each run extracts its pages' sections and
/// counts their words at once (the text is still in cache), numbering words and pairs
/// locally in small tables; runs go in parallel and are merged in order.
pub(super) const PAGES_PER_RUN: usize = 96;

/// Extracts the sections of consecutive pages (those of `html`, the first being page
/// `first` of `pages`) and counts them; the sections come back cut for their document shard.
fn extract_and_count(pages: &[&SearchPage], first: usize, html: &[&str]) -> (Counted, Vec<Doc>) {
    let mut docs = Vec::new();
    for (i, h) in html.iter().enumerate() {
        docs.extend(page_docs(pages[first + i], h, (first + i) as u32));
    }
    let counted = COUNT_TABLES.with(|t| {
        let (counted, tables) = count(t.take(), &docs, pages);
        t.replace(tables);
        counted
    });
    for d in &mut docs {
        d.cut_for_shard();
    }
    (counted, docs)
}

/// Counts the words and pairs of consecutive sections with `tables`, which come back
/// emptied for the next run.
fn count<'t>(
    tables: CountTables,
    docs: &'t [Doc],
    pages: &[&'t SearchPage],
) -> (Counted, CountTables) {
    let mut c = Counter {
        out: Counted::with_capacity(tables.last),
        t: tables,
        long: HashMap::default(),
        len: 0,
    };
    for doc in docs {
        if doc.first {
            c.add_text(pages[doc.page as usize].title, TITLE_WEIGHT);
        }
        c.add_text(&doc.heading, HEADING_WEIGHT);
        // Block by block (positions restart, so pairs never span two blocks).
        let text = doc.text.as_str();
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
            c.add_text(&text[start..end], 1);
            start = end + 1;
        }
        c.add_text(&text[start..], 1);
        c.end_section();
    }
    c.finish()
}

/// A language's sections, extracted and counted: what [`count_language`] makes of the
/// pages' HTML, for [`finish_language`](super::finish_language), which needs the HTML no more.
pub struct Counts {
    /// When counting began (for the timings).
    pub(super) started: Instant,
    /// The runs' counts, in page order.
    pub(super) counted: Vec<Counted>,
    /// The sections of all pages in page order, cut for their document shards.
    pub(super) docs: Vec<Doc>,
}

/// The first half of [`build_language_into`](super::build_language_into): extracts and
/// counts the sections of `pages` (all of one language), in parallel runs of pages. The only
/// half that reads `html`.
pub fn count_language(pages: &[&SearchPage]) -> Counts {
    let started = Instant::now();
    let runs: Vec<(Counted, Vec<Doc>)> = pages
        .par_chunks(PAGES_PER_RUN)
        .enumerate()
        .map(|(i, run)| {
            let html: Vec<&str> = run.iter().map(|p| p.html).collect();
            extract_and_count(pages, i * PAGES_PER_RUN, &html)
        })
        .collect();
    counts_of(started, runs)
}

/// [`count_language`] with each page's HTML given by value, in page order (`html[i]` is
/// page `i`'s; `pages[i].html` is not read), and freed as soon as its run is counted: a
/// caller with nothing else to do with the HTML needs far less memory.
pub fn count_language_owned(pages: &[&SearchPage], mut html: Vec<String>) -> Counts {
    let started = Instant::now();
    debug_assert_eq!(html.len(), pages.len(), "one HTML text per page");
    html.truncate(pages.len());
    let mut runs_html: Vec<Vec<String>> = Vec::with_capacity(html.len() / PAGES_PER_RUN + 1);
    let mut rest = html.into_iter();
    loop {
        let run: Vec<String> = rest.by_ref().take(PAGES_PER_RUN).collect();
        if run.is_empty() {
            break;
        }
        runs_html.push(run);
    }
    let runs: Vec<(Counted, Vec<Doc>)> = runs_html
        .into_par_iter()
        .enumerate()
        .map(|(i, run)| {
            let html: Vec<&str> = run.iter().map(String::as_str).collect();
            extract_and_count(pages, i * PAGES_PER_RUN, &html)
        })
        .collect();
    counts_of(started, runs)
}

/// The runs' counts and sections, apart, in page order.
fn counts_of(started: Instant, runs: Vec<(Counted, Vec<Doc>)>) -> Counts {
    let (counted, doc_runs): (Vec<Counted>, Vec<Vec<Doc>>) = runs.into_iter().unzip();
    Counts {
        started,
        counted,
        docs: doc_runs.into_iter().flatten().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_words_are_their_bytes_zero_padded() {
        let text = "abcdefghijklmnopqrstuvwxyzđêỹ0123456789";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let Some(s) = text.get(start..end) else {
                    continue;
                };
                let want = (s.len() <= 16).then(|| {
                    let mut buf = [0u8; 16];
                    buf[..s.len()].copy_from_slice(s.as_bytes());
                    u128::from_le_bytes(buf)
                });
                assert_eq!(pack16(s), want, "{s:?}");
            }
        }
    }
}
