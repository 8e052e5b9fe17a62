//! Building the per-language index and writing it as script shards.
//!
//! See the module documentation of [`crate::search`] for the file formats.

use std::time::Instant;

use rayon::prelude::*;
use serde_json::json;

use super::extract::{self, Section};
use super::fold;
use super::tokenize;
use super::SearchPage;

/// Hash maps of the indexer hash with FxHash (SipHash and streaming xxh3 showed up in
/// profiles; keys are short words and integers).
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

fn timing() -> bool {
    std::env::var_os("SONGNGU_SEARCH_TIMING").is_some()
}

/// Format version written into every manifest.
pub const FORMAT_VERSION: u32 = 2;
/// Sections per document shard (`search/<lang>/d/<n>.js` holds sections `n*K .. n*K+K-1`).
pub const DOCS_PER_SHARD: usize = 4;
/// A term shard is closed once its payload passes this many bytes.
pub const TERM_SHARD_BYTES: usize = 6_000;
/// At most this many postings are kept per word form (the highest-scoring ones).
pub const MAX_POSTINGS: usize = 1_200;
/// Section text kept for snippets, in bytes (about 120 Vietnamese syllables, several times
/// the snippet the client shows; 900 before document shards grew to 4 sections).
pub const MAX_TEXT_BYTES: usize = 700;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Weight of a word of the page title (first section of a page).
const TITLE_WEIGHT: u32 = 5;
/// Weight of a word of the section's heading.
const HEADING_WEIGHT: u32 = 3;
/// The term-frequency part of BM25 (0 < x < K1 + 1) is stored as round(x / (K1 + 1) * 31),
/// clamped to 1..=31; the inverse document frequency once per key, times 1000.
const IMPACT_STEPS: f32 = 31.0;
/// The counts (1 ..= this) whose impact in each section is worked out once for all words.
const SMALL_TF: usize = 8;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `v` as a little-endian base-64 variable-length quantity: 5 bits a character,
/// the sixth bit (value 32) set on every character but the last.
pub fn push_vlq(out: &mut String, mut v: u32) {
    while v >= 32 {
        out.push(B64[(32 | (v & 31)) as usize] as char);
        v >>= 5;
    }
    out.push(B64[v as usize] as char);
}

/// Decodes a string of [`push_vlq`] numbers.
pub fn decode_vlq(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut v, mut shift) = (0u32, 0u32);
    for b in s.bytes() {
        let d = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'-' => 62,
            _ => 63,
        } as u32;
        v |= (d & 31) << shift;
        if d & 32 != 0 {
            shift += 5;
        } else {
            out.push(v);
            v = 0;
            shift = 0;
        }
    }
    out
}

/// One indexed section.
struct Doc {
    /// Index of its page in the language's page list.
    page: u32,
    anchor: Option<String>,
    trail: String,
    /// First section of its page (the page title counts as its text).
    first: bool,
    heading: String,
    /// Blocks, each followed by `\n`; once counted, what the document shard keeps of it
    /// (see [`Doc::cut_for_shard`]).
    text: String,
}

impl Doc {
    /// Cuts the text to what the document shard stores (the blocks joined by `\n`, at most
    /// [`MAX_TEXT_BYTES`]) and drops the heading (counted, and in the trail already).
    fn cut_for_shard(&mut self) {
        let text = self.text.strip_suffix('\n').unwrap_or(&self.text);
        let keep = truncate(text, MAX_TEXT_BYTES).len();
        self.text.truncate(keep);
        self.text.shrink_to_fit();
        self.heading = String::new();
    }
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Sections of one page as documents.
fn page_docs(page: &SearchPage, html: &str, page_id: u32) -> Vec<Doc> {
    let sections = extract::sections(html);
    let sections = if sections.is_empty() {
        vec![Section::default()]
    } else {
        sections
    };
    let mut out = Vec::with_capacity(sections.len());
    for (i, s) in sections.into_iter().enumerate() {
        // The heading trail without a leading repeat of the page title.
        let mut trail = String::new();
        for h in s
            .headings
            .iter()
            .filter(|h| !h.is_empty() && h.as_str() != page.title)
        {
            if !trail.is_empty() {
                trail.push_str(" › ");
            }
            trail.push_str(h);
        }
        let heading = s.heading().to_string();
        out.push(Doc {
            page: page_id,
            anchor: s.anchor,
            trail,
            first: i == 0,
            heading,
            text: s.text,
        });
    }
    out
}

/// Word forms and keys are interned by their raw text; texts up to 16 bytes (nearly all) by
/// the bytes packed into one integer (no word contains a NUL byte, so the zero padding is
/// unambiguous), longer ones by the string.
///
/// Read with a few loads that may overlap (no copy through memory: every token is packed).
#[inline]
fn pack16(s: &str) -> Option<u128> {
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

/// Interned words: raw token text → (word form id, key id).
struct Vocab<'a> {
    stem: bool,
    short: HashMap<u128, (u32, u32)>,
    long: HashMap<&'a str, (u32, u32)>,
    form_ids: HashMap<(u32, String), u32>,
    /// Word forms: (exact form, key id).
    forms: Vec<(String, u32)>,
    key_ids: HashMap<String, u32>,
    keys: Vec<String>,
}

/// Interned pairs of adjacent key ids (first << 32 | second), numbered in order of appearance.
#[derive(Default)]
struct PairVocab {
    pair_ids: HashMap<u64, u32>,
    pairs: Vec<u64>,
}

impl PairVocab {
    /// The id of the pair of keys `a`, `b`.
    fn pair(&mut self, a: u32, b: u32) -> u32 {
        let pair = ((a as u64) << 32) | b as u64;
        let next = self.pairs.len() as u32;
        let pid = *self.pair_ids.entry(pair).or_insert(next);
        if pid == next {
            self.pairs.push(pair);
        }
        pid
    }
}

impl<'a> Vocab<'a> {
    #[inline]
    fn intern(&mut self, raw: &'a str, compound: bool) -> (u32, u32) {
        let packed = pack16(raw);
        let found = match packed {
            Some(p) => self.short.get(&p),
            None => self.long.get(raw),
        };
        if let Some(&ids) = found {
            return ids;
        }
        let ids = self.intern_new(raw, compound);
        match packed {
            Some(p) => self.short.insert(p, ids),
            None => self.long.insert(raw, ids),
        };
        ids
    }

