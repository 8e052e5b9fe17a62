//! The build pipeline: load -> model -> render -> output.
//!
//! [`Builder`] runs the pipeline and keeps what it can between runs (parsed files,
//! rendered Markdown), so that `serve` can call [`Builder::build`] after every save and
//! pay only for what changed. The result is an [`Output`] in memory; `songngu build`
//! writes it to disk atomically, `serve` serves it from memory.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::data;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Loader;
use crate::model;
use crate::output::Output;
use crate::render::pages::{self, Inputs, MdCache, PageCache, SharedFile};
use crate::render::print::PrintCache;
use crate::render::{extras, print, Templates};
use crate::search::{self, SearchPage};
use crate::theme::Theme;

mod quick;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: the folder holding `content/` (and optionally `theme/`).
    pub root: PathBuf,
    /// Whether to include pages marked `draft = true`.
    pub drafts: bool,
    /// Keep serving a changed language's previous search index from [`Builder::build`] and
    /// build the new one in [`Builder::finish_deferred`] (the live preview reloads pages
    /// first and updates the index right after). The first build always builds it.
    ///
    /// A quick rebuild (an edit of chapter bodies only) also leaves the changed languages'
    /// `print.html` for [`Builder::finish_pending`]: [`Builder::pending_paths`] names them.
    pub defer_search: bool,
}

/// Figures about one build, for the summary line and benchmarks.
#[derive(Debug, Clone, Default)]
pub struct BuildStats {
    /// Pages per language, in the configured order.
    pub pages: Vec<(String, usize)>,
    /// Number of data tables.
    pub tables: usize,
    /// Number of files written.
    pub files: usize,
    /// Total bytes of output.
    pub bytes: u64,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Time spent building the search index.
    pub search_time: Duration,
    /// Markdown renderings reused from the previous build.
    pub reused: usize,
    /// Whether the build took the quick path: only edited chapters' bodies changed, so only
    /// their pages (and the pages that show their text) were made again.
    pub quick: bool,
}

impl BuildStats {
    /// The one-line summary printed after a build.
    pub fn summary(&self) -> String {
        let pages: Vec<String> = self.pages.iter().map(|(l, n)| format!("{n} {l}")).collect();
        format!(
            "built {} pages ({}), {} tables, {} files, {} in {}",
            self.pages.iter().map(|(_, n)| n).sum::<usize>(),
            pages.join(", "),
            self.tables,
            self.files,
            human_bytes(self.bytes),
            human_duration(self.elapsed)
        )
    }
}

/// A successful build.
#[derive(Debug, Clone)]
pub struct Built {
    /// Every output file.
    pub output: Output,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
    /// Figures.
    pub stats: BuildStats,
}

/// Runs the pipeline, keeping caches between runs.
pub struct Builder {
    opts: BuildOptions,
    loader: Loader,
    /// Paths reported changed since the last build (see [`Builder::invalidate`]).
    pending: Vec<PathBuf>,
    md_cache: MdCache,
    page_cache: PageCache,
    search_cache: SearchCache,
    /// The table-of-contents scripts and the sitemap, with the fingerprint of the tree.
    tree_cache: Option<(u64, Vec<SharedFile>)>,
    /// Languages whose search index waits for [`Builder::finish_deferred`].
    deferred: Vec<(String, u64, Vec<IndexedPage>)>,
    last_output: Option<Output>,
    print_cache: PrintCache,
    /// Pages (language index, page index) whose new HTML a quick rebuild left out of
    /// `print.html`, for [`Builder::finish_pending`].
    print_pending: Vec<(usize, usize)>,
    /// Whether a full rebuild left every language's `print.html` for
    /// [`Builder::finish_pending`] (with `defer_search`, when theme, strings and
    /// configuration are unchanged).
    print_whole_pending: bool,
    /// Languages (indexes) whose search index a quick rebuild left for
    /// [`Builder::take_deferred`] to plan.
    search_pending: Vec<usize>,
    /// Where files go as soon as they are made, for one-shot builds (see
    /// [`Builder::stream_into`]).
    stream: Option<PathBuf>,
    /// What the last good build was made from, for quick rebuilds; `None` after a
    /// failed build, so that the next one looks at everything again.
    last: Option<quick::LastBuild>,
}

