//! Building the per-language index and writing it as script shards.
//!
//! See the module documentation of [`crate::search`] for the file formats.

use std::time::Instant;

use rayon::prelude::*;
use serde_json::{json, Value};

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
pub const FORMAT_VERSION: u32 = 1;
/// Sections per document shard (`search/<lang>/d/<n>.js` holds sections `n*K .. n*K+K-1`).
pub const DOCS_PER_SHARD: usize = 2;
/// A term shard is closed once its payload passes this many bytes.
pub const TERM_SHARD_BYTES: usize = 6_000;
/// At most this many postings are kept per word form (the highest-scoring ones).
pub const MAX_POSTINGS: usize = 1_200;
/// Section text kept for snippets, in bytes.
pub const MAX_TEXT_BYTES: usize = 900;

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
    /// Page title, for the first section of a page only.
    page_title: Option<String>,
    heading: String,
    blocks: Vec<String>,
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
fn page_docs(page: &SearchPage) -> Vec<Doc> {
    let sections = extract::sections(page.html);
    let sections = if sections.is_empty() {
        vec![Section::default()]
    } else {
        sections
    };
    let breadcrumb = page.breadcrumb.join(" › ");
    let mut out = Vec::with_capacity(sections.len());
    for (i, s) in sections.into_iter().enumerate() {
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
        out.push(Doc {
            href,
            title: page.title.to_string(),
            trail: trail.join(" › "),
            breadcrumb: breadcrumb.clone(),
            page_title: (i == 0).then(|| page.title.to_string()),
            heading: s.heading().to_string(),
            blocks: s.blocks,
        });
    }
    out
}

/// Interned words: raw token text → (word form id, key id).
struct Vocab<'a> {
    stem: bool,
    raw: HashMap<&'a str, (u32, u32)>,
    form_ids: HashMap<String, u32>,
    /// Word forms: (exact form, key id).
    forms: Vec<(String, u32)>,
    key_ids: HashMap<String, u32>,
    keys: Vec<String>,
    /// Pairs of adjacent key ids (first << 32 | second) → pair id.
    pair_ids: HashMap<u64, u32>,
    pairs: Vec<u64>,
}

impl<'a> Vocab<'a> {
    fn intern(&mut self, raw: &'a str, compound: bool) -> (u32, u32) {
        if let Some(&ids) = self.raw.get(raw) {
            return ids;
        }
        let exact = fold::exact(raw);
        let mut key = tokenize::key_of(&exact, compound);
        if self.stem && !compound {
            key = fold::stem_en(&key);
        }
        let kid = match self.key_ids.get(&key) {
            Some(&k) => k,
            None => {
                let k = self.keys.len() as u32;
                self.key_ids.insert(key.clone(), k);
                self.keys.push(key.clone());
                k
            }
        };
        // English keeps one form per key; Vietnamese keeps each exact form apart.
        let form = if self.stem || exact == key {
            String::new()
        } else {
            exact
        };
        let form_key = format!("{kid}\u{0}{form}");
        let fid = match self.form_ids.get(&form_key) {
            Some(&f) => f,
            None => {
                let f = self.forms.len() as u32;
                self.form_ids.insert(form_key, f);
                self.forms.push((form, kid));
                f
            }
        };
        self.raw.insert(raw, (fid, kid));
        (fid, kid)
    }
}

/// Per-section accumulators, reused across sections.
#[derive(Default)]
struct Acc {
    tf: Vec<f32>,
    touched: Vec<u32>,
    ptf: Vec<f32>,
    ptouched: Vec<u32>,
    len: f32,
}

fn add_text<'a>(vocab: &mut Vocab<'a>, acc: &mut Acc, text: &'a str, weight: f32) {
    let mut prev: Option<(u32, u32)> = None; // (pos, key id)
    tokenize::for_each_token(text, 0, |t, _, _, pos, compound| {
        let (fid, kid) = vocab.intern(t, compound);
        let fid = fid as usize;
        if fid >= acc.tf.len() {
            acc.tf.resize(fid + 1, 0.0);
        }
        if acc.tf[fid] == 0.0 {
            acc.touched.push(fid as u32);
        }
        acc.tf[fid] += weight;
        if !compound {
            acc.len += weight;
            if let Some((p, pk)) = prev {
                if p + 1 == pos {
                    let pair = ((pk as u64) << 32) | kid as u64;
                    let next = vocab.pairs.len() as u32;
                    let pid = *vocab.pair_ids.entry(pair).or_insert(next) as usize;
                    if pid == next as usize {
                        vocab.pairs.push(pair);
                        acc.ptf.push(0.0);
                    }
                    if acc.ptf[pid] == 0.0 {
                        acc.ptouched.push(pid as u32);
                    }
                    acc.ptf[pid] += weight;
                }
            }
            prev = Some((pos, kid));
        }
    });
}