    #[cold]
    fn intern_new(&mut self, raw: &str, compound: bool) -> (u32, u32) {
        let exact = fold::exact(raw);
        let mut key = tokenize::key_of(&exact, compound);
        if self.stem && !compound {
            key = fold::stem_en(&key);
        }
        // English keeps one form per key; Vietnamese keeps each exact form apart.
        let form = if self.stem || exact == key {
            String::new()
        } else {
            exact
        };
        let kid = match self.key_ids.get(&key) {
            Some(&k) => k,
            None => {
                let k = self.keys.len() as u32;
                self.keys.push(key.clone());
                self.key_ids.insert(key, k);
                k
            }
        };
        let form_key = (kid, form);
        let fid = match self.form_ids.get(&form_key) {
            Some(&f) => f,
            None => {
                let f = self.forms.len() as u32;
                self.forms.push((form_key.1.clone(), kid));
                self.form_ids.insert(form_key, f);
                f
            }
        };
        (fid, kid)
    }
}

/// (id, weighted tf) entries, most in one `u32` each (`id << 8 | tf`: ids below 2^24 - 1,
/// tf below 256), others in three (`u32::MAX`, id, tf). Half the memory of `(u32, u32)`:
/// these entries are the biggest structure of the indexer.
#[derive(Default)]
struct Entries(Vec<u32>);

impl Entries {
    const ESCAPE: u32 = u32::MAX;

    #[inline]
    fn push(&mut self, id: u32, tf: u32) {
        if id < 0xff_ffff && tf < 256 {
            self.0.push(id << 8 | tf);
        } else {
            self.0.extend_from_slice(&[Self::ESCAPE, id, tf]);
        }
    }

    /// Where the next entry goes (the `ends` of a section).
    fn end(&self) -> u32 {
        self.0.len() as u32
    }

    /// The entries stored in `from..to` (ends of earlier pushes).
    fn range(&self, from: u32, to: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut rest = &self.0[from as usize..to as usize];
        std::iter::from_fn(move || {
            let (&first, tail) = rest.split_first()?;
            if first != Self::ESCAPE {
                rest = tail;
                return Some((first >> 8, first & 0xff));
            }
            let (id, tf) = (tail[0], tail[1]);
            rest = &tail[2..];
            Some((id, tf))
        })
    }

    fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.range(0, self.end())
    }
}

/// Word and pair counts of a run of consecutive sections, words and pairs numbered locally.
#[derive(Default)]
struct Counted {
    /// The text of the distinct raw tokens, one after the other.
    raw_text: String,
    /// Distinct raw tokens by local id: (end of its text in `raw_text`, compound).
    raw: Vec<(u32, bool)>,
    /// Distinct pairs of adjacent raw tokens (local ids), by local pair id.
    pairs: Vec<(u32, u32)>,
    /// (local raw id, weighted tf) of every section, one after the other.
    forms: Entries,
    /// (local pair id, weighted tf) of every section, one after the other.
    pair_tf: Entries,
    /// Per section: where its entries end in `forms` and `pair_tf`.
    ends: Vec<(u32, u32)>,
    /// Per section: weighted length.
    lens: Vec<u32>,
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
            // and the pair's without a lookup (about a third of the words of the benchmark
            // corpus).
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
            forms: Entries(Vec::with_capacity(room(n.forms))),
            pair_tf: Entries(Vec::with_capacity(room(n.pair_tf))),
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
            forms: self.forms.0.len(),
            pair_tf: self.pair_tf.0.len(),
            sections: self.ends.len(),
        }
    }

    /// The distinct raw tokens (text, compound), by local id.
    fn raw_tokens(&self) -> impl Iterator<Item = (&str, bool)> + '_ {
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
const PAGES_PER_RUN: usize = 96;

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