impl Builder {
    /// A builder for `opts` with empty caches.
    pub fn new(opts: BuildOptions) -> Builder {
        Builder {
            opts,
            loader: Loader::new(),
            pending: Vec::new(),
            search_cache: SearchCache::new(),
            tree_cache: None,
            deferred: Vec::new(),
            last_output: None,
            md_cache: MdCache::new(),
            page_cache: PageCache::new(),
            print_cache: PrintCache::default(),
            last: None,
            print_pending: Vec::new(),
            print_whole_pending: false,
            search_pending: Vec::new(),
            stream: None,
        }
    }

    /// Makes the builds write every file under `dir` as soon as it is made, instead of
    /// returning the site in [`Built::output`] (which is then a streaming output that only
    /// counts, see [`Output::streaming`]; check [`Output::finish`] for write errors), and
    /// keep no caches: a one-shot build (`songngu build`) then holds a fraction of the site
    /// in memory. `dir` should be a [`crate::output::Staging`] folder, swapped in only when
    /// the build succeeds.
    pub fn stream_into(&mut self, dir: PathBuf) {
        self.stream = Some(dir);
    }

    /// Tells the builder that these files or folders changed, so that the next build reads
    /// them again whatever their modification time says (editors and fast successive saves
    /// can leave size and time unchanged).
    ///
    /// After `invalidate`, the next build trusts the list: when the paths are edits of
    /// known chapters (or data tables, or theme files) it reads only those chapters instead
    /// of looking at every file; new, deleted and renamed files make it look at everything.
    pub fn invalidate(&mut self, paths: &[PathBuf]) {
        self.pending.extend(paths.iter().cloned());
    }

    /// Takes the search indexing that the last build deferred (see
    /// [`BuildOptions::defer_search`]), to run anywhere, even on another thread; hand its
    /// result back with [`Builder::accept_search`]. `None` when nothing was deferred.
    pub fn take_deferred(&mut self) -> Option<DeferredSearch> {
        self.plan_pending_search();
        if self.deferred.is_empty() {
            return None;
        }
        Some(DeferredSearch {
            jobs: std::mem::take(&mut self.deferred),
        })
    }

    /// Takes in search indexes built from [`Builder::take_deferred`]: they become the cached
    /// index of their language and replace its files in the last output.
    pub fn accept_search(&mut self, update: &SearchUpdate) {
        for (lang, fp, files) in &update.languages {
            if let Some(output) = &mut self.last_output {
                update.apply_to(output);
            }
            self.search_cache.insert(lang.clone(), (*fp, files.clone()));
        }
    }

    /// Builds the deferred search indexes here and now. Returns the whole output with the
    /// new index files in place, or `None` when nothing was deferred.
    ///
    /// It also finishes what [`Builder::finish_pending`] finishes.
    pub fn finish_deferred(&mut self) -> Option<Output> {
        let printed = !self.finish_pending().is_empty();
        match self.take_deferred() {
            Some(job) => {
                let update = job.run();
                self.accept_search(&update);
            }
            None if !printed => return None,
            None => {}
        }
        self.last_output.clone()
    }

    /// Output files that the last build returned out of date, to be replaced by what
    /// [`Builder::finish_pending`] returns (see [`BuildOptions::defer_search`]): the
    /// `print.html` of languages whose pages a quick rebuild changed. A server holds back
    /// requests for them until then.
    pub fn pending_paths(&self) -> Vec<String> {
        let Some(last) = &self.last else {
            return Vec::new();
        };
        let mut langs: Vec<usize> = if self.print_whole_pending {
            (0..last.site.languages.len()).collect()
        } else {
            self.print_pending.iter().map(|&(l, _)| l).collect()
        };
        langs.sort_unstable();
        langs.dedup();
        langs
            .into_iter()
            .map(|l| format!("{}/print.html", last.site.languages[l].code))
            .collect()
    }

    /// Makes the files [`Builder::pending_paths`] names and puts them in the last output;
    /// returns them.
    pub fn finish_pending(&mut self) -> Vec<SharedFile> {
        let pending = std::mem::take(&mut self.print_pending);
        let whole = std::mem::take(&mut self.print_whole_pending);
        let Some(last) = &self.last else {
            return Vec::new();
        };
        let files = if whole {
            let md_cache = &self.md_cache;
            let md_fp = |lang: &str, key: &str| pages::md_fp(md_cache, lang, key);
            let (files, cache, diags) = print::render_print(
                &last.inputs(),
                &last.rendered,
                &md_fp,
                last.global,
                &self.print_cache,
                None,
            );
            // The templates are the last full build's, which rendered print.html without
            // error; should one appear all the same, say so and keep the previous file.
            for d in &diags {
                eprintln!("warning: print.html: {}", d.to_plain());
            }
            self.print_cache = cache;
            files
        } else {
            update_print(last, &self.md_cache, &mut self.print_cache, &pending).unwrap_or_default()
        };
        if let Some(output) = &mut self.last_output {
            for (path, bytes) in &files {
                output.insert_shared(path.clone(), bytes.clone());
            }
        }
        files
    }

