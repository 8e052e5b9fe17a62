//! Loading: read `content/` into memory and parse what can be parsed file by file.
//!
//! `content/site.toml` names the languages; each language has a folder (`content/vi/`) of
//! Markdown chapters with front matter, where a folder is a section whose page is its
//! `_index.md`. Other files in a language folder (images, PDFs) are copied to the output as
//! they are. `content/data/` holds data tables and is read by [`crate::data`];
//! `content/static/` holds files shared by every language, copied to the output's root.
//!
//! A folder holding `index.md` is a page bundle: the page and its files (`a-page/index.md`
//! is the page `a-page`, `a-page/hinh.png` its picture); it holds no other pages, and no
//! `_index.md` ([`check_bundles`]).
//!
//! Loading never stops at the first problem: every file is read and every problem reported.
//! A [`Loader`] remembers what it read, so that a rebuild re-reads only files that changed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostics::{Diagnostic, Location};
use crate::frontmatter::{self, FrontFormat, FrontMatter, Split, TitleHeading};
use crate::text::file_names::{is_ignored, relative_path};

/// The folder under the site root that holds the content.
pub const CONTENT_DIR: &str = "content";
/// The folder under `content/` that holds data tables.
pub const DATA_DIR: &str = "data";
/// The folder under `content/` whose files are copied to the output's root.
pub const STATIC_DIR: &str = "static";

/// A Markdown chapter, read and with its front matter parsed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Language code (the folder it is in).
    pub lang: String,
    /// Path relative to the language folder, `/`-separated (`2-ket-qua/_index.md`).
    /// Pages in different languages with the same `rel` are translations of each other.
    pub rel: String,
    /// Path shown in messages, relative to the site root (`content/vi/2-ket-qua/_index.md`).
    pub display: PathBuf,
    /// The whole text of the file.
    pub source: Arc<str>,
    /// The parsed front matter, with the page's title (written, or its leading `#` heading).
    pub front: FrontMatter,
    /// How the front matter is written: TOML, YAML, or not at all.
    pub format: FrontFormat,
    /// Byte range of the front matter's text between its delimiter lines (empty, at the
    /// start of the body, when the file has none).
    pub front_range: Range<usize>,
    /// Byte range of the Markdown body.
    pub body_range: Range<usize>,
    /// The body's leading `#` heading, which the page's title shows: the Markdown renderer
    /// leaves it out.
    pub title_heading: Option<TitleHeading>,
    /// The file's translation hash, computed the first time it is asked for
    /// (see [`crate::translations::source_hash`]).
    pub hash: std::sync::OnceLock<String>,
}

impl SourceFile {
    /// The chapter `rel` of language `lang`, shown as `display`, whose text `source` was
    /// split by [`frontmatter::parse`].
    pub(crate) fn from_split(
        lang: &str,
        rel: &str,
        display: PathBuf,
        source: Arc<str>,
        split: Split,
    ) -> SourceFile {
        SourceFile {
            lang: lang.to_string(),
            rel: rel.to_string(),
            display,
            source,
            front: split.front,
            format: split.format,
            front_range: split.front_range,
            body_range: split.body_range,
            title_heading: split.title_heading,
            hash: std::sync::OnceLock::new(),
        }
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source[self.body_range.clone()]
    }

    /// The file's text with `translation_of = "hash"` in its front matter, written in the
    /// file's own syntax (TOML front matter added to a file that has none).
    pub fn with_translation_of(&self, hash: &str) -> String {
        frontmatter::with_translation_of(&self.source, self.format, &self.front_range, hash)
    }
}

/// A file in a language folder that is not a chapter; copied to the output as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Language code.
    pub lang: String,
    /// Path relative to the language folder.
    pub rel: String,
    /// The file's bytes.
    pub bytes: Arc<Vec<u8>>,
}

/// A file of `content/static/`, copied to the output's root.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path relative to `content/static/`, `/`-separated: its path in the output.
    pub rel: String,
    /// The file's bytes.
    pub bytes: Arc<Vec<u8>>,
}

