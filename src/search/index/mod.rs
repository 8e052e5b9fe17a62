//! Building the per-language index and writing it as script shards.
//!
//! See the module documentation of [`crate::search`] for the file formats. A language is
//! built in two halves: [`count_language`] extracts the pages' sections and counts their
//! words in parallel runs (module `count`); [`finish_language`] writes the document shards,
//! merges the runs' words (`vocab`) and counts (`postings`), sorts the dictionary
//! (`dictionary`), encodes its entries (`terms`) and writes the term shards and the
//! manifest (`shards`).

mod count;
mod dictionary;
mod encode;
mod entries;
mod order;
mod postings;
mod sections;
mod shards;
mod terms;
mod vocab;

use std::time::{Duration, Instant};

use super::SearchPage;
use dictionary::{KeyForms, PairKeys};
use terms::{Impacts, TermEncoder};

pub use count::{count_language, count_language_owned, Counts};
pub use encode::{decode_vlq, front_code, front_decode, push_vlq};

/// Hash maps of the indexer hash with FxHash (SipHash and streaming xxh3 showed up in
/// profiles; keys are short words and integers).
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Where each finished file goes: `emit(path, bytes)`, from any thread.
type Emit<'a> = &'a (dyn Fn(String, Vec<u8>) + Sync);

/// Format version written into every manifest.
pub const FORMAT_VERSION: u32 = 2;
/// Sections per document shard (`search/<lang>/d/<n>.js` holds sections `n*K .. n*K+K-1`).
pub const DOCS_PER_SHARD: usize = 4;
/// A term shard is closed once its payload passes this many bytes.
pub const TERM_SHARD_BYTES: usize = 6_000;
/// At most this many postings are kept per word form (the highest-scoring ones).
pub const MAX_POSTINGS: usize = 1_200;
/// Section text kept for snippets, in bytes (about 120 Vietnamese syllables, several times
/// the snippet the client shows).
pub const MAX_TEXT_BYTES: usize = 700;

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
        started,
        counted,
        docs,
    } = counts;
    let mut laps = Laps::since(started);
    shards::write_doc_shards(&docs, pages, lang, emit);
    let doc_pages: Vec<u32> = docs.iter().map(|d| d.page).collect();
    laps.lap();
    drop(docs);
    let words = vocab::merge(&counted, stem);
    laps.lap();
    let postings = postings::build(counted, &words);
    laps.lap();
    let key_forms = KeyForms::new(&words.forms, words.keys.len());
    let pair_keys = PairKeys::new(&postings.pair_keys, &words.keys);
    let items = dictionary::sorted(&words.keys, &pair_keys);
    laps.lap();
    let impacts = Impacts::new(&postings.lens, &doc_pages, pages);
    let encoder = TermEncoder {
        sections: doc_pages.len(),
        forms: &words.forms,
        key_forms: &key_forms,
        postings: &postings,
        impacts: &impacts,
    };
    let encoded = encoder.encode_all(&items);
    laps.lap();
    let seps = shards::write_term_shards(&items, &encoded, lang, emit);
    laps.lap();
    shards::write_manifest(lang, stem, doc_pages.len(), &seps, emit);
    laps.lap();
    if crate::timings::enabled() {
        let sizes = [
            doc_pages.len(),
            words.raw_words,
            words.forms.len(),
            words.keys.len(),
            postings.pair_keys.len(),
            items.len(),
        ];
        print_timings(lang, sizes, &laps.laps);
    }
}

/// The time each stage of [`finish_language`] took, the first being the counting (from
/// when it began until the finish began).
struct Laps {
    last: Instant,
    laps: Vec<Duration>,
}

impl Laps {
    /// Starts timing at `started`; the first lap ends now.
    fn since(started: Instant) -> Laps {
        let mut laps = Laps {
            last: started,
            laps: Vec::with_capacity(8),
        };
        laps.lap();
        laps
    }

    /// Ends a lap (and starts the next) now.
    fn lap(&mut self) {
        let now = Instant::now();
        self.laps.push(now - self.last);
        self.last = now;
    }
}

/// Prints the timings line of a language: the sizes (sections, raw words, forms, words,
/// pairs, keys), then the time of each stage.
fn print_timings(lang: &str, sizes: [usize; 6], laps: &[Duration]) {
    const SIZES: [&str; 6] = ["sections", "raw words", "forms", "words", "pairs", "keys"];
    const STAGES: [&str; 8] = [
        "extract and count",
        "document shards",
        "interning",
        "postings",
        "sort",
        "encode",
        "term shards",
        "manifest",
    ];
    let sizes: Vec<String> = sizes
        .iter()
        .zip(SIZES)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    let stages: Vec<String> = laps
        .iter()
        .zip(STAGES)
        .map(|(t, what)| format!("{what} {t:?}"))
        .collect();
    eprintln!(
        "search index {lang}: {}; {}",
        sizes.join(", "),
        stages.join(", ")
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use count::PAGES_PER_RUN;

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