    /// Turns the languages a quick rebuild left in `search_pending` into deferred jobs.
    fn plan_pending_search(&mut self) {
        let langs = std::mem::take(&mut self.search_pending);
        let Some(last) = &self.last else {
            return;
        };
        for l in langs {
            let ls = &last.site.languages[l];
            let (fp, indexed) = search_inputs(ls, &self.md_cache);
            self.deferred.retain(|(lang, _, _)| *lang != ls.code);
            if self
                .search_cache
                .get(&ls.code)
                .is_some_and(|(old, _)| *old == fp)
            {
                continue;
            }
            let pages = indexed_pages(ls, &indexed, &last.rendered[l]);
            self.deferred.push((ls.code.clone(), fp, pages));
        }
    }

    /// The options this builder was made with.
    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Builds the site. With the environment variable `SONGNGU_TIMINGS` set, the time of
    /// each stage is printed to standard error. `Err` holds every diagnostic (at least one error, and the
    /// warnings) when the site has errors; nothing is returned half-built.
    pub fn build(&mut self) -> Result<Built, Diagnostics> {
        let start = Instant::now();
        if !self.pending.is_empty() {
            if let Some(built) = self.quick_build(start) {
                return Ok(built);
            }
        }
        let result = self.full_build(start);
        if result.is_err() {
            self.last = None;
        }
        result
    }

