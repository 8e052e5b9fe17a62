//! Template contexts: one function, [`page_inputs`], gathers everything a page's HTML is
//! made from besides its Markdown and the UI strings. Rendering a page and fingerprinting it
//! (to know whether a cached copy is still right) both read that one value, so they cannot
//! disagree: a field the templates see is a field the fingerprint hashes.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use minijinja::Value;
use serde::Serialize;

use super::nav::{link_to, sidebar_window, toc_html, Link};
use super::pages::Inputs;
use super::{document_fields, root_of, MetaField};
use crate::frontmatter::Extra;
use crate::i18n::UiStrings;
use crate::markdown::{Heading, Rendered};
use crate::model::{url_for, LanguageSite, PageKind, Translation};

/// A link to the same page in another language.
#[derive(Serialize, Hash)]
struct LangLink {
    code: String,
    name: String,
    title: String,
    href: String,
    current: bool,
}

/// A `<link rel="alternate" hreflang>` of the page.
#[derive(Serialize, Hash)]
struct Alternate {
    lang: String,
    href: String,
}

/// The link in a notice (to the source page of a stale translation).
#[derive(Serialize, Hash)]
struct NoticeLink {
    href: String,
    text: String,
    lang: String,
}

/// A notice above the article: a missing or a stale translation.
#[derive(Serialize, Hash)]
struct Notice {
    kind: &'static str,
    text: String,
    link: Option<NoticeLink>,
}

/// The site as templates see it.
#[derive(Serialize, Hash)]
struct SiteCtx<'a> {
    title: &'a str,
    description: Option<&'a str>,
    source_lang: &'a str,
    /// Whether the site has a search index (`[search] enabled` in `site.toml`).
    search: bool,
    /// Whether one of the site's languages is Vietnamese (`vi`, `vi-…`): the search box
    /// then says that queries match with or without diacritics.
    vietnamese: bool,
    /// The site's own metadata (`[extra]` in `site.toml`).
    extra: &'a Extra,
}

/// The page's own fields as templates see them (`page.title`…); `page.content` is added
/// when it is rendered ([`PageView`]).
#[derive(Hash)]
pub(crate) struct PageFields<'a> {
    title: &'a str,
    description: Option<&'a str>,
    kind: PageKind,
    url: &'a str,
    content_lang: &'a str,
    extra: &'a Extra,
}

/// Everything a page's HTML is made from besides its Markdown and the UI strings.
#[derive(Hash)]
pub(crate) struct PageInputs<'a> {
    canonical: Option<String>,
    lang: &'a str,
    root: String,
    site: SiteCtx<'a>,
    page: PageFields<'a>,
    languages: Vec<LangLink>,
    alternates: Vec<Alternate>,
    breadcrumbs: Vec<Link>,
    trail: Vec<Link>,
    section_pages: Vec<Link>,
    section_cut_before: bool,
    section_cut_after: bool,
    children: Vec<Link>,
    prev: Option<Link>,
    next: Option<Link>,
    notice: Option<Notice>,
    document: Vec<MetaField>,
    toc_html: String,
    /// The template that renders the page.
    pub(crate) template: &'static str,
}

/// The context a page template renders: [`PageInputs`] by reference (no copy of its
/// strings), with the page's Markdown and the UI strings.
#[derive(Serialize)]
pub(crate) struct Ctx<'a> {
    canonical: &'a Option<String>,
    lang: &'a str,
    root: &'a str,
    site: &'a SiteCtx<'a>,
    page: PageView<'a>,
    i18n: Value,
    languages: &'a [LangLink],
    alternates: &'a [Alternate],
    breadcrumbs: &'a [Link],
    trail: &'a [Link],
    section_pages: &'a [Link],
    section_cut_before: bool,
    section_cut_after: bool,
    children: &'a [Link],
    headings: Vec<&'a Heading>,
    prev: &'a Option<Link>,
    next: &'a Option<Link>,
    notice: &'a Option<Notice>,
    document: &'a [MetaField],
    toc_html: Value,
}

