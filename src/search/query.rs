//! The ranking of `theme/static/search.js`, in Rust, over the files [`super::build_index`]
//! writes. Tests use it to check ranking; benchmarks use it to time queries. Keep the two in step.
//!
//! A query is split like indexed text. A compound (`114-KL/TW`) is one term when the index has
//! it, else its words are. The last word, unless the query ends with a space, also matches as a
//! prefix. Each term scores a section by the best impact among its matching word forms; a form
//! whose diacritics differ from a query term typed *with* diacritics counts half. Adjacent query
//! words that are adjacent in the section add their pair's impact. The sum is multiplied by the
//! square of the share of query terms the section contains.

use std::collections::HashMap;

use serde_json::Value;

use super::fold;
use super::index::decode_vlq;
use super::tokenize;

/// Weight of a key found only as a completion of the last, partly typed word.
pub const PREFIX_WEIGHT: f32 = 0.8;
/// Weight of a word form whose diacritics differ from those typed.
pub const FOLDED_WEIGHT: f32 = 0.5;
/// Weight of an adjacent pair of query words found adjacent in a section.
pub const PAIR_WEIGHT: f32 = 1.0;
/// Completions considered for the last word.
pub const MAX_COMPLETIONS: usize = 24;
/// Term shards a prefix may load, starting at the prefix's own shard.
pub const PREFIX_SHARDS: usize = 1;

/// One query term.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Exact form as typed (see [`fold::exact`]).
    pub exact: String,
    /// Index key (folded, stemmed for English).
    pub key: String,
    /// Key used for prefix completion (folded, never stemmed).
    pub raw: String,
    /// True when typed with diacritics.
    pub marks: bool,
    /// True for the last word while it is being typed.
    pub prefix: bool,
}

/// Words of a query, grouped: a compound with its words, or a lone word.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The compound as a whole, if the group is one.
    pub compound: Option<Term>,
    /// The words.
    pub words: Vec<Term>,
}

/// Splits a query into groups; `stem` for English indexes.
pub fn parse(query: &str, stem: bool) -> Vec<Group> {
    let open_end = query.chars().last().is_some_and(tokenize::is_word_char);
    let tokens = tokenize::tokenize(query, 0);
    let mut groups: Vec<Group> = Vec::new();
    let make = |t: &tokenize::Token| {
        let exact = fold::exact(&t.text);
        let raw = tokenize::key_of(&exact, t.compound);
        let key = if stem && !t.compound {
            fold::stem_en(&raw)
        } else {
            raw.clone()
        };
        Term {
            marks: fold::has_marks(&exact),
            exact,
            key,
            raw,
            prefix: false,
        }
    };
    let mut compound_end = 0;
    for t in &tokens {
        if t.compound {
            groups.push(Group {
                compound: Some(make(t)),
                words: Vec::new(),
            });
            compound_end = t.end;
        } else if t.end <= compound_end && !groups.is_empty() {
            let g = groups.len() - 1;
            groups[g].words.push(make(t));
        } else {
            groups.push(Group {
                compound: None,
                words: vec![make(t)],
            });
        }
    }
    if open_end {
        if let Some(w) = groups.last_mut().and_then(|g| g.words.last_mut()) {
            w.prefix = true;
        }
        // A single letter being typed after other words would complete to too much: wait.
        let words: usize = groups.iter().map(|g| g.words.len()).sum();
        let last = groups.last().and_then(|g| g.words.last());
        if words > 1
            && groups.last().is_some_and(|g| g.compound.is_none())
            && last.is_some_and(|w| w.raw.chars().count() == 1)
        {
            groups.pop();
        }
    }
    groups
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Section id.
    pub doc: u32,
    /// Root-relative link (`vi/x.html#anchor`).
    pub href: String,
    /// Page title.
    pub title: String,
    /// Score.
    pub score: f32,
}

/// A key's idf and its word forms with their postings.
type Entry = (f32, Vec<(String, Vec<(u32, u32)>)>);

/// A language's index, loaded from the files of [`super::build_index`].
pub struct Index {
    stem: bool,
    per: usize,
    sep: Vec<String>,
    shards: Vec<(Vec<String>, Vec<Entry>)>,
    /// Section id → (href, page title).
    docs: HashMap<usize, (String, String)>,
}