/// Postings lists stored one after the other: list `i` is entries `at[i].0..at[i].0 + at[i].1`,
/// (doc, weighted tf) in doc order. Filled in two passes: sizes (an upper bound), then entries.
/// A tf takes one byte; 255 means it is in `big` (five bytes an entry instead of eight: these
/// lists are the indexer's biggest structure once counting is done).
#[derive(Default)]
struct PostingLists {
    /// Per list: (start, length), side by side (one cache line to read per entry added).
    at: Vec<(u32, u32)>,
    docs: Vec<u32>,
    tfs: Vec<u8>,
    big: HashMap<u32, u32>,
}

impl PostingLists {
    /// Room for `bound[i]` entries in list `i`.
    fn with_bounds(bound: &[u32]) -> PostingLists {
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

    #[inline]
    fn tf_at(&self, j: usize) -> u32 {
        match self.tfs[j] {
            255 => self.big[&(j as u32)],
            tf => tf as u32,
        }
    }

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
    fn add(&mut self, i: u32, doc: u32, tf: u32) {
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
    fn len_of(&self, i: u32) -> usize {
        self.at[i as usize].1 as usize
    }

    /// List `i`, into `out` (cleared first).
    fn get_into(&self, i: u32, out: &mut Vec<(u32, u32)>) {
        out.clear();
        let (s, n) = self.at[i as usize];
        out.extend((s as usize..(s + n) as usize).map(|j| (self.docs[j], self.tf_at(j))));
    }
}

/// JavaScript string order (UTF-16 code units). It is the byte order of UTF-8 except where a
/// character of U+E000..=U+FFFF (lead byte 0xEE or 0xEF) meets one above U+FFFF (0xF0..):
/// UTF-16 puts the latter (surrogates, 0xD800..) first.
fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let i = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    match (x.get(i), y.get(i)) {
        (Some(&p), Some(&q)) if p >= 0xF0 && (q == 0xEE || q == 0xEF) => std::cmp::Ordering::Less,
        (Some(&p), Some(&q)) if q >= 0xF0 && (p == 0xEE || p == 0xEF) => {
            std::cmp::Ordering::Greater
        }
        (p, q) => p.cmp(&q),
    }
}

/// The first eight bytes of `s` as a big-endian number (zero-padded), each byte renamed so
/// that numbers compare like [`utf16_cmp`] compares texts: the lead bytes of characters above
/// U+FFFF (F0..=F4) move before those of U+E000..=U+FFFF (EE, EF). Equal numbers mean only
/// that the first eight bytes are the same.
fn order_prefix(s: &str) -> u64 {
    let mut v = 0u64;
    for i in 0..8 {
        let b = s.as_bytes().get(i).copied().unwrap_or(0);
        let renamed = match b {
            0xEE | 0xEF => b + 5,
            0xF0..=0xF4 => b - 2,
            _ => b,
        };
        v = v << 8 | renamed as u64;
    }
    v
}

/// The shortest prefix of `next` that sorts after `prev` (JavaScript string order).
fn separator(prev: &str, next: &str) -> String {
    let mut end = 0;
    for (i, c) in next.char_indices() {
        end = i + c.len_utf8();
        if utf16_cmp(&next[..end], prev) == std::cmp::Ordering::Greater {
            return next[..end].to_string();
        }
    }
    next[..end].to_string()
}

/// Front-codes sorted separators: each becomes one [`push_vlq`] digit (0..=31) giving the
/// number of UTF-16 units it shares with the previous one, then the rest; joined with `|`.
pub fn front_code(seps: &[String]) -> String {
    let mut out = String::new();
    let mut prev: Vec<u16> = Vec::new();
    for (i, sep) in seps.iter().enumerate() {
        let units: Vec<u16> = sep.encode_utf16().collect();
        let mut shared = 0;
        for (c, len) in sep.chars().map(|c| (c, c.len_utf16())) {
            let _ = c;
            if shared + len > 31
                || shared + len > prev.len()
                || units[shared..shared + len] != prev[shared..shared + len]
            {
                break;
            }
            shared += len;
        }
        if i > 0 {
            out.push('|');
        }
        push_vlq(&mut out, shared as u32);
        out.push_str(&String::from_utf16_lossy(&units[shared..]));
        prev = units;
    }
    out
}

/// Reverses [`front_code`].
pub fn front_decode(s: &str, count: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(count);
    if count == 0 {
        return out;
    }
    let mut prev: Vec<u16> = Vec::new();
    for part in s.split('|') {
        let Some(first) = part.chars().next() else {
            continue;
        };
        let shared =
            (decode_vlq(&first.to_string()).first().copied().unwrap_or(0) as usize).min(prev.len());
        let mut units: Vec<u16> = prev[..shared].to_vec();
        units.extend(part[first.len_utf8()..].encode_utf16());
        out.push(String::from_utf16_lossy(&units));
        prev = units;
    }
    out
}

/// Appends `s` as a JSON string literal.
fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    let needs_escape = |c: u8| (c < 0x20) | (c == b'"') | (c == b'\\');
    crate::bytescan::replace_into(out, s, needs_escape, |out, c| match c {
        b'"' => out.push_str("\\\""),
        b'\\' => out.push_str("\\\\"),
        b'\n' => out.push_str("\\n"),
        b'\t' => out.push_str("\\t"),
        b'\r' => out.push_str("\\r"),
        _ => {
            out.push_str("\\u00");
            out.push(char::from(b"0123456789abcdef"[(c >> 4) as usize]));
            out.push(char::from(b"0123456789abcdef"[(c & 15) as usize]));
        }
    });
    out.push('"');
}