/// `page` in a template: its fields and its content.
#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    /// The id of the title's `<h1>`.
    title_id: Cow<'a, str>,
    description: Option<&'a str>,
    kind: PageKind,
    url: &'a str,
    content_lang: &'a str,
    /// The page's own metadata (`[extra]` in its front matter; a page shown in place of a
    /// missing translation has its source page's).
    extra: &'a Extra,
    content: Value,
}

impl<'a> PageInputs<'a> {
    /// Fingerprint of the page's HTML: these inputs, its Markdown's fingerprint `md_fp`
    /// and `global` (theme, UI strings, configuration).
    pub(crate) fn fingerprint(&self, md_fp: u64, global: u64) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&md_fp.to_le_bytes());
        h.update(&global.to_le_bytes());
        self.hash(&mut h);
        h.finish()
    }

    /// The template context: these inputs with the page's Markdown `rendered` and the UI
    /// strings `i18n`.
    pub(crate) fn context(&'a self, rendered: &'a Rendered, i18n: Value) -> Ctx<'a> {
        let p = &self.page;
        Ctx {
            canonical: &self.canonical,
            lang: self.lang,
            root: &self.root,
            site: &self.site,
            page: PageView {
                title: p.title,
                // A page without Markdown (a folder's implicit section) has no heading that
                // could take the title's id: its slug, as the Markdown would give it.
                title_id: if rendered.title_id.is_empty() {
                    Cow::Owned(crate::markdown::title_id(p.title))
                } else {
                    Cow::Borrowed(&rendered.title_id)
                },
                description: p.description,
                kind: p.kind,
                url: p.url,
                content_lang: p.content_lang,
                extra: p.extra,
                content: Value::from_safe_string(rendered.html.clone()),
            },
            i18n,
            languages: &self.languages,
            alternates: &self.alternates,
            breadcrumbs: &self.breadcrumbs,
            trail: &self.trail,
            section_pages: &self.section_pages,
            section_cut_before: self.section_cut_before,
            section_cut_after: self.section_cut_after,
            children: &self.children,
            headings: rendered.headings.iter().filter(|h| h.level <= 3).collect(),
            prev: &self.prev,
            next: &self.next,
            notice: &self.notice,
            document: &self.document,
            toc_html: Value::from_safe_string(self.toc_html.clone()),
        }
    }
}

/// The `extra` of a page without a file (a folder without `_index.md`): an empty table.
static NO_EXTRA: std::sync::LazyLock<Extra> = std::sync::LazyLock::new(Extra::default);

/// Whether language code `code` is Vietnamese (`vi`, or `vi-` and a region or script).
fn is_vietnamese(code: &str) -> bool {
    code.get(..2).is_some_and(|h| h.eq_ignore_ascii_case("vi"))
        && matches!(code.as_bytes().get(2), None | Some(b'-'))
}