/// Chapters by language, then by path relative to the language folder.
pub type PagesByLanguage = BTreeMap<String, BTreeMap<String, Arc<SourceFile>>>;

/// Everything read from `content/`.
#[derive(Debug, Clone)]
pub struct Content {
    /// The checked `site.toml`.
    pub config: Config,
    /// Chapters by language, then by relative path.
    pub pages: PagesByLanguage,
    /// Other files in the language folders.
    pub assets: Vec<Asset>,
    /// The files of `content/static/`.
    pub statics: Vec<StaticFile>,
    /// The chapters that could not be read or parsed (their problems are reported), by
    /// language, then by path relative to the language folder: the model counts them as
    /// there, so that their problems do not set off others (a folder "without" the
    /// `_index.md` that failed, a translation "without" its source page).
    pub failed: BTreeMap<String, BTreeSet<String>>,
}

impl Content {
    /// Whether the chapter `rel` of language `lang` is there but could not be read or parsed.
    pub fn failed(&self, lang: &str, rel: &str) -> bool {
        self.failed.get(lang).is_some_and(|f| f.contains(rel))
    }
}

#[derive(Clone)]
struct Cached {
    modified: Option<SystemTime>,
    len: u64,
    result: Result<Arc<SourceFile>, Vec<Diagnostic>>,
}

/// Reads content, remembering parsed files between runs.
#[derive(Default)]
pub struct Loader {
    cache: HashMap<PathBuf, Cached>,
    /// The bytes of the other files (assets, static files) read, with their modification
    /// time and length then.
    files: FileCache,
    /// The files found by the last full walk: (language, relative path, path) of chapters
    /// and of other files, and the problems the walk found.
    walk: Option<Walk>,
}

#[derive(Clone)]
struct Walk {
    root: PathBuf,
    chapters: Vec<FoundFile>,
    assets: Vec<FoundFile>,
    /// The files of `content/static/` (with an empty language).
    statics: Vec<FoundFile>,
    diags: Vec<Diagnostic>,
    config: Config,
}

impl Loader {
    /// A loader with an empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets what was read from `paths` (files, or folders: everything under them), so
    /// that the next load reads them again even if their size and modification time look
    /// unchanged. Paths are compared as given: pass them in the form the loader was given
    /// its root (absolute when the root is absolute).
    pub fn forget(&mut self, paths: &[PathBuf]) {
        if paths.is_empty() {
            return;
        }
        self.cache
            .retain(|k, _| !paths.iter().any(|p| k.starts_with(p)));
        self.files
            .retain(|k, _| !paths.iter().any(|p| k.starts_with(p)));
    }

    /// Forgets what was read from exactly these files (absolute paths, as the loader read
    /// them): cheaper than [`Loader::forget`] on a big site.
    pub fn forget_files(&mut self, files: &[PathBuf]) {
        for f in files {
            self.cache.remove(f);
            self.files.remove(f);
        }
    }

