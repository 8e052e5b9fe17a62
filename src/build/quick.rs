//! The quick path of a rebuild: when the only changes are edits to the body of chapters
//! (front matter as before), the site's shape is as before (pages, titles, order, URLs,
//! navigation), so only a few outputs can change:
//!
//! - the edited pages, and the pages of other languages that show their text in place of a
//!   missing translation;
//! - translations of an edited source page, whose "may be out of date" notice depends on the
//!   source's text;
//! - the `print.html` of the languages concerned (the new page HTML is put in place in the
//!   cached file, [`print::update_pages`]);
//! - the search index of those languages (deferred like in a full build).
//!
//! Everything else is taken from the last good build. The quick path gives up, and the full
//! pipeline runs, whenever it cannot be sure of that: a new, deleted or renamed file, front
//! matter that changed, a file that does not read or parse, any diagnostic on an edited
//! page, headings whose ids changed (links from other pages point at them), a link that
//! does not resolve, the cover page (the site's root page copies it), or anything outside
//! the language folders (theme, data, `site.toml`). `tests/incremental.rs` checks that both
//! paths give the same bytes as a clean build.
//!
//! [`print::update_pages`]: crate::render::print::update_pages

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::load::{self, SourceFile};
use crate::markdown::fences::Fences;
use crate::markdown::{self, MdContext, Rendered};
use crate::model::{Page, PageKind, Site, Translation};
use crate::output::Output;
use crate::render::links::{links_settled, settle_images};
use crate::render::markdown::{figure_base, show_in_place, site_fences, MdCache, MdEntry};
use crate::render::pages;
use crate::render::root_of;
use crate::shortcodes::PageShortcodes;
use crate::timings::StepLine;
use crate::translations;

use super::deferred::update_print;
use super::index;
use super::{BuildStats, Builder, Built, LastBuild};

/// One edited chapter, read again.
struct Edit {
    /// Index of its language.
    lang: usize,
    /// Index of its page in that language.
    page: usize,
    file: Arc<SourceFile>,
}

/// A page showing an edited chapter's text, its Markdown rendered again.
struct Render {
    /// Its language index and page index.
    at: (usize, usize),
    /// The edited chapter.
    file: Arc<SourceFile>,
    rendered: Rendered,
}

/// What a quick rebuild changes.
struct Touched {
    /// Pages (language index, page index) to make again, sorted.
    pages: Vec<(usize, usize)>,
    /// Languages whose text changed, sorted: their `print.html` and search index follow.
    langs: Vec<usize>,
    /// How many pages' Markdown was rendered again.
    rendered: usize,
}

impl Builder {
    /// Rebuilds from the last good build when the changed paths are body edits of known
    /// chapters only; `None` (with nothing changed in the builder) otherwise.
    pub(super) fn quick_build(&mut self, start: Instant) -> Option<Built> {
        if self.deferred.print_all {
            // print.html waits for a whole rendering: let the full build see to it.
            return None;
        }
        let last = self.last.as_ref()?;
        let root = std::fs::canonicalize(&self.opts.root).ok()?;
        let (edits, read) = find_edits(&last.site, &root, &self.changed_paths)?;
        let renders = render_edits(last, &edits)?;
        let states = translation_states(&last.site, &edits)?;

        // Sure of the result now: apply it.
        let mut line = StepLine::start("quick", start);
        line.lap("check");
        let mut output = self.last_output.clone()?;
        let touched = apply(
            self.last.as_mut()?,
            &mut self.caches.markdown,
            renders,
            states,
        );
        // From here on the builder's caches already changed: a failure means "build it all".
        self.quick_pages(&touched.pages, &mut output)?;
        line.lap_with("pages", format_args!(" ({} pages)", touched.pages.len()));
        self.quick_print(&touched, &mut output)?;
        line.lap("print");
        let search_start = Instant::now();
        self.quick_search(&touched.langs, &mut output);
        let search_time = search_start.elapsed();
        line.lap("search");

        // The loader's copy of the edited files is out of date: it reads them again next time.
        self.changed_paths.clear();
        self.loader.forget_files(&read);
        self.last_output = Some(output.clone());
        let last = self.last.as_ref()?;
        let stats = quick_stats(last, &output, start, search_time, touched.rendered);
        let built = Built {
            output,
            warnings: last.warnings.clone(),
            stats,
        };
        line.lap("finish");
        line.print();
        Some(built)
    }

    /// Makes the pages `touched` again into `output`. On a template error, forgets the last
    /// build, whose caches changed already, and returns `None`.
    fn quick_pages(&mut self, touched: &[(usize, usize)], output: &mut Output) -> Option<()> {
        let last = self.last.as_ref()?;
        match pages::render_selected(
            &last.inputs(),
            &last.rendered,
            &self.caches.markdown,
            last.global,
            &mut self.caches.pages,
            touched,
        ) {
            Ok(files) => {
                for (path, bytes) in files {
                    output.insert_shared(path, bytes);
                }
                Some(())
            }
            Err(_) => {
                self.last = None;
                None
            }
        }
    }

