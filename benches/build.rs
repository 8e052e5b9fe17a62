//! Benchmark of `songngu build` on generated corpora (harness = false).
//!
//! ```text
//! cargo bench --bench build
//! SONGNGU_BENCH_PAGES=500,5000 SONGNGU_BENCH_RUNS=5 SONGNGU_BENCH_SEED=1 cargo bench --bench build
//! cargo bench --bench build -- 500          # only the sizes named
//! SONGNGU_BENCH_BIN=/path/to/songngu cargo bench --bench build   # measure another binary
//! SONGNGU_BENCH_OUT=/dev/shm/songngu-bench cargo bench --bench build   # output on tmpfs
//! SONGNGU_BENCH_KEEP=1 cargo bench --bench build    # build over the previous output
//! SONGNGU_BENCH_SEARCH=off cargo bench --bench build  # sites with `[search] enabled = false`
//! SONGNGU_BENCH_CODE=on cargo bench --bench build     # one 30-line code block a chapter
//! SONGNGU_BENCH_CODE=plain cargo bench --bench build  # the same blocks, plain fences
//! ```
//!
//! For each size N (chapters per language, default 500 and 5,000) it generates a corpus with
//! `examples/gen_corpus.rs` (cached under `target/bench-corpus/`), runs the release binary
//! `songngu build --root CORPUS --out target/bench-out/pN` once to warm the caches and then
//! `SONGNGU_BENCH_RUNS` times (the output folder is removed before each run), and reports:
//!
//! - the median wall time (and min/max), user+system CPU time;
//! - the peak resident memory of the child (`ru_maxrss` from `wait4`);
//! - output bytes in total and per page, grouped by kind of file;
//! - for every page HTML file, its size beyond its own text: file size minus the size of its
//!   article (the bytes between `<article …>` and the last `</article>`, or of `<main>` when
//!   there is no `<article>`).
//!
//! The results are printed and also written as Markdown to `target/bench-results.md`.

// Test, benchmark and example crates: their `pub` items are shared between their own modules.
#![allow(unreachable_pub)]

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One measured run of the binary.
struct Run {
    wall: Duration,
    cpu: Duration,
    max_rss_kib: u64,
}

/// Output of one build, measured on disk.
#[derive(Default)]
struct OutputStats {
    files: usize,
    bytes: u64,
    /// Kind of file -> (count, bytes).
    by_kind: BTreeMap<&'static str, (usize, u64)>,
    /// Largest files: (bytes, path).
    largest: Vec<(u64, String)>,
    /// Page HTML files (chapters, sections, covers): bytes beyond the article, sorted.
    overhead: Vec<u64>,
    /// Page with the largest overhead.
    worst: Option<(u64, String)>,
    /// Pages in which no `<article>` or `<main>` was found.
    no_article: usize,
    /// Sum of article sizes of chapter pages.
    article_bytes: u64,
    chapter_pages: usize,
}