    /// Reads the content again after the files in `changed` were saved, touching nothing
    /// else when it can: when every changed path is a chapter the last load already knew
    /// (an edit, not a new, deleted or renamed file), or lies outside the language folders
    /// (a data table, the theme), the folders are not walked again and only the changed
    /// chapters are read. Anything else falls back to [`Loader::load`].
    pub fn load_changed(
        &mut self,
        root: &Path,
        changed: &[PathBuf],
    ) -> (Option<Content>, Vec<Diagnostic>) {
        let Some(walk) = self.walk.clone().filter(|w| w.root == root) else {
            return self.load(root);
        };
        let content_dir = match fs::canonicalize(root.join(CONTENT_DIR)) {
            Ok(d) => d,
            Err(_) => return self.load(root),
        };
        let mut reread: Vec<usize> = Vec::new();
        for path in changed {
            let canon = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            let Ok(rel) = canon.strip_prefix(&content_dir) else {
                continue; // the theme, or anything outside content/
            };
            let mut parts = rel.components();
            let first = parts
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .unwrap_or_default();
            if first == DATA_DIR || rel.iter().any(|c| is_unpublished(&c.to_string_lossy())) {
                continue;
            }
            if known_file(&walk, &canon) {
                // An image or a download saved again: read afresh below.
                self.files.remove(&canon);
                continue;
            }
            if !walk.config.languages.contains(&first) || !canon.is_file() {
                self.forget(changed);
                return self.load(root);
            }
            let rest = parts
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            match walk
                .chapters
                .iter()
                .position(|(l, r, _)| *l == first && *r == rest)
            {
                Some(i) => reread.push(i),
                None => {
                    self.forget(changed);
                    return self.load(root);
                }
            }
        }
        let mut diags = walk.diags.clone();
        let cache = &self.cache;
        let results: Vec<Cached> = walk
            .chapters
            .par_iter()
            .enumerate()
            .map(|(i, (lang, rel, path))| match cache.get(path) {
                Some(c) if !reread.contains(&i) => c.clone(),
                _ => read_chapter(lang, rel, path),
            })
            .collect();
        let (pages, failed, new_cache) =
            collect_pages(&walk.config, &walk.chapters, results, &mut diags);
        self.cache = new_cache;
        let (assets, statics) = self.read_files(&walk, &mut diags);
        (
            Some(Content {
                config: walk.config,
                pages,
                assets,
                statics,
                failed,
            }),
            diags,
        )
    }

    /// Reads the content under `root/content`. Returns the content when it could be read
    /// well enough to go on (possibly with errors in some files), and every problem found.
    pub fn load(&mut self, root: &Path) -> (Option<Content>, Vec<Diagnostic>) {
        self.walk = None;
        let mut diags = Vec::new();
        let content_dir = root.join(CONTENT_DIR);
        let site_toml = content_dir.join("site.toml");
        let display_toml = PathBuf::from(CONTENT_DIR).join("site.toml");
        let config = match read_text(&site_toml, &display_toml) {
            Ok(text) => match config::parse(&display_toml, &text) {
                Ok(c) => c,
                Err(e) => {
                    diags.extend(e.into_iter().map(|d| d.or_code("site-toml")));
                    return (None, diags);
                }
            },
            Err(d) => {
                diags.push(d);
                return (None, diags);
            }
        };

        // Find the language folders and their files.
        let entries = match sorted_entries(&content_dir) {
            Ok(e) => e,
            Err(e) => {
                diags.push(
                    Diagnostic::error(format!("cannot read the content folder: {e}"))
                        .in_file(CONTENT_DIR),
                );
                return (None, diags);
            }
        };
        let mut languages = Vec::new();
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_ignored(&name) || is_unpublished(&name) || !entry.path().is_dir() {
                continue;
            }
            if name == DATA_DIR || name == STATIC_DIR {
                continue;
            }
            if !config.languages.contains(&name) {
                let hint = match crate::text::closest(
                    &name,
                    &config.languages.iter().map(String::as_str).collect::<Vec<_>>(),
                ) {
                    Some(l) => format!("did you mean `{l}`? Otherwise add \"{name}\" to `languages` in site.toml, with a `[lang.{name}]` table"),
                    None => format!("add \"{name}\" to `languages` in site.toml, with a `[lang.{name}]` table, or move the folder out of content/"),
                };
                diags.push(
                    Diagnostic::error(format!(
                        "the folder `content/{name}` is not a language listed in site.toml"
                    ))
                    .with_code("language-folder")
                    .in_file(PathBuf::from(CONTENT_DIR).join(&name))
                    .with_hint(hint),
                );
                continue;
            }
            languages.push((name, entry.path()));
        }
        // Each language folder walked on its own (in parallel), the results kept in order.
        let found: Vec<LanguageFiles> = languages
            .par_iter()
            .map(|(name, dir)| walk_language(name, dir))
            .collect();
        let mut chapter_paths: Vec<FoundFile> = Vec::new();
        let mut asset_paths: Vec<FoundFile> = Vec::new();
        for f in found {
            chapter_paths.extend(f.chapters);
            asset_paths.extend(f.assets);
            diags.extend(f.diags);
        }