    /// Puts the new HTML of the touched pages into the `print.html` of their languages in
    /// `output`, or (preview) leaves it for [`Builder::finish_pending`]. When the print
    /// cache cannot take it, forgets the last build and returns `None`.
    fn quick_print(&mut self, touched: &Touched, output: &mut Output) -> Option<()> {
        let pages: Vec<(usize, usize)> = touched
            .pages
            .iter()
            .copied()
            .filter(|(l, _)| touched.langs.contains(l))
            .collect();
        if self.opts.preview {
            // The server sends the reload first and asks for these right after.
            self.deferred.print_pages.extend(pages);
            return Some(());
        }
        let last = self.last.as_ref()?;
        match update_print(last, &self.caches.markdown, &mut self.caches.print, &pages) {
            Some(files) => {
                output.insert_all(files);
                Some(())
            }
            None => {
                self.last = None;
                None
            }
        }
    }

    /// Builds again, into `output`, the search index of the languages `langs` whose text
    /// changed; the preview leaves those that have an index for [`Builder::take_deferred`]
    /// to plan after the reload.
    fn quick_search(&mut self, langs: &[usize], output: &mut Output) {
        let Some(last) = &self.last else {
            return;
        };
        // Without a search index (`[search] enabled = false`) there is nothing to update.
        if !last.site.config.search_enabled() {
            return;
        }
        let mut jobs = Vec::new();
        for &l in langs {
            let ls = &last.site.languages[l];
            if self.opts.preview && self.caches.search.contains_key(&ls.code) {
                if !self.deferred.search_langs.contains(&l) {
                    self.deferred.search_langs.push(l);
                }
                continue;
            }
            jobs.extend(index::stale_search_job(
                last,
                l,
                &self.caches.markdown,
                &self.caches.search,
            ));
        }
        for job in jobs {
            let (lang, fp, files) = job.run();
            index::replace_in(output, &lang, &files);
            self.caches.search.insert(lang, (fp, files));
        }
    }
}

/// The edits among the `changed` paths, and every changed path made absolute (for the
/// loader to forget). `None` unless every changed path is a known chapter of a language,
/// read without problems, with the same front matter.
fn find_edits(site: &Site, root: &Path, changed: &[PathBuf]) -> Option<(Vec<Edit>, Vec<PathBuf>)> {
    let content_dir = root.join(load::CONTENT_DIR);
    let mut edits: Vec<Edit> = Vec::new();
    let mut read: Vec<PathBuf> = Vec::new();
    for path in changed {
        let canon = std::fs::canonicalize(path).ok()?;
        let edit = read_edit(site, &content_dir, &canon)?;
        read.push(canon);
        let old = site.languages[edit.lang].pages[edit.page].file.as_ref()?;
        let seen = edits
            .iter()
            .any(|e| e.lang == edit.lang && e.page == edit.page);
        if edit.file.source != old.source && !seen {
            edits.push(edit);
        }
    }
    Some((edits, read))
}

/// The chapter at `path` (absolute), read again: `None` unless it is the file of a known
/// page of its language, not the cover, that reads without problems with the same front
/// matter.
fn read_edit(site: &Site, content_dir: &Path, path: &Path) -> Option<Edit> {
    let rel = path.strip_prefix(content_dir).ok()?;
    let mut parts = rel.components();
    let lang = parts.next()?.as_os_str().to_str()?.to_string();
    let rest = parts.as_path().to_str()?.replace('\\', "/");
    if !rest.ends_with(".md") || !path.is_file() {
        return None;
    }
    let l = site.languages.iter().position(|ls| ls.code == lang)?;
    let ls = &site.languages[l];
    let p = *ls.by_key.get(&rest)?;
    let page = &ls.pages[p];
    let old = page.file.as_ref()?;
    if page.content_lang != lang || old.rel != rest || page.kind == PageKind::Cover {
        return None;
    }
    let file = load::read_chapter_file(&lang, &rest, path).ok()?;
    if file.front != old.front {
        return None;
    }
    Some(Edit {
        lang: l,
        page: p,
        file,
    })
}

/// Renders the Markdown of every page showing an edited file's text (in any language), and
/// checks it; `None` when a rendering could change other pages ([`fits`]).
fn render_edits(last: &LastBuild, edits: &[Edit]) -> Option<Vec<Render>> {
    let site = &last.site;
    let mut renders = Vec::new();
    for e in edits {
        let edited = &site.languages[e.lang].pages[e.page];
        let (key, old_file) = (&edited.key, edited.file.as_ref()?);
        for (l, ls) in site.languages.iter().enumerate() {
            let Some(&p) = ls.by_key.get(key) else {
                continue;
            };
            let page = &ls.pages[p];
            if !page.file.as_ref().is_some_and(|f| Arc::ptr_eq(f, old_file)) {
                continue;
            }
            let base = figure_base(site, &last.rendered, l, p);
            let mut rendered = render_page(last, page, &e.file, base);
            settle_images(&last.links, &page.url, &mut rendered);
            if !fits(last, (l, p), &rendered) {
                return None;
            }
            renders.push(Render {
                at: (l, p),
                file: e.file.clone(),
                rendered,
            });
        }
    }
    Some(renders)
}