fn push_num(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Starts a script file: `SongnguSearch.add("<key>",`.
fn script_start(key: &str, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity + key.len() + 32);
    out.push_str("SongnguSearch.add(");
    push_json_str(&mut out, key);
    out.push(',');
    out
}

fn script_end(mut out: String) -> Vec<u8> {
    out.push_str(");\n");
    out.into_bytes()
}

/// Builds the files of one language.
pub fn build_language(pages: &[&SearchPage], lang: &str) -> Vec<(String, Vec<u8>)> {
    let files = std::sync::Mutex::new(Vec::new());
    build_language_into(pages, lang, &|path, bytes| {
        files
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((path, bytes))
    });
    let mut files = files.into_inner().unwrap_or_else(|p| p.into_inner());
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Builds the files of one language, handing each to `emit` (from any thread, in no
/// particular order) as soon as it is made, so that a caller writing them to disk never
/// holds the whole index. Each section's text is freed once counted.
pub fn build_language_into(
    pages: &[&SearchPage],
    lang: &str,
    emit: &(dyn Fn(String, Vec<u8>) + Sync),
) {
    finish_language(count_language(pages), pages, lang, emit);
}

/// A language's sections, extracted and counted: what [`count_language`] makes of the
/// pages' HTML, for [`finish_language`], which needs the HTML no more.
pub struct Counts {
    started: Instant,
    counted: Vec<Counted>,
    docs: Vec<Doc>,
}

/// The first half of [`build_language_into`]: extracts and counts the sections of `pages`
/// (all of one language), in parallel runs of pages. The only half that reads `html`.
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

fn counts_of(started: Instant, runs: Vec<(Counted, Vec<Doc>)>) -> Counts {
    let (counted, doc_runs): (Vec<Counted>, Vec<Vec<Doc>>) = runs.into_iter().unzip();
    Counts {
        started,
        counted,
        docs: doc_runs.into_iter().flatten().collect(),
    }
}

/// The second half of [`build_language_into`]: from `counts` of the same `pages` (whose
/// `html` it does not read: the caller may have freed it), writes the document shards, then
/// merges the counts into the dictionary and its term shards, handing each file to `emit`.
pub fn finish_language(
    counts: Counts,
    pages: &[&SearchPage],
    lang: &str,
    emit: &(dyn Fn(String, Vec<u8>) + Sync),
) {
    let stem = lang == "en" || lang.starts_with("en-");
    let Counts {
        started: t0,
        counted,
        docs,
    } = counts;
    let t1 = Instant::now();
    // The document shards.
    let breadcrumbs: Vec<String> = pages.iter().map(|p| p.breadcrumb.join(" › ")).collect();
    docs.par_chunks(DOCS_PER_SHARD)
        .enumerate()
        .for_each(|(i, chunk)| {
            let k = format!("{lang}/d/{i}");
            // Page fields once per shard: [[title, breadcrumb, url], …], then the sections.
            let mut out = script_start(&k, chunk.len() * (MAX_TEXT_BYTES + 128));
            out.push_str("[[");
            let mut first = true;
            let mut last = u32::MAX;
            for d in chunk {
                if d.page != last {
                    last = d.page;
                    let p = pages[d.page as usize];
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    out.push('[');
                    push_json_str(&mut out, p.title);
                    out.push(',');
                    push_json_str(&mut out, &breadcrumbs[d.page as usize]);
                    out.push(',');
                    push_json_str(&mut out, p.url);
                    out.push(']');
                }
            }
            out.push_str("],[");
            let (mut pi, mut last) = (0usize, chunk[0].page);
            for (j, d) in chunk.iter().enumerate() {
                if d.page != last {
                    last = d.page;
                    pi += 1;
                }
                if j > 0 {
                    out.push(',');
                }
                out.push('[');
                push_num(&mut out, pi);
                out.push(',');
                push_json_str(&mut out, d.anchor.as_deref().unwrap_or(""));
                out.push(',');
                push_json_str(&mut out, &d.trail);
                out.push(',');
                push_json_str(&mut out, &d.text);
                out.push(']');
            }
            out.push_str("]]");
            emit(format!("search/{k}.js"), script_end(out));
        });
    let doc_pages: Vec<u32> = docs.iter().map(|d| d.page).collect();
    let t_docs = Instant::now();
    drop(docs);

    let mut vocab = Vocab {
        stem,
        short: HashMap::default(),
        long: HashMap::default(),
        form_ids: HashMap::default(),
        forms: Vec::new(),
        key_ids: HashMap::default(),
        keys: Vec::new(),
    };
    // Each run's local raw ids to global (form id, key id).
    let rmaps: Vec<Vec<(u32, u32)>> = counted
        .iter()
        .map(|c| {
            c.raw_tokens()
                .map(|(t, compound)| vocab.intern(t, compound))
                .collect()
        })
        .collect();
    let raw_words = vocab.short.len() + vocab.long.len();
    let t_intern = Instant::now();
    let Vocab {
        forms: all_forms,
        keys: all_keys,
        ..
    } = vocab;
    // Each section's counts as postings: sizes first, then the entries in doc order. Words
    // and pairs are independent: their lists are made side by side (the pairs interned
    // first), each run's counts freed as soon as they are postings (they are as big).
    let mut lens: Vec<u32> = Vec::with_capacity(doc_pages.len());
    let mut word_runs = Vec::with_capacity(counted.len());
    let mut pair_runs = Vec::with_capacity(counted.len());
    for c in counted {
        let base = lens.len() as u32;
        lens.extend_from_slice(&c.lens);
        let (word_ends, pair_ends): (Vec<u32>, Vec<u32>) = c.ends.into_iter().unzip();
        word_runs.push((base, c.forms, word_ends));
        pair_runs.push((base, c.pairs, c.pair_tf, pair_ends));
    }
    let words = || {
        let mut bound = vec![0u32; all_forms.len()];
        for ((_, entries, _), rmap) in word_runs.iter().zip(&rmaps) {
            for (r, _) in entries.iter() {
                bound[rmap[r as usize].0 as usize] += 1;
            }
        }
        let mut postings = PostingLists::with_bounds(&bound);
        drop(bound);
        let mut df: Vec<u32> = vec![0; all_keys.len()];
        let mut last_doc: Vec<u32> = vec![u32::MAX; all_keys.len()];
        for ((base, entries, ends), rmap) in word_runs.into_iter().zip(&rmaps) {
            let mut from = 0;
            for (i, &to) in ends.iter().enumerate() {
                let id = base + i as u32;
                for (r, tf) in entries.range(from, to) {
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
    };
    let pairs = || {
        let mut vocab = PairVocab::default();
        let pmaps: Vec<Vec<u32>> = pair_runs
            .iter()
            .zip(&rmaps)
            .map(|((_, local, _, _), rmap)| {
                local
                    .iter()
                    .map(|&(a, b)| vocab.pair(rmap[a as usize].1, rmap[b as usize].1))
                    .collect()
            })
            .collect();
        let mut bound = vec![0u32; vocab.pairs.len()];
        for ((_, _, entries, _), pmap) in pair_runs.iter().zip(&pmaps) {
            for (p, _) in entries.iter() {
                bound[pmap[p as usize] as usize] += 1;
            }
        }
        let mut postings = PostingLists::with_bounds(&bound);
        drop(bound);
        for ((base, _, entries, ends), pmap) in pair_runs.into_iter().zip(pmaps) {
            let mut from = 0;
            for (i, &to) in ends.iter().enumerate() {
                for (p, tf) in entries.range(from, to) {
                    postings.add(pmap[p as usize], base + i as u32, tf);
                }
                from = to;
            }
        }
        (postings, vocab.pairs)
    };
    let ((form_postings, df), (pair_postings, all_pairs)) = rayon::join(words, pairs);
    let t2 = Instant::now();
    let n = doc_pages.len() as f32;
    let avgdl = if doc_pages.is_empty() {
        1.0
    } else {
        (lens.iter().map(|&l| l as f64).sum::<f64>() as f32 / n).max(1.0)
    };
    // The length part of the BM25 denominator, per section.
    let norm: Vec<f32> = lens
        .iter()
        .map(|&dl| K1 * (1.0 - B + B * dl as f32 / avgdl))
        .collect();
    // The page's `search_weight`, per section.
    let doc_weight: Vec<f32> = doc_pages
        .iter()
        .map(|&p| pages[p as usize].weight.clamp(0.1, 10.0))
        .collect();

    // The dictionary: words (with their forms) and pairs, sorted in JavaScript string order.
    #[derive(Clone, Copy)]
    enum Item {
        Word(u32),
        Pair(u32),
    }
    // The forms of key `k`: `key_forms[form_start[k]..form_start[k + 1]]` (one list for all
    // keys, not a vector each).
    let mut form_start = vec![0u32; all_keys.len() + 1];
    for (_, k) in &all_forms {
        form_start[*k as usize + 1] += 1;
    }
    for k in 0..all_keys.len() {
        form_start[k + 1] += form_start[k];
    }
    let mut key_forms = vec![0u32; all_forms.len()];
    let mut next = form_start.clone();
    for (f, (_, k)) in all_forms.iter().enumerate() {
        key_forms[next[*k as usize] as usize] = f as u32;
        next[*k as usize] += 1;
    }
    drop(next);
    let forms_of =
        |k: u32| &key_forms[form_start[k as usize] as usize..form_start[k as usize + 1] as usize];
    // The pairs' keys ("a b"), one after the other in one string.
    let mut pair_text = String::new();
    let mut pair_ends: Vec<u32> = Vec::with_capacity(all_pairs.len());
    for &p in &all_pairs {
        pair_text.push_str(&all_keys[(p >> 32) as usize]);
        pair_text.push(' ');
        pair_text.push_str(&all_keys[(p & 0xffff_ffff) as usize]);
        pair_ends.push(pair_text.len() as u32);
    }
    // (key, item, the key's [`order_prefix`]).
    let mut items: Vec<(&str, Item, u64)> = Vec::with_capacity(all_keys.len() + all_pairs.len());
    items.extend(
        all_keys
            .iter()
            .enumerate()
            .map(|(k, s)| (s.as_str(), Item::Word(k as u32), order_prefix(s))),
    );
    let mut start = 0;
    items.extend(pair_ends.iter().enumerate().map(|(i, &end)| {
        let s = &pair_text[start..end as usize];
        start = end as usize;
        (s, Item::Pair(i as u32), order_prefix(s))
    }));
    // Sorted by the keys' first eight bytes as one number first (most keys differ there),
    // by the whole keys only when those are the same.
    items.par_sort_unstable_by(|a, b| a.2.cmp(&b.2).then_with(|| utf16_cmp(a.0, b.0)));
    let t3 = Instant::now();

    // The impact of a weighted count `tf` in section `d`.
    let impact_of = |d: usize, tf: u32| {
        let tf = tf as f32;
        let x = tf / (tf + norm[d]) * doc_weight[d];
        // Rounded half up (x > 0).
        ((x * IMPACT_STEPS + 0.5) as u32).clamp(1, 31)
    };
    // The impacts of the small counts (nearly all postings) per section, worked out once:
    // a load instead of a division for every posting.
    let small_impacts: Vec<[u8; SMALL_TF]> = (0..doc_pages.len())
        .map(|d| std::array::from_fn(|i| impact_of(d, i as u32 + 1) as u8))
        .collect();
    let encode_postings = |postings: &[(u32, u32)], out: &mut String| {
        let impact =
            |d: u32, tf: u32| match small_impacts[d as usize].get((tf as usize).wrapping_sub(1)) {
                Some(&q) => q as u32,
                None => impact_of(d as usize, tf),
            };
        out.push('"');
        let mut prev: i64 = -1;
        if postings.len() > MAX_POSTINGS {
            // The best MAX_POSTINGS (higher impact first, then lower doc), in doc order,
            // without sorting: impacts are 1..=31, so a histogram gives the cut-off impact
            // and how many of the postings at exactly that impact fit.
            let scored: Vec<(u32, u32)> =
                postings.iter().map(|&(d, tf)| (d, impact(d, tf))).collect();
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
        } else {
            for &(d, tf) in postings {
                push_vlq(out, (d as i64 - prev - 1) as u32);
                push_vlq(out, impact(d, tf));
                prev = d as i64;
            }
        }
        out.push('"');
    };
    let idf_of = |df: u32| (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
    // Each entry as JSON text: [idf*1000,"form","postings",…].
    let encode = |item: Item, out: &mut String, scratch: &mut Vec<(u32, u32)>| {
        out.push('[');
        match item {
            Item::Word(k) => {
                let idf = idf_of(df[k as usize]);
                push_num(out, (idf * 1000.0 + 0.5) as usize);
                let forms = forms_of(k);
                let mut sorted: [u32; 8] = [0; 8];
                let mut many: Vec<u32>;
                let forms: &mut [u32] = if forms.len() <= sorted.len() {
                    sorted[..forms.len()].copy_from_slice(forms);
                    &mut sorted[..forms.len()]
                } else {
                    many = forms.to_vec();
                    &mut many
                };
                forms.sort_unstable_by(|a, b| {
                    all_forms[*a as usize].0.cmp(&all_forms[*b as usize].0)
                });
                for &f in forms.iter() {
                    out.push(',');
                    push_json_str(out, &all_forms[f as usize].0);
                    out.push(',');
                    form_postings.get_into(f, scratch);
                    encode_postings(scratch, out);
                }
            }
            Item::Pair(p) => {
                let idf = idf_of(pair_postings.len_of(p) as u32);
                push_num(out, (idf * 1000.0 + 0.5) as usize);
                out.push_str(",\"\",");
                pair_postings.get_into(p, scratch);
                encode_postings(scratch, out);
            }
        }
        out.push(']');
    };
    // Entries in parallel chunks, each chunk one string with the end offset of every entry.
    let encoded: Vec<(String, Vec<usize>)> = items
        .par_chunks(4096)
        .map(|chunk| {
            let mut out = String::with_capacity(chunk.len() * 64);
            let mut ends = Vec::with_capacity(chunk.len());
            let mut scratch = Vec::new();
            for (_, it, _) in chunk {
                encode(*it, &mut out, &mut scratch);
                ends.push(out.len());
            }
            (out, ends)
        })
        .collect();
    let t4 = Instant::now();

    let mut seps: Vec<String> = Vec::new();
    let mut shard = String::new();
    let mut shard_keys = String::new();
    let mut last_key: &str = "";
    let flush = |keys: &mut String, entries: &mut String, idx: usize| {
        let k = format!("{lang}/t/{idx}");
        let mut body = script_start(&k, keys.len() + entries.len() + 8);
        body.push_str("[[");
        body.push_str(keys);
        body.push_str("],[");
        body.push_str(entries);
        body.push_str("]]");
        keys.clear();
        entries.clear();
        emit(format!("search/{k}.js"), script_end(body));
    };
    let entries = encoded.iter().flat_map(|(text, ends)| {
        ends.iter().scan(0, move |start, &end| {
            let e = &text[*start..end];
            *start = end;
            Some(e)
        })
    });
    for ((key, _, _), entry) in items.iter().zip(entries) {
        if shard_keys.is_empty() {
            seps.push(if seps.is_empty() {
                String::new()
            } else {
                separator(last_key, key)
            });
        } else {
            shard_keys.push(',');
            shard.push(',');
        }
        push_json_str(&mut shard_keys, key);
        shard.push_str(entry);
        last_key = key;
        if shard.len() + shard_keys.len() >= TERM_SHARD_BYTES {
            flush(&mut shard_keys, &mut shard, seps.len() - 1);
        }
    }
    if !shard_keys.is_empty() {
        flush(&mut shard_keys, &mut shard, seps.len() - 1);
    }

    let t5 = Instant::now();

    let manifest = json!({
        "v": FORMAT_VERSION,
        "lang": lang,
        "stem": stem,
        "docs": doc_pages.len(),
        "per": DOCS_PER_SHARD,
        "shards": seps.len(),
        "sep": front_code(&seps),
    });
    let k = format!("{lang}/manifest");
    let mut body = script_start(&k, 0);
    body.push_str(&manifest.to_string());
    emit(format!("search/{k}.js"), script_end(body));
    if timing() {
        eprintln!(
            "search index {lang}: {} sections, {} raw words, {} forms, {} words, {} pairs, {} keys; extract and count {:?}, document shards {:?}, interning {:?}, postings {:?}, sort {:?}, encode {:?}, term shards {:?}, manifest {:?}",
            doc_pages.len(),
            raw_words,
            all_forms.len(),
            all_keys.len(),
            all_pairs.len(),
            items.len(),
            t1 - t0,
            t_docs - t1,
            t_intern - t_docs,
            t2 - t_intern,
            t3 - t2,
            t4 - t3,
            t5 - t4,
            t5.elapsed()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`push_json_str`] must write, one byte at a time.
    fn json_str_reference(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    #[test]
    fn javascript_string_order_is_utf16_order() {
        // Pieces around the places where UTF-8 byte order and UTF-16 order disagree
        // (U+E000..=U+FFFF against characters above U+FFFF), and common ones.
        let pieces = [
            "a", "z", "đ", "ệ", "\u{E000}", "\u{FFFD}", "\u{FFFF}", "𝒳", "😀", " ",
        ];
        let mut next = crate::bytescan::xorshift(0x005e_ed0f_0d3a);
        let texts: Vec<String> = (0..400)
            .map(|_| {
                let len = (next() % 5) as usize;
                (0..len)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect()
            })
            .collect();
        for a in &texts {
            for b in &texts {
                let want = a.encode_utf16().cmp(b.encode_utf16());
                assert_eq!(utf16_cmp(a, b), want, "{a:?} {b:?}");
                // The sort's first test agrees wherever it decides.
                let (pa, pb) = (order_prefix(a), order_prefix(b));
                if pa != pb {
                    assert_eq!(pa.cmp(&pb), want, "prefixes of {a:?} {b:?}");
                }
            }
        }
    }

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

    #[test]
    fn json_strings_are_escaped_in_and_across_blocks() {
        let pieces = [
            "a",
            "dân vận ",
            "\"",
            "\\",
            "\n",
            "\t",
            "\r",
            "\u{1}",
            "\u{1f}",
            "ỹ",
            "'",
        ];
        let mut next = crate::bytescan::xorshift(0x9e37_79b9_7f4a_7c15);
        for len in 0..200 {
            // Mostly plain text, so that whole blocks are plain too.
            let s = crate::bytescan::random_text(&mut next, &pieces, 4, "plain text ", len);
            let mut out = String::new();
            push_json_str(&mut out, &s);
            assert_eq!(out, json_str_reference(&s), "{s:?}");
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
        }
    }

    #[test]
    fn entries_keep_big_ids_and_counts() {
        let mut e = Entries::default();
        let cases = [
            (0, 1),
            (7, 255),
            (0xff_fffe, 3),
            (0xff_ffff, 1),
            (5, 256),
            (u32::MAX, 9),
        ];
        for (id, tf) in cases {
            e.push(id, tf);
        }
        assert_eq!(e.iter().collect::<Vec<_>>(), cases.to_vec());
        let mid = e.end();
        e.push(1, 2);
        assert_eq!(e.range(mid, e.end()).collect::<Vec<_>>(), vec![(1, 2)]);
    }

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

    /// Every file of a language, with the HTML read in place or given by value.
    fn files_both_ways(pages: &[SearchPage]) -> [Vec<(String, Vec<u8>)>; 2] {
        let refs: Vec<&SearchPage> = pages.iter().collect();
        let collect = |counts: Counts, refs: &[&SearchPage]| {
            let files = std::sync::Mutex::new(Vec::new());
            finish_language(counts, refs, "vi", &|p, b| {
                files.lock().unwrap().push((p, b))
            });
            let mut files = files.into_inner().unwrap();
            files.sort();
            files
        };
        let borrowed = collect(count_language(&refs), &refs);
        let html: Vec<String> = pages.iter().map(|p| p.html.to_string()).collect();
        let blank: Vec<SearchPage> = pages
            .iter()
            .map(|p| SearchPage {
                html: "",
                ..p.clone()
            })
            .collect();
        let blank_refs: Vec<&SearchPage> = blank.iter().collect();
        let owned = collect(count_language_owned(&blank_refs, html), &blank_refs);
        [borrowed, owned]
    }

    #[test]
    fn html_given_by_value_gives_the_same_index() {
        // More pages than one run, so that runs and their page numbers are exercised.
        let html: Vec<String> = (0..PAGES_PER_RUN * 2 + 5)
            .map(|i| format!("<h2 id=\"m{i}\">Mục {i}</h2><p>Khiếu nại số {i}, dân vận.</p>"))
            .collect();
        let urls: Vec<String> = (0..html.len()).map(|i| format!("vi/{i}.html")).collect();
        let pages: Vec<SearchPage> = html
            .iter()
            .zip(&urls)
            .map(|(h, u)| SearchPage {
                lang: "vi",
                url: u,
                title: "Trang",
                breadcrumb: vec!["Phần"],
                html: h,
                weight: 1.0,
            })
            .collect();
        let [borrowed, owned] = files_both_ways(&pages);
        assert!(borrowed.len() > 10);
        assert_eq!(borrowed, owned);
    }

    #[test]
    fn a_word_counted_past_one_byte_is_indexed_and_ranked() {
        // 300 and 3 repetitions in sections of the same length (the counts take the escape
        // paths of the packed entries and posting lists): the first must score higher.
        let many = format!("<p>{}</p>", "thuế ".repeat(300));
        let few = format!("<p>{}{}</p>", "thuế ".repeat(3), "đất ".repeat(297));
        let pages: Vec<SearchPage> = [("a", &many), ("b", &few)]
            .iter()
            .map(|(u, h)| SearchPage {
                lang: "vi",
                url: u,
                title: "T",
                breadcrumb: vec![],
                html: h,
                weight: 1.0,
            })
            .collect();
        let refs: Vec<&SearchPage> = pages.iter().collect();
        let files = build_language(&refs, "vi");
        let index = crate::search::query::Index::load(&files, "vi").expect("index loads");
        let hits = index.search("thuế", 10);
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].href, "a");
        assert!(hits[0].score > hits[1].score);
    }
}