        let statics = walk_static(&content_dir.join(STATIC_DIR), &mut diags);
        let walk = Walk {
            root: root.to_path_buf(),
            chapters: chapter_paths,
            assets: asset_paths,
            statics,
            diags: diags.clone(),
            config: config.clone(),
        };

        // Read and parse the chapters in parallel, reusing what did not change.
        let cache = &self.cache;
        let results: Vec<Cached> = walk
            .chapters
            .par_iter()
            .map(|(lang, rel, path)| {
                if let Some(c) = cache.get(path) {
                    let meta = fs::metadata(path).ok();
                    let modified = meta.as_ref().and_then(|m| m.modified().ok());
                    let len = meta.as_ref().map_or(0, |m| m.len());
                    if c.modified == modified && c.len == len && modified.is_some() {
                        return c.clone();
                    }
                }
                read_chapter(lang, rel, path)
            })
            .collect();
        let (pages, failed, new_cache) =
            collect_pages(&config, &walk.chapters, results, &mut diags);
        self.cache = new_cache;
        let (assets, statics) = self.read_files(&walk, &mut diags);
        self.walk = Some(walk);
        (
            Some(Content {
                config,
                pages,
                assets,
                statics,
                failed,
            }),
            diags,
        )
    }
}

/// Reads and parses one chapter.
/// Reads and parses one chapter, `rel` in language folder `lang`, at `path`, outside any
/// [`Loader`] (the caller tells the loader with [`Loader::forget`]).
pub fn read_chapter_file(
    lang: &str,
    rel: &str,
    path: &Path,
) -> Result<Arc<SourceFile>, Vec<Diagnostic>> {
    read_chapter(lang, rel, path).result
}

fn read_chapter(lang: &str, rel: &str, path: &Path) -> Cached {
    let display = PathBuf::from(CONTENT_DIR).join(lang).join(rel);
    let mut stamp = None;
    let result = read_text_stamped(path, &display, &mut stamp)
        .map_err(|d| vec![d])
        .and_then(|source| {
            let split = frontmatter::parse(&display, &source)?;
            Ok(Arc::new(SourceFile::from_split(
                lang, rel, display, source, split,
            )))
        });
    let (modified, len) = stamp.unwrap_or((None, 0));
    Cached {
        modified,
        len,
        result,
    }
}

/// The chapters that failed to load, by language (see [`Content::failed`]).
type Failed = BTreeMap<String, BTreeSet<String>>;

/// Sorts the chapters read (`results`, one for each of `chapters`) into languages,
/// collecting their problems and the chapters that failed; returns the new cache.
fn collect_pages(
    config: &Config,
    chapters: &[FoundFile],
    results: Vec<Cached>,
    diags: &mut Vec<Diagnostic>,
) -> (PagesByLanguage, Failed, HashMap<PathBuf, Cached>) {
    let mut pages: PagesByLanguage = config
        .languages
        .iter()
        .map(|l| (l.clone(), BTreeMap::new()))
        .collect();
    let mut failed = Failed::new();
    let mut new_cache = HashMap::with_capacity(results.len());
    for ((lang, rel, path), cached) in chapters.iter().zip(results) {
        match &cached.result {
            Ok(f) => {
                pages
                    .entry(f.lang.clone())
                    .or_default()
                    .insert(f.rel.clone(), f.clone());
            }
            Err(e) => {
                diags.extend(e.iter().cloned());
                failed.entry(lang.clone()).or_default().insert(rel.clone());
            }
        }
        new_cache.insert(path.clone(), cached);
    }
    check_bundles(&mut pages, &mut failed, diags);
    (pages, failed, new_cache)
}

/// A file found in a language folder: (language, path relative to the folder, path).
type FoundFile = (String, String, PathBuf);

/// What [`walk_language`] finds in one language folder.
struct LanguageFiles {
    chapters: Vec<FoundFile>,
    assets: Vec<FoundFile>,
    diags: Vec<Diagnostic>,
}

