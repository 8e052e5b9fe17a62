//! Search benchmark (harness = false): on a generated corpus of N chapters per language
//! (default 5,000, i.e. about 10,000 pages), measures
//!
//! - the share of build time spent indexing (`BuildStats::search_time / elapsed`, in-process
//!   builds with a fresh `Builder` each run, median of `SONGNGU_BENCH_RUNS`, default 3);
//! - the index size on disk (files and bytes under `search/`, per language and kind);
//! - query time of the Rust twin of the client ranking (`songngu::search::query`);
//! - in headless Chromium (when installed; skipped loudly otherwise): the bytes a first query
//!   transfers (assets/search.js plus every `search/` file requested, counted by the local
//!   server) and the client's query time once the shards are loaded.
//!
//! ```sh
//! cargo bench --bench search                # 5,000 chapters per language
//! SONGNGU_BENCH_PAGES=500 cargo bench --bench search
//! ```
//!
//! The corpus comes from `examples/gen_corpus.rs`, cached under `target/bench-corpus/`.

// Test, benchmark and example crates: their `pub` items are shared between their own modules.
#![allow(unreachable_pub)]

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

#[path = "../tests/common/browser.rs"]
#[allow(dead_code)]
mod browser;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use songngu::build::{BuildOptions, Builder};
use songngu::search::query::Index;