fn parse_script(bytes: &[u8]) -> Option<(String, Value)> {
    let s = std::str::from_utf8(bytes).ok()?;
    let body = s
        .trim()
        .strip_prefix("SongnguSearch.add(")?
        .strip_suffix(");")?;
    let mut de = serde_json::Deserializer::from_str(body).into_iter::<Value>();
    let key = de.next()?.ok()?;
    let rest = body[de.byte_offset()..].trim_start().strip_prefix(',')?;
    let data: Value = serde_json::from_str(rest).ok()?;
    Some((key.as_str()?.to_string(), data))
}

fn utf16_lt_eq(a: &str, b: &str) -> bool {
    a.encode_utf16().cmp(b.encode_utf16()) != std::cmp::Ordering::Greater
}

impl Index {
    /// Loads the index of `lang` from build output; `None` if it has no manifest.
    pub fn load(files: &[(String, Vec<u8>)], lang: &str) -> Option<Index> {
        let mut by_key: HashMap<String, Value> = HashMap::new();
        let prefix = format!("search/{lang}/");
        for (path, bytes) in files {
            if path.starts_with(&prefix) {
                if let Some((k, v)) = parse_script(bytes) {
                    by_key.insert(k, v);
                }
            }
        }
        let m = by_key.get(&format!("{lang}/manifest"))?;
        let sep = super::index::front_decode(m["sep"].as_str()?, m["shards"].as_u64()? as usize);
        let mut shards = Vec::new();
        for i in 0..sep.len() {
            let d = by_key.get(&format!("{lang}/t/{i}"))?;
            let keys: Vec<String> = d[0]
                .as_array()?
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            let mut entries = Vec::new();
            for e in d[1].as_array()? {
                let flat = e.as_array()?;
                let idf = flat.first()?.as_f64()? as f32 / 1000.0;
                let mut entry = Vec::new();
                for pair in flat[1..].chunks(2) {
                    let v = pair[0].as_str()?.to_string();
                    let nums = decode_vlq(pair.get(1)?.as_str()?);
                    let mut prev: i64 = -1;
                    let mut postings = Vec::new();
                    for c in nums.chunks(2) {
                        let doc = prev + 1 + c[0] as i64;
                        postings.push((doc as u32, *c.get(1).unwrap_or(&0)));
                        prev = doc;
                    }
                    entry.push((v, postings));
                }
                entries.push((idf, entry));
            }
            shards.push((keys, entries));
        }
        let per = m["per"].as_u64()? as usize;
        let mut docs = HashMap::new();
        let mut j = 0;
        while let Some(shard) = by_key.get(&format!("{lang}/d/{j}")) {
            let pages = shard[0].as_array()?;
            for (i, d) in shard[1].as_array()?.iter().enumerate() {
                let page = &pages[d[0].as_u64()? as usize];
                let (url, anchor) = (page[2].as_str()?, d[1].as_str()?);
                let href = if anchor.is_empty() {
                    url.to_string()
                } else {
                    format!("{url}#{anchor}")
                };
                docs.insert(j * per + i, (href, page[0].as_str()?.to_string()));
            }
            j += 1;
        }
        Some(Index {
            stem: m["stem"].as_bool().unwrap_or(false),
            per,
            sep,
            shards,
            docs,
        })
    }

    /// Number of documents shards per section block (for tests).
    pub fn docs_per_shard(&self) -> usize {
        self.per
    }