fn main() {
    let built = PathBuf::from(env!("CARGO_BIN_EXE_songngu"));
    let target = built
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("target"));
    // Another binary (e.g. an older build kept for comparison) may be measured instead.
    let exe = std::env::var_os("SONGNGU_BENCH_BIN").map_or(built, PathBuf::from);
    // `cargo bench` passes `--bench`; a filter argument selects sizes by substring.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let sizes: Vec<usize> = std::env::var("SONGNGU_BENCH_PAGES")
        .unwrap_or_else(|_| "500,5000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .filter(|n: &usize| filter.is_empty() || filter.iter().any(|f| n.to_string() == *f))
        .collect();
    let runs: usize = std::env::var("SONGNGU_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
        .max(1);
    let seed: u64 = std::env::var("SONGNGU_BENCH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);

    // Where the output goes: `target/bench-out` (the disk) unless SONGNGU_BENCH_OUT names
    // another folder, e.g. `/dev/shm/songngu-bench` to leave the file system out.
    let out_base = std::env::var_os("SONGNGU_BENCH_OUT")
        .map_or_else(|| target.join("bench-out"), PathBuf::from);
    let out_base = if out_base.is_absolute() {
        out_base
    } else {
        std::env::current_dir().unwrap_or_default().join(out_base)
    };
    // SONGNGU_BENCH_KEEP=1: build over the previous output (the usual rebuild) instead of
    // into an empty folder.
    let keep = std::env::var("SONGNGU_BENCH_KEEP").is_ok_and(|v| v == "1");
    // SONGNGU_BENCH_SEARCH=off: sites without a search index (the stages before it).
    let search = !std::env::var("SONGNGU_BENCH_SEARCH")
        .is_ok_and(|v| matches!(v.as_str(), "off" | "0" | "false" | "no"));
    // SONGNGU_BENCH_CODE=on: one 30-line code block in each chapter, highlighted; `plain`:
    // the same blocks as plain fences (the highlighter's cost is the difference).
    let code = match std::env::var("SONGNGU_BENCH_CODE").as_deref() {
        Ok("on" | "1" | "highlighted") => gen_corpus::Code::Highlighted,
        Ok("plain") => gen_corpus::Code::Plain,
        _ => gen_corpus::Code::None,
    };
    let mut report = String::new();
    let _ = writeln!(
        report,
        "binary: {}\noutput folder: {} ({})\nruns per size: {runs} (after 1 warm-up run), seed {seed}\nsearch index: {}\ncode blocks: {}\n",
        exe.display(),
        out_base.display(),
        if keep {
            "kept between runs: each build replaces the previous output"
        } else {
            "removed before each run"
        },
        if search {
            "built (the default)"
        } else {
            "off ([search] enabled = false)"
        },
        match code {
            gen_corpus::Code::None => "none (the default)",
            gen_corpus::Code::Highlighted => "one 30-line block a chapter, highlighted",
            gen_corpus::Code::Plain => "one 30-line block a chapter, plain fences",
        }
    );
    let mut summary_rows = Vec::new();
    let mut results: Vec<SizeResult> = Vec::new();
    for &pages in &sizes {
        let corpus = corpus(&target, pages, seed, search, code);
        let out = out_base.join(format!("p{pages}"));
        let log = out_base.join(format!("p{pages}.log"));
        println!("== {pages} chapters per language: {}", corpus.display());
        let load_before = loadavg();
        let mut measured = Vec::with_capacity(runs);
        for i in 0..=runs {
            let run = match run_build(&exe, &corpus, &out, &log, keep) {
                Ok(run) => run,
                Err(e) => {
                    eprintln!("songngu build failed on {}: {e}", corpus.display());
                    std::process::exit(1);
                }
            };
            println!(
                "  run {i}{}: {:.3} s wall, {:.3} s cpu, {:.1} MB peak RSS",
                if i == 0 { " (warm-up)" } else { "" },
                run.wall.as_secs_f64(),
                run.cpu.as_secs_f64(),
                run.max_rss_kib as f64 / 1024.0
            );
            if i > 0 {
                measured.push(run);
            }
        }
        if let Ok(text) = fs::read_to_string(&log) {
            for line in text.lines().filter(|l| !l.trim().is_empty()).take(5) {
                println!("  songngu: {line}");
            }
        }
        let mut walls: Vec<Duration> = measured.iter().map(|r| r.wall).collect();
        walls.sort();
        let median = walls[walls.len() / 2];
        let mut cpus: Vec<Duration> = measured.iter().map(|r| r.cpu).collect();
        cpus.sort();
        let mut rss: Vec<u64> = measured.iter().map(|r| r.max_rss_kib).collect();
        rss.sort();
        let load_after = loadavg();
        let stats = measure_output(&out);
        let total_pages = 2 * pages;
        let _ = writeln!(
            report,
            "### {pages} chapters per language ({total_pages} chapters)\n"
        );
        let _ = writeln!(
            report,
            "- wall time: median {:.3} s (min {:.3}, max {:.3}); CPU user+sys median {:.3} s",
            median.as_secs_f64(),
            walls[0].as_secs_f64(),
            walls[walls.len() - 1].as_secs_f64(),
            cpus[cpus.len() / 2].as_secs_f64()
        );
        let _ = writeln!(
            report,
            "- machine load average (1 min) before/after the runs: {load_before} / {load_after}"
        );
        let _ = writeln!(
            report,
            "- peak RSS: median {:.1} MB, max {:.1} MB",
            rss[rss.len() / 2] as f64 / 1024.0,
            rss[rss.len() - 1] as f64 / 1024.0
        );
        let _ = writeln!(
            report,
            "- output: {} files, {:.1} MB, {:.1} kB per chapter",
            stats.files,
            stats.bytes as f64 / 1e6,
            stats.bytes as f64 / 1e3 / total_pages as f64
        );
        let q = |p: usize| -> f64 {
            if stats.overhead.is_empty() {
                return 0.0;
            }
            stats.overhead[(stats.overhead.len() - 1) * p / 100] as f64 / 1e3
        };
        let _ = writeln!(
            report,
            "- page HTML beyond its article ({} pages): median {:.1} kB, p90 {:.1} kB, max {:.1} kB{}; average article {:.1} kB",
            stats.overhead.len(),
            q(50),
            q(90),
            q(100),
            stats
                .worst
                .as_ref()
                .map(|(_, p)| format!(" ({p})"))
                .unwrap_or_default(),
            stats.article_bytes as f64 / 1e3 / stats.chapter_pages.max(1) as f64
        );
        if stats.no_article > 0 {
            let _ = writeln!(
                report,
                "- {} page files have neither <article> nor <main>: counted with an empty article",
                stats.no_article
            );
        }
        let _ = writeln!(
            report,
            "\n| kind | files | MB | kB per chapter |\n| --- | ---: | ---: | ---: |"
        );
        for (kind, (count, bytes)) in &stats.by_kind {
            let _ = writeln!(
                report,
                "| {kind} | {count} | {:.2} | {:.2} |",
                *bytes as f64 / 1e6,
                *bytes as f64 / 1e3 / total_pages as f64
            );
        }
        let _ = writeln!(report, "\nlargest files:\n");
        for (bytes, path) in &stats.largest {
            let _ = writeln!(report, "- {path}: {:.1} kB", *bytes as f64 / 1e3);
        }
        report.push('\n');
        summary_rows.push(format!(
            "| {pages} | {total_pages} | {:.3} s | {:.3} s | {:.1} MB | {:.1} MB | {:.1} kB | {:.1} kB |",
            median.as_secs_f64(),
            cpus[cpus.len() / 2].as_secs_f64(),
            rss[rss.len() - 1] as f64 / 1024.0,
            stats.bytes as f64 / 1e6,
            stats.bytes as f64 / 1e3 / total_pages as f64,
            q(50)
        ));
        results.push(SizeResult {
            pages,
            median_wall: median,
            max_rss_kib: rss[rss.len() - 1],
            per_chapter: stats.bytes as f64 / total_pages as f64,
            overhead_median: q(50) * 1e3,
            overhead_max: q(100) * 1e3,
            by_kind: stats
                .by_kind
                .iter()
                .map(|(k, (_, b))| (*k, *b as f64 / total_pages as f64))
                .collect(),
        });
    }
    let mut table = String::from(
        "| chapters per language | chapters | median wall | CPU user+sys (median) | peak RSS | output | output per chapter | page HTML beyond article (median) |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for row in &summary_rows {
        table.push_str(row);
        table.push('\n');
    }
    let checks = checks(&results);
    let report = format!("{table}\n{checks}\n{report}");
    println!("\n{report}");
    let path = target.join("bench-results.md");
    if let Err(e) = fs::write(&path, &report) {
        eprintln!("cannot write {}: {e}", path.display());
    } else {
        println!("written to {}", path.display());
    }
}

/// The 1-minute load average, to tell whether other work competed for the cores.
fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// Figures of one corpus size kept for the checks across sizes.
struct SizeResult {
    pages: usize,
    median_wall: Duration,
    max_rss_kib: u64,
    /// Output bytes per chapter.
    per_chapter: f64,
    overhead_median: f64,
    overhead_max: f64,
    /// Kind of file -> bytes per chapter.
    by_kind: BTreeMap<&'static str, f64>,
}

/// The issue's targets for the largest size and linear growth between sizes.
fn checks(results: &[SizeResult]) -> String {
    let mut out = String::from("Checks:\n\n");
    let verdict = |ok: bool| if ok { "ok" } else { "MISSED" };
    if let Some(big) = results.iter().max_by_key(|r| r.pages) {
        let wall = big.median_wall.as_secs_f64();
        let rss = big.max_rss_kib as f64 / 1024.0;
        // The targets are stated for 5,000 pages per language.
        if big.pages >= 5000 {
            let _ = writeln!(
                out,
                "- build time at {} per language: {wall:.3} s, target 1.0 s: {}",
                big.pages,
                verdict(wall < 1.0)
            );
            let _ = writeln!(
                out,
                "- peak memory at {} per language: {rss:.1} MB, target 300 MB: {}",
                big.pages,
                verdict(rss < 300.0)
            );
        } else {
            let _ = writeln!(
                out,
                "- {wall:.3} s and {rss:.1} MB at {} per language (the 1.0 s / 300 MB targets are for 5,000)",
                big.pages
            );
        }
        let _ = writeln!(
            out,
            "- page HTML beyond its article: median {:.1} kB, max {:.1} kB, target < 15 kB: {}",
            big.overhead_median / 1e3,
            big.overhead_max / 1e3,
            verdict(big.overhead_max < 15_000.0)
        );
    }
    for pair in results.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let growth = |x: f64, y: f64| if x > 0.0 { y / x } else { 1.0 };
        let g = growth(a.per_chapter, b.per_chapter);
        let _ = writeln!(
            out,
            "- output per chapter {} -> {}: x{g:.2} ({})",
            a.pages,
            b.pages,
            if g < 1.25 {
                "linear"
            } else {
                "GROWS FASTER THAN LINEAR"
            }
        );
        let go = growth(a.overhead_median, b.overhead_median);
        let _ = writeln!(
            out,
            "- page HTML beyond article (median) {} -> {}: x{go:.2} ({})",
            a.pages,
            b.pages,
            if go < 1.25 {
                "constant per page"
            } else {
                "GROWS WITH THE SITE"
            }
        );
        for (kind, bytes) in &b.by_kind {
            let before = a.by_kind.get(kind).copied().unwrap_or(0.0);
            if *bytes > 100.0 && growth(before, *bytes) >= 1.25 {
                let _ = writeln!(
                    out,
                    "- {kind}: {:.2} kB per chapter at {} but {:.2} kB at {}: grows faster than linear",
                    before / 1e3,
                    a.pages,
                    bytes / 1e3,
                    b.pages
                );
            }
        }
    }
    out
}

/// The cached corpus of `pages` chapters per language, generated when missing or out of date;
/// without a search index (`[search] enabled = false`) unless `search`; with the code blocks
/// `code` says.
fn corpus(target: &Path, pages: usize, seed: u64, search: bool, code: gen_corpus::Code) -> PathBuf {
    let dir = target.join("bench-corpus").join(format!(
        "p{pages}-s{seed}-v{}{}{}",
        gen_corpus::CORPUS_VERSION,
        match code {
            gen_corpus::Code::None => "",
            gen_corpus::Code::Highlighted => "-code",
            gen_corpus::Code::Plain => "-codeplain",
        },
        if search { "" } else { "-nosearch" }
    ));
    let stamp = dir.join(".complete");
    if !stamp.exists() {
        let start = Instant::now();
        match gen_corpus::generate_with(&dir, pages, seed, code) {
            Ok(s) => {
                println!(
                    "generated {} chapters per language ({} files, {:.1} MB, {:.0} words per chapter) in {:.1} s",
                    s.chapters,
                    s.files,
                    s.bytes as f64 / 1e6,
                    s.words as f64 / (2 * s.chapters) as f64,
                    start.elapsed().as_secs_f64()
                );
                if !search {
                    let config = dir.join("content/site.toml");
                    let text = fs::read_to_string(&config).unwrap_or_default();
                    if let Err(e) =
                        fs::write(&config, format!("{text}\n[search]\nenabled = false\n"))
                    {
                        eprintln!("cannot write {}: {e}", config.display());
                        std::process::exit(1);
                    }
                }
                if let Err(e) = fs::write(&stamp, "") {
                    eprintln!("cannot write {}: {e}", stamp.display());
                }
            }
            Err(e) => {
                eprintln!("cannot generate the corpus in {}: {e}", dir.display());
                std::process::exit(1);
            }
        }
    }
    dir
}

/// Runs `songngu build` once into a fresh `out` (or over the previous output when `keep`) and
/// measures it with `wait4`.
fn run_build(exe: &Path, corpus: &Path, out: &Path, log: &Path, keep: bool) -> Result<Run, String> {
    if out.exists() && !keep {
        fs::remove_dir_all(out).map_err(|e| format!("cannot remove {}: {e}", out.display()))?;
    }
    if let Some(parent) = out.parent() {
        fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    let log_file = fs::File::create(log).map_err(|e| e.to_string())?;
    let log_err = log_file.try_clone().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let child = Command::new(exe)
        .arg("build")
        .arg("--root")
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .stdin(Stdio::null())
        .stdout(log_file)
        .stderr(log_err)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data, all-zero is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; the pointers are valid for the call.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if waited != pid {
        return Err(format!("wait4 failed: {}", std::io::Error::last_os_error()));
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let text = fs::read_to_string(log).unwrap_or_default();
        return Err(format!("exit status {status}:\n{text}"));
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok(Run {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        max_rss_kib: usage.ru_maxrss as u64,
    })
}

/// Kind of an output file, from its path relative to the output root.
fn kind(rel: &str) -> &'static str {
    let first = rel.split('/').next().unwrap_or("");
    if rel.starts_with("search/") {
        "search index"
    } else if rel.starts_with("assets/toc-") {
        "toc script"
    } else if rel.starts_with("assets/") {
        "assets"
    } else if rel.starts_with("data/") {
        "data tables"
    } else if rel.ends_with("/print.html") {
        "print.html"
    } else if rel.matches('/').count() == 1 && rel.ends_with("/index.html") {
        "cover"
    } else if rel.ends_with("/index.html") && first.len() <= 5 {
        "section pages"
    } else if rel.ends_with(".html") && rel.contains('/') {
        "chapter pages"
    } else {
        "other"
    }
}

fn measure_output(out: &Path) -> OutputStats {
    let mut stats = OutputStats::default();
    let mut files = Vec::new();
    collect(out, out, &mut files);
    files.sort();
    for (rel, path) in &files {
        let Ok(meta) = fs::metadata(path) else {
            continue;
        };
        let bytes = meta.len();
        stats.files += 1;
        stats.bytes += bytes;
        let k = kind(rel);
        let entry = stats.by_kind.entry(k).or_default();
        entry.0 += 1;
        entry.1 += bytes;
        stats.largest.push((bytes, rel.clone()));
        if matches!(k, "chapter pages" | "section pages" | "cover") {
            let Ok(html) = fs::read_to_string(path) else {
                continue;
            };
            let inner = element_inner_len(&html, "article")
                .or_else(|| element_inner_len(&html, "main"))
                .map(|n| n as u64);
            if inner.is_none() {
                stats.no_article += 1;
            }
            let own = inner.unwrap_or(0);
            let beyond = bytes.saturating_sub(own);
            if k == "chapter pages" {
                stats.article_bytes += own;
                stats.chapter_pages += 1;
            }
            if stats.worst.as_ref().is_none_or(|(b, _)| beyond > *b) {
                stats.worst = Some((beyond, rel.clone()));
            }
            stats.overhead.push(beyond);
        }
    }
    stats.overhead.sort_unstable();
    stats.largest.sort_by(|a, b| b.cmp(a));
    stats.largest.truncate(8);
    stats
}

/// Length in bytes of the content of the outermost `<tag …>…</tag>` element of `html`
/// (from the end of the first opening tag to the start of the last closing tag).
fn element_inner_len(html: &str, tag: &str) -> Option<usize> {
    let open = format!("<{tag}");
    let mut from = 0;
    let start = loop {
        let at = from + html[from..].find(&open)?;
        let after = at + open.len();
        // `<main` must not match `<mainframe`: the name ends at `>`, `/` or whitespace.
        match html[after..].chars().next() {
            Some(c) if c == '>' || c == '/' || c.is_ascii_whitespace() => {
                break after + html[after..].find('>')? + 1;
            }
            _ => from = after,
        }
    };
    let end = html.rfind(&format!("</{tag}>"))?;
    end.checked_sub(start)
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.push((rel, path));
        }
    }
}
