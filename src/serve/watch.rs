//! Watching a site's `content/` and `theme/` folders, and grouping the events of one save.
//!
//! We use `notify`'s native watcher (inotify, FSEvents, ReadDirectoryChangesW) and fall
//! back to polling when the native one cannot start (for example when the inotify watch
//! limit is reached) or when asked to (`--poll`, for network and virtual file systems where
//! native events do not arrive). The poller is our own small loop over `walkdir` rather than
//! `notify::PollWatcher`, because that one compares modification times in whole seconds and
//! so misses a second save within the same second; ours compares size, full-precision
//! modification time and inode (which changes on a rename-over save). Debouncing is done here rather than with
//! `notify-debouncer-full`/`-mini`: every rebuild goes through `build::Builder`, which reads
//! the tree itself, so we never need to pair rename events or track file ids; we only need
//! "something relevant changed, and here are the paths for the summary line". A trailing
//! quiet period of a few milliseconds groups the several events of one save (write temp,
//! rename over, chmod) and keeps save-to-reload latency low, which fixed-tick debouncers
//! (that flush every N ms) do not.
//!
//! Editors' temporary, swap and backup files are ignored, as is anything that is not under
//! `content/` or `theme/` (in particular the `public/` output folder and `.git`).
//! Everything under `content/` counts: chapters, data, the shared files of `content/static/`
//! and the pictures beside pages (a changed image gives its pages new sizes).

use crate::text::file_names::is_editor_litter;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::{Event, RecursiveMode, Watcher};

/// The folders under the site root that are watched.
pub const WATCHED_DIRS: [&str; 2] = ["content", "theme"];

/// How a [`SiteWatcher`] learns about changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchMode {
    /// Native file system notifications.
    Native,
    /// Polling the tree every so often.
    Poll(Duration),
}

enum Msg {
    Paths(Vec<PathBuf>),
    Error(String),
}

/// Watches a site root and hands out batches of changed paths, one batch per save.
pub struct SiteWatcher {
    root: PathBuf,
    watcher: Backend,
    rx: Receiver<Msg>,
    mode: WatchMode,
}

/// One group of changes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Batch {
    /// Changed paths relative to the site root, `/`-separated, sorted.
    pub paths: BTreeSet<String>,
    /// Problems the watcher reported meanwhile (printed as warnings).
    pub errors: Vec<String>,
}

impl SiteWatcher {
    /// Starts watching `root`'s `content/` and `theme/` folders (and `root` itself, to see
    /// them appear). With [`WatchMode::Native`], falls back to polling if the native watcher
    /// fails; the returned string then says why.
    pub fn start(root: &Path, mode: WatchMode) -> Result<(SiteWatcher, Option<String>), String> {
        let root = root
            .canonicalize()
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let (tx, rx) = channel();
        match mode {
            WatchMode::Native => match native(&root, tx.clone()) {
                Ok(watcher) => Ok((
                    SiteWatcher {
                        root,
                        watcher,
                        rx,
                        mode,
                    },
                    None,
                )),
                Err(why) => {
                    let interval = Duration::from_millis(300);
                    let watcher = poll(&root, tx, interval)?;
                    Ok((
                        SiteWatcher {
                            root,
                            watcher,
                            rx,
                            mode: WatchMode::Poll(interval),
                        },
                        Some(format!(
                            "native file watching is not available ({why}); polling every {} ms instead",
                            interval.as_millis()
                        )),
                    ))
                }
            },
            WatchMode::Poll(interval) => {
                let watcher = poll(&root, tx, interval)?;
                Ok((
                    SiteWatcher {
                        root,
                        watcher,
                        rx,
                        mode,
                    },
                    None,
                ))
            }
        }
    }

    /// How this watcher learns about changes.
    pub fn mode(&self) -> WatchMode {
        self.mode
    }

