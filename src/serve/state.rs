//! The state shared by the HTTP tasks and the rebuild thread: the good build being served
//! and what open pages are told.

use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use super::inject::ServeStrings;
use crate::output::Output;

/// The good build being served.
pub(crate) struct Snapshot {
    /// The files.
    pub(crate) output: Output,
    /// 0 until the first good build, then 1, 2, …
    pub(crate) gen: u64,
    /// The `[serve]` UI strings as of this build.
    pub(crate) strings: ServeStrings,
}

/// What open pages are told: the generation being served and the errors of the last build.
#[derive(Debug, Clone, Default)]
pub(crate) struct Status {
    /// The generation being served.
    pub(crate) gen: u64,
    /// The errors of the last build, if it failed.
    pub(crate) errors: Vec<String>,
    /// What the event stream sends: `{"instance", "gen", "errors"}`.
    pub(crate) json: String,
}

impl Status {
    /// The status of server run `instance`.
    pub(super) fn new(instance: &str, gen: u64, errors: Vec<String>) -> Status {
        let json =
            serde_json::json!({ "instance": instance, "gen": gen, "errors": errors }).to_string();
        Status { gen, errors, json }
    }

    /// The SSE message for this status under `event`.
    pub(crate) fn event(&self, event: &str) -> String {
        format!("event: {event}\nid: {}\ndata: {}\n\n", self.gen, self.json)
    }
}

/// State shared by the HTTP tasks and the rebuild thread.
pub(crate) struct Shared {
    site: RwLock<Arc<Snapshot>>,
    /// What open pages are told; each change goes out on the event stream.
    pub(crate) status: tokio::sync::watch::Sender<Status>,
    /// The id of this server run.
    pub(crate) instance: String,
    source_lang: String,
    /// The warnings last printed, so that unchanged ones are not printed after every save.
    last_warnings: Mutex<String>,
    /// Paths of the served output that are out of date until the rebuild thread finishes
    /// them (see [`super::SiteSource::pending_paths`]); requests for them wait.
    pub(crate) pending: tokio::sync::watch::Sender<Arc<Vec<String>>>,
}

impl Shared {
    /// Nothing served yet, for the site at `root`, server run `instance`.
    pub(super) fn new(root: &Path, instance: String) -> Shared {
        let (status, _) = tokio::sync::watch::channel(Status::new(&instance, 0, Vec::new()));
        Shared {
            site: RwLock::new(Arc::new(Snapshot {
                output: Output::new(),
                gen: 0,
                strings: ServeStrings::load(root),
            })),
            status,
            instance,
            pending: tokio::sync::watch::Sender::new(Arc::new(Vec::new())),
            source_lang: source_language(root),
            last_warnings: Mutex::new(String::new()),
        }
    }

    /// The snapshot being served now.
    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        match self.site.read() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// The site's source language (for pages served before anything built).
    pub(crate) fn source_lang(&self) -> &str {
        &self.source_lang
    }

    /// Changes the served files in place without telling the pages to reload (for files no
    /// open page shows, such as an updated search index). Done under the lock, so a build
    /// swapped in meanwhile is patched rather than lost.
    pub(super) fn patch(&self, change: impl FnOnce(&mut Output)) {
        let mut guard = match self.site.write() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let mut output = guard.output.clone();
        change(&mut output);
        let snapshot = Snapshot {
            output,
            gen: guard.gen,
            strings: guard.strings.clone(),
        };
        *guard = Arc::new(snapshot);
    }

    /// Puts a good build in place and returns the one it replaced.
    pub(super) fn swap(&self, output: Output, strings: ServeStrings) -> (Arc<Snapshot>, u64) {
        let mut guard = match self.site.write() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let gen = guard.gen + 1;
        let old = std::mem::replace(
            &mut *guard,
            Arc::new(Snapshot {
                output,
                gen,
                strings,
            }),
        );
        (old, gen)
    }

    /// Whether `shown` differs from the warnings shown last time; it becomes those.
    pub(super) fn warnings_changed(&self, shown: &str) -> bool {
        let mut last = match self.last_warnings.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if *last == shown {
            return false;
        }
        shown.clone_into(&mut last);
        true
    }
}

/// The site's source language (the first of `languages` in `content/site.toml`), `en` when
/// it cannot be read.
fn source_language(root: &Path) -> String {
    std::fs::read_to_string(root.join("content").join("site.toml"))
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| {
            t.get("languages")?
                .as_array()?
                .first()?
                .as_str()
                .map(str::to_string)
        })
        .filter(|l| l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or_else(|| "en".to_string())
}
