//! The site model: languages, pages, the section tree, reading order and translations.
//!
//! Built from [`crate::load::Content`] without looking at templates or the disk. Every
//! language gets the same set of pages: a page missing in a translation falls back to the
//! source-language page (rendered with a notice), so links and the language switcher
//! always have a target.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{Content, SourceFile};
use crate::text::collate::collation_key;
use crate::text::slug::slugify;
use crate::translations;

/// What kind of page a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// The language's home page, from `content/<lang>/_index.md`.
    Cover,
    /// A folder's page, from its `_index.md`.
    Section,
    /// A chapter, from any other `.md` file.
    Chapter,
}

/// How a page stands against its source-language version.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Translation {
    /// The page is in the source language.
    Source,
    /// A translation marked as translating the current source version.
    UpToDate,
    /// A translation of an older source version, or never marked as checked.
    Stale {
        /// The hash the page was marked with, if any.
        marked: Option<String>,
        /// The current hash of the source page.
        current: String,
    },
    /// No translation: the source page is shown in its place.
    Missing,
    /// A page with no source-language counterpart.
    Orphan,
}

/// One page of one language.
#[derive(Debug, Clone)]
pub struct Page {
    /// The language the page belongs to (its URL and its navigation).
    pub lang: String,
    /// The source path relative to the language folder; pages with the same key translate each other.
    pub key: String,
    /// The output path, relative to the site root (`vi/2-ket-qua/2-4.html`).
    pub url: String,
    /// Cover, section or chapter.
    pub kind: PageKind,
    /// The title.
    pub title: String,
    /// The description, if any.
    pub description: Option<String>,
    /// Multiplier of the page's ranking in search (front matter `search_weight`, 1 by default).
    pub search_weight: f32,
    /// Order among siblings.
    pub weight: i64,
    /// The file whose text is shown: the page's own, or the source page's when falling back.
    /// `None` for a section that has no `_index.md`.
    pub file: Option<Arc<SourceFile>>,
    /// The language of the text shown (differs from `lang` when falling back).
    pub content_lang: String,
    /// The translation state.
    pub translation: Translation,
    /// Index of the parent section in [`LanguageSite::pages`]; `None` for the cover.
    pub parent: Option<usize>,
    /// Indexes of the children, in order.
    pub children: Vec<usize>,
    /// Depth in the tree: 0 for the cover, 1 for top-level pages.
    pub depth: usize,
    /// The previous page in reading order.
    pub prev: Option<usize>,
    /// The next page in reading order.
    pub next: Option<usize>,
}

/// The pages of one language, in reading order (the cover first).
#[derive(Debug, Clone)]
pub struct LanguageSite {
    /// The language code.
    pub code: String,
    /// Pages in reading order; index 0 is the cover.
    pub pages: Vec<Page>,
    /// Index of each page by key.
    pub by_key: HashMap<String, usize>,
    /// The keys of chapters of this language or of the source language that could not be
    /// read or parsed ([`crate::load::Content::failed`]; their problems are reported): a
    /// link to such a key with no page is a consequence of that problem, not one more.
    pub failed: BTreeSet<String>,
}

impl LanguageSite {
    /// The page with `key`, if any.
    pub fn page(&self, key: &str) -> Option<&Page> {
        self.by_key.get(key).map(|&i| &self.pages[i])
    }

    /// Indexes of the ancestors of page `i`, outermost (the cover) first.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut v = Vec::new();
        let mut cur = self.pages[i].parent;
        while let Some(p) = cur {
            v.push(p);
            cur = self.pages[p].parent;
        }
        v.reverse();
        v
    }
}

/// The whole site.
#[derive(Debug, Clone)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// One entry per language, in the configured order.
    pub languages: Vec<LanguageSite>,
}

impl Site {
    /// The language with `code`.
    pub fn language(&self, code: &str) -> Option<&LanguageSite> {
        self.languages.iter().find(|l| l.code == code)
    }
}