    /// Runs every stage, reusing cached results whose inputs did not change.
    fn full_build(&mut self, start: Instant) -> Result<Built, Diagnostics> {
        let timings = std::env::var_os("SONGNGU_TIMINGS").is_some();
        // The process's usage is read only when the timings are printed (a system call).
        let mut last = (start, ProcessUsage::default());
        if timings {
            last.1 = ProcessUsage::now();
        }
        let mut lap = |stage: &str| {
            if timings {
                let now = (Instant::now(), ProcessUsage::now());
                let (wall, used) = (now.0 - last.0, now.1.since(&last.1));
                eprintln!(
                    "  {stage:<12} {:>8.1} ms  (user {:>6.1} ms, system {:>6.1} ms, {:>6} page faults)",
                    wall.as_secs_f64() * 1e3,
                    used.user_ms,
                    used.system_ms,
                    used.faults
                );
                last = now;
            }
        };
        let mut diags: Vec<Diagnostic> = Vec::new();
        // An absolute root, so that paths reported by a watcher compare with the loader's.
        let root =
            std::fs::canonicalize(&self.opts.root).unwrap_or_else(|_| self.opts.root.clone());
        let changed = std::mem::take(&mut self.pending);
        let (content, load_diags) = if changed.is_empty() {
            self.loader.load(&root)
        } else {
            self.loader.load_changed(&root, &changed)
        };
        diags.extend(load_diags);
        let (theme, theme_diags) = Theme::load(&root);
        diags.extend(theme_diags);
        let Some(content) = content else {
            return Err(diags.into());
        };
        let languages = content.config.languages.clone();
        let (dataset, data_diags) = data::load(&root, &languages);
        diags.extend(data_diags);
        let (strings, string_diags) = theme.strings(&languages);
        diags.extend(string_diags);
        let (templates, tmpl_diags) = Templates::new(&theme);
        diags.extend(tmpl_diags);
        lap("load");
        let (mut site, model_diags) = model::build(&content, self.opts.drafts);
        diags.extend(model_diags);
        lap("model");

        let inp = Inputs {
            site: &site,
            data: &dataset,
            theme: &theme,
            templates: &templates,
            strings: &strings,
        };
        let global = global_fingerprint(&theme, &strings, &content.config);
        let (mut rendered, mut md_cache) = pages::render_markdown(&inp, global, &self.md_cache);
        let reused = count_reused(&self.md_cache, &md_cache);
        for (l, ls) in site.languages.iter().enumerate() {
            for (p, r) in ls.pages.iter().zip(&rendered[l]) {
                // A fallback page shows the source file; its problems are reported once,
                // for the source language.
                if p.content_lang == p.lang {
                    diags.extend(r.diagnostics.iter().cloned());
                }
            }
        }
        lap("markdown");
        diags.extend(pages::check_links(&site, &rendered));
        lap("links");

        let streaming = self.stream.is_some();
        let mut output = match &self.stream {
            Some(dir) => Output::streaming(dir.clone()),
            None => Output::new(),
        };
        let (page_files, page_cache, page_diags) = pages::render_pages(
            &inp,
            &rendered,
            &md_cache,
            global,
            &self.page_cache,
            Some(&output),
        );
        diags.extend(page_diags);
        output.insert_all(page_files);
        // Streaming: the pages are on disk, and nothing is kept for a next build.
        let page_cache = unless_streaming(streaming, page_cache);
        lap("pages");

        let md_fp = |lang: &str, key: &str| pages::md_fp(&md_cache, lang, key);
        // The preview leaves print.html for after the reload when only content changed (same
        // templates and strings, so it cannot fail where the last build did not).
        let defer_print = self.opts.defer_search
            && !streaming
            && self.last.as_ref().is_some_and(|l| l.global == global);
        let (print_files, print_cache, print_diags) = if defer_print {
            let files: Vec<SharedFile> = site
                .languages
                .iter()
                .filter_map(|ls| {
                    let path = format!("{}/print.html", ls.code);
                    let bytes = self.last_output.as_ref()?.get_shared(&path)?.clone();
                    Some((path, bytes))
                })
                .collect();
            (files, std::mem::take(&mut self.print_cache), Vec::new())
        } else {
            print::render_print(
                &inp,
                &rendered,
                &md_fp,
                global,
                &self.print_cache,
                Some(&output),
            )
        };
        diags.extend(print_diags);
        output.insert_all(print_files);
        let print_cache = unless_streaming(streaming, print_cache);
        lap("print");

        let (special, special_diags) = extras::special_pages(&inp);
        diags.extend(special_diags);
        output.extend(special);
        // The table-of-contents scripts and the sitemap list every page: made again only
        // when a page's URL, title or place in the tree changed.
        let tree_fp = {
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
        };
        let tree_files = match self.tree_cache.take() {
            Some((fp, files)) if fp == tree_fp => files,
            _ => {
                let mut files: Vec<SharedFile> = extras::toc_scripts(&inp)
                    .into_iter()
                    .map(|(p, b)| (p, std::sync::Arc::from(b)))
                    .collect();
                match extras::sitemap(&inp) {
                    Ok((path, bytes)) => files.push((path, std::sync::Arc::from(bytes))),
                    Err(d) => diags.push(d),
                }
                files
            }
        };
        for (path, bytes) in &tree_files {
            output.insert_shared(path.clone(), bytes.clone());
        }
        output.extend(extras::static_files(&inp));
        output.extend(dataset.outputs(&languages));
        for a in &content.assets {
            let url = crate::model::url_for(&a.lang, &a.rel);
            // Assets keep their own file name; only the folders are slugged like pages.
            let dir = url.rsplit_once('/').map_or("", |(d, _)| d);
            let name = a.rel.rsplit('/').next().unwrap_or(&a.rel);
            output.insert(format!("{dir}/{name}"), a.bytes.to_vec());
        }

        lap("extras");
        let search_start = Instant::now();
        // The index of a language is rebuilt only when one of its pages changed; with
        // `defer_search`, a changed language keeps serving its previous index until
        // [`Builder::finish_deferred`] builds the new one.
        let mut search_cache = SearchCache::new();
        let mut deferred = Vec::new();
        let mut fresh: Vec<(String, u64, Vec<IndexedPage>)> = Vec::new();
        // Without a search index (`[search] enabled = false`), no language has one.
        let indexed_languages = if site.config.search_enabled() {
            site.languages.len()
        } else {
            0
        };
        for (l, ls) in site.languages.iter().enumerate().take(indexed_languages) {
            let (fp, indexed) = search_inputs(ls, &md_cache);
            let owned = || indexed_pages(ls, &indexed, &rendered[l]);
            match self.search_cache.get(&ls.code) {
                Some((old, files)) if *old == fp => {
                    search_cache.insert(ls.code.clone(), (fp, files.clone()));
                }
                Some((old, files)) if self.opts.defer_search => {
                    search_cache.insert(ls.code.clone(), (*old, files.clone()));
                    deferred.push((ls.code.clone(), fp, owned()));
                }
                _ => fresh.push((ls.code.clone(), fp, owned())),
            }
        }
        if streaming {
            // A one-shot build needs the sources no more (only rendered text is indexed):
            // give their memory back before the index, the stage that needs the most. They
            // are freed on a thread of their own: one by one, that takes about 10 ms at
            // 10,000 pages (30 ms with the pages' HTML, without an index) that would
            // otherwise hold up the index, or the end of the build.
            let loader = std::mem::replace(&mut self.loader, Loader::new());
            let mut md = std::mem::take(&mut md_cache);
            let files: Vec<_> = site
                .languages
                .iter_mut()
                .flat_map(|ls| ls.pages.iter_mut().filter_map(|p| p.file.take()))
                .collect();
            let mut html = std::mem::take(&mut rendered);
            if !fresh.is_empty() || !deferred.is_empty() {
                // The indexer must hold the only references to the pages' HTML: it takes
                // each page's by value and lets it go once counted. The others go now.
                let none = std::sync::Arc::new(crate::markdown::Rendered::default());
                for e in md.values_mut() {
                    e.rendered = none.clone();
                }
                html = Vec::new();
            }
            // Should no thread be had, the data goes with the refused closure, here.
            let _ = std::thread::Builder::new()
                .name("songngu-free".to_string())
                .spawn(move || drop((loader, content, md, files, html)));
        }
        {
            use rayon::prelude::*;
            let built: Vec<(String, u64, Vec<SharedFile>)> = fresh
                .into_par_iter()
                .map(|(lang, fp, pages)| {
                    let files = index_language(&lang, pages, Some(&output));
                    (lang, fp, files)
                })
                .collect();
            for (lang, fp, files) in built {
                search_cache.insert(lang, (fp, files));
            }
        }
        for (_, files) in search_cache.values() {
            output.insert_all(files.clone());
        }
        if streaming {
            search_cache.clear();
        }
        let search_time = search_start.elapsed();
        lap("search");

        let all: Diagnostics = diags.into();
        if all.has_errors() {
            return Err(all);
        }
        self.print_pending.clear();
        self.print_whole_pending = defer_print;
        self.search_pending.clear();
        if !streaming {
            self.md_cache = md_cache;
            self.page_cache = page_cache;
            self.search_cache = search_cache;
            self.tree_cache = Some((tree_fp, tree_files));
            self.deferred = deferred;
            self.last_output = Some(output.clone());
        }
        lap("finish");
        if !streaming {
            self.print_cache = print_cache;
        }
        let stats = BuildStats {
            pages: site
                .languages
                .iter()
                .map(|l| (l.code.clone(), l.pages.len()))
                .collect(),
            tables: dataset.len(),
            files: output.len(),
            bytes: output.total_bytes(),
            elapsed: start.elapsed(),
            search_time,
            reused,
            quick: false,
        };
        if streaming {
            return Ok(Built {
                output,
                warnings: all,
                stats,
            });
        }
        self.last = Some(quick::LastBuild {
            site,
            rendered,
            theme,
            templates,
            strings,
            dataset,
            global,
            warnings: all.clone(),
            stats: stats.clone(),
        });
        Ok(Built {
            output,
            warnings: all,
            stats,
        })
    }
}

