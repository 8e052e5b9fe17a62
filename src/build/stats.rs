//! Figures about a build ([`BuildStats`]) and the summary line printed after it.

use std::time::{Duration, Instant};

use crate::model::Site;
use crate::output::Output;

/// Figures about one build, for the summary line and benchmarks.
#[derive(Debug, Clone, Default)]
pub struct BuildStats {
    /// Pages per language, in the configured order.
    pub pages: Vec<(String, usize)>,
    /// Number of data tables.
    pub tables: usize,
    /// Number of files written.
    pub files: usize,
    /// Total bytes of output.
    pub bytes: u64,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Time spent building the search index.
    pub search_time: Duration,
    /// Markdown renderings reused from the previous build.
    pub reused: usize,
    /// Whether the build took the quick path: only edited chapters' bodies changed, so only
    /// their pages (and the pages that show their text) were made again.
    pub quick: bool,
}

impl BuildStats {
    /// The figures of a build that ran every stage (not the quick path) and began at `start`.
    pub(super) fn of_full_build(
        site: &Site,
        tables: usize,
        output: &Output,
        start: Instant,
        search_time: Duration,
        reused: usize,
    ) -> BuildStats {
        BuildStats {
            pages: site
                .languages
                .iter()
                .map(|l| (l.code.clone(), l.pages.len()))
                .collect(),
            tables,
            files: output.len(),
            bytes: output.total_bytes(),
            elapsed: start.elapsed(),
            search_time,
            reused,
            quick: false,
        }
    }

    /// The one-line summary printed after a build.
    pub fn summary(&self) -> String {
        let pages: Vec<String> = self.pages.iter().map(|(l, n)| format!("{n} {l}")).collect();
        format!(
            "built {} pages ({}), {} tables, {} files, {} in {}",
            self.pages.iter().map(|(_, n)| n).sum::<usize>(),
            pages.join(", "),
            self.tables,
            self.files,
            human_bytes(self.bytes),
            human_duration(self.elapsed)
        )
    }
}

/// `1.2 MB`, `340 kB`, `12 B`.
pub fn human_bytes(n: u64) -> String {
    if n >= 1_000_000 {
        format!("{:.1} MB", n as f64 / 1e6)
    } else if n >= 1_000 {
        format!("{:.0} kB", n as f64 / 1e3)
    } else {
        format!("{n} B")
    }
}

/// `1.23 s`, `45 ms`.
pub fn human_duration(d: Duration) -> String {
    if d.as_secs_f64() >= 1.0 {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{} ms", d.as_millis())
    }
}
