//! Live preview: build, serve from memory, watch, rebuild, and tell open pages to reload.
//!
//! ```text
//!  content/, theme/ ──notify──▶ watch (debounced batch) ──▶ SiteSource::build (build::Builder)
//!                                                                │ Ok: swap the served Output, gen += 1
//!                                                                │ Err: keep the old Output, record errors
//!                                                                ▼
//!  browser ◀── HTTP (hyper) ── snapshot (RwLock<Arc<Snapshot>>)   status (tokio watch) ──▶ SSE /__songngu/events
//! ```
//!
//! * The site is served **from memory**: the preview never writes to `public/` (or anywhere),
//!   so previewing cannot overwrite a published site, and since no request ever touches the
//!   file system there is no symbolic link to follow out of the site root. Request paths are
//!   still checked ([`paths::resolve`]) and anything leaving the root is refused with 403.
//! * A new build replaces the served output only when it succeeded, in one pointer swap;
//!   the reload event is sent after the swap, never before, so a reloading page always gets
//!   the new version. A failed build leaves the last good site served and sends the errors.
//! * HTML responses get a small script ([`inject`]) that listens to the event stream,
//!   reloads on a new build keeping the scroll position, reconnects when the server comes
//!   back, and shows build errors in an overlay in the page's language. Build output never
//!   contains it.
//!
//! The event stream (`GET /__songngu/events`, `text/event-stream`) sends, as JSON
//! `{"instance": "<server run id>", "gen": <good build number>, "errors": ["<Diagnostic::to_plain>", …]}`:
//! `hello` when a page connects (the current state, so a page opened while the site is broken
//! shows the errors at once), `reload` after each good build and `build-error` after each
//! failed one. A page reloads when `instance` or `gen` differs from the ones it was served
//! with, which also covers events missed while disconnected and a restarted server.

pub mod http;
pub mod inject;
pub mod paths;
pub mod watch;

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostics;
use crate::output::Output;

pub use inject::{ServeStrings, EVENTS_PATH};
pub use watch::WatchMode;

/// Something that builds the site on demand: normally [`crate::build::Builder`]; tests and
/// benchmarks can use a closure.
pub trait SiteSource {
    /// Builds the whole site. `Ok` carries the output and any warnings; `Err` the
    /// diagnostics of a failed build (at least one error).
    fn build_site(&mut self) -> Result<(Output, Diagnostics), Diagnostics>;

    /// Told before a rebuild which paths changed (relative to the site root, `/`-separated),
    /// so that caches do not trust a size and modification time that a fast save left
    /// unchanged. Does nothing by default.
    fn invalidate(&mut self, _changed: &[String]) {}

    /// Work a build left for after the reload (the search index), to run on another
    /// thread. Nothing by default.
    fn take_deferred(&mut self) -> Option<crate::build::DeferredSearch> {
        None
    }

    /// Takes back the result of a deferred job. Nothing by default.
    fn accept_deferred(&mut self, _update: &crate::build::SearchUpdate) {}

    /// Paths that the last build returned out of date, to be replaced right after the
    /// reload by what [`SiteSource::finish_pending`] returns; requests for them wait until
    /// then. None by default.
    fn pending_paths(&self) -> Vec<String> {
        Vec::new()
    }

    /// Makes the files [`SiteSource::pending_paths`] named. Nothing by default.
    fn finish_pending(&mut self) -> Vec<(String, Arc<[u8]>)> {
        Vec::new()
    }
}

impl<F> SiteSource for F
where
    F: FnMut() -> Result<(Output, Diagnostics), Diagnostics>,
{
    fn build_site(&mut self) -> Result<(Output, Diagnostics), Diagnostics> {
        self()
    }
}

impl SiteSource for crate::build::Builder {
    fn build_site(&mut self) -> Result<(Output, Diagnostics), Diagnostics> {
        self.build().map(|b| (b.output, b.warnings))
    }

    fn invalidate(&mut self, changed: &[String]) {
        // Joined to the root exactly as the builder was given it, so that the paths have
        // the same form as the ones it read.
        let root = self.options().root.clone();
        let paths: Vec<PathBuf> = changed.iter().map(|rel| root.join(rel)).collect();
        crate::build::Builder::invalidate(self, &paths);
    }

    fn take_deferred(&mut self) -> Option<crate::build::DeferredSearch> {
        crate::build::Builder::take_deferred(self)
    }

    fn accept_deferred(&mut self, update: &crate::build::SearchUpdate) {
        crate::build::Builder::accept_search(self, update)
    }

    fn pending_paths(&self) -> Vec<String> {
        crate::build::Builder::pending_paths(self)
    }

    fn finish_pending(&mut self) -> Vec<(String, Arc<[u8]>)> {
        crate::build::Builder::finish_pending(self)
    }
}