/// Whether a file or folder named `name` is left out of the site although it is in a
/// language folder: names that start with `_` (`_TEMPLATE.md`, `_drafts/`), except a
/// section's page, `_index.md`. Such files are templates and notes, as in other generators.
pub(crate) fn is_unpublished(name: &str) -> bool {
    name.starts_with('_') && name != "_index.md"
}

/// The chapters (`.md`) and other files of the language folder `dir` (language `name`), in
/// file-name order, skipping ignored and unpublished names ([`is_unpublished`]).
fn walk_language(name: &str, dir: &Path) -> LanguageFiles {
    let mut found = LanguageFiles {
        chapters: Vec::new(),
        assets: Vec::new(),
        diags: Vec::new(),
    };
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(is_ignored(&name) || is_unpublished(&name))
        });
    for item in walker {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                found.diags.push(
                    Diagnostic::error(format!("cannot read a folder: {e}"))
                        .in_file(PathBuf::from(CONTENT_DIR).join(name)),
                );
                continue;
            }
        };
        if !item.file_type().is_file() {
            continue;
        }
        let Some(rel) = relative_path(dir, item.path()) else {
            continue;
        };
        let file = (name.to_string(), rel, item.path().to_path_buf());
        if file.1.ends_with(".md") {
            found.chapters.push(file);
        } else {
            found.assets.push(file);
        }
    }
    found
}

/// The bytes of files that are copied as they are, by path: modification time and length
/// when read, and the bytes.
type FileCache = HashMap<PathBuf, (Option<SystemTime>, u64, Arc<Vec<u8>>)>;

impl Loader {
    /// Reads the files of the language folders that are not chapters, and those of
    /// `content/static/`, reusing the bytes of files whose size and modification time did
    /// not change since the last load (a site's images and downloads are read once in the
    /// preview, not at every rebuild).
    fn read_files(
        &mut self,
        walk: &Walk,
        diags: &mut Vec<Diagnostic>,
    ) -> (Vec<Asset>, Vec<StaticFile>) {
        let old = std::mem::take(&mut self.files);
        let mut read = |(lang, rel, path): &FoundFile| -> Option<Arc<Vec<u8>>> {
            let meta = fs::metadata(path).ok();
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            let len = meta.as_ref().map_or(0, |m| m.len());
            if let Some((m, l, bytes)) = old.get(path) {
                if *m == modified && *l == len && modified.is_some() {
                    self.files.insert(path.clone(), (*m, *l, bytes.clone()));
                    return Some(bytes.clone());
                }
            }
            match fs::read(path) {
                Ok(bytes) => {
                    let bytes = Arc::new(bytes);
                    self.files
                        .insert(path.clone(), (modified, len, bytes.clone()));
                    Some(bytes)
                }
                Err(e) => {
                    let folder = if lang.is_empty() { STATIC_DIR } else { lang };
                    diags.push(
                        Diagnostic::error(format!("cannot read the file: {e}"))
                            .with_code("read")
                            .in_file(PathBuf::from(CONTENT_DIR).join(folder).join(rel)),
                    );
                    None
                }
            }
        };
        let assets = walk
            .assets
            .iter()
            .filter_map(|f| {
                Some(Asset {
                    lang: f.0.clone(),
                    rel: f.1.clone(),
                    bytes: read(f)?,
                })
            })
            .collect();
        let statics = walk
            .statics
            .iter()
            .filter_map(|f| {
                Some(StaticFile {
                    rel: f.1.clone(),
                    bytes: read(f)?,
                })
            })
            .collect();
        (assets, statics)
    }
}

/// Whether `path` (canonical) is a file of the last walk that is not a chapter (an asset or
/// a static file), and still a file.
fn known_file(walk: &Walk, path: &Path) -> bool {
    let known = |files: &[FoundFile]| files.iter().any(|(_, _, p)| p == path);
    path.is_file() && (known(&walk.assets) || known(&walk.statics))
}

/// The files of `content/static/` (`dir`), in file-name order, with an empty language,
/// skipping ignored and unpublished names as in language folders. None when there is no
/// such folder.
fn walk_static(dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<FoundFile> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut found = walk_language("", dir);
    diags.append(&mut found.diags);
    // A `.md` file here is a file like any other: copied, not rendered.
    let mut files = found.chapters;
    files.append(&mut found.assets);
    files.sort_by(|a, b| a.1.cmp(&b.1));
    files
}

