//! Link checking: every link of every page is resolved against what the build publishes
//! ([`LinkIndex`]), once every page's Markdown is rendered.
//!
//! # Design
//!
//! Rendering a page's Markdown does not look at the rest of the site ([`crate::markdown`]
//! records each link with the `href` it wrote, see [`crate::markdown::links`]), so a
//! rendering stays valid while other pages come and go and is reused between builds. This
//! stage, run on every build over every page's recorded links (a few hash lookups a link,
//! no pass over the HTML), resolves each link:
//!
//! - a chapter's `.md` file: the page with that key (in the language the path leads to);
//! - a chapter's `.md` file that is a page bundle's folder (`a-page.md` for
//!   `a-page/index.md`): the bundle's page;
//! - a relative path (`a.html#x`, `../cli/`, `../intro`, `tai-lieu.pdf`, an image), against
//!   the page's place in the output: the path itself, else `name.html`, else
//!   `name/index.html`; a folder is its `index.html`. When nothing is there, the path is
//!   read as one into `content/` (folders with marks or spaces are published slugged;
//!   `../static/logo.png` is the shared file `logo.png`), then, on a page of another
//!   language than the source, as the source language's file at the same place (a
//!   translation shows its source page's pictures: `hinh.png` beside `en/a/b.md` is
//!   `vi/a/hinh.png` when only that one exists, and no second copy is made);
//! - a path from the root (`/guide/intro/`), after `site.toml`'s `base_path`: a language's
//!   tree when it starts with a language code (`/vi/…`), otherwise in the page's language
//!   first (`<lang>/guide/intro/index.html`), then from the output's root;
//! - an `#anchor`, when the link leads to a page: one of the page's anchors
//!   ([`super::anchors`]), or one written with another tool's rule that means exactly one
//!   heading (rewritten to its id, with a warning).
//!
//! A link that leads nowhere is an error at its place (a warning with `[links] broken =
//! "warn"`), with a "did you mean" when a published path is close. Each link's final `href`
//! is written from the page's root (`../../vi/guide/intro/index.html#x`), so the output
//! works at `/`, under a sub-path and from `file://`. The renderer writes that form already
//! whenever the page alone tells it; where it guessed (an extensionless path that is a
//! folder, a path from the root outside the page's language, an anchor of another tool),
//! the page's HTML is patched here in one pass over its URL attributes ([`Patched`]), and
//! the Markdown cache keeps the patched rendering, so a later build has nothing to patch.
//!
//! Pages shown in place of a missing translation report nothing (their source page does),
//! but their links are resolved and patched all the same.
//!
//! Images and links of raw HTML are checked the same way; images keep the `src` written
//! when it leads where it is written to, and raw HTML is patched only where a URL must
//! change. Once a page's links are settled, its `<img>` tags get the `width` and `height`
//! of their files ([`super::images`]); a page whose images changed size is patched like a
//! page whose links changed, so that it is made again.

use std::borrow::Cow;
use std::sync::Arc;

use pulldown_cmark::{Event, LinkType, Tag};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::anchors::{ambiguous, has_anchor, no_such_heading, other_rule, other_tool_matches};
use super::images::size_images;
use super::link_index::{asset_path, candidates, relative, Found, LinkIndex};
use super::markdown::all_pages;
use crate::config::BrokenLinks;
use crate::diagnostics::{Diagnostic, Severity};
use crate::load::STATIC_DIR;
use crate::markdown::links::{href, is_href, percent_decode, resolve, split_dest, DestParts};
use crate::markdown::{LinkRef, Rendered, Target};
use crate::model::{url_for, Page, Site};
use crate::text::closest;
use crate::text::rebase::{rebase_url, rewrite_attrs, Move};

/// What the link stage found: the problems, and the renderings whose links it rewrote.
#[derive(Default)]
pub(crate) struct LinkCheck {
    /// Broken links (errors, or warnings with `[links] broken = "warn"`) and anchors
    /// written with another tool's rule (warnings), in page order.
    pub diagnostics: Vec<Diagnostic>,
    /// Renderings with their links rewritten.
    pub patched: Vec<Patched>,
}