/// Renders `page`'s Markdown from `file`, for the page's own place, its figures numbered
/// after `figure_base` others.
fn render_page(last: &LastBuild, page: &Page, file: &SourceFile, figure_base: u32) -> Rendered {
    let fences = site_fences(&last.dataset);
    let mut rendered = markdown::render(&MdContext {
        file,
        lang: &page.lang,
        key: &page.key,
        root: &root_of(&page.url),
        fences: Fences::new(&fences),
        heading: last.templates.heading(),
        strings: &last.strings[&page.lang],
        markdown: last.site.config.markdown(),
        shortcodes: Some(PageShortcodes {
            set: &last.templates.shortcodes,
            figure_base,
            labels: &last.strings[&page.content_lang],
        }),
    });
    show_in_place(page, &mut rendered);
    rendered
}

/// Whether page `at`'s new rendering `r` leaves every other page as it was: no diagnostics
/// (now or before), the same headings (ids, and texts that anchors of other tools match),
/// other anchors, figures (the pages after it number theirs from its count) and tables,
/// and links that lead where they are written to, with nothing to report, now or
/// before (the last build's warnings are kept).
fn fits(last: &LastBuild, (l, p): (usize, usize), r: &Rendered) -> bool {
    let old = &last.rendered[l][p];
    if !r.diagnostics.is_empty()
        || !old.diagnostics.is_empty()
        || r.headings != old.headings
        || r.placed != old.placed
        || r.anchors != old.anchors
        || r.shortcodes.figures != old.shortcodes.figures
    {
        return false;
    }
    let settled = |r: &Rendered| links_settled(&last.site, &last.links, &last.rendered, (l, p), r);
    settled(r) && settled(old)
}

/// The new translation state of the translations of edited source pages (their state
/// follows the source's text), where it changed; `None` when the site has no source
/// language.
fn translation_states(site: &Site, edits: &[Edit]) -> Option<Vec<((usize, usize), Translation)>> {
    let source_code = site.config.source_language();
    let source = site
        .languages
        .iter()
        .position(|ls| ls.code == source_code)?;
    let mut states = Vec::new();
    for e in edits.iter().filter(|e| e.lang == source) {
        let key = &site.languages[source].pages[e.page].key;
        let current = translations::source_hash(&e.file);
        for (l, ls) in site.languages.iter().enumerate() {
            if l == source {
                continue;
            }
            let Some(&p) = ls.by_key.get(key) else {
                continue;
            };
            let page = &ls.pages[p];
            if page.content_lang != page.lang {
                continue;
            }
            let marked = page
                .file
                .as_ref()
                .and_then(|f| f.front.translation_of.clone());
            let state = match marked {
                Some(m) if m == current => Translation::UpToDate,
                marked => Translation::Stale {
                    marked,
                    current: current.clone(),
                },
            };
            if state != page.translation {
                states.push(((l, p), state));
            }
        }
    }
    Some(states)
}

/// Puts the new renderings and translation states into the last build and the Markdown
/// cache; returns what they touched.
fn apply(
    last: &mut LastBuild,
    md_cache: &mut MdCache,
    renders: Vec<Render>,
    states: Vec<((usize, usize), Translation)>,
) -> Touched {
    let mut touched = Touched {
        pages: Vec::new(),
        langs: Vec::new(),
        rendered: renders.len(),
    };
    for Render { at, file, rendered } in renders {
        let (l, p) = at;
        let page = &mut last.site.languages[l].pages[p];
        page.file = Some(file);
        let r = Arc::new(rendered);
        last.rendered[l][p] = r.clone();
        let fences = site_fences(&last.dataset);
        let entry = MdEntry::new(page, r, &Fences::new(&fences), last.global);
        md_cache.insert((page.lang.clone(), page.key.clone()), entry);
        touched.pages.push(at);
        if !touched.langs.contains(&l) {
            touched.langs.push(l);
        }
    }
    for (at, state) in states {
        last.site.languages[at.0].pages[at.1].translation = state;
        if !touched.pages.contains(&at) {
            touched.pages.push(at);
        }
    }
    touched.pages.sort_unstable();
    touched.langs.sort_unstable();
    touched
}

/// The figures of a quick rebuild from `last` that began at `start` and rendered the
/// Markdown of `rendered` pages.
fn quick_stats(
    last: &LastBuild,
    output: &Output,
    start: Instant,
    search_time: Duration,
    rendered: usize,
) -> BuildStats {
    BuildStats {
        files: output.len(),
        bytes: output.total_bytes(),
        elapsed: start.elapsed(),
        search_time,
        reused: last.stats.pages.iter().map(|(_, n)| n).sum::<usize>() - rendered,
        quick: true,
        ..last.stats.clone()
    }
}
