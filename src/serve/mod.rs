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
//!
//! Here: [`ServeOptions`] and the [`Server`]'s start and stop. The jobs are in the modules:
//! `source` (what is built: [`SiteSource`]), `state` (the snapshot served and the status
//! told), `rebuild` (the rebuild thread), `index_worker` (the deferred search index),
//! [`watch`], [`http`], [`paths`] and [`inject`].

pub mod http;
mod index_worker;
pub mod inject;
pub mod paths;
mod rebuild;
mod source;
mod state;
pub mod watch;

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rebuild::Rebuilder;
use state::Shared;

pub use inject::{ServeStrings, EVENTS_PATH};
pub use source::SiteSource;
pub use watch::WatchMode;

/// How to run the preview.
#[derive(Debug, Clone)]
pub struct ServeOptions {
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
    /// How many errors of a failed build to print (0: all); the pages show them all.
    pub max_errors: usize,
}

impl ServeOptions {
    /// Defaults for `root`: 127.0.0.1:3000, native watching, 8 ms quiet period.
    pub fn new(root: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            root: root.into(),
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 3000,
            watch: WatchMode::Native,
            quiet: Duration::from_millis(8),
            max_wait: Duration::from_millis(400),
            verbose: true,
            max_errors: crate::diagnostics::DEFAULT_MAX_ERRORS,
        }
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
    pub fn start<S, F>(config: ServeOptions, make_source: F) -> io::Result<(Server, FirstBuild)>
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

        let shared = Arc::new(Shared::new(&config.root, instance_id()));
        let runtime = http_runtime()?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };

        let stop = Arc::new(AtomicBool::new(false));
        let (first_tx, first_rx) = std::sync::mpsc::channel();
        let rebuilder = {
            let shared = shared.clone();
            let stop = stop.clone();
            std::thread::Builder::new()
                .name("songngu-rebuild".into())
                .spawn(move || {
                    let mut rebuilder = Rebuilder::new(&make_source, &shared, &config);
                    let _ = first_tx.send(rebuilder.rebuild(None));
                    rebuilder.watch(watcher, &stop);
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

/// An id of this server run, different from any earlier run's (the process id and the
/// time), so that an open page notices a restarted server.
fn instance_id() -> String {
    format!(
        "{:x}-{:x}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    )
}

/// The runtime of the HTTP tasks.
fn http_runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("songngu-http")
        .enable_all()
        .build()
}