/// The output URL of the page with source key `key` in `lang`.
///
/// `_index.md` files become `index.html` of their folder; other chapters `name.html`.
/// Every path component is slugified so that URLs are plain ASCII.
pub fn url_for(lang: &str, key: &str) -> String {
    let (dirs, file) = match key.rsplit_once('/') {
        Some((dirs, file)) => (Some(dirs), file),
        None => (None, key),
    };
    let mut url = String::with_capacity(lang.len() + key.len() + 8);
    url.push_str(lang);
    url.push('/');
    if let Some(dirs) = dirs {
        for dir in dirs.split('/') {
            push_slug_or_keep(&mut url, dir);
            url.push('/');
        }
    }
    let stem = file.strip_suffix(".md").unwrap_or(file);
    if stem == "_index" {
        url.push_str("index.html");
    } else {
        push_slug_or_keep(&mut url, stem);
        url.push_str(".html");
    }
    url
}

/// Appends the slug of `s` (a folder or file name) to `url`, or `page` when it has none.
fn push_slug_or_keep(url: &mut String, s: &str) {
    if crate::text::slug::is_slug(s) {
        url.push_str(s);
        return;
    }
    let slug = slugify(s);
    url.push_str(if slug.is_empty() { "page" } else { &slug });
}

/// What kind of page the file with source key `key` is (a page bundle's `index.md` is a
/// chapter).
pub fn kind_of(key: &str) -> PageKind {
    if key == "_index.md" {
        PageKind::Cover
    } else if key.ends_with("/_index.md") {
        PageKind::Section
    } else {
        PageKind::Chapter
    }
}

/// The key of the section page that holds `key`: `a/b.md` -> `a/_index.md`,
/// `a/_index.md` -> `_index.md`, and for a page bundle (the page of its folder, like a
/// section's) `a/b/index.md` -> `a/_index.md`; `None` for the cover.
pub fn parent_key(key: &str) -> Option<String> {
    if key == "_index.md" {
        return None;
    }
    let dir = match key.rsplit_once('/') {
        Some((d, "_index.md" | "index.md")) => d.rsplit_once('/').map(|(p, _)| p.to_string()),
        Some((d, _)) => Some(d.to_string()),
        None => None,
    };
    Some(match dir {
        Some(d) if !d.is_empty() => format!("{d}/_index.md"),
        _ => "_index.md".to_string(),
    })
}

/// A page's source-language file and its translation, either of which may be missing.
type Pair = (Option<Arc<SourceFile>>, Option<Arc<SourceFile>>);

/// Builds the site model. Problems (duplicate URLs, orphan translations, folders without an
/// `_index.md`) are returned as diagnostics; the model is built anyway.
pub fn build(content: &Content, drafts: bool) -> (Site, Vec<Diagnostic>) {
    let config = &content.config;
    // Each language on its own (in parallel), its warnings and errors kept in language order.
    let built: Vec<(LanguageSite, Vec<Diagnostic>)> = config
        .languages
        .par_iter()
        .map(|lang| build_language(content, drafts, lang))
        .collect();
    let mut languages = Vec::with_capacity(built.len());
    let mut diags = Vec::new();
    for (ls, d) in built {
        languages.push(ls);
        diags.extend(d);
    }
    (
        Site {
            config: config.clone(),
            languages,
        },
        diags,
    )
}

/// The model of language `lang`, with the problems found in it.
fn build_language(content: &Content, drafts: bool, lang: &str) -> (LanguageSite, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let source_lang = content.config.source_language();
    let keys = pair_keys(content, drafts, lang);
    let failed = failed_keys(content, lang);
    let mut pages: Vec<Page> = implicit_sections(&keys, &failed)
        .iter()
        .map(|key| implicit_page(content, lang, key, &mut diags))
        .collect();
    // With no source page at all, the source language's "no pages" is the one problem.
    let no_source = keys.values().all(|(src, _)| src.is_none());
    for (key, pair) in &keys {
        // A translation whose source page failed to load is not an orphan.
        let orphan_explained = no_source || content.failed(source_lang, key);
        if let Some((file, translation, content_lang)) =
            pairing(lang, source_lang, key, pair, orphan_explained, &mut diags)
        {
            pages.push(file_page(lang, key, file, translation, content_lang));
        }
    }
    check_unique_urls(lang, &pages, &mut diags);
    // Every language shows the source language's pages: only the source language can have
    // none (and not when some of its files failed to load: their sections are there).
    if pages.is_empty() && lang == source_lang {
        diags.push(
            Diagnostic::error(format!("there are no pages in `content/{lang}/`"))
                .with_code("no-pages")
                .in_file(PathBuf::from("content").join(lang))
                .with_hint(format!(
                    "add a cover page `content/{lang}/_index.md` with `+++`, `title = \"…\"`, `+++`"
                )),
        );
    }
    (arrange(lang, pages, failed), diags)
}