/// The inputs of page `i` of `ls`, written at its own URL or, with `at`, at another (the
/// site's root page is a copy of the source language's cover).
pub(crate) fn page_inputs<'a>(
    inp: &Inputs<'a>,
    ls: &'a LanguageSite,
    i: usize,
    at: Option<&'a str>,
) -> PageInputs<'a> {
    let site = inp.site;
    let page = &ls.pages[i];
    let lang = page.lang.as_str();
    let url = at.unwrap_or(&page.url);
    let root = root_of(url);
    let lang_cfg = site.config.language(lang);
    let languages = languages(inp, ls, i, &root);
    let alternates = languages
        .iter()
        .map(|l| Alternate {
            lang: l.code.clone(),
            href: l.href.clone(),
        })
        .collect();
    let ancestors = ls.ancestors(i);
    let (section_pages, section_cut) = section_window(ls, i, &root);
    let is_cover = page.kind == PageKind::Cover;
    PageInputs {
        canonical: at.map(|_| [root.as_str(), &page.url].concat()),
        lang,
        site: SiteCtx {
            title: &lang_cfg.title,
            description: lang_cfg.description.as_deref(),
            source_lang: site.config.source_language(),
            search: site.config.search_enabled(),
            vietnamese: site.config.languages.iter().any(|c| is_vietnamese(c)),
            extra: &site.config.site.extra,
        },
        page: PageFields {
            title: &page.title,
            description: page.description.as_deref(),
            kind: page.kind,
            url,
            content_lang: &page.content_lang,
            extra: page.file.as_ref().map_or(&*NO_EXTRA, |f| &f.front.extra),
        },
        languages,
        alternates,
        breadcrumbs: ancestors
            .iter()
            .map(|&a| link_to(ls, &root, a, false))
            .collect(),
        // Sidebar without JavaScript: the ancestors below the cover, then the section.
        trail: ancestors
            .iter()
            .skip(1)
            .map(|&a| link_to(ls, &root, a, false))
            .collect(),
        section_pages,
        section_cut_before: section_cut.0,
        section_cut_after: section_cut.1,
        children: if is_cover {
            Vec::new()
        } else {
            children(ls, i, &root)
        },
        prev: page.prev.map(|p| link_to(ls, &root, p, false)),
        next: page.next.map(|p| link_to(ls, &root, p, false)),
        notice: notice(inp, ls, i, &root),
        document: if is_cover {
            document_fields(&site.config, lang, &inp.strings[lang])
        } else {
            Vec::new()
        },
        toc_html: if is_cover {
            toc_html(ls, &root)
        } else {
            String::new()
        },
        template: if is_cover { "cover.html" } else { "page.html" },
        root,
    }
}

/// The same page in every language (the language's cover where it has none).
fn languages(inp: &Inputs, ls: &LanguageSite, i: usize, root: &str) -> Vec<LangLink> {
    let site = inp.site;
    let page = &ls.pages[i];
    site.languages
        .iter()
        .map(|other| {
            let target = other.page(&page.key).map_or_else(
                || [other.code.as_str(), "/index.html"].concat(),
                |p| p.url.clone(),
            );
            let cfg = site.config.language(&other.code);
            LangLink {
                code: other.code.clone(),
                name: cfg.name.clone(),
                title: cfg.title.clone(),
                href: [root, &target].concat(),
                current: other.code == page.lang,
            }
        })
        .collect()
}

/// The current section's pages; in a long section only a window around page `i`, so that
/// a page's size does not grow with its section's. Also whether pages were cut before and
/// after the window.
fn section_window(ls: &LanguageSite, i: usize, root: &str) -> (Vec<Link>, (bool, bool)) {
    let Some(parent) = ls.pages[i].parent else {
        return (Vec::new(), (false, false));
    };
    let (window, cut) = sidebar_window(&ls.pages[parent].children, i);
    let links = window
        .iter()
        .map(|&c| link_to(ls, root, c, c == i))
        .collect();
    (links, cut)
}

/// The pages of section `i`, with their descriptions.
fn children(ls: &LanguageSite, i: usize, root: &str) -> Vec<Link> {
    ls.pages[i]
        .children
        .iter()
        .map(|&c| Link {
            description: ls.pages[c].description.clone(),
            ..link_to(ls, root, c, false)
        })
        .collect()
}

/// The notice of a page shown in place of a missing translation, or of a translation whose
/// source changed since it was checked.
fn notice(inp: &Inputs, ls: &LanguageSite, i: usize, root: &str) -> Option<Notice> {
    let config = &inp.site.config;
    let page = &ls.pages[i];
    let strings: &UiStrings = &inp.strings[page.lang.as_str()];
    let src_lang = config.source_language();
    let source_name = &config.language(src_lang).name;
    match &page.translation {
        Translation::Missing => Some(Notice {
            kind: "fallback",
            text: strings.format(
                "ui.fallback_notice",
                &[
                    ("language", &config.language(&page.lang).name),
                    ("source_language", source_name),
                ],
            ),
            link: None,
        }),
        Translation::Stale { .. } => Some(Notice {
            kind: "stale",
            text: strings.t("ui.stale_notice").to_string(),
            link: Some(NoticeLink {
                href: format!("{root}{}", url_for(src_lang, &page.key)),
                text: strings.format("ui.stale_link", &[("source_language", source_name)]),
                lang: src_lang.to_string(),
            }),
        }),
        _ => None,
    }
}
