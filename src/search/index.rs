//! Building the per-language index and writing it as script shards.
//!
//! See the module documentation of [`crate::search`] for the file formats.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde_json::{json, Value};

use super::extract::{self, Section};
use super::fold;
use super::tokenize::{self, Token};
use super::SearchPage;

/// Format version written into every manifest.
pub const FORMAT_VERSION: u32 = 1;
/// Sections per document shard (`search/<lang>/d/<n>.js` holds sections `n*K .. n*K+K-1`).
pub const DOCS_PER_SHARD: usize = 4;
/// A term shard is closed once its payload passes this many bytes.
pub const TERM_SHARD_BYTES: usize = 12_000;
/// At most this many postings are kept per word form (the highest-scoring ones).
pub const MAX_POSTINGS: usize = 2_000;
/// Section text kept for snippets, in bytes.
pub const MAX_TEXT_BYTES: usize = 1_600;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Weight of a word of the page title (first section of a page).
const TITLE_WEIGHT: f32 = 5.0;
/// Weight of a word of the section's heading.
const HEADING_WEIGHT: f32 = 3.0;
/// The term-frequency part of BM25 (0 < x < K1 + 1) is stored as round(x / (K1 + 1) * 31),
/// clamped to 1..=31; the inverse document frequency once per key, times 1000.
const IMPACT_STEPS: f32 = 31.0;

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
    href: String,
    title: String,
    trail: String,
    breadcrumb: String,
    text: String,
}

/// What one section contributes: weighted term frequencies and its length.
#[derive(Default)]
struct DocTerms {
    /// (key, exact form) → weighted frequency.
    words: HashMap<(String, String), f32>,
    /// Bigram key → weighted frequency.
    pairs: HashMap<String, f32>,
    len: f32,
}

/// Memo of word → (exact form, key), per worker.
type FoldCache = HashMap<String, (String, String)>;

fn analyse(cache: &mut FoldCache, token: &Token, stem: bool) -> (String, String) {
    if let Some(v) = cache.get(&token.text) {
        if !token.compound {
            return v.clone();
        }
    }
    let exact = fold::exact(&token.text);
    let mut key = tokenize::key_of(&exact, token.compound);
    if stem && !token.compound {
        key = fold::stem_en(&key);
    }
    if !token.compound {
        cache.insert(token.text.clone(), (exact.clone(), key.clone()));
    }
    (exact, key)
}