/// How to run the preview.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root (the folder containing `content/`).
    pub root: PathBuf,
    /// Address to listen on.
    pub bind: IpAddr,
    /// Port to listen on; the next free one is taken when it is in use; 0 lets the system choose.
    pub port: u16,
    /// Native notifications or polling.
    pub watch: WatchMode,
    /// How long the file system must stay quiet before a batch of changes is built.
    pub quiet: Duration,
    /// The longest a batch waits before it is built, however busy the file system.
    pub max_wait: Duration,
    /// Print a line per rebuild (and build diagnostics) to stdout/stderr.
    pub verbose: bool,
}

impl Config {
    /// Defaults for `root`: 127.0.0.1:3000, native watching, 8 ms quiet period.
    pub fn new(root: impl Into<PathBuf>) -> Config {
        Config {
            root: root.into(),
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 3000,
            watch: WatchMode::Native,
            quiet: Duration::from_millis(8),
            max_wait: Duration::from_millis(400),
            verbose: true,
        }
    }
}

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
    pub(crate) gen: u64,
    pub(crate) errors: Vec<String>,
    pub(crate) json: String,
}

impl Status {
    fn new(instance: &str, gen: u64, errors: Vec<String>) -> Status {
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
    pub(crate) status: tokio::sync::watch::Sender<Status>,
    pub(crate) instance: String,
    source_lang: String,
    /// The warnings last printed, so that unchanged ones are not printed after every save.
    last_warnings: std::sync::Mutex<String>,
    /// Paths of the served output that are out of date until the rebuild thread finishes
    /// them (see [`SiteSource::pending_paths`]); requests for them wait.
    pub(crate) pending: tokio::sync::watch::Sender<Arc<Vec<String>>>,
}

impl Shared {
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
    fn patch(&self, change: impl FnOnce(&mut Output)) {
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
    fn swap(&self, output: Output, strings: ServeStrings) -> (Arc<Snapshot>, u64) {
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
}

/// A running preview: HTTP server, watcher and rebuild thread.
pub struct Server {
    shared: Arc<Shared>,
    runtime: Option<tokio::runtime::Runtime>,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    rebuilder: Option<JoinHandle<()>>,
    notes: Vec<String>,
}

/// How the first build went, as reported by [`Server::start`].
#[derive(Debug, Clone)]
pub struct FirstBuild {
    /// Whether it succeeded.
    pub ok: bool,
    /// How long it took.
    pub took: Duration,
    /// Number of files produced (0 when it failed).
    pub files: usize,
}

impl Server {
    /// Binds the address, starts watching, runs the first build (on the rebuild thread,
    /// waiting for it) and starts serving. A failed first build does not stop the preview:
    /// pages then show the errors until a save fixes them.
    ///
    /// `make_source` runs on the rebuild thread, which keeps the source there (it need not
    /// be `Send`). It runs again to start afresh if a build panics (a bug): the panic is
    /// reported like a build error and the preview goes on.
    pub fn start<S, F>(config: Config, make_source: F) -> io::Result<(Server, FirstBuild)>
    where
        S: SiteSource,
        F: Fn() -> S + Send + 'static,
    {
        let mut notes = Vec::new();
        let (listener, note) = http::bind(config.bind, config.port)?;
        notes.extend(note);
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;

        let (watcher, note) =
            watch::SiteWatcher::start(&config.root, config.watch).map_err(io::Error::other)?;
        notes.extend(note);

        let instance = format!(
            "{:x}-{:x}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        );
        let (status, _) = tokio::sync::watch::channel(Status::new(&instance, 0, Vec::new()));
        let shared = Arc::new(Shared {
            site: RwLock::new(Arc::new(Snapshot {
                output: Output::new(),
                gen: 0,
                strings: ServeStrings::load(&config.root),
            })),
            status,
            instance,
            pending: tokio::sync::watch::Sender::new(Arc::new(Vec::new())),
            source_lang: source_language(&config.root),
            last_warnings: std::sync::Mutex::new(String::new()),
        });

        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("songngu-http")
            .enable_all()
            .build()?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };

        let stop = Arc::new(AtomicBool::new(false));
        let (first_tx, first_rx) = std::sync::mpsc::channel();
        let rebuilder = {
            let shared = shared.clone();
            let stop = stop.clone();
            let config = config.clone();
            std::thread::Builder::new()
                .name("songngu-rebuild".into())
                .spawn(move || {
                    let worker = IndexWorker::start(shared.clone());
                    let mut source = make_source();
                    let (first, panicked) = rebuild(&mut source, &shared, &config, None, &worker);
                    if panicked {
                        source = make_source();
                    }
                    let _ = first_tx.send(first);
                    rebuild_loop(
                        watcher,
                        source,
                        &make_source,
                        &shared,
                        &config,
                        &stop,
                        &worker,
                    );
                })?
        };
        let first = first_rx
            .recv()
            .map_err(|_| io::Error::other("the first build stopped unexpectedly"))?;
        runtime.spawn(http::accept_loop(listener, shared.clone()));
        Ok((
            Server {
                shared,
                runtime: Some(runtime),
                addr,
                stop,
                rebuilder: Some(rebuilder),
                notes,
            },
            first,
        ))
    }

    /// The address actually listened on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL to open, e.g. `http://127.0.0.1:3000/` (an unspecified bind address such as
    /// 0.0.0.0 is shown as 127.0.0.1, which reaches it from this machine).
    pub fn url(&self) -> String {
        let ip = match self.addr.ip() {
            IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::from([127, 0, 0, 1]),
            IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]),
            ip => ip,
        };
        match ip {
            IpAddr::V4(_) => format!("http://{}:{}/", ip, self.addr.port()),
            IpAddr::V6(_) => format!("http://[{}]:{}/", ip, self.addr.port()),
        }
    }