/// The relative prefix from the file at `url` to the output's root (as
/// [`super::root_of`]), without allocating for the usual depths.
fn root_of(url: &str) -> Cow<'static, str> {
    const UPS: &str = "../../../../../../../../../../../../../../../../";
    let depth = url.bytes().filter(|&b| b == b'/').count();
    match UPS.get(..depth * 3) {
        Some(r) => Cow::Borrowed(r),
        None => Cow::Owned("../".repeat(depth)),
    }
}

/// A rendering whose links were rewritten.
pub(crate) struct Patched {
    /// Its language index and page index.
    pub at: (usize, usize),
    /// The new rendering.
    pub rendered: Rendered,
    /// Fingerprint of the rewriting (to mix into the rendering's own).
    pub fp: u64,
}

/// A path of the output a link leads to (borrowed from the site when it is a page's URL),
/// and the page there (language and page index), if it is one.
type Resolved<'a> = (Cow<'a, str>, Option<(usize, usize)>);

/// What checking one page's links found.
#[derive(Default)]
struct PageOutcome {
    diagnostics: Vec<Diagnostic>,
    /// Links to rewrite: index in the page's links, new `href`.
    fixes: Vec<(usize, String)>,
}

/// Resolves every link of every page (`rendered`, indexed like the site's pages) against
/// `index`, the paths of the output.
pub(crate) fn check_links(
    site: &Site,
    index: &LinkIndex,
    rendered: &[Vec<Arc<Rendered>>],
) -> LinkCheck {
    let outcomes: Vec<(Vec<Diagnostic>, Option<Patched>)> = all_pages(site)
        .par_iter()
        // Pages have few links: in runs, not one task a page.
        .with_min_len(64)
        .filter(|&&(l, p)| {
            let r = &rendered[l][p];
            !r.links.is_empty() || !r.images.is_empty()
        })
        .map(|&at| {
            let r = &rendered[at.0][at.1];
            let page = &site.languages[at.0].pages[at.1];
            let outcome = match r.links.is_empty() {
                true => PageOutcome::default(),
                false => Checker::new(site, index, rendered, at, r).check(),
            };
            let mut patched =
                (!outcome.fixes.is_empty()).then(|| patch(at, page, r, &outcome.fixes));
            let now = patched.as_ref().map_or(&**r, |p| &p.rendered);
            if let Some(sized) = size_images(index, &page.url, now) {
                let p = patched.get_or_insert_with(|| Patched {
                    at,
                    rendered: (**r).clone(),
                    fp: 0,
                });
                p.rendered.html = sized.html;
                p.rendered.images = sized.marks;
                p.fp = mix(p.fp, sized.fp);
            }
            (outcome.diagnostics, patched)
        })
        .collect();
    let mut check = LinkCheck::default();
    for (diagnostics, patched) in outcomes {
        check.diagnostics.extend(diagnostics);
        check.patched.extend(patched);
    }
    check
}

/// Two fingerprints in one.
fn mix(a: u64, b: u64) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&a.to_le_bytes());
    h.update(&b.to_le_bytes());
    h.digest()
}

/// Gives the `<img>` tags of `r`, the new rendering of a page at `url` whose links are
/// settled, the sizes of their files (the quick path of a rebuild, which does not run the
/// link stage over every page).
pub(crate) fn settle_images(index: &LinkIndex, url: &str, r: &mut Rendered) {
    if let Some(sized) = size_images(index, url, r) {
        r.html = sized.html;
        r.images = sized.marks;
    }
}

/// Whether every link of `r`, the new rendering of page `at`, leads where it is written to,
/// with nothing to report and nothing to rewrite (a quick rebuild keeps the last build's
/// diagnostics and does not patch).
pub(crate) fn links_settled(
    site: &Site,
    index: &LinkIndex,
    rendered: &[Vec<Arc<Rendered>>],
    at: (usize, usize),
    r: &Rendered,
) -> bool {
    let o = Checker::new(site, index, rendered, at, r).check();
    o.diagnostics.is_empty() && o.fixes.is_empty()
}

