//! Benchmark of the search indexer alone (harness = false): the two halves of
//! `songngu::search::index` (counting, then the merge and the files) on the pages of a built
//! corpus, run again and again in one process, so that a change to the indexer can be
//! compared without the rest of the build and with less noise than whole builds.
//!
//! ```sh
//! cargo bench --bench index                     # 5,000 chapters per language, 7 runs
//! SONGNGU_BENCH_PAGES=500 SONGNGU_BENCH_RUNS=15 cargo bench --bench index
//! SONGNGU_BENCH_THREADS=1 cargo bench --bench index   # on one thread: CPU time per half
//! SONGNGU_BENCH_FLOOR=1 cargo bench --bench index      # and what any such index must do
//! ```
//!
//! The corpus (`examples/gen_corpus.rs`, cached under `target/bench-corpus/`) is built once in
//! memory; each page's article (between its `<h1>` and `</article>`) is what the indexer
//! reads, as in a build. Reported per language: minimum and median time of counting and of
//! finishing, and the files and bytes of the index. The minimum is the figure to compare: it
//! is the least disturbed by other work on the machine.
//!
//! With `SONGNGU_BENCH_FLOOR=1` it also times, on one thread, each step of the work any index
//! of this kind has to do, each done as plainly as possible: reading the text out of the
//! articles; reading its words, split at ASCII whitespace alone (less than any tokenizer does)
//! and with the real tokenizer; counting each word in one hash table, then also each pair of
//! adjacent words in a second one (no folding, no sections, no postings); and, apart, writing
//! files as many and as big as the index's into a fresh folder (`SONGNGU_BENCH_OUT`, default
//! `target/bench-floor`). The whitespace split and the writes are lower bounds; the plain
//! tables are a comparison only (the real counter does more, per section, in about as long).

// Test, benchmark and example crates: their `pub` items are shared between their own modules.
#![allow(unreachable_pub)]

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use songngu::build::{BuildOptions, Builder};
use songngu::search::SearchPage;
use songngu::search::{extract, index, tokenize};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// A page of the built output: (language, url, title, article HTML).
type Page = (String, String, String, String);

/// The pages of a built site, by language, in path order.
fn pages_of(output: &songngu::output::Output, lang: &str) -> Vec<Page> {
    let mut out = Vec::new();
    for (path, bytes) in output.iter() {
        if !path.starts_with(&format!("{lang}/")) || !path.ends_with(".html") {
            continue;
        }
        let Ok(html) = std::str::from_utf8(bytes) else {
            continue;
        };
        let Some(h1) = html.find("<h1>") else {
            continue;
        };
        let Some(h1_end) = html[h1..].find("</h1>").map(|e| h1 + e) else {
            continue;
        };
        let Some(end) = html.rfind("</article>") else {
            continue;
        };
        if end < h1_end || path.ends_with("print.html") {
            continue;
        }
        let title = html[h1 + 4..h1_end].to_string();
        let body = html[h1_end + 5..end].to_string();
        out.push((lang.to_string(), path.to_string(), title, body));
    }
    out
}

fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    (v[0].as_secs_f64() * 1e3, v[v.len() / 2].as_secs_f64() * 1e3)
}

fn main() {
    let chapters = env_usize("SONGNGU_BENCH_PAGES", 5000);
    let runs = env_usize("SONGNGU_BENCH_RUNS", 7).max(1);
    let threads = env_usize("SONGNGU_BENCH_THREADS", 0);
    let floor = std::env::var("SONGNGU_BENCH_FLOOR").is_ok_and(|v| v == "1");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!(
        "target/bench-corpus/p{chapters}-s1-v{}",
        gen_corpus::CORPUS_VERSION
    ));
    if !corpus.join("content/site.toml").is_file() {
        eprintln!(
            "generating {chapters} chapters per language in {}",
            corpus.display()
        );
        gen_corpus::generate(&corpus, chapters, 1).expect("corpus generation");
    }
    let built = Builder::new(BuildOptions {
        root: corpus.clone(),
        drafts: false,
        preview: false,
    })
    .build()
    .unwrap_or_else(|e| panic!("build failed: {} errors", e.error_count()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    println!(
        "indexer on {} ({} threads, {runs} runs; min / median in ms)",
        corpus.display(),
        pool.current_num_threads()
    );
    for lang in ["vi", "en"] {
        let owned = pages_of(&built.output, lang);
        let pages: Vec<SearchPage> = owned
            .iter()
            .map(|(l, url, title, html)| SearchPage {
                lang: l,
                url,
                title,
                breadcrumb: Vec::new(),
                html,
                weight: 1.0,
            })
            .collect();
        let refs: Vec<&SearchPage> = pages.iter().collect();
        let html_bytes: usize = owned.iter().map(|p| p.3.len()).sum();
        let (mut counting, mut finishing) = (Vec::new(), Vec::new());
        let (files, bytes) = (AtomicU64::new(0), AtomicU64::new(0));
        let sizes = std::sync::Mutex::new(Vec::new());
        for run in 0..runs {
            files.store(0, Ordering::Relaxed);
            bytes.store(0, Ordering::Relaxed);
            pool.install(|| {
                let t = Instant::now();
                let counts = index::count_language(&refs);
                counting.push(t.elapsed());
                let t = Instant::now();
                index::finish_language(counts, &refs, lang, &|_, b| {
                    files.fetch_add(1, Ordering::Relaxed);
                    bytes.fetch_add(b.len() as u64, Ordering::Relaxed);
                    if run == 0 && floor {
                        sizes
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(b.len());
                    }
                });
                finishing.push(t.elapsed());
            });
        }
        let (c_min, c_med) = stats(counting);
        let (f_min, f_med) = stats(finishing);
        println!(
            "{lang}: {} pages, {:.1} MB of article HTML; count {c_min:.1} / {c_med:.1}, \
             finish {f_min:.1} / {f_med:.1}, total {:.1}; {} files, {:.1} MB",
            refs.len(),
            html_bytes as f64 / 1e6,
            c_min + f_min,
            files.load(Ordering::Relaxed),
            bytes.load(Ordering::Relaxed) as f64 / 1e6
        );
        if floor {
            let sizes = sizes.into_inner().unwrap_or_else(|e| e.into_inner());
            measure_floor(lang, &owned, &sizes, runs);
        }
    }
}

/// Times `f` `runs` times: the least time in ms, and the last result.
fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut least = f64::INFINITY;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = std::hint::black_box(f());
        least = least.min(t.elapsed().as_secs_f64() * 1e3);
        last = Some(r);
    }
    (least, last.expect("at least one run"))
}

