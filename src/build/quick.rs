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

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::{
    index_language, indexed_pages, search_inputs, update_print, BuildStats, Builder, Built,
};
use crate::data::DataSet;
use crate::diagnostics::Diagnostics;
use crate::i18n::UiStrings;
use crate::load::{self, SourceFile};
use crate::markdown::fences::Fences;
use crate::markdown::{self, MdContext, Rendered};
use crate::model::{PageKind, Site, Translation};
use crate::render::pages::{self, Inputs, MdEntry};
use crate::render::{root_of, Templates};
use crate::search;
use crate::theme::Theme;
use crate::translations;

/// What the last good build was made from.
pub(super) struct LastBuild {
    pub(super) site: Site,
    pub(super) rendered: Vec<Vec<Arc<Rendered>>>,
    pub(super) theme: Theme,
    pub(super) templates: Templates,
    pub(super) strings: BTreeMap<String, UiStrings>,
    pub(super) dataset: DataSet,
    pub(super) global: u64,
    pub(super) warnings: Diagnostics,
    pub(super) stats: BuildStats,
}

impl LastBuild {
    /// What page rendering reads, from this build.
    pub(super) fn inputs(&self) -> Inputs<'_> {
        Inputs {
            site: &self.site,
            data: &self.dataset,
            theme: &self.theme,
            templates: &self.templates,
            strings: &self.strings,
        }
    }
}

/// One edited chapter, read again.
struct Edit {
    /// Index of its language.
    lang: usize,
    /// Index of its page in that language.
    page: usize,
    file: Arc<SourceFile>,
}