/// Checks the page bundles of every language: a folder holding `index.md` (the page of the
/// folder's name, with its files beside it) holds no `_index.md` and no other chapter, and
/// the language folder itself holds no `index.md` (its page is the cover, `_index.md`). A
/// chapter that breaks the rule is reported and counted as failed (so that links to it and
/// the model's other checks report nothing more).
fn check_bundles(pages: &mut PagesByLanguage, failed: &mut Failed, diags: &mut Vec<Diagnostic>) {
    for (lang, files) in pages.iter_mut() {
        let bundles: Vec<String> = files
            .keys()
            .filter(|k| *k == "index.md" || k.ends_with("/index.md"))
            .cloned()
            .collect();
        if bundles.is_empty() {
            continue;
        }
        let mut out: BTreeSet<String> = BTreeSet::new();
        let failed_here = failed.get(lang).cloned().unwrap_or_default();
        let exists = |k: &str| files.contains_key(k) || failed_here.contains(k);
        let display = |k: &str| format!("{CONTENT_DIR}/{lang}/{k}");
        for key in &bundles {
            let folder = key.strip_suffix("index.md").unwrap_or_default();
            let section = format!("{folder}_index.md");
            if folder.is_empty() || exists(&section) {
                diags.push(bundle_and_section(
                    &display(key),
                    &display(&section),
                    folder.is_empty(),
                ));
                out.insert(key.clone());
                continue;
            }
            let inside = files
                .keys()
                .chain(failed_here.iter())
                .filter(|k| k.starts_with(folder) && *k != key);
            for k in inside {
                diags.push(page_in_bundle(&display(k), &display(key), folder));
                out.insert(k.clone());
            }
        }
        for k in out {
            files.remove(&k);
            failed.entry(lang.clone()).or_default().insert(k);
        }
    }
}

/// The error for a page bundle `index` in the folder of the section page `section` (or,
/// `at_root`, in the language folder, whose page is the cover).
fn bundle_and_section(index: &str, section: &str, at_root: bool) -> Diagnostic {
    let (message, hint) = if at_root {
        (
            format!("`{index}` would be published in place of the cover page `{section}`"),
            "a language's cover is its `_index.md`: rename this file `_index.md` (a page bundle, `name/index.md`, needs a folder of its own)".to_string(),
        )
    } else {
        (
            format!("`{index}` and `{section}` are both the page of one folder"),
            "`index.md` makes the folder one page with its files (a page bundle), `_index.md` makes it a section holding pages: keep one of the two".to_string(),
        )
    };
    Diagnostic::error(message)
        .with_code("bundle")
        .in_file(index)
        .with_hint(hint)
}

/// The error for the chapter `page`, inside the folder `folder` of the page bundle `index`.
fn page_in_bundle(page: &str, index: &str, folder: &str) -> Diagnostic {
    let folder = folder.trim_end_matches('/');
    Diagnostic::error(format!(
        "`{page}` is inside the page bundle `{index}`, which holds the page's files, not other pages"
    ))
    .with_code("bundle")
    .in_file(page)
    .with_hint(format!(
        "to make `{folder}/` a section holding pages, rename `index.md` to `_index.md`; otherwise move this file out of `{folder}/`"
    ))
}

/// Reads a text file, reporting a missing file or invalid UTF-8 at its exact place.
pub fn read_text(path: &Path, display: &Path) -> Result<Arc<str>, Diagnostic> {
    read_text_stamped(path, display, &mut None)
}