/// Postings of one word form or pair: (doc, weighted tf), in doc order.
type Postings = Vec<(u32, f32)>;

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

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
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
    let t0 = Instant::now();
    let docs: Vec<Doc> = pages
        .par_iter()
        .map(|p| page_docs(p))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let t1 = Instant::now();

    let mut vocab = Vocab {
        stem,
        raw: HashMap::default(),
        form_ids: HashMap::default(),
        forms: Vec::new(),
        key_ids: HashMap::default(),
        keys: Vec::new(),
        pair_ids: HashMap::default(),
        pairs: Vec::new(),
    };
    let mut form_postings: Vec<Postings> = Vec::new();
    let mut pair_postings: Vec<Postings> = Vec::new();
    let mut df: Vec<u32> = Vec::new();
    let mut last_doc: Vec<u32> = Vec::new();
    let mut lens = Vec::with_capacity(docs.len());
    let mut acc = Acc::default();
    for (id, doc) in docs.iter().enumerate() {
        let id = id as u32;
        acc.len = 0.0;
        if let Some(t) = &doc.page_title {
            add_text(&mut vocab, &mut acc, t, TITLE_WEIGHT);
        }
        add_text(&mut vocab, &mut acc, &doc.heading, HEADING_WEIGHT);
        for b in &doc.blocks {
            add_text(&mut vocab, &mut acc, b, 1.0);
        }
        if form_postings.len() < vocab.forms.len() {
            form_postings.resize_with(vocab.forms.len(), Vec::new);
        }
        if df.len() < vocab.keys.len() {
            df.resize(vocab.keys.len(), 0);
            last_doc.resize(vocab.keys.len(), u32::MAX);
        }
        for &f in &acc.touched {
            let f = f as usize;
            form_postings[f].push((id, acc.tf[f]));
            acc.tf[f] = 0.0;
            let k = vocab.forms[f].1 as usize;
            if last_doc[k] != id {
                last_doc[k] = id;
                df[k] += 1;
            }
        }
        acc.touched.clear();
        if pair_postings.len() < vocab.pairs.len() {
            pair_postings.resize_with(vocab.pairs.len(), Vec::new);
        }
        for &p in &acc.ptouched {
            let p = p as usize;
            pair_postings[p].push((id, acc.ptf[p]));
            acc.ptf[p] = 0.0;
        }
        acc.ptouched.clear();
        lens.push(acc.len);
    }
    let t2 = Instant::now();
    let n = docs.len() as f32;
    let avgdl = if docs.is_empty() {
        1.0
    } else {
        (lens.iter().sum::<f32>() / n).max(1.0)
    };

    // The dictionary: words (with their forms) and pairs, sorted in JavaScript string order.
    enum Item {
        Word(u32),
        Pair(u32),
    }
    let mut key_forms: Vec<Vec<u32>> = vec![Vec::new(); vocab.keys.len()];
    for (f, (_, k)) in vocab.forms.iter().enumerate() {
        key_forms[*k as usize].push(f as u32);
    }
    let mut items: Vec<(String, Item)> = vocab
        .keys
        .iter()
        .enumerate()
        .map(|(k, s)| (s.clone(), Item::Word(k as u32)))
        .chain(vocab.pairs.iter().enumerate().map(|(i, &p)| {
            let (a, b) = ((p >> 32) as usize, (p & 0xffff_ffff) as usize);
            (
                format!("{} {}", vocab.keys[a], vocab.keys[b]),
                Item::Pair(i as u32),
            )
        }))
        .collect();
    items.sort_by(|a, b| utf16_cmp(&a.0, &b.0));
    let t3 = Instant::now();

    let encode_postings = |idf: f32, postings: &Postings, out: &mut String| {
        let _ = idf;
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
        out.push('"');
        let mut prev: i64 = -1;
        for (d, q) in scored {
            push_vlq(out, (d as i64 - prev - 1) as u32);
            push_vlq(out, q);
            prev = d as i64;
        }
        out.push('"');
    };
    let idf_of = |df: u32| (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
    // Each entry as JSON text: [idf*1000,"form","postings",…].
    let encode = |item: &Item| -> String {
        let mut out = String::from("[");
        match item {
            Item::Word(k) => {
                let idf = idf_of(df[*k as usize]);
                out.push_str(&((idf * 1000.0).round() as u32).to_string());
                let mut forms: Vec<u32> = key_forms[*k as usize].clone();
                forms.sort_by(|a, b| vocab.forms[*a as usize].0.cmp(&vocab.forms[*b as usize].0));
                for f in forms {
                    out.push(',');
                    out.push_str(&json_str(&vocab.forms[f as usize].0));
                    out.push(',');
                    encode_postings(idf, &form_postings[f as usize], &mut out);
                }
            }
            Item::Pair(p) => {
                let postings = &pair_postings[*p as usize];
                let idf = idf_of(postings.len() as u32);
                out.push_str(&((idf * 1000.0).round() as u32).to_string());
                out.push_str(",\"\",");
                encode_postings(idf, postings, &mut out);
            }
        }
        out.push(']');
        out
    };
    let encoded: Vec<String> = items.par_iter().map(|(_, it)| encode(it)).collect();
    let t4 = Instant::now();

    let mut files = Vec::new();
    let mut seps: Vec<String> = Vec::new();
    let mut shard = String::new();
    let mut shard_keys = String::new();
    let mut last_key: &str = "";
    let flush = |files: &mut Vec<(String, Vec<u8>)>,
                 keys: &mut String,
                 entries: &mut String,
                 idx: usize| {
        let k = format!("{lang}/t/{idx}");
        let body = format!(
            "SongnguSearch.add({},[[{}],[{}]]);\n",
            json_str(&k),
            keys,
            entries
        );
        keys.clear();
        entries.clear();
        files.push((format!("search/{k}.js"), body.into_bytes()));
    };
    for ((key, _), entry) in items.iter().zip(&encoded) {
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
        shard_keys.push_str(&json_str(key));
        shard.push_str(entry);
        last_key = key;
        if shard.len() + shard_keys.len() >= TERM_SHARD_BYTES {
            flush(&mut files, &mut shard_keys, &mut shard, seps.len() - 1);
        }
    }
    if !shard_keys.is_empty() {
        flush(&mut files, &mut shard_keys, &mut shard, seps.len() - 1);
    }

    let t5 = Instant::now();
    for (i, chunk) in docs.chunks(DOCS_PER_SHARD).enumerate() {
        let k = format!("{lang}/d/{i}");
        // Page fields once per shard: [[title, breadcrumb], …], then the sections.
        let mut pages: Vec<Value> = Vec::new();
        let mut last: Option<(&str, &str)> = None;
        let mut sections: Vec<Value> = Vec::new();
        for d in chunk {
            if last != Some((d.title.as_str(), d.breadcrumb.as_str())) {
                pages.push(json!([d.title, d.breadcrumb]));
                last = Some((d.title.as_str(), d.breadcrumb.as_str()));
            }
            let text = d.blocks.join("\n");
            sections.push(json!([
                pages.len() - 1,
                d.href,
                d.trail,
                truncate(&text, MAX_TEXT_BYTES)
            ]));
        }
        let payload = vec![Value::Array(pages), Value::Array(sections)];
        files.push((format!("search/{k}.js"), script(&k, &Value::Array(payload))));
    }

    let manifest = json!({
        "v": FORMAT_VERSION,
        "lang": lang,
        "stem": stem,
        "docs": docs.len(),
        "per": DOCS_PER_SHARD,
        "shards": seps.len(),
        "sep": front_code(&seps),
    });
    let k = format!("{lang}/manifest");
    files.push((format!("search/{k}.js"), script(&k, &manifest)));
    if timing() {
        eprintln!(
            "search index {lang}: {} sections, {} keys; extract {:?}, count {:?}, sort {:?}, encode {:?}, term shards {:?}, documents {:?}",
            docs.len(),
            items.len(),
            t1 - t0,
            t2 - t1,
            t3 - t2,
            t4 - t3,
            t5 - t4,
            t5.elapsed()
        );
    }
    files
}
