//! Rebuild time after a one-page edit, through the library's `Builder` as `serve` runs it
//! (`preview`: pages first, then the search index).
//!
//! `cargo bench --bench rebuild -- SITE_ROOT [EDITS] [title]`: builds SITE_ROOT once, then edits
//! one chapter EDITS times (default 20), rebuilding after each, and prints the cold build time,
//! the median and worst time until the pages are rebuilt (when `serve` sends the reload), and
//! the median time of the search index update that follows. The edits add a paragraph (a body
//! edit, the quick path), or with `title` change the chapter's title (the full pipeline). Generate a large site with
//! `cargo run --release --example gen_corpus -- --pages 5000 --out /tmp/corpus`.

// Test, benchmark and example crates: their `pub` items are shared between their own modules.
#![allow(unreachable_pub)]

use std::path::PathBuf;
use std::time::Instant;

use songngu::build::{BuildOptions, Builder};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(root) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench rebuild -- SITE_ROOT [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(20);
    let title_edits = args.get(2).is_some_and(|a| a == "title");
    let mut builder = Builder::new(BuildOptions {
        root: root.clone(),
        drafts: false,
        preview: true,
    });
    let t = Instant::now();
    let first = builder
        .build()
        .unwrap_or_else(|e| panic!("{}", e.render(false)));
    println!(
        "cold build: {:.1} ms ({})",
        t.elapsed().as_secs_f64() * 1e3,
        first.stats.summary()
    );

    // Pick a chapter in the middle of the source language.
    let src = root.join("content").join("vi");
    let mut chapters: Vec<PathBuf> = walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name() != "_index.md")
        .map(|e| e.into_path())
        .collect();
    let page = chapters.swap_remove(chapters.len() / 2);
    let original = std::fs::read_to_string(&page).unwrap();
    let mut times = Vec::new();
    let mut search_times = Vec::new();
    for i in 0..edits {
        let edited = if title_edits {
            original.replacen("title = \"", &format!("title = \"({i}) "), 1)
        } else {
            format!("{original}\nĐoạn sửa số {i}.\n")
        };
        std::fs::write(&page, edited).unwrap();
        let t = Instant::now();
        builder.invalidate(std::slice::from_ref(&page));
        let built = builder
            .build()
            .unwrap_or_else(|e| panic!("{}", e.render(false)));
        times.push(t.elapsed().as_secs_f64() * 1e3);
        assert!(built.stats.reused > 0);
        assert_eq!(
            built.stats.quick, !title_edits,
            "the path the edit should take"
        );
        let t = Instant::now();
        builder.finish_deferred();
        search_times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    std::fs::write(&page, original).unwrap();
    times.sort_by(f64::total_cmp);
    search_times.sort_by(f64::total_cmp);
    println!(
        "one-page {} edit of {}: pages rebuilt (reload) median {:.1} ms, worst {:.1} ms; \
         print.html and search index after it, median {:.1} ms; over {edits} rebuilds",
        if title_edits { "title" } else { "body" },
        page.display(),
        times[times.len() / 2],
        times[times.len() - 1],
        search_times[search_times.len() / 2],
    );
}
