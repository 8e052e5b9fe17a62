//! Pages: Markdown through the page templates, in parallel.
//!
//! Each page's own HTML stays proportional to its own content: it inlines what a reader
//! needs without JavaScript (breadcrumbs, the current section's pages, previous/next, and on
//! the cover the whole table of contents); the full tree for the sidebar is loaded once
//! from `assets/toc-<lang>.js`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use minijinja::Value;
use rayon::prelude::*;
use serde::Serialize;

use crate::data::DataSet;
use crate::diagnostics::Diagnostic;
use crate::i18n::UiStrings;
use crate::markdown::{self, escape, Heading, MdContext, Rendered};
use crate::model::{LanguageSite, Page, PageKind, Site, Translation};
use crate::render::{document_fields, root_of, template_error, MetaField, Templates};
use crate::theme::Theme;

/// How many pages before and after the current one the sidebar lists without JavaScript.
pub const SIDEBAR_WINDOW: usize = 5;

/// The part of a section's pages (`siblings`) the sidebar lists around page `i` without
/// JavaScript, and whether pages were cut before and after it. A short section is listed
/// whole; a long one only around the page, so that a page's size does not grow with its
/// section's.
pub fn sidebar_window(siblings: &[usize], i: usize) -> (&[usize], (bool, bool)) {
    if siblings.len() <= 2 * SIDEBAR_WINDOW + 1 {
        return (siblings, (false, false));
    }
    let pos = siblings.iter().position(|&c| c == i).unwrap_or(0);
    let from = pos.saturating_sub(SIDEBAR_WINDOW);
    let to = (pos + SIDEBAR_WINDOW + 1).min(siblings.len());
    (&siblings[from..to], (from > 0, to < siblings.len()))
}

/// Everything page rendering reads.
pub struct Inputs<'a> {
    /// The site model.
    pub site: &'a Site,
    /// Data tables.
    pub data: &'a DataSet,
    /// The theme.
    pub theme: &'a Theme,
    /// Its templates.
    pub templates: &'a Templates,
    /// UI strings per language.
    pub strings: &'a BTreeMap<String, UiStrings>,
}

/// Rendered Markdown kept between builds: (language, key) -> fingerprint and result.
pub type MdCache = HashMap<(String, String), MdEntry>;

/// The fingerprint `cache` holds for the Markdown of page `key` of `lang` (0 when none).
pub fn md_fp(cache: &MdCache, lang: &str, key: &str) -> u64 {
    cache
        .get(&(lang.to_string(), key.to_string()))
        .map_or(0, |e| e.fp)
}

/// One page's rendered Markdown and what it was rendered from.
#[derive(Clone)]
pub struct MdEntry {
    /// Fingerprint of the inputs (see `md_fingerprint`).
    pub fp: u64,
    /// The result.
    pub rendered: Arc<Rendered>,
    /// The file it was rendered from: when the loader hands out the same `Arc` again, the
    /// file did not change and its text need not be hashed again.
    pub(crate) file: Option<Arc<crate::load::SourceFile>>,
    /// The global fingerprint and the data fingerprint (0 when no table is placed) it saw.
    pub(crate) global: u64,
    pub(crate) data: u64,
}

/// A link in a template context.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Relative href.
    pub href: String,
    /// Text.
    pub title: String,
    /// Whether it is the current page.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub current: bool,
    /// Description, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Serialize)]
struct LangLink {
    code: String,
    name: String,
    title: String,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    href: String,
}

#[derive(Serialize)]
struct NoticeLink {
    href: String,
    text: String,
    lang: String,
}

#[derive(Serialize)]
struct Notice {
    kind: &'static str,
    text: String,
    link: Option<NoticeLink>,
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: Option<&'a str>,
    source_lang: &'a str,
    /// Whether the site has a search index (`[search] enabled` in `site.toml`).
    search: bool,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    title: &'a str,
    description: Option<&'a str>,
    kind: PageKind,
    url: &'a str,
    content_lang: &'a str,
    content: Value,
}

