//! The stages of a full build, one function each: load, model, markdown, links, pages,
//! print and extras (the search index is in [`super::index`]). The one-shot build and the
//! cached build ([`super::one_shot`], [`super::cached`]) call them in this order.
//!
//! Each stage adds its diagnostics to the build's list, so the list follows the order of the
//! stages. A stage that makes files adds them to the build's [`Output`], which writes them at
//! once when it is streaming.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::data::{self, DataSet};
use crate::diagnostics::Diagnostic;
use crate::i18n::UiStrings;
use crate::load::{Content, Loader};
use crate::markdown::Rendered;
use crate::model::{self, Site};
use crate::output::Output;
use crate::render::link_index::{asset_path, static_clashes, LinkIndex};
use crate::render::links::{check_links, Patched};
use crate::render::markdown::{md_fp, render_markdown, MdCache};
use crate::render::pages::{self, Inputs, PageCache, SharedFile};
use crate::render::print::PrintCache;
use crate::render::{extras, print, Templates};
use crate::theme::Theme;
use crate::timings::Stages;

/// The site's sources, as the load stage read them.
pub(super) struct Sources {
    /// `site.toml`, chapters and assets.
    pub(super) content: Content,
    /// The theme's files.
    pub(super) theme: Theme,
    /// The data tables.
    pub(super) dataset: DataSet,
    /// The UI strings of each language.
    pub(super) strings: BTreeMap<String, UiStrings>,
    /// The theme's templates, ready to render.
    pub(super) templates: Templates,
}

/// What the stages every full build runs alike made (load, model, markdown, links): all
/// that the output stages read.
pub(super) struct Prepared {
    /// The sources.
    pub(super) sources: Sources,
    /// The site model.
    pub(super) site: Site,
    /// Fingerprint of what every page depends on ([`global_fingerprint`]).
    pub(super) global: u64,
    /// Every page's rendered Markdown.
    pub(super) markdown: Markdown,
    /// What the build publishes, for checking links.
    pub(super) links: Arc<LinkIndex>,
}

impl Sources {
    /// What page rendering reads, for `site` made from these sources.
    fn inputs<'a>(&'a self, site: &'a Site) -> Inputs<'a> {
        Inputs {
            site,
            data: &self.dataset,
            theme: &self.theme,
            templates: &self.templates,
            strings: &self.strings,
        }
    }
}

impl Prepared {
    /// What page rendering reads.
    pub(super) fn inputs(&self) -> Inputs<'_> {
        self.sources.inputs(&self.site)
    }
}

/// The markdown stage's result.
pub(super) struct Markdown {
    /// Every page's rendering, indexed like `site.languages[l].pages[p]`.
    pub(super) rendered: Vec<Vec<Arc<Rendered>>>,
    /// The renderings by page, with their fingerprints, for the next build.
    pub(super) cache: MdCache,
    /// Renderings taken from the cache the stage was given.
    pub(super) reused: usize,
}

/// Runs the stages every full build runs alike: load (only `changed` read again, when
/// given), model, markdown (reusing `md_cache`) and links, each timed by `stages`. `None`
/// when there is no content to build (the diagnostics say why).
pub(super) fn prepare(
    loader: &mut Loader,
    root: &Path,
    drafts: bool,
    changed: &[PathBuf],
    md_cache: &MdCache,
    stages: &mut Stages,
    diags: &mut Vec<Diagnostic>,
) -> Option<Prepared> {
    let sources = load(loader, root, changed, diags)?;
    stages.lap("load");
    let site = build_model(&sources, drafts, diags);
    stages.lap("model");
    let global = global_fingerprint(&sources.theme, &sources.strings, &sources.content.config);
    let mut markdown = markdown(&sources.inputs(&site), global, md_cache, diags);
    stages.lap("markdown");
    let content = &sources.content;
    let index = LinkIndex::new(
        &site,
        &content.assets,
        &content.statics,
        &sources.dataset,
        &sources.theme,
    );
    diags.extend(static_clashes(
        &site,
        &content.statics,
        &sources.dataset,
        &sources.theme,
    ));
    links(&site, &index, &mut markdown, diags);
    stages.lap("links");
    Some(Prepared {
        sources,
        site,
        global,
        markdown,
        links: Arc::new(index),
    })
}

