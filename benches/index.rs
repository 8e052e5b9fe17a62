//! Benchmark of the search indexer alone (harness = false): the two halves of
//! `songngu::search::index` (counting, then the merge and the files) on the pages of a built
//! corpus, run again and again in one process, so that a change to the indexer can be
//! compared without the rest of the build and with less noise than whole builds.
//!
//! ```sh
//! cargo bench --bench index                     # 5,000 chapters per language, 7 runs
//! SONGNGU_BENCH_PAGES=500 SONGNGU_BENCH_RUNS=15 cargo bench --bench index
//! SONGNGU_BENCH_THREADS=1 cargo bench --bench index   # on one thread: CPU time per half
//! ```
//!
//! The corpus (`examples/gen_corpus.rs`, cached under `target/bench-corpus/`) is built once in
//! memory; each page's article (between its `<h1>` and `</article>`) is what the indexer
//! reads, as in a build. Reported per language: minimum and median time of counting and of
//! finishing, and the files and bytes of the index. The minimum is the figure to compare: it
//! is the least disturbed by other work on the machine.

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use songngu::build::{BuildOptions, Builder};
use songngu::search::index;
use songngu::search::SearchPage;

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
        defer_search: false,
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
        for _ in 0..runs {
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
    }
}