#[derive(Serialize)]
struct Ctx<'a> {
    canonical: Option<String>,
    lang: &'a str,
    root: &'a str,
    site: SiteCtx<'a>,
    page: PageCtx<'a>,
    i18n: Value,
    languages: Vec<LangLink>,
    alternates: Vec<Alternate>,
    breadcrumbs: Vec<Link>,
    trail: Vec<Link>,
    section_pages: Vec<Link>,
    section_cut_before: bool,
    section_cut_after: bool,
    children: Vec<Link>,
    headings: Vec<&'a Heading>,
    prev: Option<Link>,
    next: Option<Link>,
    notice: Option<Notice>,
    document: Vec<MetaField>,
    toc_html: Value,
}

/// Every page of every language as (language index, page index), for parallel work.
fn all_pages(site: &Site) -> Vec<(usize, usize)> {
    site.languages
        .iter()
        .enumerate()
        .flat_map(|(l, ls)| (0..ls.pages.len()).map(move |p| (l, p)))
        .collect()
}

/// Fingerprint of what a page's Markdown rendering depends on: the file, the UI strings
/// (through `global`) and, when the page places tables, the data.
pub(crate) fn md_fingerprint(page: &Page, data: &DataSet, uses_tables: bool, global: u64) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&global.to_le_bytes());
    h.update(page.lang.as_bytes());
    if let Some(f) = &page.file {
        h.update(f.source.as_bytes());
        h.update(f.display.to_string_lossy().as_bytes());
    }
    if uses_tables {
        h.update(&data.fingerprint().to_le_bytes());
    }
    h.digest()
}