/// The links of one page, being checked.
struct Checker<'a> {
    site: &'a Site,
    index: &'a LinkIndex,
    rendered: &'a [Vec<Arc<Rendered>>],
    /// The page's language index and page index.
    at: (usize, usize),
    /// The page's rendering (in a quick rebuild, the new one).
    r: &'a Rendered,
    page: &'a Page,
    /// The page's relative prefix to the output's root.
    root: Cow<'static, str>,
}

impl<'a> Checker<'a> {
    /// A checker for page `at`, whose rendering is `r`.
    fn new(
        site: &'a Site,
        index: &'a LinkIndex,
        rendered: &'a [Vec<Arc<Rendered>>],
        at: (usize, usize),
        r: &'a Rendered,
    ) -> Self {
        let page = &site.languages[at.0].pages[at.1];
        Checker {
            site,
            index,
            rendered,
            at,
            r,
            page,
            root: root_of(&page.url),
        }
    }

    /// Checks every link of the page.
    fn check(&self) -> PageOutcome {
        // A page shown in place of a missing translation: its source page reports.
        let own = self.page.content_lang == self.page.lang;
        let warn = self.site.config.broken_links() == BrokenLinks::Warn;
        let mut out = PageOutcome::default();
        for (i, link) in self.r.links.iter().enumerate() {
            // Such a page reports nothing, and a link to a page by its source, without an
            // anchor, is written as it will stay.
            if !own
                && !link.verbatim
                && matches!(link.target, Target::Page { .. })
                && !link.dest.contains('#')
            {
                continue;
            }
            // A link to a file that failed to load follows from that file's problem.
            if self.links_to_failed(link) {
                continue;
            }
            let (href, diag) = match self.link(link) {
                Ok((fix, warning)) => (fix, warning),
                Err(mut d) => {
                    if warn {
                        d.severity = Severity::Warning;
                    }
                    (None, Some(d))
                }
            };
            if let Some(h) = href {
                out.fixes.push((i, h));
            }
            if let Some(d) = diag.filter(|_| own) {
                out.diagnostics.push(d);
            }
        }
        out
    }

    /// Whether `link` names a chapter whose file failed to load (reported already).
    fn links_to_failed(&self, link: &LinkRef) -> bool {
        let Target::Page { lang, key } = &link.target else {
            return false;
        };
        self.site
            .languages
            .iter()
            .find(|ls| ls.code == *lang)
            .is_some_and(|ls| ls.failed.contains(key))
    }

    /// The `href` `link` should have (`None` when it has it), with a warning about it; or
    /// the error for a link that leads nowhere.
    fn link(&self, link: &LinkRef) -> Result<(Option<String>, Option<Diagnostic>), Diagnostic> {
        let parts = split_dest(&link.dest);
        let (path, page) = self.target(link, &parts)?;
        let mut anchor = parts.anchor.map(Cow::Borrowed);
        let mut warning = None;
        if let (Some(a), Some(target)) = (parts.anchor, page) {
            if let Some((id, w)) = self.anchor(link, target, a)? {
                anchor = Some(Cow::Owned(id));
                warning = Some(w);
            }
        }
        let anchor = anchor.as_deref();
        let fix = match &link.target {
            // The renderer wrote these in their final form: only an anchor can change.
            Target::Here if warning.is_some() => Some(["#", anchor.unwrap_or_default()].concat()),
            Target::Here => None,
            // Raw HTML keeps the `.md` path written: it becomes the page's URL here.
            // So does a page bundle's folder written as a chapter (`a-page.md`).
            Target::Page { key, .. }
                if warning.is_some() || link.verbatim || self.other_key(page, key) =>
            {
                (!is_href(&link.href, &self.root, &path, None, anchor))
                    .then(|| href(&self.root, &path, None, anchor))
            }
            Target::Page { .. } => None,
            // Found where it is written to (an image beside the page, kept as written).
            Target::Output(p)
                if warning.is_none() && (*p == *path || self.moved(link, p, &path)) =>
            {
                None
            }
            target => {
                let query = parts
                    .query
                    .filter(|_| !matches!(target, Target::Page { .. }));
                (!is_href(&link.href, &self.root, &path, query, anchor))
                    .then(|| href(&self.root, &path, query, anchor))
            }
        };
        Ok((fix, warning))
    }