    /// Waits for the next batch: blocks until a relevant change arrives (or `stop` is
    /// reached: then `None`), then keeps collecting until nothing has arrived for `quiet`
    /// (at most `max_wait` in all). When a changed path is missing at that point (an editor
    /// renamed the file away and has not yet put the new one in place), it waits a little
    /// longer for it to come back.
    ///
    /// While nothing happens, `idle` is called every 100 ms or so (the preview takes in
    /// finished background work then, rather than when the next save arrives).
    pub fn next_batch(
        &mut self,
        quiet: Duration,
        max_wait: Duration,
        stop: &dyn Fn() -> bool,
        idle: &mut dyn FnMut(),
    ) -> Option<Batch> {
        let mut batch = Batch::default();
        // First event: poll the stop flag every so often.
        loop {
            if stop() {
                return None;
            }
            match self.rx.recv_timeout(Duration::from_millis(100)) {
                Ok(msg) => {
                    self.take(msg, &mut batch);
                    if !batch.paths.is_empty() {
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    if !batch.errors.is_empty() {
                        return Some(batch);
                    }
                    idle();
                }
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        let start = Instant::now();
        let mut extended = false;
        loop {
            let left = max_wait.saturating_sub(start.elapsed());
            if left.is_zero() {
                break;
            }
            match self.rx.recv_timeout(quiet.min(left)) {
                Ok(msg) => self.take(msg, &mut batch),
                Err(RecvTimeoutError::Timeout) => {
                    let missing = batch.paths.iter().any(|p| !self.root.join(p).exists());
                    if missing && !extended {
                        // Give a rename-over save a moment to finish.
                        extended = true;
                        match self.rx.recv_timeout(Duration::from_millis(60)) {
                            Ok(msg) => {
                                self.take(msg, &mut batch);
                                continue;
                            }
                            Err(_) => break,
                        }
                    }
                    break;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        // A watched folder that was (re)created needs watching again.
        for dir in WATCHED_DIRS {
            if batch.paths.contains(dir) {
                let path = self.root.join(dir);
                if path.is_dir() {
                    if let Err(e) = self.watcher.rewatch(&path) {
                        batch.errors.push(format!("cannot watch {dir}/: {e}"));
                    }
                }
            }
        }
        Some(batch)
    }

    fn take(&self, msg: Msg, batch: &mut Batch) {
        match msg {
            Msg::Paths(paths) => {
                for p in paths {
                    if let Some(rel) = relevant(&self.root, &p) {
                        batch.paths.insert(rel);
                    }
                }
            }
            Msg::Error(e) => {
                // Events may have been lost (for example an overflowing inotify queue):
                // name the watched folders themselves, so that the build looks at everything
                // instead of trusting a list of changes that may be incomplete.
                batch.errors.push(e);
                batch
                    .paths
                    .extend(WATCHED_DIRS.iter().map(|d| d.to_string()));
            }
        }
    }
}

fn handler(tx: Sender<Msg>) -> impl FnMut(notify::Result<Event>) + Send + 'static {
    move |res: notify::Result<Event>| {
        let msg = match res {
            Ok(event) => {
                if event.need_rescan() {
                    Msg::Error("the system dropped some file events; rebuilding everything".into())
                } else if !counts(&event.kind) {
                    return;
                } else {
                    Msg::Paths(event.paths)
                }
            }
            Err(e) => Msg::Error(e.to_string()),
        };
        let _ = tx.send(msg);
    }
}

/// Whether an event kind can mean that a file's content, name or existence changed.
/// Reads (`Access`) never do: counting them would make every build trigger the next.
fn counts(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

fn add_watches(root: &Path, watcher: &mut dyn Watcher) -> notify::Result<()> {
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(())
}

fn native(root: &Path, tx: Sender<Msg>) -> Result<Backend, String> {
    let mut w = notify::recommended_watcher(handler(tx)).map_err(|e| e.to_string())?;
    add_watches(root, &mut w).map_err(|e| e.to_string())?;
    Ok(Backend::Native(Box::new(w)))
}

/// The thing delivering events: a native watcher, or our polling thread.
enum Backend {
    Native(Box<dyn Watcher + Send>),
    /// Held for its `Drop`, which stops the thread.
    Poll {
        _thread: Poller,
    },
}

impl Backend {
    fn rewatch(&mut self, path: &Path) -> Result<(), String> {
        match self {
            Backend::Native(w) => w
                .watch(path, RecursiveMode::Recursive)
                .map_err(|e| e.to_string()),
            // The poller walks the watched folders afresh each time.
            Backend::Poll { .. } => Ok(()),
        }
    }
}

/// A thread that walks `content/` and `theme/` every `interval` and reports what changed.
struct Poller {
    stop: Arc<AtomicBool>,
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// What the poller remembers of a file: size, modification time, inode, whether a folder.
type Stamp = (u64, Option<SystemTime>, u64, bool);

fn scan(root: &Path) -> BTreeMap<PathBuf, Stamp> {
    let mut out = BTreeMap::new();
    for dir in WATCHED_DIRS {
        for entry in walkdir::WalkDir::new(root.join(dir)).follow_links(false) {
            let Ok(entry) = entry else { continue };
            let Ok(meta) = entry.metadata() else { continue };
            #[cfg(unix)]
            let ino = std::os::unix::fs::MetadataExt::ino(&meta);
            #[cfg(not(unix))]
            let ino = 0;
            out.insert(
                entry.into_path(),
                (meta.len(), meta.modified().ok(), ino, meta.is_dir()),
            );
        }
    }
    out
}

fn poll(root: &Path, tx: Sender<Msg>, interval: Duration) -> Result<Backend, String> {
    let stop = Arc::new(AtomicBool::new(false));
    let root = root.to_path_buf();
    let flag = stop.clone();
    // The first scan before returning: a save made once watching has started must be seen,
    // however late the thread gets to run.
    let mut before = scan(&root);
    std::thread::Builder::new()
        .name("songngu-poll".into())
        .spawn(move || {
            while !flag.load(Ordering::SeqCst) {
                std::thread::sleep(interval);
                let now = scan(&root);
                let mut changed: Vec<PathBuf> = now
                    .iter()
                    .filter(|(p, stamp)| before.get(*p) != Some(*stamp))
                    .map(|(p, _)| p.clone())
                    .collect();
                changed.extend(before.keys().filter(|p| !now.contains_key(*p)).cloned());
                before = now;
                if !changed.is_empty() && tx.send(Msg::Paths(changed)).is_err() {
                    return;
                }
            }
        })
        .map_err(|e| e.to_string())?;
    Ok(Backend::Poll {
        _thread: Poller { stop },
    })
}

/// `path` relative to `root` as a `/`-separated string, when a change there matters to the
/// site: under `content/` or `theme/` (or one of those folders itself), and not an
/// editor's temporary, swap or backup file.
pub fn relevant(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_str()?.to_string()),
            _ => return None,
        }
    }
    let first = parts.first()?;
    if !WATCHED_DIRS.contains(&first.as_str()) {
        return None;
    }
    if parts
        .iter()
        .any(|p| p == ".git" || p == ".svn" || p == ".hg")
    {
        return None;
    }
    if is_editor_litter(parts.last()?) {
        return None;
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_and_theme_count() {
        let root = Path::new("/site");
        assert_eq!(
            relevant(root, Path::new("/site/content/vi/a.md")).as_deref(),
            Some("content/vi/a.md")
        );
        assert_eq!(
            relevant(root, Path::new("/site/theme")).as_deref(),
            Some("theme")
        );
        // The shared files of `content/static/` and a page bundle's pictures.
        assert_eq!(
            relevant(root, Path::new("/site/content/static/logo.png")).as_deref(),
            Some("content/static/logo.png")
        );
        assert_eq!(
            relevant(root, Path::new("/site/content/vi/a-page/so-do.png")).as_deref(),
            Some("content/vi/a-page/so-do.png")
        );
        assert_eq!(relevant(root, Path::new("/site/public/vi/a.html")), None);
        assert_eq!(
            relevant(root, Path::new("/site/.public.songngu-new-1-0/x")),
            None
        );
        assert_eq!(
            relevant(root, Path::new("/site/content/vi/.a.md.swp")),
            None
        );
        assert_eq!(relevant(root, Path::new("/elsewhere/content/a.md")), None);
        assert_eq!(relevant(root, Path::new("/site/content/.git/HEAD")), None);
    }
}