/// Counts the tokens of `blocks` in one plain hash table and, with `pairs`, each pair of
/// adjacent tokens in a second: (distinct words, distinct pairs).
fn plain_counts<'a>(blocks: impl Iterator<Item = &'a str>, pairs: bool) -> (usize, usize) {
    let mut ids: rustc_hash::FxHashMap<&str, u32> = Default::default();
    let mut counts: Vec<u32> = Vec::new();
    let mut pair_counts: rustc_hash::FxHashMap<u64, u32> = Default::default();
    for b in blocks {
        let mut prev: Option<u32> = None;
        tokenize::for_each_token(b, 0, |w, _, _, _, _| {
            let next = ids.len() as u32;
            let id = *ids.entry(w).or_insert(next);
            if id == next {
                counts.push(0);
            }
            counts[id as usize] += 1;
            if pairs {
                if let Some(p) = prev {
                    *pair_counts
                        .entry(u64::from(p) << 32 | u64::from(id))
                        .or_insert(0) += 1;
                }
                prev = Some(id);
            }
        });
    }
    (counts.len(), pair_counts.len())
}

/// The floor of indexing one language (see the module documentation), on this thread.
fn measure_floor(lang: &str, pages: &[Page], sizes: &[usize], runs: usize) {
    let (e_min, sections) = timed(runs, || {
        pages
            .iter()
            .map(|p| extract::sections(&p.3))
            .collect::<Vec<_>>()
    });
    let blocks = || {
        sections
            .iter()
            .flatten()
            .flat_map(|s| s.blocks())
            .map(std::hint::black_box)
    };
    let (ws_min, _) = timed(runs, || {
        blocks()
            .map(|b| b.split_ascii_whitespace().count())
            .sum::<usize>()
    });
    let (tok_min, tokens) = timed(runs, || {
        let mut n = 0usize;
        for b in blocks() {
            tokenize::for_each_token(b, 0, |_, _, _, _, _| n += 1);
        }
        n
    });
    let (words_min, (words, _)) = timed(runs, || plain_counts(blocks(), false));
    let (pairs_min, (_, pairs)) = timed(runs, || plain_counts(blocks(), true));
    let out = std::env::var_os("SONGNGU_BENCH_OUT")
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-floor"),
            PathBuf::from,
        )
        .join(lang);
    let payload = vec![b'x'; sizes.iter().copied().max().unwrap_or(0)];
    // Only the folder's making and the writes are timed, not the removal of the last run's.
    let mut write_min = f64::INFINITY;
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(&out);
        let t = Instant::now();
        std::fs::create_dir_all(&out).expect("floor output folder");
        for (i, &n) in sizes.iter().enumerate() {
            std::fs::write(out.join(format!("{i}.js")), &payload[..n]).expect("write");
        }
        write_min = write_min.min(t.elapsed().as_secs_f64() * 1e3);
    }
    let _ = std::fs::remove_dir_all(&out);
    println!(
        "{lang} floor (one thread, min ms): extract {e_min:.1}; words split at whitespace \
         {ws_min:.1}, tokenized {tok_min:.1} ({tokens} tokens), counted {words_min:.1} \
         ({words} words), with pairs {pairs_min:.1} ({pairs} pairs); extract + words + pairs \
         {:.1}; writing {} files {write_min:.1} (incl. making the folder)",
        e_min + pairs_min,
        sizes.len()
    );
}