    /// The output path `link` leads to and the page there, if it is one.
    fn target(&self, link: &LinkRef, parts: &DestParts) -> Result<Resolved<'a>, Diagnostic> {
        let owned = |(path, page): Found| (Cow::Owned(path), page);
        match &link.target {
            Target::Here => Ok((Cow::Borrowed(self.page.url.as_str()), Some(self.at))),
            Target::Page { lang, key } => self.chapter(link, lang, key),
            Target::Output(p) => self
                .index
                .find(p)
                .or_else(|| self.in_content(parts.path))
                .or_else(|| self.in_source_language(p))
                .map(owned)
                .ok_or_else(|| self.nothing_there(link, p, &candidates(p))),
            Target::Root(p) => self.rooted(link, p).map(owned),
            Target::Outside => Err(self.outside(link)),
        }
    }

    /// The page with `key` in language `lang`.
    fn chapter(&self, link: &LinkRef, lang: &str, key: &str) -> Result<Resolved<'a>, Diagnostic> {
        let site: &'a Site = self.site;
        let l = site.languages.iter().position(|ls| ls.code == lang);
        let by_key = |l: usize, key: &str| site.languages[l].by_key.get(key).copied();
        // `a-page.md` for the page bundle `a-page/index.md`.
        let bundle = |l: usize| {
            let stem = key.strip_suffix(".md")?;
            by_key(l, &[stem, "/index.md"].concat())
        };
        let found = l.and_then(|l| Some((l, by_key(l, key).or_else(|| bundle(l))?)));
        match found {
            Some((l, p)) => Ok((
                Cow::Borrowed(site.languages[l].pages[p].url.as_str()),
                Some((l, p)),
            )),
            None => Err(self.no_such_page(link, lang, key)),
        }
    }

    /// Whether the page `found` has another key than `key` (a page bundle found from its
    /// folder's name).
    fn other_key(&self, found: Option<(usize, usize)>, key: &str) -> bool {
        found.is_some_and(|(l, p)| self.site.languages[l].pages[p].key != key)
    }

    /// Whether `link`, written as it is in the text of another language's page shown here
    /// (an image beside the source page), leads to `path` as
    /// [`super::markdown::show_in_place`] moved it: to the source page's file.
    fn moved(&self, link: &LinkRef, p: &str, path: &str) -> bool {
        fn rest<'s>(p: &'s str, lang: &str) -> Option<&'s str> {
            p.strip_prefix(lang)?.strip_prefix('/')
        }
        let (lang, shown) = (self.page.lang.as_str(), self.page.content_lang.as_str());
        lang != shown
            && link.href == link.dest
            && rest(p, lang).is_some_and(|r| rest(path, shown) == Some(r))
    }

    /// On a page of a language other than the source (a translation, or a page shown in
    /// place of a missing one), the file `p` (a path of the page's language tree) at the
    /// same place in the source language: a translation shows its source page's images and
    /// downloads, which are published once, beside the source page.
    fn in_source_language(&self, p: &str) -> Option<Found> {
        let lang = &self.page.lang;
        let source = self.site.config.source_language();
        if lang == source {
            return None;
        }
        let rest = p.strip_prefix(lang.as_str())?.strip_prefix('/')?;
        self.index.find(&[source, "/", rest].concat())
    }

    /// A relative path that names nothing in the output, read as a path into `content/`
    /// from the page's source: the file or page published from there.
    fn in_content(&self, written: &str) -> Option<Found> {
        let Some(key) = resolve(&self.page.key, written) else {
            // Out of the language folder: into `content/static/`, published at the root.
            let from = [self.page.lang.as_str(), "/", &self.page.key].concat();
            let path = resolve(&from, written)?;
            let rest = path.strip_prefix(STATIC_DIR)?.strip_prefix('/')?;
            return self.index.at(rest).map(|page| (rest.to_string(), page));
        };
        let last = written.rsplit('/').next().unwrap_or(written);
        self.published_from(&self.page.lang, &key, matches!(last, "" | "." | ".."))
    }

    /// What is published from `key` (a path in the language folder of `lang`): a folder's
    /// page, a chapter (for a name without an extension) or a copied file.
    fn published_from(&self, lang: &str, key: &str, folder: bool) -> Option<Found> {
        let key = key.trim_end_matches('/');
        let name = key.rsplit('/').next().unwrap_or(key);
        let tried = if folder || key.is_empty() {
            let index = if key.is_empty() {
                "_index.md".to_string()
            } else {
                format!("{key}/_index.md")
            };
            vec![url_for(lang, &index)]
        } else if !name.contains('.') {
            vec![
                url_for(lang, &format!("{key}.md")),
                url_for(lang, &format!("{key}/_index.md")),
            ]
        } else {
            vec![asset_path(lang, key)]
        };
        tried
            .into_iter()
            .find_map(|c| self.index.at(&c).map(|page| (c, page)))
    }

    /// A path from the site's root (`base_path` taken off): a language's tree, or the
    /// page's language first and then the output's root.
    fn rooted(&self, link: &LinkRef, path: &str) -> Result<Found, Diagnostic> {
        let base = self.site.config.base_path();
        let base = base.trim_matches('/');
        let path = match path.strip_prefix(base) {
            Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/')) => {
                rest.trim_start_matches('/')
            }
            _ => path,
        };
        let (first, rest) = path.split_once('/').unwrap_or((path, ""));
        let is_lang = self.site.languages.iter().any(|ls| ls.code == first);
        if path.ends_with(".md") {
            let chapter = match is_lang {
                true => self.chapter(link, first, rest),
                false => self.chapter(link, &self.page.lang, path),
            };
            return chapter.map(|(path, page)| (path.into_owned(), page));
        }
        let mut tried = Vec::new();
        if !is_lang {
            tried.extend(candidates(&[&self.page.lang, "/", path].concat()));
        }
        tried.extend(candidates(path));
        let (lang, key) = if is_lang {
            (first, rest)
        } else {
            (self.page.lang.as_str(), path)
        };
        tried
            .iter()
            .find_map(|c| self.index.at(c).map(|page| (c.clone(), page)))
            // A path into `content/`, whose folders are published slugged.
            .or_else(|| self.published_from(lang, key, path.is_empty() || path.ends_with('/')))
            .ok_or_else(|| self.nothing_there(link, path, &tried))
    }

    /// The page's anchor `a` of page `target`: `None` when it has it, the id and a warning
    /// when `a` is another tool's form of exactly one heading's id.
    fn anchor(
        &self,
        link: &LinkRef,
        target: (usize, usize),
        a: &str,
    ) -> Result<Option<(String, Diagnostic)>, Diagnostic> {
        let r = if target == self.at {
            self.r
        } else {
            &self.rendered[target.0][target.1]
        };
        let title = &self.site.languages[target.0].pages[target.1].title;
        let decoded = if a.contains('%') {
            Cow::Owned(percent_decode(a))
        } else {
            Cow::Borrowed(a)
        };
        if has_anchor(r, title, &decoded) {
            return Ok(None);
        }
        let what = self.what(link);
        let ids = other_tool_matches(r, title, &decoded);
        match ids.as_slice() {
            [] => Err(no_such_heading(&link.location, &what, r, title, &decoded)),
            [id] => Ok(Some((id.clone(), other_rule(&link.location, &decoded, id)))),
            _ => Err(ambiguous(&link.location, &what, &decoded, &ids)),
        }
    }

    /// How messages name the page a link leads to: the path as written, or for `#anchor`
    /// this page's key.
    fn what(&self, link: &LinkRef) -> String {
        match &link.target {
            Target::Here => self.page.key.clone(),
            _ => split_dest(&link.dest).path.to_string(),
        }
    }

    /// The error for `link`, which names no page `key` of language `lang`.
    fn no_such_page(&self, link: &LinkRef, lang: &str, key: &str) -> Diagnostic {
        let hint = match self.site.language(lang) {
            None => format!("there is no language folder `content/{lang}/`; link to an existing .md file, with a path relative to this file's folder"),
            Some(ls) => {
                let keys: Vec<&str> = ls.by_key.keys().map(String::as_str).collect();
                match closest(key, &keys) {
                    Some(k) => format!("did you mean `{k}`? Paths are relative to this file's folder"),
                    None => "link to an existing .md file, with a path relative to this file's folder".to_string(),
                }
            }
        };
        let what = if link.image {
            "broken image"
        } else {
            "broken link"
        };
        Diagnostic::error(format!(
            "{what}: there is no page `{key}` in `content/{lang}/`"
        ))
        .at(link.location.clone())
        .with_label("no such page")
        .with_hint(hint)
    }

    /// The error for `link`, which climbs out of the site.
    fn outside(&self, link: &LinkRef) -> Diagnostic {
        let (out_of, from) = if split_dest(&link.dest).path.ends_with(".md") {
            (
                "`content/`",
                self.page.file.as_ref().map_or_else(
                    || format!("content/{}/{}", self.page.lang, self.page.key),
                    |f| f.display.to_string_lossy().into_owned(),
                ),
            )
        } else {
            ("the site", self.page.url.clone())
        };
        Diagnostic::error(format!(
            "broken link: `{}` leads out of {out_of}",
            link.dest
        ))
        .at(link.location.clone())
        .with_label("out of the site")
        .with_hint(format!(
            "a relative link starts from `{from}`: remove a `../`"
        ))
    }

    /// The error for `link`, whose output path `path` names nothing: `tried` are the paths
    /// looked for.
    fn nothing_there(&self, link: &LinkRef, path: &str, tried: &[String]) -> Diagnostic {
        let dir = self.page.url.rsplit_once('/').map_or("", |(d, _)| d);
        let lang_path = [&self.page.lang, "/", path].concat();
        let suggestion = match &link.target {
            Target::Root(_) => self
                .index
                .suggest(&lang_path)
                .or_else(|| self.index.suggest(path)),
            _ => self.index.suggest(path),
        };
        let looked: Vec<String> = tried.iter().map(|t| format!("`{t}`")).collect();
        let mut hint = match suggestion {
            Some(s) => format!("did you mean `{}`? ", relative(dir, &s)),
            None => String::new(),
        };
        hint.push_str(&format!("looked for {} in the output", looked.join(", ")));
        if matches!(link.target, Target::Root(_)) {
            hint.push_str("; a link starting with `/` is looked for in the page's language, then from the site's root: better, write it relative");
        }
        let what = if link.image {
            "broken image"
        } else {
            "broken link"
        };
        Diagnostic::error(format!(
            "{what}: `{}` names no page or file of the site",
            split_dest(&link.dest).path
        ))
        .at(link.location.clone())
        .with_label("not in the output")
        .with_hint(hint)
    }
}