fn add_text(cache: &mut FoldCache, terms: &mut DocTerms, text: &str, weight: f32, stem: bool) {
    let tokens = tokenize::tokenize(text, 0);
    let mut prev: Option<(u32, String)> = None;
    for t in &tokens {
        let (exact, key) = analyse(cache, t, stem);
        if !t.compound {
            terms.len += weight;
            if let Some((p, pk)) = &prev {
                if *p + 1 == t.pos {
                    *terms.pairs.entry(format!("{pk} {key}")).or_default() += weight;
                }
            }
            prev = Some((t.pos, key.clone()));
        }
        *terms.words.entry((key, exact)).or_default() += weight;
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

/// Sections of one page as documents plus their terms.
fn page_docs(cache: &mut FoldCache, page: &SearchPage, stem: bool) -> Vec<(Doc, DocTerms)> {
    let sections = extract::sections(page.html);
    let sections = if sections.is_empty() {
        vec![Section::default()]
    } else {
        sections
    };
    let breadcrumb = page.breadcrumb.join(" › ");
    let mut out = Vec::with_capacity(sections.len());
    for (i, s) in sections.iter().enumerate() {
        let mut terms = DocTerms::default();
        if i == 0 {
            add_text(cache, &mut terms, page.title, TITLE_WEIGHT, stem);
        }
        add_text(cache, &mut terms, s.heading(), HEADING_WEIGHT, stem);
        for b in &s.blocks {
            add_text(cache, &mut terms, b, 1.0, stem);
        }
        let href = match &s.anchor {
            Some(a) => format!("{}#{}", page.url, a),
            None => page.url.to_string(),
        };
        // The heading trail without a leading repeat of the page title.
        let trail: Vec<&str> = s
            .headings
            .iter()
            .map(String::as_str)
            .filter(|h| !h.is_empty() && *h != page.title)
            .collect();
        let text = s.blocks.join("\n");
        out.push((
            Doc {
                href,
                title: page.title.to_string(),
                trail: trail.join(" › "),
                breadcrumb: breadcrumb.clone(),
                text: truncate(&text, MAX_TEXT_BYTES).to_string(),
            },
            terms,
        ));
    }
    out
}

/// Postings of one word form: (doc, weighted tf).
type Postings = Vec<(u32, f32)>;

#[derive(Default)]
struct KeyEntry {
    /// Exact form (empty when equal to the key) → postings.
    variants: BTreeMap<String, Postings>,
    df: u32,
    last_doc: Option<u32>,
}

impl KeyEntry {
    fn add(&mut self, variant: String, doc: u32, tf: f32) {
        if self.last_doc != Some(doc) {
            self.df += 1;
            self.last_doc = Some(doc);
        }
        self.variants.entry(variant).or_default().push((doc, tf));
    }
}

fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
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

fn script(key: &str, payload: &Value) -> Vec<u8> {
    format!(
        "SongnguSearch.add({},{});\n",
        Value::from(key),
        serde_json::to_string(payload).unwrap_or_else(|_| "null".into())
    )
    .into_bytes()
}

/// Builds the files of one language.
pub fn build_language(pages: &[&SearchPage], lang: &str) -> Vec<(String, Vec<u8>)> {
    let stem = lang == "en" || lang.starts_with("en-");
    let per_page: Vec<Vec<(Doc, DocTerms)>> = pages
        .par_iter()
        .map_init(FoldCache::new, |cache, p| page_docs(cache, p, stem))
        .collect();

    let mut docs = Vec::new();
    let mut lens = Vec::new();
    let mut words: HashMap<String, KeyEntry> = HashMap::new();
    let mut pairs: HashMap<String, KeyEntry> = HashMap::new();
    for (doc, terms) in per_page.into_iter().flatten() {
        let id = docs.len() as u32;
        let mut w: Vec<((String, String), f32)> = terms.words.into_iter().collect();
        w.sort_by(|a, b| a.0.cmp(&b.0));
        for ((key, exact), tf) in w {
            let variant = if stem || exact == key {
                String::new()
            } else {
                exact
            };
            words.entry(key).or_default().add(variant, id, tf);
        }
        let mut p: Vec<(String, f32)> = terms.pairs.into_iter().collect();
        p.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, tf) in p {
            pairs.entry(key).or_default().add(String::new(), id, tf);
        }
        lens.push(terms.len);
        docs.push(doc);
    }
    let n = docs.len() as f32;
    let avgdl = if docs.is_empty() {
        1.0
    } else {
        (lens.iter().sum::<f32>() / n).max(1.0)
    };

    // Merge words and pairs into one sorted dictionary.
    let mut keys: Vec<(String, KeyEntry)> = words.into_iter().chain(pairs).collect();
    keys.sort_by(|a, b| utf16_cmp(&a.0, &b.0));

    let encode = |entry: &KeyEntry| -> Vec<Value> {
        let idf = (1.0 + (n - entry.df as f32 + 0.5) / (entry.df as f32 + 0.5)).ln();
        let mut out = vec![Value::from((idf * 1000.0).round() as u32)];
        for (variant, postings) in &entry.variants {
            let mut scored: Vec<(u32, u32)> = postings
                .iter()
                .map(|&(d, tf)| {
                    let dl = lens[d as usize];
                    let x = tf / (tf + K1 * (1.0 - B + B * dl / avgdl));
                    (d, ((x * IMPACT_STEPS).round() as u32).clamp(1, 31))
                })
                .collect();
            if scored.len() > MAX_POSTINGS {
                scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                scored.truncate(MAX_POSTINGS);
                scored.sort_by_key(|p| p.0);
            }
            let mut s = String::with_capacity(scored.len() * 3);
            let mut prev: i64 = -1;
            for (d, q) in scored {
                push_vlq(&mut s, (d as i64 - prev - 1) as u32);
                push_vlq(&mut s, q);
                prev = d as i64;
            }
            out.push(Value::from(variant.as_str()));
            out.push(Value::from(s));
        }
        out
    };

    let mut files = Vec::new();
    let mut seps: Vec<String> = Vec::new();
    let mut shard_keys: Vec<Value> = Vec::new();
    let mut shard_entries: Vec<Value> = Vec::new();
    let mut shard_bytes = 0usize;
    let mut last_key = String::new();
    let flush = |files: &mut Vec<(String, Vec<u8>)>,
                 keys: &mut Vec<Value>,
                 entries: &mut Vec<Value>,
                 idx: usize| {
        let k = format!("{lang}/t/{idx}");
        let payload = Value::Array(vec![
            Value::Array(std::mem::take(keys)),
            Value::Array(std::mem::take(entries)),
        ]);
        files.push((format!("search/{k}.js"), script(&k, &payload)));
    };
    for (key, entry) in &keys {
        if shard_keys.is_empty() {
            seps.push(if seps.is_empty() {
                String::new()
            } else {
                separator(&last_key, key)
            });
        }
        let e = encode(entry);
        shard_bytes += key.len()
            + 6
            + e.iter()
                .map(|v| v.as_str().map_or(5, str::len) + 3)
                .sum::<usize>();
        shard_keys.push(Value::from(key.as_str()));
        shard_entries.push(Value::Array(e));
        last_key.clone_from(key);
        if shard_bytes >= TERM_SHARD_BYTES {
            flush(
                &mut files,
                &mut shard_keys,
                &mut shard_entries,
                seps.len() - 1,
            );
            shard_bytes = 0;
        }
    }
    if !shard_keys.is_empty() {
        flush(
            &mut files,
            &mut shard_keys,
            &mut shard_entries,
            seps.len() - 1,
        );
    }

    for (i, chunk) in docs.chunks(DOCS_PER_SHARD).enumerate() {
        let k = format!("{lang}/d/{i}");
        let payload: Vec<Value> = chunk
            .iter()
            .map(|d| json!([d.href, d.title, d.trail, d.breadcrumb, d.text]))
            .collect();
        files.push((format!("search/{k}.js"), script(&k, &Value::Array(payload))));
    }

    let manifest = json!({
        "v": FORMAT_VERSION,
        "lang": lang,
        "stem": stem,
        "docs": docs.len(),
        "per": DOCS_PER_SHARD,
        "sep": seps,
    });
    let k = format!("{lang}/manifest");
    files.push((format!("search/{k}.js"), script(&k, &manifest)));
    files
}