/// Renders the Markdown of every page of every language, reusing `cache`
/// entries whose inputs did not change. Returns results indexed like `site.languages[l].pages[p]`.
pub fn render_markdown(
    inp: &Inputs,
    global: u64,
    cache: &MdCache,
) -> (Vec<Vec<Arc<Rendered>>>, MdCache) {
    let jobs = all_pages(inp.site);
    let results: Vec<((usize, usize), MdEntry)> = jobs
        .par_iter()
        .map(|&(l, p)| {
            let ls = &inp.site.languages[l];
            let page = &ls.pages[p];
            let ck = (page.lang.clone(), page.key.clone());
            if let Some(e) = cache.get(&ck) {
                let data = if e.rendered.tables.is_empty() {
                    0
                } else {
                    inp.data.fingerprint()
                };
                let same_file = match (&e.file, &page.file) {
                    (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                    (None, None) => true,
                    _ => false,
                };
                if same_file && e.global == global && e.data == data {
                    return ((l, p), e.clone());
                }
                if e.fp == md_fingerprint(page, inp.data, !e.rendered.tables.is_empty(), global) {
                    return (
                        (l, p),
                        MdEntry {
                            file: page.file.clone(),
                            global,
                            data,
                            ..e.clone()
                        },
                    );
                }
            }
            let rendered = match &page.file {
                Some(file) => {
                    let root = root_of(&page.url);
                    markdown::render(&MdContext {
                        file,
                        lang: &page.lang,
                        key: &page.key,
                        root: &root,
                        data: inp.data,
                        strings: &inp.strings[&page.lang],
                    })
                }
                None => Rendered::default(),
            };
            let data = if rendered.tables.is_empty() {
                0
            } else {
                inp.data.fingerprint()
            };
            let fp = md_fingerprint(page, inp.data, !rendered.tables.is_empty(), global);
            let entry = MdEntry {
                fp,
                rendered: Arc::new(rendered),
                file: page.file.clone(),
                global,
                data,
            };
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

/// Checks that every link to another page and every `#anchor` has a target.
/// Pages shown in place of a missing translation are checked in their own language only.
pub fn check_links(site: &Site, rendered: &[Vec<Arc<Rendered>>]) -> Vec<Diagnostic> {
    // Languages side by side; their messages in language order.
    site.languages
        .par_iter()
        .zip(rendered)
        .flat_map_iter(|(ls, rendered)| check_language_links(ls, rendered))
        .collect()
}

/// [`check_links`] for the pages of one language.
fn check_language_links(ls: &LanguageSite, rendered: &[Arc<Rendered>]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (p, r) in ls.pages.iter().zip(rendered) {
        if p.content_lang != p.lang {
            continue;
        }
        for link in &r.links {
            // A page has few headings: a scan of its list finds an id faster than a set.
            match ls.by_key.get(&link.key).map(|&i| &rendered[i]) {
                None => {
                    let hint = match crate::frontmatter::closest(
                        &link.key,
                        &ls.by_key.keys().map(String::as_str).collect::<Vec<_>>(),
                    ) {
                        Some(k) => format!("did you mean `{k}`? Paths are relative to this file's folder"),
                        None => "link to an existing .md file, with a path relative to this file's folder".to_string(),
                    };
                    diags.push(
                        Diagnostic::error(format!(
                            "broken link: there is no page `{}` in `content/{}/`",
                            link.key, p.lang
                        ))
                        .at(link.location.clone())
                        .with_label("no such page")
                        .with_hint(hint),
                    );
                }
                Some(target) => {
                    if let Some(a) = &link.anchor {
                        // Footnote anchors are targets too, and so is the article.
                        let is_note = a.starts_with("fn-") || a.starts_with("fnref-");
                        let found = a == "content" || target.headings.iter().any(|h| h.id == *a);
                        if !found && !is_note {
                            let mut known: Vec<&str> =
                                target.headings.iter().map(|h| h.id.as_str()).collect();
                            known.push("content");
                            known.sort_unstable();
                            known.dedup();
                            let hint = match crate::frontmatter::closest(a, &known) {
                                Some(k) => format!("did you mean `#{k}`? Heading ids are slugs of the heading text"),
                                None => format!(
                                    "the headings of that page have the ids: {}",
                                    known
                                        .iter()
                                        .filter(|k| **k != "content")
                                        .map(|k| format!("#{k}"))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            };
                            diags.push(
                                Diagnostic::error(format!(
                                    "broken link: `{}` has no heading `#{a}`",
                                    link.key
                                ))
                                .at(link.location.clone())
                                .with_label("no such heading")
                                .with_hint(hint),
                            );
                        }
                    }
                }
            }
        }
    }
    diags
}

fn link_to(ls: &LanguageSite, from_root: &str, i: usize, current: bool) -> Link {
    let p = &ls.pages[i];
    Link {
        href: [from_root, &p.url].concat(),
        title: p.title.clone(),
        current,
        description: None,
    }
}

/// The HTML list of the whole table of contents of a language, for the cover.
pub fn toc_html(ls: &LanguageSite, root: &str) -> String {
    fn walk(ls: &LanguageSite, i: usize, root: &str, out: &mut String) {
        let kids = &ls.pages[i].children;
        if kids.is_empty() {
            return;
        }
        out.push_str("<ul>");
        for &c in kids {
            let p = &ls.pages[c];
            out.push_str("<li><a href=\"");
            out.push_str(&escape(&[root, &p.url].concat()));
            out.push_str("\">");
            out.push_str(&escape(&p.title));
            out.push_str("</a>");
            walk(ls, c, root, out);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    let mut out = String::new();
    if !ls.pages.is_empty() {
        walk(ls, 0, root, &mut out);
    }
    out
}

/// Renders the HTML of every page. Returns `(url, bytes)` pairs and template errors
/// (each distinct error once).
///
/// With a streaming `sink` ([`crate::output::Output::streaming`]) each page is written as
/// soon as it is rendered and neither returned nor cached.
pub fn render_pages(
    inp: &Inputs,
    rendered: &[Vec<Arc<Rendered>>],
    md_cache: &MdCache,
    global: u64,
    cache: &PageCache,
    sink: Option<&crate::output::Output>,
) -> (Vec<SharedFile>, PageCache, Vec<Diagnostic>) {
    let sink = sink.filter(|s| s.is_streaming());
    let i18n = i18n_values(inp);
    let jobs = all_pages(inp.site);
    type Rendered1 = Result<(String, u64, Arc<[u8]>), Diagnostic>;
    let results: Vec<Rendered1> = jobs
        .par_iter()
        .map(|&(l, p)| {
            let ls = &inp.site.languages[l];
            let page = &ls.pages[p];
            // A streaming build keeps no cache: no fingerprint to make.
            let fp = if sink.is_some() && cache.is_empty() {
                0
            } else {
                page_fp(inp, md_cache, global, l, p)
            };
            if let Some((old, bytes)) = cache.get(&page.url) {
                if *old == fp {
                    return Ok((page.url.clone(), fp, bytes.clone()));
                }
            }
            let html = render_one(
                inp,
                ls,
                p,
                &rendered[l][p],
                i18n[page.lang.as_str()].clone(),
                None,
            )?;
            if let Some(out) = sink {
                out.write_now(&page.url, &html);
                return Ok((String::new(), fp, Arc::from(&[][..])));
            }
            Ok((page.url.clone(), fp, Arc::from(html)))
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut new_cache = PageCache::with_capacity(if sink.is_some() { 0 } else { results.len() });
    let mut diags: Vec<Diagnostic> = Vec::new();
    for r in results {
        match r {
            Ok(_) if sink.is_some() => {}
            Ok((url, fp, bytes)) => {
                new_cache.insert(url.clone(), (fp, bytes.clone()));
                files.push((url, bytes));
            }
            Err(d) => {
                if !diags
                    .iter()
                    .any(|x| x.message == d.message && x.position() == d.position())
                {
                    diags.push(d);
                }
            }
        }
    }
    (files, new_cache, diags)
}

/// [`page_fingerprint`] of page `p` of language `l`, with its Markdown's fingerprint from
/// `md_cache`.
fn page_fp(inp: &Inputs, md_cache: &MdCache, global: u64, l: usize, p: usize) -> u64 {
    let ls = &inp.site.languages[l];
    let page = &ls.pages[p];
    page_fingerprint(
        inp.site,
        ls,
        p,
        md_fp(md_cache, &page.lang, &page.key),
        global,
    )
}

/// The UI strings of every language as templates see them, made once for all pages.
fn i18n_values<'a>(inp: &Inputs<'a>) -> BTreeMap<&'a str, Value> {
    inp.strings
        .iter()
        .map(|(k, v)| (k.as_str(), v.template_value()))
        .collect()
}

/// Renders the pages `which` ((language index, page index) pairs) again and puts them in
/// `cache`: the quick path of a rebuild in which only those pages changed. Returns their
/// files, or the first template error.
pub fn render_selected(
    inp: &Inputs,
    rendered: &[Vec<Arc<Rendered>>],
    md_cache: &MdCache,
    global: u64,
    cache: &mut PageCache,
    which: &[(usize, usize)],
) -> Result<Vec<SharedFile>, Diagnostic> {
    let mut files = Vec::with_capacity(which.len());
    let i18n = i18n_values(inp);
    for &(l, p) in which {
        let ls = &inp.site.languages[l];
        let page = &ls.pages[p];
        let fp = page_fp(inp, md_cache, global, l, p);
        let i18n = i18n[page.lang.as_str()].clone();
        let html = render_one(inp, ls, p, &rendered[l][p], i18n, None)?;
        let bytes: Arc<[u8]> = Arc::from(html);
        cache.insert(page.url.clone(), (fp, bytes.clone()));
        files.push((page.url.clone(), bytes));
    }
    Ok(files)
}

/// An output file whose bytes are shared with the cache: (path, bytes).
pub type SharedFile = (String, Arc<[u8]>);

/// The site's root `index.html`: the source language's cover, rendered for the root
/// folder, so that a reader opening the site lands in the source language at once, with
/// no redirect and no JavaScript. It names the cover as its canonical URL.
pub fn render_root(inp: &Inputs) -> Result<(String, Vec<u8>), Diagnostic> {
    let ls = &inp.site.languages[0];
    let Some(page) = ls.pages.first() else {
        return Err(Diagnostic::error("the source language has no pages")
            .with_hint("add a cover page `_index.md` to the source language's folder"));
    };
    let rendered = match &page.file {
        Some(file) => markdown::render(&MdContext {
            file,
            lang: &page.lang,
            key: &page.key,
            root: "",
            data: inp.data,
            strings: &inp.strings[&page.lang],
        }),
        None => Rendered::default(),
    };
    let i18n = inp.strings[&page.lang].template_value();
    let html = render_one(inp, ls, 0, &rendered, i18n, Some("index.html"))?;
    Ok(("index.html".to_string(), html))
}

/// Rendered pages kept between builds: URL -> fingerprint of the page's inputs and its bytes.
pub type PageCache = HashMap<String, (u64, Arc<[u8]>)>;

/// Fingerprint of everything a page's HTML is made from: its Markdown (through `md_fp`),
/// its own fields and translation state, the titles and URLs of the pages its navigation
/// names, and `global` (theme, UI strings, configuration).
pub fn page_fingerprint(site: &Site, ls: &LanguageSite, i: usize, md_fp: u64, global: u64) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&md_fp.to_le_bytes());
    h.update(&global.to_le_bytes());
    let mut put = |s: &str| {
        h.update(s.as_bytes());
        h.update(&[0xff]);
    };
    let page = &ls.pages[i];
    put(&format!(
        "{md_fp}:{global}:{:?}:{:?}:{}",
        page.kind, page.translation, page.depth
    ));
    put(&page.url);
    put(&page.title);
    put(page.description.as_deref().unwrap_or(""));
    put(&page.content_lang);
    let mut name = |j: usize| {
        let q = &ls.pages[j];
        put(&q.url);
        put(&q.title);
        put(q.description.as_deref().unwrap_or(""));
    };
    for a in ls.ancestors(i) {
        name(a);
    }
    if let Some(parent) = page.parent {
        let (window, cut) = sidebar_window(&ls.pages[parent].children, i);
        for &c in window {
            name(c);
        }
        // Whether the list is cut before and after the window changes the page too.
        name(if cut.0 { parent } else { i });
        name(if cut.1 { parent } else { i });
    }
    for &c in &page.children {
        name(c);
    }
    if let Some(p) = page.prev {
        name(p);
    }
    if let Some(n) = page.next {
        name(n);
    }
    if page.kind == PageKind::Cover {
        for q in &ls.pages {
            put(&q.url);
            put(&q.title);
            put(&q.depth.to_string());
        }
    }
    for other in &site.languages {
        put(other.page(&page.key).map_or("", |p| p.url.as_str()));
    }
    h.digest()
}

fn render_one(
    inp: &Inputs,
    ls: &LanguageSite,
    i: usize,
    rendered: &Rendered,
    i18n: Value,
    at: Option<&str>,
) -> Result<Vec<u8>, Diagnostic> {
    let site = inp.site;
    let page = &ls.pages[i];
    let lang = page.lang.as_str();
    let strings = &inp.strings[lang];
    // Where this copy of the page is written: its own URL, or another (the site's root
    // page is a copy of the source language's cover).
    let url = at.unwrap_or(&page.url);
    let root = root_of(url);
    let canonical = at.map(|_| [root.as_str(), &page.url].concat());
    let lang_cfg = site.config.language(lang);
    let src_lang = site.config.source_language();

    let languages: Vec<LangLink> = site
        .languages
        .iter()
        .map(|other| {
            let target = other.page(&page.key).map_or_else(
                || [other.code.as_str(), "/index.html"].concat(),
                |p| p.url.clone(),
            );
            LangLink {
                code: other.code.clone(),
                name: site.config.language(&other.code).name.clone(),
                title: site.config.language(&other.code).title.clone(),
                href: [root.as_str(), &target].concat(),
                current: other.code == lang,
            }
        })
        .collect();
    let alternates = languages
        .iter()
        .map(|l| Alternate {
            lang: l.code.clone(),
            href: l.href.clone(),
        })
        .collect();

    let ancestors = ls.ancestors(i);
    let breadcrumbs: Vec<Link> = ancestors
        .iter()
        .map(|&a| link_to(ls, &root, a, false))
        .collect();
    // Sidebar without JavaScript: the ancestors below the cover, then the current section.
    let trail: Vec<Link> = ancestors
        .iter()
        .skip(1)
        .map(|&a| link_to(ls, &root, a, false))
        .collect();
    // The current section's pages; in a long section only a window around the current
    // page, so that a page's size does not grow with its section's.
    let (section_pages, section_cut) = match page.parent {
        Some(parent) => {
            let (window, cut) = sidebar_window(&ls.pages[parent].children, i);
            (
                window
                    .iter()
                    .map(|&c| link_to(ls, &root, c, c == i))
                    .collect(),
                cut,
            )
        }
        None => (Vec::new(), (false, false)),
    };
    let children: Vec<Link> = if page.kind == PageKind::Cover {
        Vec::new()
    } else {
        page.children
            .iter()
            .map(|&c| Link {
                description: ls.pages[c].description.clone(),
                ..link_to(ls, &root, c, false)
            })
            .collect()
    };

    let source_name = &site.config.language(src_lang).name;
    let source_href = format!("{root}{}", crate::model::url_for(src_lang, &page.key));
    let notice = match &page.translation {
        Translation::Missing => Some(Notice {
            kind: "fallback",
            text: strings.format(
                "ui.fallback_notice",
                &[
                    ("language", &lang_cfg.name),
                    ("source_language", source_name),
                ],
            ),
            link: None,
        }),
        Translation::Stale { .. } => Some(Notice {
            kind: "stale",
            text: strings.t("ui.stale_notice").to_string(),
            link: Some(NoticeLink {
                href: source_href,
                text: strings.format("ui.stale_link", &[("source_language", source_name)]),
                lang: src_lang.to_string(),
            }),
        }),
        _ => None,
    };

    let is_cover = page.kind == PageKind::Cover;
    let ctx = Ctx {
        canonical,
        lang,
        root: &root,
        site: SiteCtx {
            title: &lang_cfg.title,
            description: lang_cfg.description.as_deref(),
            source_lang: src_lang,
            search: site.config.search_enabled(),
        },
        page: PageCtx {
            title: &page.title,
            description: page.description.as_deref(),
            kind: page.kind,
            url,
            content_lang: &page.content_lang,
            content: Value::from_safe_string(rendered.html.clone()),
        },
        i18n,
        languages,
        alternates,
        breadcrumbs,
        trail,
        section_pages,
        section_cut_before: section_cut.0,
        section_cut_after: section_cut.1,
        children,
        headings: rendered.headings.iter().filter(|h| h.level <= 3).collect(),
        prev: page.prev.map(|p| link_to(ls, &root, p, false)),
        next: page.next.map(|p| link_to(ls, &root, p, false)),
        notice,
        document: if is_cover {
            document_fields(&site.config, lang, strings)
        } else {
            Vec::new()
        },
        toc_html: Value::from_safe_string(if is_cover {
            toc_html(ls, &root)
        } else {
            String::new()
        }),
    };
    let name = if is_cover { "cover.html" } else { "page.html" };
    let tmpl = inp
        .templates
        .env
        .get_template(name)
        .map_err(|e| template_error(inp.theme, &e))?;
    // Into a buffer sized for the page (its article and about 9 kB of navigation), not a
    // string grown by doubling and copying.
    let mut html = Vec::with_capacity(rendered.html.len() + 16 * 1024);
    tmpl.render_captured_to(ctx, &mut html)
        .map_err(|e| template_error(inp.theme, &e))?;
    Ok(html)
}