/// `cache`, or (for a streaming build, which keeps nothing for a next one) an empty one, the
/// full one being freed at once.
fn unless_streaming<T: Default>(streaming: bool, cache: T) -> T {
    if streaming {
        T::default()
    } else {
        cache
    }
}

/// Puts the new HTML of `pages` ((language, page) pairs) into the cached `print.html` of
/// their languages ([`print::update_pages`]) and returns the new files; `None` when the
/// cache holds no file for one of the languages.
fn update_print(
    last: &quick::LastBuild,
    md_cache: &MdCache,
    print_cache: &mut PrintCache,
    pages: &[(usize, usize)],
) -> Option<Vec<SharedFile>> {
    let inp = last.inputs();
    let md_fp = |lang: &str, key: &str| pages::md_fp(md_cache, lang, key);
    let mut langs: Vec<usize> = pages.iter().map(|&(l, _)| l).collect();
    langs.sort_unstable();
    langs.dedup();
    langs
        .into_iter()
        .map(|l| {
            let mut changed: Vec<usize> = pages
                .iter()
                .filter(|(pl, _)| *pl == l)
                .map(|&(_, p)| p)
                .collect();
            changed.sort_unstable();
            changed.dedup();
            print::update_pages(
                &inp,
                l,
                &changed,
                &last.rendered,
                &md_fp,
                last.global,
                print_cache,
            )
        })
        .collect()
}

