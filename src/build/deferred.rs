//! Work a preview build leaves for right after the reload ([`super::BuildOptions::preview`]):
//! the search index of changed languages, and `print.html` when only content changed.
//!
//! A server takes the search indexing with [`Builder::take_deferred`] (to run on a thread of
//! its own) and hands the result back with [`Builder::accept_search`]; it holds back the
//! files [`Builder::pending_paths`] names until [`Builder::finish_pending`] made them.
//! [`Builder::finish_deferred`] does all of it at once.

use crate::model::Site;
use crate::output::Output;
use crate::render::markdown::{md_fp, MdCache};
use crate::render::pages::SharedFile;
use crate::render::print::{self, PrintCache};

use super::index::{self, stale_search_job, SearchJob};
use super::{Builder, LastBuild};

/// What the last build left for later.
#[derive(Default)]
pub(super) struct Deferred {
    /// Indexes of changed languages, to build: the last full build planned them.
    pub(super) search_jobs: Vec<SearchJob>,
    /// Languages (indexes) whose search index a quick rebuild left, planned into
    /// `search_jobs` by [`Builder::take_deferred`].
    pub(super) search_langs: Vec<usize>,
    /// Pages (language index, page index) whose new HTML a quick rebuild left out of
    /// `print.html`.
    pub(super) print_pages: Vec<(usize, usize)>,
    /// Whether a full build left every language's `print.html` (theme, strings and
    /// configuration unchanged: only content changed).
    pub(super) print_all: bool,
}

impl Builder {
    /// Takes the search indexing that the last build deferred (see
    /// [`super::BuildOptions::preview`]), to run anywhere, even on another thread; hand its
    /// result back with [`Builder::accept_search`]. `None` when nothing was deferred.
    pub fn take_deferred(&mut self) -> Option<DeferredSearch> {
        self.plan_quick_search();
        if self.deferred.search_jobs.is_empty() {
            return None;
        }
        Some(DeferredSearch {
            jobs: std::mem::take(&mut self.deferred.search_jobs),
        })
    }

    /// Takes in search indexes built from [`Builder::take_deferred`]: they become the cached
    /// index of their language and replace its files in the last output.
    pub fn accept_search(&mut self, update: &SearchUpdate) {
        if let Some(output) = &mut self.last_output {
            update.apply_to(output);
        }
        for (lang, fp, files) in &update.languages {
            self.caches
                .search
                .insert(lang.clone(), (*fp, files.clone()));
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
    /// [`Builder::finish_pending`] returns (see [`super::BuildOptions::preview`]): the
    /// `print.html` of languages whose pages changed. A server holds back requests for them
    /// until then.
    pub fn pending_paths(&self) -> Vec<String> {
        let Some(last) = &self.last else {
            return Vec::new();
        };
        let mut langs: Vec<usize> = if self.deferred.print_all {
            (0..last.site.languages.len()).collect()
        } else {
            self.deferred.print_pages.iter().map(|&(l, _)| l).collect()
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
        let pages = std::mem::take(&mut self.deferred.print_pages);
        let all = std::mem::take(&mut self.deferred.print_all);
        let Some(last) = &self.last else {
            return Vec::new();
        };
        let files = if all {
            let (files, cache) = print_all(last, &self.caches.markdown, &self.caches.print);
            self.caches.print = cache;
            files
        } else {
            update_print(last, &self.caches.markdown, &mut self.caches.print, &pages)
                .unwrap_or_default()
        };
        if let Some(output) = &mut self.last_output {
            for (path, bytes) in &files {
                output.insert_shared(path.clone(), bytes.clone());
            }
        }
        files
    }

    /// Turns the languages a quick rebuild left in `search_langs` into search jobs.
    fn plan_quick_search(&mut self) {
        let langs = std::mem::take(&mut self.deferred.search_langs);
        let Some(last) = &self.last else {
            return;
        };
        for l in langs {
            let code = &last.site.languages[l].code;
            self.deferred.search_jobs.retain(|job| job.lang != *code);
            let job = stale_search_job(last, l, &self.caches.markdown, &self.caches.search);
            self.deferred.search_jobs.extend(job);
        }
    }
}

/// Every language's `print.html`, rendered from the last build, and the new print cache.
fn print_all(
    last: &LastBuild,
    md_cache: &MdCache,
    cache: &PrintCache,
) -> (Vec<SharedFile>, PrintCache) {
    let md_fp = |lang: &str, key: &str| md_fp(md_cache, lang, key);
    let (files, cache, diags) = print::render_print(
        &last.inputs(),
        &last.rendered,
        &md_fp,
        last.global,
        cache,
        None,
    );
    // The templates are the last full build's, which rendered print.html without error;
    // should one appear all the same, say so and keep the previous file.
    for d in &diags {
        eprintln!("warning: print.html: {}", d.to_plain());
    }
    (files, cache)
}

/// Puts the new HTML of `pages` ((language, page) pairs) into the cached `print.html` of
/// their languages ([`print::update_pages`]) and returns the new files; `None` when the
/// cache holds no file for one of the languages.
pub(super) fn update_print(
    last: &LastBuild,
    md_cache: &MdCache,
    print_cache: &mut PrintCache,
    pages: &[(usize, usize)],
) -> Option<Vec<SharedFile>> {
    let inp = last.inputs();
    let md_fp = |lang: &str, key: &str| md_fp(md_cache, lang, key);
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

/// The `print.html` of every language of `site` as `last_output` holds it: what a preview
/// build serves until [`Builder::finish_pending`] made the new ones.
pub(super) fn previous_print(site: &Site, last_output: Option<&Output>) -> Vec<SharedFile> {
    site.languages
        .iter()
        .filter_map(|ls| {
            let path = format!("{}/print.html", ls.code);
            let bytes = last_output?.get_shared(&path)?.clone();
            Some((path, bytes))
        })
        .collect()
}

/// Search indexing left for after a build: see [`Builder::take_deferred`].
pub struct DeferredSearch {
    jobs: Vec<SearchJob>,
}

impl DeferredSearch {
    /// Builds the indexes.
    pub fn run(self) -> SearchUpdate {
        SearchUpdate {
            languages: self.jobs.into_iter().map(SearchJob::run).collect(),
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
            index::replace_in(output, lang, files);
        }
    }
}
