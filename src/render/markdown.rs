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
use crate::shortcodes::scan::guess_figures;
use crate::shortcodes::{PageShortcodes, Shortcodes};
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
    /// The fingerprint of the inputs of the fences and shortcodes it uses (0 when it uses
    /// none), see [`inputs_fp`].
    pub(crate) fences: u64,
}

impl MdEntry {
    /// The entry for `rendered`, the Markdown of `page`.
    pub(crate) fn new(page: &Page, rendered: Arc<Rendered>, fences: &Fences, global: u64) -> Self {
        let fences = inputs_fp(
            fences.fingerprint_of(&rendered.fences),
            rendered.shortcodes.deps(),
        );
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

/// Fingerprint of what a page's Markdown read besides its file and the UI strings: the
/// inputs of the fences it uses (`fences`) and of its shortcodes (`shortcodes`: the
/// templates it calls and where its figures' numbering starts, 0 when it calls none).
fn inputs_fp(fences: u64, shortcodes: u64) -> u64 {
    if shortcodes == 0 {
        return fences;
    }
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&fences.to_le_bytes());
    h.update(&shortcodes.to_le_bytes());
    h.digest()
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
/// place ([`show_in_place`]) when `root` is its own, its figures numbered after
/// `figure_base` others.
pub(crate) fn render_page(
    page: &Page,
    inp: &Inputs,
    fences: Fences,
    root: &str,
    figure_base: u32,
) -> Rendered {
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
        shortcodes: Some(PageShortcodes {
            set: &inp.templates.shortcodes,
            figure_base,
            labels: &inp.strings[&page.content_lang],
        }),
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
///
/// Figures are numbered through each language in reading order, so a page's rendering
/// depends on how many figures the pages before it have: pages are rendered with the count
/// the cache or a quick look at the text gives, and the few whose figures turn out to start
/// elsewhere are rendered again.
pub(crate) fn render_markdown(
    inp: &Inputs,
    global: u64,
    cache: &MdCache,
) -> (Vec<Vec<Arc<Rendered>>>, MdCache) {
    let list = site_fences(inp.data);
    let fences = Fences::new(&list);
    let pages = all_pages(inp.site);
    let guessed: Vec<u32> = pages
        .par_iter()
        .map(|&(l, p)| guessed_figures(&inp.site.languages[l].pages[p], cache))
        .collect();
    let job = |&(l, p): &(usize, usize), base: u32| {
        let page = &inp.site.languages[l].pages[p];
        let cached = cache.get(&(page.lang.clone(), page.key.clone()));
        let set = &inp.templates.shortcodes;
        cached
            .and_then(|e| reuse(e, page, &fences, set, global, base))
            .unwrap_or_else(|| {
                let rendered = render_page(page, inp, fences, &root_of(&page.url), base);
                MdEntry::new(page, Arc::new(rendered), &fences, global)
            })
    };
    let bases = figure_bases(inp.site, &pages, &guessed);
    let mut entries: Vec<MdEntry> = pages
        .par_iter()
        .zip(&bases)
        .map(|(at, &base)| job(at, base))
        .collect();
    let figures: Vec<u32> = entries
        .iter()
        .map(|e| e.rendered.shortcodes.figures)
        .collect();
    let bases = figure_bases(inp.site, &pages, &figures);
    let again: Vec<usize> = (0..entries.len())
        .filter(|&i| figures[i] > 0 && entries[i].rendered.shortcodes.figure_base != bases[i])
        .collect();
    let redone: Vec<(usize, MdEntry)> = again
        .par_iter()
        .map(|&i| (i, job(&pages[i], bases[i])))
        .collect();
    for (i, e) in redone {
        entries[i] = e;
    }
    let mut out: Vec<Vec<Arc<Rendered>>> = inp
        .site
        .languages
        .iter()
        .map(|ls| Vec::with_capacity(ls.pages.len()))
        .collect();
    let mut new_cache = MdCache::with_capacity(entries.len());
    for (&(l, p), e) in pages.iter().zip(entries) {
        let page = &inp.site.languages[l].pages[p];
        out[l].push(e.rendered.clone());
        new_cache.insert((page.lang.clone(), page.key.clone()), e);
    }
    (out, new_cache)
}

/// How many figures `page` has, as far as can be told before rendering it: what its last
/// rendering found when its file did not change, or a count of the calls in its text.
fn guessed_figures(page: &Page, cache: &MdCache) -> u32 {
    let Some(file) = &page.file else {
        return 0;
    };
    let cached = cache.get(&(page.lang.clone(), page.key.clone()));
    match cached {
        Some(e) if e.file.as_ref().is_some_and(|f| Arc::ptr_eq(f, file)) => {
            e.rendered.shortcodes.figures
        }
        _ => guess_figures(file.body()),
    }
}

/// For each of `pages` (as [`all_pages`] lists them), how many figures come before it in
/// its language, given each page's count `figures`. A page showing another language's text
/// in place of a missing translation shows it as that language numbers it (its text refers
/// to its figures by those numbers and ids), and takes no number of its own language.
fn figure_bases(site: &Site, pages: &[(usize, usize)], figures: &[u32]) -> Vec<u32> {
    let mut out = vec![0; pages.len()];
    let mut own: HashMap<(&str, &str), u32> = HashMap::new();
    let mut lang = usize::MAX;
    let mut sum = 0u32;
    let mut fallbacks = Vec::new();
    for (i, (&(l, p), &n)) in pages.iter().zip(figures).enumerate() {
        let page = &site.languages[l].pages[p];
        if page.content_lang != page.lang {
            fallbacks.push(i);
            continue;
        }
        if l != lang {
            lang = l;
            sum = 0;
        }
        out[i] = sum;
        own.insert((&page.lang, &page.key), sum);
        sum = sum.saturating_add(n);
    }
    for i in fallbacks {
        let (l, p) = pages[i];
        let page = &site.languages[l].pages[p];
        out[i] = own
            .get(&(page.content_lang.as_str(), page.key.as_str()))
            .copied()
            .unwrap_or(0);
    }
    out
}

/// How many figures come before page `p` of language `l` (see [`figure_bases`]), from the
/// site's renderings `rendered`.
pub(crate) fn figure_base(site: &Site, rendered: &[Vec<Arc<Rendered>>], l: usize, p: usize) -> u32 {
    let page = &site.languages[l].pages[p];
    let (l, p) = if page.content_lang == page.lang {
        (l, p)
    } else {
        let source = site
            .languages
            .iter()
            .position(|ls| ls.code == page.content_lang);
        match source.and_then(|s| Some((s, *site.languages[s].by_key.get(&page.key)?))) {
            Some(at) => at,
            None => return 0,
        }
    };
    let ls = &site.languages[l];
    ls.pages[..p]
        .iter()
        .zip(&rendered[l])
        .filter(|(page, _)| page.content_lang == page.lang)
        .map(|(_, r)| r.shortcodes.figures)
        .sum()
}

/// The cached entry `e` for `page`, when it was rendered from the same inputs (the page's
/// figures numbered after `base` others).
fn reuse(
    e: &MdEntry,
    page: &Page,
    fences: &Fences,
    shortcodes: &Shortcodes,
    global: u64,
    base: u32,
) -> Option<MdEntry> {
    let used = &e.rendered.shortcodes;
    let fences_fp = inputs_fp(
        fences.fingerprint_of(&e.rendered.fences),
        used.deps_with(shortcodes.fingerprint_of(&used.names), base),
    );
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