/// The keys of the chapters of `lang` and of the source language that failed to load.
fn failed_keys(content: &Content, lang: &str) -> BTreeSet<String> {
    let source_lang = content.config.source_language();
    [lang, source_lang]
        .iter()
        .filter_map(|l| content.failed.get(*l))
        .flatten()
        .cloned()
        .collect()
}

/// Every key of the source language, plus the language's own keys, each with its source
/// and its translation (drafts only when `drafts`).
fn pair_keys(content: &Content, drafts: bool, lang: &str) -> BTreeMap<String, Pair> {
    let empty = BTreeMap::new();
    let source_lang = content.config.source_language();
    let source_pages = content.pages.get(source_lang).unwrap_or(&empty);
    let own = content.pages.get(lang).unwrap_or(&empty);
    let include = |f: &Arc<SourceFile>| drafts || !f.front.draft;
    let mut keys: BTreeMap<String, Pair> = BTreeMap::new();
    for (k, f) in source_pages.iter().filter(|(_, f)| include(f)) {
        keys.entry(k.clone()).or_default().0 = Some(f.clone());
    }
    for (k, f) in own.iter().filter(|(_, f)| include(f)) {
        keys.entry(k.clone()).or_default().1 = Some(f.clone());
    }
    keys
}

/// The sections of folders that hold pages but have no `_index.md`. A chapter that failed
/// to load (`failed`) counts as there, and so does a section whose `_index.md` failed: a
/// broken file leaves the tree as it would be, so that its problem sets off no other. A
/// page bundle's folder (its `index.md`) is no section, even with a failed chapter in it.
fn implicit_sections(keys: &BTreeMap<String, Pair>, failed: &BTreeSet<String>) -> Vec<String> {
    let mut implicit: Vec<String> = Vec::new();
    for k in keys.keys().chain(failed.iter()) {
        if kind_of(k) != PageKind::Chapter && !keys.contains_key(k) && !implicit.contains(k) {
            implicit.push(k.clone());
        }
        let mut cur = parent_key(k);
        while let Some(p) = cur {
            let bundle = p
                .strip_suffix("_index.md")
                .is_some_and(|d| keys.contains_key(&[d, "index.md"].concat()));
            if !keys.contains_key(&p) && !implicit.contains(&p) && !bundle {
                implicit.push(p.clone());
            }
            cur = parent_key(&p);
        }
    }
    implicit
}

/// The page of a folder with no `_index.md` (`key`), titled after the folder (warned about
/// once, in the source language).
fn implicit_page(content: &Content, lang: &str, key: &str, diags: &mut Vec<Diagnostic>) -> Page {
    let source_lang = content.config.source_language();
    let folder = key.trim_end_matches("/_index.md");
    // A folder whose `_index.md` failed to load has one; its problem is reported.
    if key != "_index.md" && lang == source_lang && !content.failed(lang, key) {
        diags.push(
            Diagnostic::warning(format!(
                "the folder `content/{lang}/{folder}` has no `_index.md`; its section is titled after the folder"
            ))
            .with_code("missing-index")
            .in_file(PathBuf::from("content").join(lang).join(folder))
            .with_hint("add an `_index.md` with `title = \"…\"` to give the section a title"),
        );
    }
    let title = if key == "_index.md" {
        content.config.language(lang).title.clone()
    } else {
        let name = folder.rsplit('/').next().unwrap_or(folder);
        name.replace(['-', '_'], " ")
    };
    Page {
        title,
        description: None,
        search_weight: 1.0,
        weight: 0,
        file: None,
        translation: if lang == source_lang {
            Translation::Source
        } else {
            Translation::Missing
        },
        ..new_page(lang, key, lang)
    }
}