/// Page `at`'s rendering `r` with the links `fixes` (index in its links, new `href`)
/// rewritten, in its HTML and its list of links.
fn patch(at: (usize, usize), page: &Page, r: &Rendered, fixes: &[(usize, String)]) -> Patched {
    let mut map: FxHashMap<String, String> = FxHashMap::default();
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut out = r.clone();
    for (i, new) in fixes {
        let link = &r.links[*i];
        let old = &link.href;
        let new_value = escaped(new);
        if link.verbatim {
            // Raw HTML, as written (and, on a page showing another language's text, as
            // moved to the page's place).
            if page.content_lang != page.lang {
                if let Some(moved) = moved_value(page, old) {
                    map.insert(moved, new_value.clone());
                }
            }
            map.insert(old.clone(), new_value);
        } else {
            map.insert(escaped(old), new_value);
        }
        h.update(old.as_bytes());
        h.update(&[0xff]);
        h.update(new.as_bytes());
        h.update(&[0xfe]);
        out.links[*i].href = new.clone();
        out.links[*i].verbatim = false;
    }
    out.html = replace_urls(&r.html, &map);
    Patched {
        at,
        rendered: out,
        fp: h.digest(),
    }
}

/// The URL `value`, written in the text of the source page `page` shows, as
/// [`super::markdown::show_in_place`] wrote it for the page's own place.
fn moved_value(page: &Page, value: &str) -> Option<String> {
    let shown_from = url_for(&page.content_lang, &page.key);
    let keep = |p: &str| p.is_empty() || p.ends_with('/') || p.ends_with(".html");
    let moved = Move {
        keep: &keep,
        ..Move::new(&shown_from, &page.url)
    };
    let (mut path, mut out) = (String::new(), String::new());
    rebase_url(value, &moved, &mut path, &mut out).then_some(out)
}

