//! The rebuild thread: builds the site at start and after each batch of changes, puts a
//! good build in place and tells the pages, or keeps the last good one and sends the errors.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::index_worker::IndexWorker;
use super::inject::ServeStrings;
use super::state::{Shared, Snapshot, Status};
use super::watch::SiteWatcher;
use super::{FirstBuild, ServeOptions, SiteSource};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Output;

/// The rebuild thread's state: the source it builds with and where the builds go.
pub(super) struct Rebuilder<'a, S> {
    source: S,
    /// Makes a fresh source, after a build panicked.
    make_source: &'a dyn Fn() -> S,
    shared: &'a Shared,
    config: &'a ServeOptions,
    worker: IndexWorker,
}

impl<'a, S: SiteSource> Rebuilder<'a, S> {
    /// Starts the indexing thread, then makes the source.
    pub(super) fn new(
        make_source: &'a dyn Fn() -> S,
        shared: &'a Arc<Shared>,
        config: &'a ServeOptions,
    ) -> Self {
        let worker = IndexWorker::start(shared.clone());
        Rebuilder {
            source: make_source(),
            make_source,
            shared,
            config,
            worker,
        }
    }

    /// Rebuilds after each batch of changes `watcher` reports, until `stop` is set.
    pub(super) fn watch(mut self, mut watcher: SiteWatcher, stop: &AtomicBool) {
        let (quiet, max_wait) = (self.config.quiet, self.config.max_wait);
        let stopped = || stop.load(Ordering::SeqCst);
        while let Some(batch) = watcher.next_batch(quiet, max_wait, &stopped, &mut || {
            self.worker.drain_into(&mut self.source)
        }) {
            if self.config.verbose {
                for e in &batch.errors {
                    eprintln!("warning: file watcher: {e}");
                }
            }
            if !batch.paths.is_empty() {
                self.rebuild(Some(&batch.paths));
            }
        }
    }

    /// Runs one build (of everything, or after the changes `changed`) and publishes its
    /// result. A build that panicked is reported like a failed one, and the source is made
    /// afresh (its caches may be half-updated).
    pub(super) fn rebuild(&mut self, changed: Option<&BTreeSet<String>>) -> FirstBuild {
        // Indexes finished since the last build become the builder's, so it does not redo them.
        self.worker.drain_into(&mut self.source);
        let start = Instant::now();
        let (result, panicked) = build_guarded(&mut self.source, changed);
        let took = start.elapsed();
        let what = match changed {
            None => "first build".to_string(),
            Some(paths) => describe_changes(paths),
        };
        let outcome = match result {
            Ok((output, warnings)) => self.publish(output, &warnings, &what, took),
            Err(diags) => self.publish_errors(&diags, &what, took),
        };
        if panicked {
            self.source = (self.make_source)();
        }
        outcome
    }

    /// Puts a good build in place, tells the pages, then finishes what it left for after
    /// the reload.
    fn publish(
        &mut self,
        output: Output,
        warnings: &Diagnostics,
        what: &str,
        took: Duration,
    ) -> FirstBuild {
        let files = output.len();
        let old = self.swap_in(output);
        self.finish_pending();
        // Then what the build left for after the reload (the search index), on the
        // indexing thread, so that the next save does not wait for it.
        if let Some(job) = self.source.take_deferred() {
            self.worker.send(job);
        }
        if self.config.verbose {
            self.report(&old, files, warnings, what, took);
        }
        FirstBuild {
            ok: true,
            took,
            files,
        }
    }

    /// Swaps `output` in and sends the reload event; returns the snapshot it replaced.
    fn swap_in(&mut self, output: Output) -> Arc<Snapshot> {
        let shared = self.shared;
        // Files the build left out of date (print.html after a quick rebuild): requests
        // for them wait from before the swap until they are finished.
        let pending = self.source.pending_paths();
        if !pending.is_empty() {
            shared.pending.send_replace(Arc::new(pending));
        }
        let (old, gen) = shared.swap(output, ServeStrings::load(&self.config.root));
        // Only now that the new output is in place: tell the pages.
        shared
            .status
            .send_replace(Status::new(&shared.instance, gen, Vec::new()));
        old
    }