/// The file page `key` of `lang` shows, its translation state and the language of its
/// text; none when neither language has it. A translation with no source page is warned
/// about, unless that follows from another problem (`orphan_explained`: the source page failed
/// to load, or the source language has no pages).
fn pairing(
    lang: &str,
    source_lang: &str,
    key: &str,
    (src, tr): &Pair,
    orphan_explained: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Arc<SourceFile>, Translation, String)> {
    if lang == source_lang {
        return Some((src.clone()?, Translation::Source, lang.to_string()));
    }
    match (src, tr) {
        (Some(s), Some(t)) => {
            let current = translations::source_hash(s);
            let state = match &t.front.translation_of {
                Some(m) if *m == current => Translation::UpToDate,
                marked => Translation::Stale {
                    marked: marked.clone(),
                    current,
                },
            };
            Some((t.clone(), state, lang.to_string()))
        }
        (Some(s), None) => Some((s.clone(), Translation::Missing, source_lang.to_string())),
        (None, Some(t)) if orphan_explained => {
            Some((t.clone(), Translation::Orphan, lang.to_string()))
        }
        (None, Some(t)) => {
            diags.push(
                Diagnostic::warning(format!(
                    "`{}` has no source page in `content/{source_lang}/`",
                    t.display.display()
                ))
                .with_code("orphan")
                .in_file(t.display.clone())
                .with_hint(format!(
                    "translations pair by path: create `content/{source_lang}/{key}`, or move this file to match its source page"
                )),
            );
            Some((t.clone(), Translation::Orphan, lang.to_string()))
        }
        (None, None) => None,
    }
}

/// The page `key` of `lang` made from `file`.
fn file_page(
    lang: &str,
    key: &str,
    file: Arc<SourceFile>,
    translation: Translation,
    content_lang: String,
) -> Page {
    Page {
        title: file.front.title.clone(),
        description: file.front.description.clone(),
        search_weight: file.front.search_weight.unwrap_or(1.0) as f32,
        weight: file.front.weight,
        translation,
        file: Some(file),
        ..new_page(lang, key, &content_lang)
    }
}

/// A page `key` of `lang` with its text in `content_lang`, not yet placed in the tree.
fn new_page(lang: &str, key: &str, content_lang: &str) -> Page {
    Page {
        lang: lang.to_string(),
        key: key.to_string(),
        url: url_for(lang, key),
        kind: kind_of(key),
        title: String::new(),
        description: None,
        search_weight: 1.0,
        weight: 0,
        file: None,
        content_lang: content_lang.to_string(),
        translation: Translation::Source,
        parent: None,
        children: Vec::new(),
        depth: 0,
        prev: None,
        next: None,
    }
}

/// Reports two sources published at one URL (`Đặc điểm.md` and `dac-diem.md`), naming
/// both.
fn check_unique_urls(lang: &str, pages: &[Page], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    for p in pages {
        if let Some(other) = seen.insert(&p.url, p) {
            if let Some(f) = p.file.as_ref().filter(|f| f.lang == *lang) {
                diags.push(
                    Diagnostic::error(format!(
                        "{} and `{}` would both be published as `{}`",
                        source_name(other),
                        f.display.display(),
                        p.url
                    ))
                    .with_code("duplicate-url")
                    .in_file(f.display.clone())
                    .with_hint("file and folder names are turned into ASCII slugs (đ -> d, marks dropped, spaces to -): rename one of the two"),
                );
            }
        }
    }
}

/// How messages name the source of page `p`: its file, or the folder of a section without
/// an `_index.md`.
fn source_name(p: &Page) -> String {
    match &p.file {
        Some(f) => format!("`{}`", f.display.display()),
        None => {
            let folder = p.key.trim_end_matches("_index.md");
            format!("the folder `content/{}/{folder}` (its section)", p.lang)
        }
    }
}

