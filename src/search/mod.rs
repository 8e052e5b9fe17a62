//! Search index built at build time, one per language, split into script shards that the
//! browser loads on demand (`<script>` elements, so it works from `file://` too).
//!
//! # Use
//!
//! ```
//! use songngu::search::{build_index, SearchPage};
//! let pages = [SearchPage {
//!     lang: "vi",
//!     url: "vi/2-ket-qua/2-4.html",
//!     title: "Công tác dân vận",
//!     breadcrumb: vec!["Kết quả"],
//!     html: "<h2 id=\"khieu-nai\">Khiếu nại</h2><p>Giải quyết khiếu nại, tố cáo.</p>",
//!     weight: 1.0,
//! }];
//! let files = build_index(&pages, &["vi".to_string(), "en".to_string()]);
//! assert!(files.iter().any(|(p, _)| p == "search/vi/manifest.js"));
//! assert!(files.iter().any(|(p, _)| p == "search/en/manifest.js"));
//! ```
//!
//! # Text
//!
//! Each page's article HTML is split into sections at its headings ([`extract`]); a section
//! is one search result, linking to `url#heading-id`. Words are split by [`tokenize`] and
//! normalised by [`fold`]: the index key of a word is its folded form (`dân`, `dẫn` → `dan`;
//! `Đảng` → `dang`; `hoá` = `hóa`), and each key keeps its exact forms apart so that a query
//! typed with diacritics ranks the exact form first. English keys are lightly stemmed
//! ([`fold::stem_en`]). Adjacent words are also indexed as pairs (`"dan van"`), which ranks
//! sections where the query's syllables are adjacent above sections where they are scattered.
//!
//! # Files (all under `search/<lang>/`, every file a script calling `SongnguSearch.add(key, data)`
//! where `key` is the path without `search/` and `.js`)
//!
//! - `manifest.js` — key `<lang>/manifest`, data
//!   `{"v":2,"lang":"vi","stem":false,"docs":N,"per":4,"shards":S,"sep":"A|Ab|Bh|…"}`:
//!   `sep` holds for each of the `S` term shards `i` a separator `sep[i]` ≤ its smallest key
//!   (`sep[0]` is `""`), front-coded ([`index::front_code`]): entries split at `|` (no key
//!   contains one), each a base-64 digit telling how many UTF-16 units it shares with the
//!   previous separator, then the rest. The shard of a key is the last `i` with
//!   `sep[i] <= key` (JavaScript string order).
//! - `t/<i>.js` — term shard `i`: `[[key, …], [[idf, variant, postings, variant, postings, …], …]]`.
//!   Keys are sorted; a key is a folded word, a compound (`114-kl/tw`) or a pair of adjacent
//!   words joined by one space (`dan van`). `variant` is the exact form (`""` when it equals the
//!   key). `idf` is the key's BM25 inverse document frequency × 1000 (an integer).
//!   `postings` is a string of base-64 variable-length numbers ([`index::push_vlq`]): pairs of
//!   (doc-id gap − 1, impact 1..31), impact being the BM25 term-frequency part
//!   `tf / (tf + k1·(1 − b + b·len/avglen))` (tf weighted: title ×5, heading ×3) times the
//!   page's `search_weight`, scaled to 31.
//!   A section's score for the word is `idf / 1000 × impact`. At most
//!   [`index::MAX_POSTINGS`] best postings are kept per variant.
//! - `d/<j>.js` — sections `j*per … j*per+per-1` ([`index::DOCS_PER_SHARD`]):
//!   `[[[page title, breadcrumb, url], …], [[page, anchor, heading trail, text], …]]`: `page`
//!   indexes the first list; `url` is root-relative (`vi/2-ket-qua/2-4.html`) and a section's
//!   link is `url#anchor`, or `url` when `anchor` is `""`; the breadcrumb and the heading trail
//!   are joined with ` › `; `text` is the section's text (blocks separated by `\n`, cut at
//!   [`index::MAX_TEXT_BYTES`]).
//!
//! The client is `theme/static/search.js`; [`query`] is the same ranking in Rust, used by tests
//! and benchmarks.

pub mod extract;
pub mod fold;
pub mod index;
pub mod query;
pub mod tokenize;

/// One page to index.
#[derive(Debug, Clone)]
pub struct SearchPage<'a> {
    /// Language code of the page (`"vi"`).
    pub lang: &'a str,
    /// Root-relative URL, e.g. `"vi/2-ket-qua/2-4.html"`.
    pub url: &'a str,
    /// Page title.
    pub title: &'a str,
    /// Ancestor titles, outermost first (cover excluded).
    pub breadcrumb: Vec<&'a str>,
    /// The rendered article body (headings carry `id="…"`).
    pub html: &'a str,
    /// Multiplier of the page's ranking (front matter `search_weight`; 1 normally).
    pub weight: f32,
}

/// Builds the search index of every language in `languages` from `pages`.
///
/// The output folder of the index: every file is under `search/<lang>/`.
pub const OUTPUT_DIR: &str = "search";

/// Returns `(path, bytes)` pairs relative to the output root, all under `search/<lang>/`,
/// in a deterministic order with deterministic content. Pages of other languages are ignored;
/// a language without pages still gets an (empty) manifest.
pub fn build_index(pages: &[SearchPage], languages: &[String]) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    let mut files: Vec<(String, Vec<u8>)> = languages
        .par_iter()
        .map(|lang| {
            let t = std::time::Instant::now();
            let mine: Vec<&SearchPage> = pages.iter().filter(|p| p.lang == lang).collect();
            let files = index::build_language(&mine, lang);
            if crate::timings::enabled() {
                eprintln!("search index {lang}: {:?} in all", t.elapsed());
            }
            files
        })
        .flatten()
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

#[cfg(test)]
mod tests;
