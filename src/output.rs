//! Output: the set of files a build produces, and writing them to disk atomically.
//!
//! A build never writes straight into the target folder. `songngu build` streams each file,
//! as soon as it is made, into a [`Staging`] folder beside the target ([`Output::streaming`]),
//! and the staging folder replaces the target with renames only when the whole build
//! succeeded. The preview keeps its [`Output`] in memory and never writes. Either way a failed
//! build leaves the previous output untouched, and a reader never sees half a site.
//! [`Output::write_atomic`] writes an in-memory output the same way (a fresh folder beside the
//! target, swapped in).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The files of a built site: path relative to the output root (with `/` separators) to bytes.
///
/// A `BTreeMap` keeps the order stable, which keeps every listing derived from it
/// deterministic. Paths and bytes are shared (`Arc`), so an incremental rebuild reuses the
/// files that did not change without copying them, and cloning an `Output` allocates
/// nothing but the map's nodes.
///
/// A *streaming* output ([`Output::streaming`]) writes each file into a folder as soon as
/// it is added and keeps nothing but counts: a one-shot build then never holds the whole
/// site in memory.
#[derive(Debug, Default, Clone)]
pub struct Output {
    files: BTreeMap<Arc<str>, Arc<[u8]>>,
    sink: Option<Arc<Sink>>,
}

impl PartialEq for Output {
    fn eq(&self, other: &Self) -> bool {
        self.files == other.files
    }
}

impl Eq for Output {}

/// Where a streaming output writes, and what it wrote.
#[derive(Debug)]
struct Sink {
    dir: PathBuf,
    files: std::sync::atomic::AtomicUsize,
    bytes: std::sync::atomic::AtomicU64,
    /// The first write that failed.
    error: std::sync::Mutex<Option<io::Error>>,
}

impl Sink {
    fn write(&self, rel: &str, bytes: &[u8]) {
        let result =
            safe_join(&self.dir, rel).and_then(|path| with_parents(&path, |p| fs::write(p, bytes)));
        self.record(rel, result.map(|()| bytes.len() as u64));
    }

    /// Writes the file `rel` with what `produce` writes (buffered).
    fn write_with(&self, rel: &str, produce: impl FnOnce(&mut dyn io::Write) -> io::Result<()>) {
        let result = safe_join(&self.dir, rel).and_then(|path| {
            let file = with_parents(&path, |p| fs::File::create(p))?;
            let mut w = CountingWriter {
                inner: io::BufWriter::with_capacity(1 << 18, file),
                bytes: 0,
            };
            produce(&mut w)?;
            w.inner
                .into_inner()
                .map_err(io::IntoInnerError::into_error)?;
            Ok(w.bytes)
        });
        self.record(rel, result);
    }

    /// Counts a written file, or keeps its error if it is the first.
    fn record(&self, rel: &str, result: io::Result<u64>) {
        use std::sync::atomic::Ordering::Relaxed;
        match result {
            Ok(len) => {
                self.files.fetch_add(1, Relaxed);
                self.bytes.fetch_add(len, Relaxed);
            }
            Err(e) => {
                let mut first = match self.error.lock() {
                    Ok(g) => g,
                    Err(p) => p.into_inner(),
                };
                if first.is_none() {
                    *first = Some(io::Error::new(e.kind(), format!("{rel}: {e}")));
                }
            }
        }
    }
}

/// `op(path)`, once more after making `path`'s folders if it failed for want of them (most
/// files go into folders made already: no check up front).
fn with_parents<T>(path: &Path, mut op: impl FnMut(&Path) -> io::Result<T>) -> io::Result<T> {
    match op(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            op(path)
        }
        other => other,
    }
}

/// A writer that counts the bytes written through it.
struct CountingWriter<W> {
    inner: W,
    bytes: u64,
}

impl<W: io::Write> io::Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Output {
    /// An empty set of files.
    pub fn new() -> Self {
        Self::default()
    }

    /// An output that writes every file added to it under `dir` at once (creating folders
    /// as needed) and keeps only the count of files and bytes: [`Output::get`] and
    /// [`Output::iter`] see nothing. A path added twice is written twice (the last write
    /// wins, as in memory) and counted twice. Check [`Output::finish`] at the end.
    pub fn streaming(dir: impl Into<PathBuf>) -> Self {
        Output {
            files: BTreeMap::new(),
            sink: Some(Arc::new(Sink {
                dir: dir.into(),
                files: Default::default(),
                bytes: Default::default(),
                error: std::sync::Mutex::new(None),
            })),
        }
    }

    /// For a streaming output: the first write that failed, if any. `Ok` for others.
    pub fn finish(&self) -> io::Result<()> {
        let Some(sink) = &self.sink else {
            return Ok(());
        };
        let mut first = match sink.error.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        match first.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Adds (or replaces) the file at `path`, relative to the output root, `/`-separated.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let (path, bytes) = (path.into(), bytes.into());
        if let Some(sink) = &self.sink {
            sink.write(&path, &bytes);
            return;
        }
        self.files.insert(Arc::from(path), Arc::from(bytes));
    }

