//! The Markdown stage: every page's Markdown rendered to HTML, in parallel, reusing what a
//! previous build rendered from the same inputs.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::pages::Inputs;
use super::root_of;
use crate::data::DataSet;
use crate::markdown::fences::{Fence, Fences};
use crate::markdown::{self, MdContext, Rendered};
use crate::model::{Page, Site};
use crate::text::rebase::{rebase_html, Move};

/// Rendered Markdown kept between builds: (language, key) -> fingerprint and result.
pub(crate) type MdCache = HashMap<(String, String), MdEntry>;

/// The fingerprint `cache` holds for the Markdown of page `key` of `lang` (0 when none).
pub(crate) fn md_fp(cache: &MdCache, lang: &str, key: &str) -> u64 {
    cache
        .get(&(lang.to_string(), key.to_string()))
        .map_or(0, |e| e.fp)
}

/// One page's rendered Markdown and what it was rendered from.
#[derive(Clone)]
pub(crate) struct MdEntry {
    /// Fingerprint of the inputs (see [`md_fingerprint`]).
    pub fp: u64,
    /// The result.
    pub rendered: Arc<Rendered>,
    /// The file it was rendered from: when the loader hands out the same `Arc` again, the
    /// file did not change and its text need not be hashed again.
    pub(crate) file: Option<Arc<crate::load::SourceFile>>,
    /// The global fingerprint it saw.
    pub(crate) global: u64,
    /// The fingerprint of the inputs of the fences it uses (0 when it uses none).
    pub(crate) fences: u64,
}

impl MdEntry {
    /// The entry for `rendered`, the Markdown of `page`.
    pub(crate) fn new(page: &Page, rendered: Arc<Rendered>, fences: &Fences, global: u64) -> Self {
        let fences = fences.fingerprint_of(&rendered.fences);
        MdEntry {
            fp: md_fingerprint(page, fences, global),
            rendered,
            file: page.file.clone(),
            global,
            fences,
        }
    }
}

/// The fences every page may use: the data tables' ```` ```table ````.
pub(crate) fn site_fences(data: &DataSet) -> [&dyn Fence; 1] {
    [data]
}

/// Fingerprint of what a page's Markdown rendering depends on: the file, the UI strings
/// (through `global`) and the inputs of the fences it uses (`fences`, 0 when none).
pub(crate) fn md_fingerprint(page: &Page, fences: u64, global: u64) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&global.to_le_bytes());
    h.update(page.lang.as_bytes());
    if let Some(f) = &page.file {
        h.update(f.source.as_bytes());
        h.update(f.display.to_string_lossy().as_bytes());
    }
    if fences != 0 {
        h.update(&fences.to_le_bytes());
    }
    h.digest()
}

/// Renders the Markdown of `page` (nothing for a page without a file), for the page's own
/// place ([`show_in_place`]) when `root` is its own.
pub(crate) fn render_page(page: &Page, inp: &Inputs, fences: Fences, root: &str) -> Rendered {
    let Some(file) = &page.file else {
        return Rendered::default();
    };
    let mut rendered = markdown::render(&MdContext {
        file,
        lang: &page.lang,
        key: &page.key,
        root,
        fences,
        heading: inp.templates.heading(),
        strings: &inp.strings[&page.lang],
        markdown: inp.site.config.markdown(),
    });
    show_in_place(page, &mut rendered);
    rendered
}

/// Makes the HTML of a page that shows another language's text (a missing translation)
/// right at the page's own URL.
///
/// Links to pages and data downloads were written from the site root, for the page's own
/// language; the URLs the author wrote are relative to the source page's folder. Those of
/// files (an image, a download beside the text) are written for the page's place, since
/// the files are copied beside the source page only (`hinh.png` in `vi/a/b.md` shown at
/// `en/a/b.html` is `../../vi/a/hinh.png`); those of pages (`….html`, a folder) are left
/// as written, to lead to the page in the reader's language (every language has every
/// page). Every stage after the Markdown (pages, print, search) then reads HTML relative to
/// the page's URL. Nothing to do for a page showing its own text.
pub(crate) fn show_in_place(page: &Page, rendered: &mut Rendered) {
    if page.content_lang == page.lang {
        return;
    }
    let shown_from = crate::model::url_for(&page.content_lang, &page.key);
    let moved = Move {
        keep: &is_page_path,
        ..Move::new(&shown_from, &page.url)
    };
    if let Cow::Owned(html) = rebase_html(&rendered.html, &moved) {
        rendered.html = html;
    }
}

/// Whether a path from the site root names a page: an `.html` file or a folder (its
/// `index.html`).
fn is_page_path(path: &str) -> bool {
    path.is_empty() || path.ends_with('/') || path.ends_with(".html")
}

/// Renders the Markdown of every page of every language, reusing `cache` entries whose
/// inputs did not change. Returns results indexed like `site.languages[l].pages[p]`.
pub(crate) fn render_markdown(
    inp: &Inputs,
    global: u64,
    cache: &MdCache,
) -> (Vec<Vec<Arc<Rendered>>>, MdCache) {
    let list = site_fences(inp.data);
    let fences = Fences::new(&list);
    let results: Vec<((usize, usize), MdEntry)> = all_pages(inp.site)
        .par_iter()
        .map(|&(l, p)| {
            let page = &inp.site.languages[l].pages[p];
            let cached = cache.get(&(page.lang.clone(), page.key.clone()));
            let entry = cached
                .and_then(|e| reuse(e, page, &fences, global))
                .unwrap_or_else(|| {
                    let rendered = render_page(page, inp, fences, &root_of(&page.url));
                    MdEntry::new(page, Arc::new(rendered), &fences, global)
                });
            ((l, p), entry)
        })
        .collect();
    let mut out: Vec<Vec<Arc<Rendered>>> = inp
        .site
        .languages
        .iter()
        .map(|ls| Vec::with_capacity(ls.pages.len()))
        .collect();
    let mut new_cache = MdCache::with_capacity(results.len());
    for ((l, p), e) in results {
        let page = &inp.site.languages[l].pages[p];
        out[l].push(e.rendered.clone());
        new_cache.insert((page.lang.clone(), page.key.clone()), e);
    }
    (out, new_cache)
}

/// The cached entry `e` for `page`, when it was rendered from the same inputs.
fn reuse(e: &MdEntry, page: &Page, fences: &Fences, global: u64) -> Option<MdEntry> {
    let fences_fp = fences.fingerprint_of(&e.rendered.fences);
    let same_file = match (&e.file, &page.file) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    };
    if same_file && e.global == global && e.fences == fences_fp {
        return Some(e.clone());
    }
    // The same text in a new `Arc` (the file was saved unchanged): hash it.
    (e.fp == md_fingerprint(page, fences_fp, global)).then(|| MdEntry {
        file: page.file.clone(),
        global,
        fences: fences_fp,
        ..e.clone()
    })
}

/// Every page of every language as (language index, page index), for parallel work.
pub(crate) fn all_pages(site: &Site) -> Vec<(usize, usize)> {
    site.languages
        .iter()
        .enumerate()
        .flat_map(|(l, ls)| (0..ls.pages.len()).map(move |p| (l, p)))
        .collect()
}