    /// Makes the files the build left out of date, patches them in and lets the requests
    /// waiting for them go on.
    fn finish_pending(&mut self) {
        let shared = self.shared;
        if shared.pending.borrow().is_empty() {
            return;
        }
        let source = &mut self.source;
        let finished =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| source.finish_pending()));
        if let Ok(files) = finished {
            shared.patch(|output| {
                for (path, bytes) in files {
                    output.insert_shared(path, bytes);
                }
            });
        }
        shared.pending.send_replace(Arc::new(Vec::new()));
    }

    /// Prints the summary line of a good build, and its warnings when they changed.
    fn report(
        &self,
        old: &Snapshot,
        files: usize,
        warnings: &Diagnostics,
        what: &str,
        took: Duration,
    ) {
        let new = self.shared.snapshot();
        let n = old.output.changed_paths(&new.output).len();
        println!(
            "{what}: built in {} ms, {files} files, {n} changed{}",
            took.as_millis(),
            match warnings.warning_count() {
                0 => String::new(),
                w => format!(", {w} warning(s)"),
            }
        );
        // The same warnings after every save would drown the summary lines: show them when
        // they change.
        let shown = warnings.render(false);
        if self.shared.warnings_changed(&shown) {
            eprint!("{shown}");
        }
    }

    /// Keeps the last good build served and sends the errors of `diags` to the pages.
    fn publish_errors(&self, diags: &Diagnostics, what: &str, took: Duration) -> FirstBuild {
        let shared = self.shared;
        let errors = error_lines(diags);
        let gen = shared.snapshot().gen;
        let count = errors.len();
        shared
            .status
            .send_replace(Status::new(&shared.instance, gen, errors));
        if self.config.verbose {
            println!(
                "{what}: build failed in {} ms with {count} error(s); {}",
                took.as_millis(),
                if gen == 0 {
                    "pages show the errors until it builds"
                } else {
                    "still serving the last good build"
                }
            );
            eprint!("{}", diags.render_limited(false, self.config.max_errors));
        }
        FirstBuild {
            ok: false,
            took,
            files: 0,
        }
    }
}

/// Builds with `source` (after telling it what `changed`), a panic turned into a build
/// error; returns the result and whether it panicked.
fn build_guarded<S: SiteSource>(
    source: &mut S,
    changed: Option<&BTreeSet<String>>,
) -> (Result<(Output, Diagnostics), Diagnostics>, bool) {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if let Some(paths) = changed {
            let paths: Vec<String> = paths.iter().cloned().collect();
            source.invalidate(&paths);
        }
        source.build_site()
    }));
    match result {
        Ok(result) => (result, false),
        Err(payload) => (Err(panic_error(payload.as_ref())), true),
    }
}

/// The build error that reports a panic of the build.
fn panic_error(payload: &(dyn std::any::Any + Send)) -> Diagnostics {
    let why = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown reason".to_string());
    Diagnostics::from(vec![Diagnostic::error(format!(
        "the build stopped unexpectedly: {why}"
    ))
    .with_hint(
        "this is a bug in songngu; the preview goes on with the last good build",
    )])
}

/// The errors of a failed build as the pages show them, in order (at least one).
fn error_lines(diags: &Diagnostics) -> Vec<String> {
    let mut errors: Vec<String> = diags
        .sorted()
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_plain())
        .collect();
    if errors.is_empty() {
        errors.push("error: the build failed without saying why".to_string());
    }
    errors
}

/// The changed paths in a few words: the path, or the first and how many more.
fn describe_changes(paths: &BTreeSet<String>) -> String {
    let mut it = paths.iter();
    match (it.next(), paths.len()) {
        (None, _) => "change".to_string(),
        (Some(p), 1) => p.clone(),
        (Some(p), n) => format!("{p} and {} more", n - 1),
    }
}