/// Links pages into a tree, sorts siblings and puts the pages in reading order; `failed`
/// becomes [`LanguageSite::failed`].
fn arrange(lang: &str, mut pages: Vec<Page>, failed: BTreeSet<String>) -> LanguageSite {
    let index: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.clone(), i))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    for (i, p) in pages.iter().enumerate() {
        if let Some(pk) = parent_key(&p.key) {
            if let Some(&pi) = index.get(&pk) {
                children[pi].push(i);
            }
        }
    }
    for c in &mut children {
        c.sort_by_cached_key(|&i| sibling_order(&pages[i]));
    }
    // Depth-first from the cover gives the reading order.
    let mut order = Vec::with_capacity(pages.len());
    let mut depth = vec![0usize; pages.len()];
    if let Some(&root) = index.get("_index.md") {
        let mut stack = vec![(root, 0usize)];
        while let Some((i, d)) = stack.pop() {
            order.push(i);
            depth[i] = d;
            for &c in children[i].iter().rev() {
                stack.push((c, d + 1));
            }
        }
    }
    let mut new_index = vec![usize::MAX; pages.len()];
    for (n, &old) in order.iter().enumerate() {
        new_index[old] = n;
    }
    let mut slots: Vec<Option<Page>> = pages.drain(..).map(Some).collect();
    let mut out: Vec<Page> = Vec::with_capacity(order.len());
    for &old in &order {
        let mut p = slots[old].take().expect("each page once");
        p.depth = depth[old];
        p.children = children[old].iter().map(|&c| new_index[c]).collect();
        p.parent = parent_key(&p.key)
            .and_then(|k| index.get(&k))
            .map(|&pi| new_index[pi]);
        out.push(p);
    }
    let n = out.len();
    for (i, p) in out.iter_mut().enumerate() {
        p.prev = i.checked_sub(1);
        p.next = (i + 1 < n).then_some(i + 1);
    }
    let by_key = out
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.clone(), i))
        .collect();
    LanguageSite {
        code: lang.to_string(),
        pages: out,
        by_key,
        failed,
    }
}

/// What orders a page among its siblings: its weight, then its file name (a section's
/// folder name, a page bundle's too) by [`collation_key`] (case and marks aside, `đ` after `d`), then the name's
/// bytes.
fn sibling_order(p: &Page) -> (i64, Vec<u32>, &str) {
    let k = p.key.trim_end_matches("/_index.md");
    let k = k.strip_suffix("/index.md").unwrap_or(k);
    let name = k.rsplit('/').next().unwrap_or(k);
    (p.weight, collation_key(name), name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_parents() {
        assert_eq!(url_for("vi", "_index.md"), "vi/index.html");
        assert_eq!(
            url_for("vi", "2-ket-qua/_index.md"),
            "vi/2-ket-qua/index.html"
        );
        assert_eq!(url_for("en", "2-ket-qua/2-4.md"), "en/2-ket-qua/2-4.html");
        assert_eq!(url_for("vi", "Đặc điểm.md"), "vi/dac-diem.html");
        assert_eq!(parent_key("a/b.md").as_deref(), Some("a/_index.md"));
        assert_eq!(parent_key("a/_index.md").as_deref(), Some("_index.md"));
        assert_eq!(parent_key("a/b/_index.md").as_deref(), Some("a/_index.md"));
        assert_eq!(parent_key("b.md").as_deref(), Some("_index.md"));
        assert_eq!(parent_key("_index.md"), None);
        // A page bundle is the page of its folder.
        assert_eq!(parent_key("a/b/index.md").as_deref(), Some("a/_index.md"));
        assert_eq!(parent_key("b/index.md").as_deref(), Some("_index.md"));
        assert_eq!(url_for("vi", "b/index.md"), "vi/b/index.html");
        assert_eq!(kind_of("b/index.md"), PageKind::Chapter);
    }
}