    fn shard_of(&self, key: &str) -> usize {
        // Last i with sep[i] <= key.
        let mut lo = 0;
        let mut hi = self.sep.len();
        while lo + 1 < hi {
            let mid = (lo + hi) / 2;
            if utf16_lt_eq(&self.sep[mid], key) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        lo
    }

    fn lookup(&self, key: &str) -> Option<&Entry> {
        let (keys, entries) = self.shards.get(self.shard_of(key))?;
        let i = keys
            .binary_search_by(|k| k.encode_utf16().cmp(key.encode_utf16()))
            .ok()?;
        entries.get(i)
    }

    /// Keys starting with `prefix` (pairs only when `prefix` has a space), most frequent first.
    fn completions(&self, prefix: &str) -> Vec<(&str, &Entry)> {
        let first = self.shard_of(prefix);
        let pair = prefix.contains(' ');
        let mut out: Vec<(&str, &Entry, usize)> = Vec::new();
        for s in first..(first + PREFIX_SHARDS).min(self.shards.len()) {
            let (keys, entries) = &self.shards[s];
            for (k, e) in keys.iter().zip(entries) {
                if k.starts_with(prefix) && (pair || !k.contains(' ')) {
                    let df = e.1.iter().map(|v| v.1.len()).sum();
                    out.push((k, e, df));
                }
            }
        }
        out.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        out.truncate(MAX_COMPLETIONS);
        out.into_iter().map(|(k, e, _)| (k, e)).collect()
    }

    fn candidates(&self, t: &Term, pair_of: Option<&Term>) -> Vec<(String, &Entry, f32)> {
        let (key, raw) = match pair_of {
            Some(p) => (
                format!("{} {}", p.key, t.key),
                format!("{} {}", p.key, t.raw),
            ),
            None => (t.key.clone(), t.raw.clone()),
        };
        let mut out = Vec::new();
        if let Some(e) = self.lookup(&key) {
            out.push((key.clone(), e, 1.0));
        }
        if t.prefix {
            for (k, e) in self.completions(&raw) {
                if k != key {
                    out.push((k.to_string(), e, PREFIX_WEIGHT));
                }
            }
        }
        out
    }

    /// Ranks sections for `query`; at most `limit` hits, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let slots = self.slots(query);
        if slots.is_empty() {
            return Vec::new();
        }
        let mut score: HashMap<u32, f32> = HashMap::new();
        let mut hits: HashMap<u32, u32> = HashMap::new();
        for (t, _) in &slots {
            for (d, s) in self.best_word_scores(t) {
                *score.entry(d).or_default() += s;
                *hits.entry(d).or_default() += 1;
            }
        }
        for w in slots.windows(2) {
            let ((a, ac), (b, bc)) = (&w[0], &w[1]);
            if *ac || *bc {
                continue;
            }
            for (d, s) in self.best_pair_scores(a, b) {
                if let Some(x) = score.get_mut(&d) {
                    *x += s;
                }
            }
        }
        self.ranked(score, &hits, slots.len(), limit)
    }

    /// The query's terms, each with whether it is a compound: a compound the index has
    /// stands for its words, otherwise its words count one by one.
    fn slots(&self, query: &str) -> Vec<(Term, bool)> {
        let mut slots: Vec<(Term, bool)> = Vec::new();
        for g in parse(query, self.stem) {
            match g.compound {
                Some(c) if self.lookup(&c.key).is_some() => slots.push((c, true)),
                _ => slots.extend(g.words.into_iter().map(|w| (w, false))),
            }
        }
        slots
    }

    /// Per section, the best score of any key and form matching term `t` (an exact form
    /// counts fully, another form of the key [`FOLDED_WEIGHT`] when `t` carries marks).
    fn best_word_scores(&self, t: &Term) -> HashMap<u32, f32> {
        let mut best: HashMap<u32, f32> = HashMap::new();
        for (ckey, entry, cw) in self.candidates(t, None) {
            let (idf, forms) = entry;
            for (variant, postings) in forms {
                let vexact: &str = if variant.is_empty() { &ckey } else { variant };
                let same = vexact == t.exact || (t.prefix && vexact.starts_with(&t.exact));
                let vw = if !t.marks || same { 1.0 } else { FOLDED_WEIGHT };
                for &(d, q) in postings {
                    let s = cw * vw * idf * q as f32;
                    let b = best.entry(d).or_insert(0.0);
                    if s > *b {
                        *b = s;
                    }
                }
            }
        }
        best
    }

    /// Per section, the best score of the pair of adjacent terms `a`, `b`.
    fn best_pair_scores(&self, a: &Term, b: &Term) -> HashMap<u32, f32> {
        let mut best: HashMap<u32, f32> = HashMap::new();
        for (_, entry, cw) in self.candidates(b, Some(a)) {
            let (idf, forms) = entry;
            for (_, postings) in forms {
                for &(d, q) in postings {
                    let s = cw * PAIR_WEIGHT * idf * q as f32;
                    let e = best.entry(d).or_insert(0.0);
                    if s > *e {
                        *e = s;
                    }
                }
            }
        }
        best
    }

    /// The `limit` best sections of `score`, each score scaled by the square of the share
    /// of the query's `slots` terms it matched (`hits`).
    fn ranked(
        &self,
        score: HashMap<u32, f32>,
        hits: &HashMap<u32, u32>,
        slots: usize,
        limit: usize,
    ) -> Vec<Hit> {
        let n = slots as f32;
        let mut ranked: Vec<(u32, f32)> = score
            .into_iter()
            .map(|(d, s)| {
                let share = hits[&d] as f32 / n;
                (d, s * share * share)
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(d, s)| {
                let (href, title) = self.docs.get(&(d as usize)).cloned().unwrap_or_default();
                Hit {
                    doc: d,
                    href,
                    title,
                    score: s,
                }
            })
            .collect()
    }
}