/// [`read_text`], also setting `stamp` to the file's modification time and length as it was
/// opened (one `open` and one `fstat`: a big site has thousands of files to read).
fn read_text_stamped(
    path: &Path,
    display: &Path,
    stamp: &mut Option<(Option<SystemTime>, u64)>,
) -> Result<Arc<str>, Diagnostic> {
    let cannot_read = |e: std::io::Error| {
        let hint = if e.kind() == std::io::ErrorKind::NotFound {
            "run the command from the site's root folder (the one holding content/), pass --root, or create a site with `songngu new DIR`"
        } else {
            "check the file's permissions"
        };
        Diagnostic::error(format!("cannot read the file: {e}"))
            .with_code("read")
            .in_file(display)
            .with_hint(hint)
    };
    let mut file = fs::File::open(path).map_err(cannot_read)?;
    let meta = file.metadata().map_err(cannot_read)?;
    *stamp = Some((meta.modified().ok(), meta.len()));
    let bytes = read_shared(&mut file, meta.len()).map_err(cannot_read)?;
    // Validated with SIMD first (std's check is several times slower on Vietnamese text,
    // where most characters take two or three bytes); std finds the place of an error.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `bytes` was just checked to be valid UTF-8, and `str` has the layout of
        // `[u8]`.
        return Ok(unsafe { Arc::from_raw(Arc::into_raw(bytes) as *const str) });
    }
    // Not valid UTF-8: std's check tells where.
    match String::from_utf8(bytes.to_vec()) {
        Ok(s) => Ok(Arc::from(s)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(e.as_bytes()).into_owned());
            // Offsets before the bad byte are the same in the lossy text.
            let loc = Location::new(display, lossy, at..at + 1);
            Err(Diagnostic::error("the file is not valid UTF-8")
                .with_code("encoding")
                .at(loc)
                .with_label("invalid byte here")
                .with_hint(
                    "save the file as UTF-8 (most editors offer it under \"Save with encoding\")",
                ))
        }
    }
}

/// The rest of `file`, expected to hold `len` bytes, read straight into a shared buffer
/// (no second copy; a file that grew or shrank meanwhile is read whole all the same).
fn read_shared(file: &mut fs::File, len: u64) -> std::io::Result<Arc<[u8]>> {
    use std::io::Read;
    let Ok(len) = usize::try_from(len) else {
        return Err(std::io::Error::other("the file is too big"));
    };
    // SAFETY: zeroed memory is a valid `u8`.
    let mut buf: Arc<[u8]> = unsafe { Arc::new_zeroed_slice(len).assume_init() };
    let Some(dst) = Arc::get_mut(&mut buf) else {
        unreachable!("a new Arc is unique");
    };
    let mut got = 0;
    while got < len {
        match file.read(&mut dst[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let mut rest = Vec::new();
    file.read_to_end(&mut rest)?;
    if got == len && rest.is_empty() {
        return Ok(buf);
    }
    let mut all = dst[..got].to_vec();
    all.extend_from_slice(&rest);
    Ok(all.into())
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<fs::DirEntry>> {
    let mut v: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    v.sort_by_key(|e| e.file_name());
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_reported_at_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        fs::write(&p, b"+++\ntitle = \"x\"\n+++\nab\xff\n").unwrap();
        let d = read_text(&p, Path::new("content/vi/a.md")).unwrap_err();
        assert!(
            d.to_plain()
                .starts_with("content/vi/a.md:4:3: error: the file is not valid UTF-8"),
            "{d}"
        );
    }

    #[test]
    fn a_file_is_read_whole_even_when_its_size_changed_since_it_was_stated() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        let text = "Đặc điểm tình hình — ".repeat(500);
        fs::write(&p, &text).unwrap();
        // As stated, shorter, longer, empty.
        for len in [text.len() as u64, 3, text.len() as u64 + 100, 0] {
            let mut f = fs::File::open(&p).unwrap();
            let got = read_shared(&mut f, len).unwrap();
            assert_eq!(&got[..], text.as_bytes(), "stated length {len}");
        }
        let mut stamp = None;
        let read = read_text_stamped(&p, Path::new("content/vi/a.md"), &mut stamp).unwrap();
        assert_eq!(&*read, text);
        assert_eq!(stamp.map(|s| s.1), Some(text.len() as u64));
        assert!(stamp.and_then(|s| s.0).is_some(), "modification time kept");
    }
}
