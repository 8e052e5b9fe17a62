//! Pages: every page through the page templates, in parallel, reusing the pages whose
//! inputs did not change.
//!
//! Each page's own HTML stays proportional to its own content: it inlines what a reader
//! needs without JavaScript (breadcrumbs, the current section's pages, previous/next, and on
//! the cover the whole table of contents); the full tree for the sidebar is loaded once
//! from `assets/toc-<lang>.js`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use minijinja::Value;
use rayon::prelude::*;

use super::context::page_inputs;
use super::markdown::{all_pages, md_fp, render_page, site_fences, MdCache};
use crate::data::DataSet;
use crate::diagnostics::Diagnostic;
use crate::i18n::UiStrings;
use crate::markdown::fences::Fences;
use crate::markdown::Rendered;
use crate::model::Site;
use crate::render::{root_of, template_error, Templates};
use crate::text::rebase::{rebase_html, Move};
use crate::theme::Theme;

/// Everything page rendering reads.
pub(crate) struct Inputs<'a> {
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

/// Rendered pages kept between builds: URL -> fingerprint of the page's inputs and its bytes.
pub(crate) type PageCache = HashMap<String, (u64, Arc<[u8]>)>;

/// Renders the HTML of every page. Returns `(url, bytes)` pairs and template errors
/// (each distinct error once).
///
/// With a streaming `sink` ([`crate::output::Output::streaming`]) each page is written as
/// soon as it is rendered and neither returned nor cached.
pub(crate) fn render_pages(
    inp: &Inputs,
    rendered: &[Vec<Arc<Rendered>>],
    md_cache: &MdCache,
    global: u64,
    cache: &PageCache,
    sink: Option<&crate::output::Output>,
) -> (Vec<SharedFile>, PageCache, Vec<Diagnostic>) {
    let sink = sink.filter(|s| s.is_streaming());
    let job = PagesJob {
        inp,
        rendered,
        md_cache,
        global,
        cache,
        sink,
        // A streaming build keeps no cache: no fingerprint to make.
        fingerprints: !(sink.is_some() && cache.is_empty()),
        i18n: i18n_values(inp),
    };
    let results: Vec<PageResult> = all_pages(inp.site)
        .par_iter()
        .map(|&(l, p)| job.page(l, p))
        .collect();
    collect_pages(results, sink.is_some())
}

/// One page's result: its URL, fingerprint and bytes (an empty URL when it was written to
/// a streaming sink), or a template error.
type PageResult = Result<(String, u64, Arc<[u8]>), Diagnostic>;

/// What [`render_pages`] reads for each page.
struct PagesJob<'a> {
    inp: &'a Inputs<'a>,
    rendered: &'a [Vec<Arc<Rendered>>],
    md_cache: &'a MdCache,
    global: u64,
    cache: &'a PageCache,
    sink: Option<&'a crate::output::Output>,
    fingerprints: bool,
    i18n: BTreeMap<&'a str, Value>,
}

impl PagesJob<'_> {
    /// Page `p` of language `l`: its cached bytes when its inputs did not change, or its
    /// HTML rendered anew.
    fn page(&self, l: usize, p: usize) -> PageResult {
        let ls = &self.inp.site.languages[l];
        let page = &ls.pages[p];
        let inputs = page_inputs(self.inp, ls, p, None);
        let fp = if self.fingerprints {
            let md = md_fp(self.md_cache, &page.lang, &page.key);
            inputs.fingerprint(md, self.global)
        } else {
            0
        };
        if let Some((old, bytes)) = self.cache.get(&page.url) {
            if *old == fp {
                return Ok((page.url.clone(), fp, bytes.clone()));
            }
        }
        let i18n = self.i18n[page.lang.as_str()].clone();
        let html = html_of(self.inp, &inputs, &self.rendered[l][p], i18n)?;
        if let Some(out) = self.sink {
            out.write_now(&page.url, &html);
            return Ok((String::new(), fp, Arc::from(&[][..])));
        }
        Ok((page.url.clone(), fp, Arc::from(html)))
    }
}

/// The files and the new cache from the pages' `results` (none when they were `streamed`),
/// and each distinct template error once.
fn collect_pages(
    results: Vec<PageResult>,
    streamed: bool,
) -> (Vec<SharedFile>, PageCache, Vec<Diagnostic>) {
    let mut files = Vec::with_capacity(results.len());
    let mut new_cache = PageCache::with_capacity(if streamed { 0 } else { results.len() });
    let mut diags: Vec<Diagnostic> = Vec::new();
    for r in results {
        match r {
            Ok(_) if streamed => {}
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
pub(crate) fn render_selected(
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
        let inputs = page_inputs(inp, ls, p, None);
        let fp = inputs.fingerprint(md_fp(md_cache, &page.lang, &page.key), global);
        let i18n = i18n[page.lang.as_str()].clone();
        let html = html_of(inp, &inputs, &rendered[l][p], i18n)?;
        let bytes: Arc<[u8]> = Arc::from(html);
        cache.insert(page.url.clone(), (fp, bytes.clone()));
        files.push((page.url.clone(), bytes));
    }
    Ok(files)
}

/// The site's root `index.html`: the source language's cover, rendered for the root
/// folder, so that a reader opening the site lands in the source language at once, with
/// no redirect and no JavaScript. It names the cover as its canonical URL.
///
/// The cover's text is rendered for the cover's own place (or taken from `cover`, the
/// build's rendering, its links settled and its images sized), then every relative URL in
/// it (links to pages, images and files the author wrote beside the cover) is written for
/// the root.
pub(crate) fn render_root(
    inp: &Inputs,
    cover: Option<&Rendered>,
) -> Result<(String, Vec<u8>), Diagnostic> {
    const ROOT: &str = "index.html";
    let ls = &inp.site.languages[0];
    let Some(page) = ls.pages.first() else {
        return Err(Diagnostic::error("the source language has no pages")
            .with_hint("add a cover page `_index.md` to the source language's folder"));
    };
    let mut rendered = match cover {
        Some(r) => r.clone(),
        None => {
            let list = site_fences(inp.data);
            // The cover is the first page: no figure comes before it.
            render_page(page, inp, Fences::new(&list), &root_of(&page.url), 0)
        }
    };
    if let Cow::Owned(html) = rebase_html(&rendered.html, &Move::new(&page.url, ROOT)) {
        rendered.html = html;
    }
    let i18n = inp.strings[&page.lang].template_value();
    let inputs = page_inputs(inp, ls, 0, Some(ROOT));
    let html = html_of(inp, &inputs, &rendered, i18n)?;
    Ok((ROOT.to_string(), html))
}

/// An output file whose bytes are shared with the cache: (path, bytes).
pub(crate) type SharedFile = (String, Arc<[u8]>);

/// The HTML of a page from its `inputs`.
fn html_of(
    inp: &Inputs,
    inputs: &super::context::PageInputs,
    rendered: &Rendered,
    i18n: Value,
) -> Result<Vec<u8>, Diagnostic> {
    let tmpl = inp
        .templates
        .env
        .get_template(inputs.template)
        .map_err(|e| template_error(inp.theme, &e))?;
    // Into a buffer sized for the page (its article and its navigation), not a string grown
    // by doubling and copying.
    let mut html = Vec::with_capacity(rendered.html.len() + 16 * 1024);
    tmpl.render_captured_to(inputs.context(rendered, i18n), &mut html)
        .map_err(|e| template_error(inp.theme, &e))?;
    Ok(html)
}