const QUERIES: &[(&str, &str)] = &[
    ("vi", "khieu nai"),
    ("vi", "dân vận"),
    ("vi", "cải cách hành chính"),
    ("vi", "114-KL/TW"),
    ("vi", "04/2015/NĐ-CP"),
    ("vi", "2.272"),
    ("vi", "PAPI"),
    ("vi", "văn hoá"),
    ("vi", "dân"),
    ("vi", "kinh te xa h"),
    ("en", "complaints"),
    ("en", "administrative reform"),
    ("en", "provinc"),
];

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let pages: usize = std::env::var("SONGNGU_BENCH_PAGES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let runs: usize = std::env::var("SONGNGU_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
        .max(1);
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    let corpus = target.join(format!(
        "bench-corpus/search-p{pages}-v{}",
        gen_corpus::CORPUS_VERSION
    ));
    if !corpus.join("content/site.toml").is_file() {
        eprintln!(
            "generating corpus of {pages} chapters per language in {}",
            corpus.display()
        );
        gen_corpus::generate(&corpus, pages, 1).expect("corpus generation");
    }

    // Build time and the share spent indexing.
    let mut shares = Vec::new();
    let mut totals = Vec::new();
    let mut searches = Vec::new();
    let mut last = None;
    for run in 0..=runs {
        let mut b = Builder::new(BuildOptions {
            root: corpus.clone(),
            drafts: false,
            preview: false,
        });
        let built = match b.build() {
            Ok(b) => b,
            Err(e) => panic!("build failed: {} errors", e.error_count()),
        };
        let s = &built.stats;
        if run > 0 {
            // Run 0 warms the file cache.
            totals.push(s.elapsed.as_secs_f64());
            searches.push(s.search_time.as_secs_f64());
            shares.push(s.search_time.as_secs_f64() / s.elapsed.as_secs_f64());
        }
        last = Some(built);
    }
    let built = last.expect("built");
    let pages_total: usize = built.stats.pages.iter().map(|(_, n)| n).sum();
    println!("# search benchmark: {pages} chapters per language, {pages_total} pages in all");
    println!();
    println!(
        "build (in-process, median of {runs}): {:.2} s; indexing {:.2} s = {:.1} % of build time (runs: {})",
        median(totals.clone()),
        median(searches.clone()),
        100.0 * median(shares.clone()),
        shares
            .iter()
            .map(|s| format!("{:.1} %", s * 100.0))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // Index size on disk.
    let files: Vec<(String, Vec<u8>)> = built
        .output
        .iter()
        .filter(|(p, _)| p.starts_with("search/"))
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    let mut kinds: BTreeMap<String, (usize, u64, u64)> = BTreeMap::new();
    for (p, b) in &files {
        let parts: Vec<&str> = p.split('/').collect();
        let kind = match parts.get(2) {
            Some(&"t") => "term shards",
            Some(&"d") => "document shards",
            _ => "manifest",
        };
        let e = kinds
            .entry(format!("{} {kind}", parts.get(1).unwrap_or(&"?")))
            .or_default();
        e.0 += 1;
        e.1 += b.len() as u64;
        e.2 = e.2.max(b.len() as u64);
    }
    let total: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
    println!(
        "index on disk: {} files, {:.1} MB ({} bytes)",
        files.len(),
        total as f64 / 1e6,
        total
    );
    for (k, (n, bytes, max)) in &kinds {
        println!(
            "  {k:<22} {n:>6} files {:>9.1} kB  (largest {:.1} kB, mean {:.1} kB)",
            *bytes as f64 / 1e3,
            *max as f64 / 1e3,
            *bytes as f64 / 1e3 / *n as f64
        );
    }

    // Rust twin query time.
    let vi = Index::load(&files, "vi").expect("vi index");
    let en = Index::load(&files, "en").expect("en index");
    println!();
    println!("queries (Rust twin of the client ranking, whole index in memory):");
    for (lang, q) in QUERIES {
        let ix = if *lang == "vi" { &vi } else { &en };
        let n = ix.search(q, usize::MAX).len();
        let reps = 50;
        let t = Instant::now();
        for _ in 0..reps {
            std::hint::black_box(ix.search(q, 10));
        }
        let per = t.elapsed().as_secs_f64() * 1000.0 / reps as f64;
        println!("  {lang} {q:<24} {n:>6} sections  {per:>7.3} ms");
    }

    // In the browser.
    let out = target.join(format!("bench-out/search-p{pages}"));
    let t = Instant::now();
    built.output.write_atomic(&out).expect("write output");
    let write = t.elapsed().as_secs_f64();
    println!();
    // Not a part of the build measured above: `songngu build` writes each file as it is made.
    println!(
        "writing the built output to {} for the browser test: {write:.2} s (not counted above)",
        out.display()
    );
    let search_js = std::fs::metadata(out.join("assets/search.js"))
        .map(|m| m.len())
        .unwrap_or(0);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio");
    rt.block_on(browser_figures(&out, search_js));
}

async fn browser_figures(out: &Path, search_js: u64) {
    let Some(b) = browser::Browser::start().await else {
        return;
    };
    let server = browser::StaticServer::start(out, "/");
    println!();
    println!(
        "in Chromium over http:// (first query on a freshly loaded page; assets/search.js = {:.1} kB):",
        search_js as f64 / 1e3
    );
    println!("  query                       first-query bytes (files)   client ranking (loaded)");
    let mut worst = 0u64;
    let mut worst_ms = 0f64;
    for (lang, q) in QUERIES {
        b.goto(&server.url(&format!("{lang}/index.html"))).await;
        b.wait_for(
            "document.querySelector('.sn-search') && document.querySelector('.sn-search').getAttribute('data-ready') === 'true'",
            Duration::from_secs(20),
            "search UI",
        )
        .await;
        server.clear_log();
        let input = b.find(".sn-search-input").await;
        input.click().await.expect("click");
        input.send_keys(q).await.expect("type");
        b.wait_for(
            "document.querySelector('.sn-search').getAttribute('data-state') === 'done'",
            Duration::from_secs(30),
            "results",
        )
        .await;
        let served = server.served();
        let idx: Vec<_> = served
            .iter()
            .filter(|s| s.path.starts_with("/search/"))
            .collect();
        let bytes = search_js + idx.iter().map(|s| s.bytes).sum::<u64>();
        // Client ranking time with the needed shards loaded: mean of 20 runs.
        let ms = b
            .client
            .execute_async(
                "var done = arguments[arguments.length - 1], q = arguments[0], n = 20, i = 0, sum = 0;\
                 function next() { SongnguSearch.search(q).then(function (r) { sum += r.ms; if (++i < n) next(); else done(sum / n); }); }\
                 next();",
                vec![serde_json::json!(q)],
            )
            .await
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(f64::NAN);
        worst = worst.max(bytes);
        worst_ms = worst_ms.max(ms);
        println!(
            "  {lang} {q:<24} {:>8.1} kB ({:>2} files)     {ms:>6.2} ms",
            bytes as f64 / 1e3,
            idx.len() + 1
        );
    }
    println!(
        "  worst: {:.1} kB transferred for a first query, {:.2} ms ranking",
        worst as f64 / 1e3,
        worst_ms
    );
    b.close().await;
}