/// Load: reads the content (with `changed` given, only those paths again), the theme, the
/// data tables, the UI strings and the templates. `None` when there is no content.
fn load(
    loader: &mut Loader,
    root: &Path,
    changed: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
) -> Option<Sources> {
    // An absolute root, so that paths reported by a watcher compare with the loader's.
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let (content, load_diags) = if changed.is_empty() {
        loader.load(&root)
    } else {
        loader.load_changed(&root, changed)
    };
    diags.extend(load_diags);
    let (theme, theme_diags) = Theme::load(&root);
    diags.extend(theme_diags);
    let content = content?;
    let languages = &content.config.languages;
    let (dataset, data_diags) = data::load(&root, languages);
    diags.extend(data_diags);
    let (strings, string_diags) = theme.strings(languages);
    diags.extend(string_diags);
    let (templates, tmpl_diags) = Templates::new(&theme);
    diags.extend(tmpl_diags);
    Some(Sources {
        content,
        theme,
        dataset,
        strings,
        templates,
    })
}

/// Model: the site's languages, pages, navigation and translations.
fn build_model(sources: &Sources, drafts: bool, diags: &mut Vec<Diagnostic>) -> Site {
    let (site, model_diags) = model::build(&sources.content, drafts);
    diags.extend(model_diags);
    site
}

/// Markdown: renders every page's Markdown, reusing the entries of `cache` whose inputs did
/// not change.
fn markdown(inp: &Inputs, global: u64, cache: &MdCache, diags: &mut Vec<Diagnostic>) -> Markdown {
    let (rendered, new_cache) = render_markdown(inp, global, cache);
    let reused = count_reused(cache, &new_cache);
    for (ls, rendered) in inp.site.languages.iter().zip(&rendered) {
        for (p, r) in ls.pages.iter().zip(rendered) {
            // A fallback page shows the source file; its problems are reported once, for
            // the source language.
            if p.content_lang == p.lang {
                diags.extend(r.diagnostics.iter().cloned());
            }
        }
    }
    Markdown {
        rendered,
        cache: new_cache,
        reused,
    }
}

/// Links: checks that every link leads to a page (and a heading) or a file the build
/// publishes, and puts the renderings whose links it rewrote in place of the old ones, in
/// the build and in the Markdown cache (with their fingerprint changed accordingly, so the
/// pages made from them are made again).
fn links(site: &Site, index: &LinkIndex, markdown: &mut Markdown, diags: &mut Vec<Diagnostic>) {
    let check = check_links(site, index, &markdown.rendered);
    diags.extend(check.diagnostics);
    for Patched { at, rendered, fp } in check.patched {
        let page = &site.languages[at.0].pages[at.1];
        let rendered = Arc::new(rendered);
        markdown.rendered[at.0][at.1] = rendered.clone();
        if let Some(e) = markdown
            .cache
            .get_mut(&(page.lang.clone(), page.key.clone()))
        {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(&e.fp.to_le_bytes());
            h.update(&fp.to_le_bytes());
            e.fp = h.digest();
            e.rendered = rendered;
        }
    }
}

/// Pages: renders every page's HTML into `output`, reusing the files of `cache` whose inputs
/// did not change. Returns the new cache (empty when `output` is streaming: the pages are
/// written, and nothing is kept).
pub(super) fn pages(
    prepared: &Prepared,
    cache: &PageCache,
    output: &mut Output,
    diags: &mut Vec<Diagnostic>,
) -> PageCache {
    let md = &prepared.markdown;
    let (files, new_cache, page_diags) = pages::render_pages(
        &prepared.inputs(),
        &md.rendered,
        &md.cache,
        prepared.global,
        cache,
        Some(output),
    );
    diags.extend(page_diags);
    output.insert_all(files);
    new_cache
}

/// Print: renders each language's `print.html` into `output`, reusing what `cache` holds for
/// inputs that did not change. Returns the new cache (empty when `output` is streaming).
pub(super) fn print(
    prepared: &Prepared,
    cache: &PrintCache,
    output: &mut Output,
    diags: &mut Vec<Diagnostic>,
) -> PrintCache {
    let md_cache = &prepared.markdown.cache;
    let md_fp = |lang: &str, key: &str| md_fp(md_cache, lang, key);
    let (files, new_cache, print_diags) = print::render_print(
        &prepared.inputs(),
        &prepared.markdown.rendered,
        &md_fp,
        prepared.global,
        cache,
        Some(output),
    );
    diags.extend(print_diags);
    output.insert_all(files);
    new_cache
}