    /// Things worth telling the user about how the server started (port changed, polling).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The generation of the good build being served (0 before the first good build).
    pub fn generation(&self) -> u64 {
        self.shared.snapshot().gen
    }

    /// Blocks until Ctrl-C (or SIGTERM on Unix).
    pub fn wait_for_signal(&self) {
        let Some(rt) = &self.runtime else { return };
        rt.block_on(async {
            let notify = Arc::new(tokio::sync::Notify::new());
            {
                let n = notify.clone();
                tokio::spawn(async move {
                    if tokio::signal::ctrl_c().await.is_ok() {
                        n.notify_one();
                    }
                });
            }
            #[cfg(unix)]
            {
                use tokio::signal::unix::{signal, SignalKind};
                if let Ok(mut term) = signal(SignalKind::terminate()) {
                    let n = notify.clone();
                    tokio::spawn(async move {
                        if term.recv().await.is_some() {
                            n.notify_one();
                        }
                    });
                }
            }
            notify.notified().await;
        });
    }

    /// Stops serving and watching, closing every open connection.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(rt) = self.runtime.take() {
            if tokio::runtime::Handle::try_current().is_ok() {
                // Stopped from inside another runtime (an async test): cannot block here.
                rt.shutdown_background();
            } else {
                rt.shutdown_timeout(Duration::from_millis(500));
            }
        }
        if let Some(h) = self.rebuilder.take() {
            // It stops at its next look at the stop flag (within 100 ms) unless a build is
            // running; do not hold Ctrl-C hostage to a long build.
            let deadline = Instant::now() + Duration::from_secs(1);
            while !h.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            if h.is_finished() {
                let _ = h.join();
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

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

fn rebuild_loop<S: SiteSource>(
    mut watcher: watch::SiteWatcher,
    mut source: S,
    make_source: &dyn Fn() -> S,
    shared: &Shared,
    config: &Config,
    stop: &AtomicBool,
    worker: &IndexWorker,
) {
    let stopped = || stop.load(Ordering::SeqCst);
    while let Some(batch) = watcher.next_batch(config.quiet, config.max_wait, &stopped, &mut || {
        worker.drain_into(&mut source)
    }) {
        if config.verbose {
            for e in &batch.errors {
                eprintln!("warning: file watcher: {e}");
            }
        }
        if batch.paths.is_empty() {
            continue;
        }
        let (_, panicked) = rebuild(&mut source, shared, config, Some(&batch.paths), worker);
        if panicked {
            // Its caches may be half-updated: start from a fresh one.
            source = make_source();
        }
    }
}

/// The thread that builds deferred search indexes after a reload, one job at a time, and
/// patches them into the served output.
struct IndexWorker {
    jobs: std::sync::mpsc::Sender<crate::build::DeferredSearch>,
    done: std::sync::mpsc::Receiver<crate::build::SearchUpdate>,
}

impl IndexWorker {
    fn start(shared: Arc<Shared>) -> IndexWorker {
        let (jobs, job_rx) = std::sync::mpsc::channel::<crate::build::DeferredSearch>();
        let (done_tx, done) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("songngu-index".into())
            .spawn(move || {
                // Ends when the rebuild loop (holding the sender) ends.
                while let Ok(job) = job_rx.recv() {
                    let Ok(update) =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run()))
                    else {
                        eprintln!("warning: building the search index failed; the previous index stays served");
                        continue;
                    };
                    shared.patch(|output| update.apply_to(output));
                    if done_tx.send(update).is_err() {
                        break;
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("warning: cannot start the indexing thread ({e}); search indexes will not update until a restart");
        }
        IndexWorker { jobs, done }
    }

    fn send(&self, job: crate::build::DeferredSearch) {
        let _ = self.jobs.send(job);
    }

    fn drain_into<S: SiteSource>(&self, source: &mut S) {
        while let Ok(update) = self.done.try_recv() {
            source.accept_deferred(&update);
        }
    }
}

/// Runs one build and publishes its result; returns how it went and whether it panicked.
fn rebuild<S: SiteSource>(
    source: &mut S,
    shared: &Shared,
    config: &Config,
    changed: Option<&std::collections::BTreeSet<String>>,
    worker: &IndexWorker,
) -> (FirstBuild, bool) {
    // Indexes finished since the last build become the builder's, so it does not redo them.
    worker.drain_into(source);
    let start = Instant::now();
    let mut panicked = false;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if let Some(paths) = changed {
            let paths: Vec<String> = paths.iter().cloned().collect();
            source.invalidate(&paths);
        }
        source.build_site()
    }))
    .unwrap_or_else(|payload| {
        panicked = true;
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown reason".to_string());
        Err(Diagnostics::from(vec![
            crate::diagnostics::Diagnostic::error(format!("the build stopped unexpectedly: {why}"))
                .with_hint(
                    "this is a bug in songngu; the preview goes on with the last good build",
                ),
        ]))
    });
    let took = start.elapsed();
    let what = match changed {
        None => "first build".to_string(),
        Some(paths) => describe_changes(paths),
    };
    match result {
        Ok((output, warnings)) => {
            let files = output.len();
            // Files the build left out of date (print.html after a quick rebuild): requests
            // for them wait from before the swap until they are finished, just below.
            let pending = source.pending_paths();
            if !pending.is_empty() {
                shared.pending.send_replace(Arc::new(pending));
            }
            let (old, gen) = shared.swap(output, ServeStrings::load(&config.root));
            // Only now that the new output is in place: tell the pages.
            shared
                .status
                .send_replace(Status::new(&shared.instance, gen, Vec::new()));
            if !shared.pending.borrow().is_empty() {
                let finished = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    source.finish_pending()
                }));
                if let Ok(files) = finished {
                    shared.patch(|output| {
                        for (path, bytes) in files {
                            output.insert_shared(path, bytes);
                        }
                    });
                }
                shared.pending.send_replace(Arc::new(Vec::new()));
            }
            // Then what the build left for after the reload (the search index), on the
            // indexing thread, so that the next save does not wait for it.
            if let Some(job) = source.take_deferred() {
                worker.send(job);
            }
            if config.verbose {
                let new = shared.snapshot();
                let n = old.output.changed_paths(&new.output).len();
                println!(
                    "{what}: built in {} ms, {files} files, {n} changed{}",
                    took.as_millis(),
                    match warnings.warning_count() {
                        0 => String::new(),
                        w => format!(", {w} warning(s)"),
                    }
                );
                // The same warnings after every save would drown the summary lines: show
                // them when they change.
                let shown = warnings.render(false);
                let mut last = match shared.last_warnings.lock() {
                    Ok(g) => g,
                    Err(p) => p.into_inner(),
                };
                if *last != shown {
                    eprint!("{shown}");
                    *last = shown;
                }
            }
            (
                FirstBuild {
                    ok: true,
                    took,
                    files,
                },
                panicked,
            )
        }
        Err(diags) => {
            let mut errors: Vec<String> = diags
                .sorted()
                .into_iter()
                .filter(|d| d.is_error())
                .map(|d| d.to_plain())
                .collect();
            if errors.is_empty() {
                errors.push("error: the build failed without saying why".to_string());
            }
            let gen = shared.snapshot().gen;
            let count = errors.len();
            shared
                .status
                .send_replace(Status::new(&shared.instance, gen, errors));
            if config.verbose {
                println!(
                    "{what}: build failed in {} ms with {count} error(s); {}",
                    took.as_millis(),
                    if gen == 0 {
                        "pages show the errors until it builds"
                    } else {
                        "still serving the last good build"
                    }
                );
                eprint!("{}", diags.render(false));
            }
            (
                FirstBuild {
                    ok: false,
                    took,
                    files: 0,
                },
                panicked,
            )
        }
    }
}

fn describe_changes(paths: &std::collections::BTreeSet<String>) -> String {
    let mut it = paths.iter();
    match (it.next(), paths.len()) {
        (None, _) => "change".to_string(),
        (Some(p), 1) => p.clone(),
        (Some(p), n) => format!("{p} and {} more", n - 1),
    }
}

/// Opens `url` in the default browser (`xdg-open`, `open` or `start`); an error says why not.
pub fn open_browser(url: &str) -> Result<(), String> {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match cmd.spawn() {
        Ok(mut child) => {
            // Reap it in the background so it does not linger as a zombie.
            std::thread::spawn(move || {
                let _ = child.wait();
            });
            Ok(())
        }
        Err(e) => Err(e.to_string()),
    }
}