    /// Whether this output writes files as they are added ([`Output::streaming`]).
    pub fn is_streaming(&self) -> bool {
        self.sink.is_some()
    }

    /// For a streaming output: writes the file now, from any thread, and returns `true`.
    /// Other outputs return `false` (add the file with [`Output::insert_shared`]).
    pub fn write_now(&self, path: &str, bytes: &[u8]) -> bool {
        match &self.sink {
            Some(sink) => {
                sink.write(path, bytes);
                true
            }
            None => false,
        }
    }

    /// For a streaming output: writes the file `path` now, from any thread, with what
    /// `produce` writes (buffered), so that a big file need not be whole in memory first;
    /// returns `true`. Other outputs return `false` without calling `produce`. An error,
    /// from the file system or from `produce`, is reported by [`Output::finish`].
    pub fn write_with_now(
        &self,
        path: &str,
        produce: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
    ) -> bool {
        match &self.sink {
            Some(sink) => {
                sink.write_with(path, produce);
                true
            }
            None => false,
        }
    }

    /// Adds (or replaces) every file of `files`; a streaming output writes them in parallel.
    pub fn insert_all(&mut self, files: Vec<(String, Arc<[u8]>)>) {
        if let Some(sink) = &self.sink {
            use rayon::prelude::*;
            files
                .into_par_iter()
                .for_each(|(path, bytes)| sink.write(&path, &bytes));
            return;
        }
        for (path, bytes) in files {
            self.insert_shared(path, bytes);
        }
    }

    /// Adds (or replaces) the file at `path` with bytes shared with other outputs.
    pub fn insert_shared(&mut self, path: impl Into<String>, bytes: Arc<[u8]>) {
        let path: String = path.into();
        if let Some(sink) = &self.sink {
            sink.write(&path, &bytes);
            return;
        }
        // An existing entry keeps its (shared) key.
        match self.files.get_mut(path.as_str()) {
            Some(v) => *v = bytes,
            None => {
                self.files.insert(Arc::from(path), bytes);
            }
        }
    }

    /// Removes the file at `path`, if there is one.
    pub fn remove(&mut self, path: &str) {
        self.files.remove(path);
    }

    /// Removes every file whose path starts with `prefix`.
    pub fn remove_prefix(&mut self, prefix: &str) {
        use std::ops::Bound;
        let doomed: Vec<Arc<str>> = self
            .files
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, _)| k.clone())
            .collect();
        for k in doomed {
            self.files.remove(&k);
        }
    }

    /// Adds every `(path, bytes)` pair.
    pub fn extend(&mut self, files: impl IntoIterator<Item = (String, Vec<u8>)>) {
        if self.sink.is_some() {
            for (path, bytes) in files {
                self.insert(path, bytes);
            }
            return;
        }
        self.files
            .extend(files.into_iter().map(|(k, v)| (Arc::from(k), Arc::from(v))));
    }

    /// The bytes of the file at `path`, if the build produced it.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|v| &v[..])
    }

    /// The shared bytes of the file at `path`, if the build produced it.
    pub fn get_shared(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.files.get(path)
    }

    /// Whether the build produced `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// All files in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (&k[..], &v[..]))
    }

    /// Number of files (written, for a streaming output).
    pub fn len(&self) -> usize {
        match &self.sink {
            Some(s) => s.files.load(std::sync::atomic::Ordering::Relaxed),
            None => self.files.len(),
        }
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Total size of all files in bytes (written, for a streaming output).
    pub fn total_bytes(&self) -> u64 {
        match &self.sink {
            Some(s) => s.bytes.load(std::sync::atomic::Ordering::Relaxed),
            None => self.files.values().map(|v| v.len() as u64).sum(),
        }
    }

    /// Paths whose bytes differ between `self` and `newer`, including files only one side has.
    pub fn changed_paths(&self, newer: &Output) -> Vec<String> {
        let mut out = Vec::new();
        for (k, v) in &newer.files {
            let same = self
                .files
                .get(k)
                .is_some_and(|old| Arc::ptr_eq(old, v) || old == v);
            if !same {
                out.push(k.to_string());
            }
        }
        for k in self.files.keys() {
            if !newer.files.contains_key(k) {
                out.push(k.to_string());
            }
        }
        out.sort();
        out
    }

    /// Writes every file under `target`, replacing what was there only once all of them
    /// have been written.
    ///
    /// The files go into a temporary folder beside `target` (same parent, so the final
    /// step is a rename on one file system). Then the old `target` is renamed away, the new
    /// one renamed into place, and the old one removed. If writing fails, the temporary
    /// folder is removed and `target` is left as it was.
    pub fn write_atomic(&self, target: &Path) -> io::Result<()> {
        let staging = Staging::beside(target)?;
        self.write_into(staging.path())?;
        staging.commit()
    }

    /// Writes every file under `dir`, which must not exist yet or be empty. Folders are
    /// made first, then the files are written in parallel.
    pub fn write_into(&self, dir: &Path) -> io::Result<()> {
        use rayon::prelude::*;
        fs::create_dir_all(dir)?;
        let mut paths = Vec::with_capacity(self.files.len());
        let mut folders: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
        for (rel, bytes) in &self.files {
            let path = safe_join(dir, rel)?;
            if let Some(p) = path.parent() {
                folders.insert(p.to_path_buf());
            }
            paths.push((path, bytes));
        }
        for f in &folders {
            fs::create_dir_all(f)?;
        }
        paths
            .par_iter()
            .try_for_each(|(path, bytes)| fs::write(path, &bytes[..]))
    }
}