/// What language `ls`'s search index is built from: the fingerprint of its inputs and the
/// indexes of the pages it holds. A page shown in place of a missing translation is not in
/// the language's index: its text is in the other language.
fn search_inputs(ls: &model::LanguageSite, md_cache: &MdCache) -> (u64, Vec<usize>) {
    let indexed: Vec<usize> = (0..ls.pages.len())
        .filter(|&i| ls.pages[i].content_lang == ls.pages[i].lang)
        .collect();
    let md_fp = |i: usize| pages::md_fp(md_cache, &ls.pages[i].lang, &ls.pages[i].key);
    // From borrowed data; owned copies ([`indexed_pages`]) only when needed.
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for &i in &indexed {
        let p = &ls.pages[i];
        h.update(p.url.as_bytes());
        h.update(&[0xff]);
        h.update(p.title.as_bytes());
        h.update(&[0xff]);
        for a in ls.ancestors(i).into_iter().skip(1) {
            h.update(ls.pages[a].title.as_bytes());
            h.update(&[0xfe]);
        }
        h.update(&md_fp(i).to_le_bytes());
        h.update(&p.search_weight.to_le_bytes());
    }
    (h.digest(), indexed)
}

/// Owned copies of the pages `indexed` of `ls`, for indexing now or later.
fn indexed_pages(
    ls: &model::LanguageSite,
    indexed: &[usize],
    rendered: &[std::sync::Arc<crate::markdown::Rendered>],
) -> Vec<IndexedPage> {
    indexed
        .iter()
        .map(|&i| {
            let p = &ls.pages[i];
            IndexedPage {
                lang: p.lang.clone(),
                url: p.url.clone(),
                title: p.title.clone(),
                breadcrumb: ls
                    .ancestors(i)
                    .into_iter()
                    .skip(1)
                    .map(|a| ls.pages[a].title.clone())
                    .collect(),
                rendered: rendered[i].clone(),
                weight: p.search_weight,
            }
        })
        .collect()
}

/// A page as the search index needs it, owned so that indexing can wait (see
/// [`BuildOptions::defer_search`]).
struct IndexedPage {
    lang: String,
    url: String,
    title: String,
    breadcrumb: Vec<String>,
    rendered: std::sync::Arc<crate::markdown::Rendered>,
    weight: f32,
}

/// Search indexing left for after a build: see [`Builder::take_deferred`].
pub struct DeferredSearch {
    jobs: Vec<(String, u64, Vec<IndexedPage>)>,
}

impl DeferredSearch {
    /// Builds the indexes.
    pub fn run(self) -> SearchUpdate {
        SearchUpdate {
            languages: self
                .jobs
                .into_iter()
                .map(|(lang, fp, pages)| {
                    let files = index_language(&lang, pages, None);
                    (lang, fp, files)
                })
                .collect(),
        }
    }
}

/// New search indexes, per language: (language, fingerprint, files).
pub struct SearchUpdate {
    /// The languages' new index files.
    pub languages: Vec<(String, u64, Vec<SharedFile>)>,
}

impl SearchUpdate {
    /// Replaces each language's index files in `output` with the new ones.
    pub fn apply_to(&self, output: &mut Output) {
        for (lang, _, files) in &self.languages {
            output.remove_prefix(&format!("{}/{lang}/", search::OUTPUT_DIR));
            for (path, bytes) in files {
                output.insert_shared(path.clone(), bytes.clone());
            }
        }
    }
}

/// Search index files per language, with the fingerprint of the pages they were built from.
type SearchCache = std::collections::HashMap<String, (u64, Vec<SharedFile>)>;