/// The table-of-contents scripts and the sitemap, with the fingerprint of the site's tree
/// they were made from ([`tree_fingerprint`]).
pub(super) type TreeFiles = (u64, Vec<SharedFile>);

/// Extras: the special pages (root, 404...), the table-of-contents scripts and the sitemap
/// (taken from `tree` when the site's tree did not change), the theme's static files, the
/// data tables' downloads, the content's assets and `content/static/`. Returns the tree
/// files made or reused.
pub(super) fn extras(
    prepared: &Prepared,
    tree: Option<TreeFiles>,
    output: &mut Output,
    diags: &mut Vec<Diagnostic>,
) -> TreeFiles {
    let inp = prepared.inputs();
    let cover = prepared.markdown.rendered.first().and_then(|l| l.first());
    let (special, special_diags) = extras::special_pages(&inp, cover.map(|r| &**r));
    diags.extend(special_diags);
    output.extend(special);
    let tree = tree_files(&inp, prepared.global, tree, diags);
    for (path, bytes) in &tree.1 {
        output.insert_shared(path.clone(), bytes.clone());
    }
    output.extend(extras::static_files(&inp));
    let content = &prepared.sources.content;
    output.extend(prepared.sources.dataset.outputs(&content.config.languages));
    for a in &content.assets {
        // Assets keep their own file name; only the folders are slugged like pages.
        output.insert(asset_path(&a.lang, &a.rel), a.bytes.to_vec());
    }
    // `content/static/` at the output's root.
    for s in &content.statics {
        output.insert(s.rel.clone(), s.bytes.to_vec());
    }
    tree
}

/// The table-of-contents scripts and the sitemap. They list every page: made again only
/// when a page's URL, title or place in the tree changed since `cached` was made.
fn tree_files(
    inp: &Inputs,
    global: u64,
    cached: Option<TreeFiles>,
    diags: &mut Vec<Diagnostic>,
) -> TreeFiles {
    let fp = tree_fingerprint(inp.site, global);
    if let Some((old, files)) = cached {
        if old == fp {
            return (fp, files);
        }
    }
    let mut files: Vec<SharedFile> = extras::toc_scripts(inp)
        .into_iter()
        .map(|(p, b)| (p, Arc::from(b)))
        .collect();
    match extras::sitemap(inp) {
        Ok((path, bytes)) => files.push((path, Arc::from(bytes))),
        Err(d) => diags.push(d),
    }
    (fp, files)
}

/// Fingerprint of the site's tree: every page's URL, title and depth, and `global`.
fn tree_fingerprint(site: &Site, global: u64) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&global.to_le_bytes());
    for ls in &site.languages {
        h.update(ls.code.as_bytes());
        for p in &ls.pages {
            h.update(p.url.as_bytes());
            h.update(&[0xff]);
            h.update(p.title.as_bytes());
            h.update(&[0xff, p.depth as u8]);
        }
    }
    h.digest()
}

/// Fingerprint of what every page depends on: the theme's files, the UI strings and the
/// site configuration. Shortcode templates are left out: only the pages that call one
/// depend on it (see `crate::shortcodes::Used`).
fn global_fingerprint(
    theme: &Theme,
    strings: &BTreeMap<String, UiStrings>,
    config: &Config,
) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (path, f) in &theme.files {
        if path.starts_with("shortcodes/") {
            continue;
        }
        h.update(path.as_bytes());
        h.update(&f.bytes);
    }
    for (lang, s) in strings {
        h.update(lang.as_bytes());
        h.update(format!("{:?}", s.merged()).as_bytes());
    }
    h.update(format!("{:?}", config.site).as_bytes());
    h.digest()
}

/// How many entries of `new` are `old`'s renderings, reused.
fn count_reused(old: &MdCache, new: &MdCache) -> usize {
    new.iter()
        .filter(|(k, e)| {
            old.get(*k)
                .is_some_and(|o| Arc::ptr_eq(&o.rendered, &e.rendered))
        })
        .count()
}