/// A fresh folder beside an output folder, to write a build into and then swap in for the
/// output folder in one step ([`Staging::commit`]). Dropped without a commit, it is removed
/// and the output folder is left as it was.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Makes an empty staging folder beside `target` (in the same parent folder, so that
    /// the swap is a rename on one file system).
    pub fn beside(target: &Path) -> io::Result<Staging> {
        let target = absolute(target)?;
        let parent = target
            .parent()
            .ok_or_else(|| io::Error::other("the output folder has no parent folder"))?;
        fs::create_dir_all(parent)?;
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::other("the output folder has no name"))?
            .to_string_lossy()
            .into_owned();
        let dir = unique_sibling(parent, &format!(".{name}.songngu-new"));
        fs::create_dir(&dir)?;
        Ok(Staging {
            dir,
            target,
            committed: false,
        })
    }

    /// The staging folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Puts the staging folder in place of the output folder, which is removed.
    pub fn commit(mut self) -> io::Result<()> {
        swap_in(&self.dir, &self.target)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Joins a `/`-separated relative path to `dir`, refusing anything that would leave it.
fn safe_join(dir: &Path, rel: &str) -> io::Result<PathBuf> {
    let mut path = dir.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains('\\') {
            return Err(io::Error::other(format!(
                "refusing to write `{rel}`: not a plain relative path"
            )));
        }
        path.push(part);
    }
    Ok(path)
}

fn swap_in(staging: &Path, target: &Path) -> io::Result<()> {
    if target.exists() {
        let parent = target.parent().unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = unique_sibling(parent, &format!(".{name}.songngu-old"));
        fs::rename(target, &old)?;
        if let Err(e) = fs::rename(staging, target) {
            // Put the previous output back before reporting the failure.
            let _ = fs::rename(&old, target);
            return Err(e);
        }
        fs::remove_dir_all(&old)?;
    } else {
        fs::rename(staging, target)?;
    }
    Ok(())
}

fn unique_sibling(parent: &Path, stem: &str) -> PathBuf {
    let pid = std::process::id();
    let mut n = 0u32;
    loop {
        let p = parent.join(format!("{stem}-{pid}-{n}"));
        if !p.exists() {
            return p;
        }
        n += 1;
    }
}

fn absolute(p: &Path) -> io::Result<PathBuf> {
    if p.is_absolute() {
        Ok(p.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streaming_output_writes_a_file_from_a_writer_and_reports_its_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let out = Output::streaming(tmp.path());
        assert!(out.write_with_now("vi/print.html", |w| {
            w.write_all(b"<p>")?;
            w.write_all("Cao Bằng".as_bytes())?;
            w.write_all(b"</p>")
        }));
        assert_eq!(
            fs::read_to_string(tmp.path().join("vi/print.html")).unwrap(),
            "<p>Cao Bằng</p>"
        );
        let expected = "<p>Cao Bằng</p>".len() as u64;
        assert_eq!((out.len(), out.total_bytes()), (1, expected));
        assert!(out.finish().is_ok());
        out.write_with_now("en/print.html", |_| Err(io::Error::other("template broke")));
        let err = out.finish().unwrap_err().to_string();
        assert!(
            err.contains("en/print.html") && err.contains("template broke"),
            "{err}"
        );
        // Not streaming: nothing is written, and the writer is not called.
        assert!(!Output::new().write_with_now("x.html", |_| unreachable!()));
    }

    #[test]
    fn atomic_write_replaces_the_whole_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let mut a = Output::new();
        a.insert("index.html", "one");
        a.insert("vi/old.html", "old");
        a.write_atomic(&target).unwrap();
        let mut b = Output::new();
        b.insert("index.html", "two");
        b.write_atomic(&target).unwrap();
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "two"
        );
        assert!(!target.join("vi/old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder is left behind");
    }

    #[test]
    fn paths_that_leave_the_root_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let mut a = Output::new();
        a.insert("index.html", "keep");
        a.write_atomic(&target).unwrap();
        let mut bad = Output::new();
        bad.insert("../evil.html", "x");
        assert!(bad.write_atomic(&target).is_err());
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "keep"
        );
        assert!(!tmp.path().join("evil.html").exists());
    }

    #[test]
    fn changed_paths_lists_additions_changes_and_removals() {
        let mut a = Output::new();
        a.insert("a", "1");
        a.insert("b", "1");
        let mut b = Output::new();
        b.insert("a", "1");
        b.insert("b", "2");
        b.insert("c", "3");
        let mut c = a.clone();
        c.insert("gone", "x");
        assert_eq!(a.changed_paths(&b), vec!["b", "c"]);
        assert_eq!(c.changed_paths(&a), vec!["gone"]);
    }
}