/// Builds the search index of one language. A streaming `output` gets each file written
/// as soon as it is made (nothing is returned), and the pages' HTML is let go as soon as it
/// is counted (it is the last use of it in a one-shot build); otherwise the files are
/// returned.
fn index_language(
    lang: &str,
    mut pages: Vec<IndexedPage>,
    output: Option<&Output>,
) -> Vec<SharedFile> {
    fn search_pages(pages: &[IndexedPage]) -> Vec<SearchPage<'_>> {
        pages
            .iter()
            .map(|p| SearchPage {
                lang: &p.lang,
                url: &p.url,
                title: &p.title,
                breadcrumb: p.breadcrumb.iter().map(String::as_str).collect(),
                html: &p.rendered.html,
                weight: p.weight,
            })
            .collect()
    }
    let Some(out) = output.filter(|o| o.is_streaming()) else {
        let sp = search_pages(&pages);
        let refs: Vec<&SearchPage> = sp.iter().collect();
        return search::index::build_language(&refs, lang)
            .into_iter()
            .map(|(path, bytes)| (path, std::sync::Arc::from(bytes)))
            .collect();
    };
    // The HTML by value (these are its last references), freed run by run once counted.
    let empty = std::sync::Arc::new(crate::markdown::Rendered::default());
    let html: Vec<String> = pages
        .iter_mut()
        .map(|p| {
            let rendered = std::mem::replace(&mut p.rendered, empty.clone());
            std::sync::Arc::try_unwrap(rendered)
                .map(|r| r.html)
                .unwrap_or_else(|shared| shared.html.clone())
        })
        .collect();
    let sp = search_pages(&pages);
    let refs: Vec<&SearchPage> = sp.iter().collect();
    let counts = search::index::count_language_owned(&refs, html);
    search::index::finish_language(counts, &refs, lang, &|path, bytes| {
        out.write_now(&path, &bytes);
    });
    Vec::new()
}

/// Fingerprint of what every page depends on: the theme's files, the UI strings and the
/// site configuration.
fn global_fingerprint(
    theme: &Theme,
    strings: &std::collections::BTreeMap<String, crate::i18n::UiStrings>,
    config: &crate::config::Config,
) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (path, f) in &theme.files {
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

fn count_reused(old: &MdCache, new: &MdCache) -> usize {
    new.iter()
        .filter(|(k, e)| {
            old.get(*k)
                .is_some_and(|o| std::sync::Arc::ptr_eq(&o.rendered, &e.rendered))
        })
        .count()
}

/// Builds once, without keeping caches.
pub fn build_once(opts: BuildOptions) -> Result<Built, Diagnostics> {
    Builder::new(opts).build()
}

/// `1.2 MB`, `340 kB`, `12 B`.
pub fn human_bytes(n: u64) -> String {
    if n >= 1_000_000 {
        format!("{:.1} MB", n as f64 / 1e6)
    } else if n >= 1_000 {
        format!("{:.0} kB", n as f64 / 1e3)
    } else {
        format!("{n} B")
    }
}

/// `1.23 s`, `45 ms`.
pub fn human_duration(d: Duration) -> String {
    if d.as_secs_f64() >= 1.0 {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// Pages per language of a built site, as a map.
pub fn pages_per_language(stats: &BuildStats) -> BTreeMap<String, usize> {
    stats.pages.iter().cloned().collect()
}

/// CPU time and page faults of this process so far, for the stage timings
/// (`SONGNGU_TIMINGS`): a stage's wall time alone does not say whether it waited, computed or
/// spent its time in the kernel.
#[derive(Debug, Clone, Copy, Default)]
struct ProcessUsage {
    user_ms: f64,
    system_ms: f64,
    faults: i64,
}

impl ProcessUsage {
    /// The usage so far (zero where the system does not say).
    fn now() -> ProcessUsage {
        #[cfg(target_os = "linux")]
        {
            let mut ru = std::mem::MaybeUninit::<libc::rusage>::zeroed();
            // SAFETY: getrusage writes one `rusage` into the buffer it is given.
            if unsafe { libc::getrusage(libc::RUSAGE_SELF, ru.as_mut_ptr()) } == 0 {
                // SAFETY: initialised by the successful call above.
                let ru = unsafe { ru.assume_init() };
                let ms = |t: libc::timeval| t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3;
                return ProcessUsage {
                    user_ms: ms(ru.ru_utime),
                    system_ms: ms(ru.ru_stime),
                    faults: ru.ru_minflt + ru.ru_majflt,
                };
            }
        }
        ProcessUsage::default()
    }

    /// The usage between `earlier` and this one.
    fn since(&self, earlier: &ProcessUsage) -> ProcessUsage {
        ProcessUsage {
            user_ms: self.user_ms - earlier.user_ms,
            system_ms: self.system_ms - earlier.system_ms,
            faults: self.faults - earlier.faults,
        }
    }
}