/// `url` as pulldown-cmark writes it in an `href` or `src` attribute.
fn escaped(url: &str) -> String {
    let mut s = String::new();
    let start = Event::Start(Tag::Link {
        link_type: LinkType::Inline,
        dest_url: url.into(),
        title: "".into(),
        id: "".into(),
    });
    pulldown_cmark::html::push_html(&mut s, std::iter::once(start));
    s.strip_prefix("<a href=\"")
        .and_then(|v| v.strip_suffix("\">"))
        .unwrap_or(url)
        .to_string()
}

/// `html` with each `href` or `src` value, and each URL of a `srcset`, that is a key of
/// `map` replaced by its value (in any quotes; the values of `map` hold no quote).
fn replace_urls(html: &str, map: &FxHashMap<String, String>) -> String {
    let mut buf = [0u8; 16];
    let rewritten = rewrite_attrs(html, |a, out| match a.lower_name(&mut buf) {
        b"href" | b"src" => match map.get(a.value) {
            Some(new) => {
                out.push_str(new);
                true
            }
            None => false,
        },
        b"srcset" => {
            let mut copied = 0;
            let mut changed = false;
            for (at, url) in crate::images::tags::srcset_urls(a.value) {
                if let Some(new) = map.get(url) {
                    out.push_str(&a.value[copied..at]);
                    out.push_str(new);
                    copied = at + url.len();
                    changed = true;
                }
            }
            out.push_str(&a.value[copied..]);
            changed
        }
        _ => false,
    });
    rewritten.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_replaced_in_href_and_src_only() {
        let mut map = FxHashMap::default();
        map.insert("a%20b".to_string(), "../c/index.html".to_string());
        let html = "<p><a href=\"a%20b\" title=\"a%20b\">x</a><img src=\"a%20b\" alt=\"\"></p><img src='a%20b' srcset=\"x.png 1x, a%20b 2x\">";
        assert_eq!(
            replace_urls(html, &map),
            "<p><a href=\"../c/index.html\" title=\"a%20b\">x</a><img src=\"../c/index.html\" alt=\"\"></p><img src='../c/index.html' srcset=\"x.png 1x, ../c/index.html 2x\">"
        );
        assert_eq!(escaped("a b/tài.pdf#x"), "a%20b/t%C3%A0i.pdf#x");
        assert_eq!(escaped("a&b"), "a&amp;b");
        // Safe in any quotes, or none.
        assert_eq!(escaped("it's \"x\" y.png"), "it&#x27;s%20%22x%22%20y.png");
    }
}