impl Builder {
    /// Rebuilds from the last good build when the pending changes are body edits of known
    /// chapters only; `None` (with nothing changed in the builder) otherwise.
    pub(super) fn quick_build(&mut self, start: Instant) -> Option<Built> {
        let timings = std::env::var_os("SONGNGU_TIMINGS").is_some();
        if self.print_whole_pending {
            // print.html waits for a whole rendering: let the full build see to it.
            return None;
        }
        let last = self.last.as_ref()?;
        let output = self.last_output.as_ref()?;
        let root = std::fs::canonicalize(&self.opts.root).ok()?;
        let content_dir = root.join(load::CONTENT_DIR);
        let site = &last.site;

        // Every changed path must be a known chapter of a language, read without problems,
        // with the same front matter.
        let mut edits: Vec<Edit> = Vec::new();
        let mut read: Vec<PathBuf> = Vec::new();
        for path in &self.pending {
            let canon = std::fs::canonicalize(path).ok()?;
            read.push(canon.clone());
            let rel = canon.strip_prefix(&content_dir).ok()?;
            let mut parts = rel.components();
            let lang = parts.next()?.as_os_str().to_str()?.to_string();
            let rest = parts.as_path().to_str()?.replace('\\', "/");
            if !rest.ends_with(".md") || !canon.is_file() {
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
            let file = load::read_chapter_file(&lang, &rest, &canon).ok()?;
            if file.front != old.front {
                return None;
            }
            if file.source == old.source || edits.iter().any(|e| e.lang == l && e.page == p) {
                continue;
            }
            edits.push(Edit {
                lang: l,
                page: p,
                file,
            });
        }

        // Render the Markdown of every page showing an edited file's text, and check it.
        let inp = last.inputs();
        let fence_list = pages::site_fences(inp.data);
        let fences = Fences::new(&fence_list);
        // (language, page) -> new file and rendering.
        let mut renders: Vec<((usize, usize), Arc<SourceFile>, Rendered)> = Vec::new();
        for e in &edits {
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
                let r = markdown::render(&MdContext {
                    file: &e.file,
                    lang: &page.lang,
                    key: &page.key,
                    root: &root_of(&page.url),
                    fences,
                    heading: inp.templates.heading(),
                    strings: &inp.strings[&page.lang],
                });
                let old = &last.rendered[l][p];
                let ids =
                    |r: &Rendered| r.headings.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
                if !r.diagnostics.is_empty()
                    || !old.diagnostics.is_empty()
                    || ids(&r) != ids(old)
                    || r.placed != old.placed
                {
                    return None;
                }
                if page.content_lang == page.lang && !links_resolve(site, l, &r, &last.rendered) {
                    return None;
                }
                renders.push(((l, p), e.file.clone(), r));
            }
        }
        // Translations of edited source pages: their state follows the source's text.
        let source_code = site.config.source_language();
        let source = site
            .languages
            .iter()
            .position(|ls| ls.code == source_code)?;
        let mut states: Vec<((usize, usize), Translation)> = Vec::new();
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

        // Sure of the result now: apply it.
        let t_apply = Instant::now();
        let last = self.last.as_mut()?;
        let mut output = output.clone();
        let global = last.global;
        let renders_count = renders.len();
        let mut touched: Vec<(usize, usize)> = Vec::new();
        let mut md_langs: Vec<usize> = Vec::new();
        for ((l, p), file, r) in renders {
            let page = &mut last.site.languages[l].pages[p];
            page.file = Some(file);
            let r = Arc::new(r);
            last.rendered[l][p] = r.clone();
            let fence_list = pages::site_fences(&last.dataset);
            let entry = MdEntry::new(page, r, &Fences::new(&fence_list), global);
            self.md_cache
                .insert((page.lang.clone(), page.key.clone()), entry);
            touched.push((l, p));
            if !md_langs.contains(&l) {
                md_langs.push(l);
            }
        }
        for ((l, p), state) in states {
            last.site.languages[l].pages[p].translation = state;
            if !touched.contains(&(l, p)) {
                touched.push((l, p));
            }
        }
        touched.sort_unstable();
        md_langs.sort_unstable();
        let last = self.last.as_ref()?;
        let inp = last.inputs();
        // From here on the builder's caches already changed: a failure means "build it all".
        let files = match pages::render_selected(
            &inp,
            &last.rendered,
            &self.md_cache,
            global,
            &mut self.page_cache,
            &touched,
        ) {
            Ok(f) => f,
            Err(_) => {
                self.last = None;
                return None;
            }
        };
        for (path, bytes) in files {
            output.insert_shared(path, bytes);
        }
        let t_pages = Instant::now();

        let print_pages: Vec<(usize, usize)> = touched
            .iter()
            .copied()
            .filter(|(l, _)| md_langs.contains(l))
            .collect();
        if self.opts.defer_search {
            // The server sends the reload first and asks for these right after.
            self.print_pending.extend(print_pages);
        } else {
            match update_print(last, &self.md_cache, &mut self.print_cache, &print_pages) {
                Some(files) => output.insert_all(files),
                None => {
                    self.last = None;
                    return None;
                }
            }
        }
        let t_print = Instant::now();

        // The search index of the languages whose text changed.
        let search_start = Instant::now();
        let mut fresh = Vec::new();
        // Without a search index (`[search] enabled = false`) there is nothing to update.
        let search_langs: &[usize] = if last.site.config.search_enabled() {
            &md_langs
        } else {
            &[]
        };
        for &l in search_langs {
            let code = &last.site.languages[l].code;
            if self.opts.defer_search && self.search_cache.contains_key(code) {
                // Planned (fingerprint, pages) after the reload, by `take_deferred`.
                if !self.search_pending.contains(&l) {
                    self.search_pending.push(l);
                }
                continue;
            }
            let ls = &last.site.languages[l];
            let (fp, indexed) = search_inputs(ls, &self.md_cache);
            if self
                .search_cache
                .get(code)
                .is_some_and(|(old, _)| *old == fp)
            {
                continue;
            }
            fresh.push((
                code.clone(),
                fp,
                indexed_pages(ls, &indexed, &last.rendered[l]),
            ));
        }
        for (lang, fp, pages) in fresh {
            let files = index_language(&lang, pages, None);
            output.remove_prefix(&format!("{}/{lang}/", search::OUTPUT_DIR));
            for (path, bytes) in &files {
                output.insert_shared(path.clone(), bytes.clone());
            }
            self.search_cache.insert(lang, (fp, files));
        }
        let search_time = search_start.elapsed();

        // The loader's copy of the edited files is out of date: it reads them again next time.
        self.pending.clear();
        self.loader.forget_files(&read);
        let t_forget = Instant::now();
        self.last_output = Some(output.clone());
        let stats = BuildStats {
            files: output.len(),
            bytes: output.total_bytes(),
            elapsed: start.elapsed(),
            search_time,
            reused: last.stats.pages.iter().map(|(_, n)| n).sum::<usize>() - renders_count,
            quick: true,
            ..last.stats.clone()
        };
        if timings {
            let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
            eprintln!(
                "  quick: check {:.1} ms, pages {:.1} ms ({} pages), print {:.1} ms, search {:.1} ms, finish {:.1} ms",
                ms(start, t_apply),
                ms(t_apply, t_pages),
                touched.len(),
                ms(t_pages, t_print),
                search_time.as_secs_f64() * 1e3,
                ms(t_forget, Instant::now())
            );
        }
        Some(Built {
            output,
            warnings: last.warnings.clone(),
            stats,
        })
    }
}

/// Whether every link of `r` (a page of language `l`) reaches a page and heading that exist.
fn links_resolve(site: &Site, l: usize, r: &Rendered, rendered: &[Vec<Arc<Rendered>>]) -> bool {
    let ls = &site.languages[l];
    r.links.iter().all(|link| {
        let Some(&target) = ls.by_key.get(&link.key) else {
            return false;
        };
        match &link.anchor {
            None => true,
            Some(a) => {
                a == "content"
                    || a.starts_with("fn-")
                    || a.starts_with("fnref-")
                    || rendered[l][target].headings.iter().any(|h| h.id == *a)
            }
        }
    })
}
