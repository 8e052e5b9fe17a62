//! The search stage: which languages' indexes to build, and building them, in memory (the
//! cached build, the quick path and deferred work) or straight into a streaming output (the
//! one-shot build).

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::markdown::Rendered;
use crate::model::{LanguageSite, Site};
use crate::output::Output;
use crate::render::markdown::{md_fp, MdCache};
use crate::render::pages::SharedFile;
use crate::search::{self, SearchPage};

/// Search index files per language, with the fingerprint of the pages they were built from.
pub(super) type SearchCache = HashMap<String, (u64, Vec<SharedFile>)>;

/// A page as the search index needs it, owned so that indexing can wait (see
/// [`super::BuildOptions::preview`]).
pub(super) struct IndexedPage {
    lang: String,
    url: String,
    title: String,
    breadcrumb: Vec<String>,
    rendered: Arc<Rendered>,
    weight: f32,
}

/// The search index of one language, to build.
pub(super) struct SearchJob {
    /// The language's code.
    pub(super) lang: String,
    /// Fingerprint of what its pages were made from ([`search_inputs`]).
    pub(super) fp: u64,
    /// Its pages.
    pub(super) pages: Vec<IndexedPage>,
}

impl SearchJob {
    /// The job of language `ls`, whose pages `indexed` are in its index and whose pages'
    /// renderings are `rendered`.
    pub(super) fn new(
        ls: &LanguageSite,
        fp: u64,
        indexed: &[usize],
        rendered: &[Arc<Rendered>],
    ) -> SearchJob {
        SearchJob {
            lang: ls.code.clone(),
            fp,
            pages: indexed_pages(ls, indexed, rendered),
        }
    }

    /// Builds the index in memory: (language, fingerprint, files).
    pub(super) fn run(self) -> (String, u64, Vec<SharedFile>) {
        let files = index_language(&self.lang, &self.pages);
        (self.lang, self.fp, files)
    }
}

/// The languages that have a search index (indexes and languages): all of them, or none
/// with `[search] enabled = false`.
pub(super) fn indexed_languages(site: &Site) -> impl Iterator<Item = (usize, &LanguageSite)> {
    let n = if site.config.search_enabled() {
        site.languages.len()
    } else {
        0
    };
    site.languages.iter().enumerate().take(n)
}

/// The job that indexes language `l` of `last` again, or none when `cache` holds its index
/// for the same inputs.
pub(super) fn stale_search_job(
    last: &super::LastBuild,
    l: usize,
    md_cache: &MdCache,
    cache: &SearchCache,
) -> Option<SearchJob> {
    let ls = &last.site.languages[l];
    let (fp, indexed) = search_inputs(ls, md_cache);
    if cache.get(&ls.code).is_some_and(|(old, _)| *old == fp) {
        return None;
    }
    Some(SearchJob::new(ls, fp, &indexed, &last.rendered[l]))
}

/// What language `ls`'s search index is built from: the fingerprint of its inputs and the
/// indexes of the pages it holds ([`indexed_of`]).
pub(super) fn search_inputs(ls: &LanguageSite, md_cache: &MdCache) -> (u64, Vec<usize>) {
    let indexed = indexed_of(ls);
    let md_fp = |i: usize| md_fp(md_cache, &ls.pages[i].lang, &ls.pages[i].key);
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

/// The pages in language `ls`'s index. A page shown in place of a missing translation is
/// not: its text is in the other language.
fn indexed_of(ls: &LanguageSite) -> Vec<usize> {
    (0..ls.pages.len())
        .filter(|&i| ls.pages[i].content_lang == ls.pages[i].lang)
        .collect()
}

/// Owned copies of the pages `indexed` of `ls`, for indexing now or later.
fn indexed_pages(
    ls: &LanguageSite,
    indexed: &[usize],
    rendered: &[Arc<Rendered>],
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

/// What the search stage of a cached build does with each language's index.
#[derive(Default)]
pub(super) struct SearchPlan {
    /// Index files to serve: the unchanged languages' and, when indexing waits, the changed
    /// languages' previous ones.
    pub(super) kept: SearchCache,
    /// Indexes to build now.
    pub(super) now: Vec<SearchJob>,
    /// Indexes to build after the build ([`super::Builder::take_deferred`]).
    pub(super) later: Vec<SearchJob>,
}

/// Plans the search stage of a cached build: a language's index is built again only when
/// one of its pages changed since the index in `cache` was made; with `wait`, a changed
/// language keeps serving its previous index and the new one is built later.
pub(super) fn plan(
    site: &Site,
    rendered: &[Vec<Arc<Rendered>>],
    md_cache: &MdCache,
    cache: &SearchCache,
    wait: bool,
) -> SearchPlan {
    let mut plan = SearchPlan::default();
    for (l, ls) in indexed_languages(site) {
        let (fp, indexed) = search_inputs(ls, md_cache);
        let job = || SearchJob::new(ls, fp, &indexed, &rendered[l]);
        match cache.get(&ls.code) {
            Some((old, files)) if *old == fp => {
                plan.kept.insert(ls.code.clone(), (fp, files.clone()));
            }
            Some((old, files)) if wait => {
                plan.kept.insert(ls.code.clone(), (*old, files.clone()));
                plan.later.push(job());
            }
            _ => plan.now.push(job()),
        }
    }
    plan
}

/// Builds the indexes of `jobs` in memory, in parallel, into `cache`.
pub(super) fn build_into(jobs: Vec<SearchJob>, cache: &mut SearchCache) {
    let built: Vec<(String, u64, Vec<SharedFile>)> =
        jobs.into_par_iter().map(SearchJob::run).collect();
    for (lang, fp, files) in built {
        cache.insert(lang, (fp, files));
    }
}

/// Replaces language `lang`'s index files in `output` with `files`.
pub(super) fn replace_in(output: &mut Output, lang: &str, files: &[SharedFile]) {
    output.remove_prefix(&format!("{}/{lang}/", search::OUTPUT_DIR));
    for (path, bytes) in files {
        output.insert_shared(path.clone(), bytes.clone());
    }
}

/// The pages of every language that has an index, for a one-shot build (which keeps no
/// index for a next build, so needs no fingerprint): (language, pages).
pub(super) fn one_shot_jobs(
    site: &Site,
    rendered: &[Vec<Arc<Rendered>>],
) -> Vec<(String, Vec<IndexedPage>)> {
    indexed_languages(site)
        .map(|(l, ls)| {
            (
                ls.code.clone(),
                indexed_pages(ls, &indexed_of(ls), &rendered[l]),
            )
        })
        .collect()
}

/// Builds the indexes of `jobs` ((language, pages)) in parallel, writing each file into the
/// streaming `output` as soon as it is made. Each page's HTML is let go as soon as it is
/// counted: the indexer should hold its only reference (the last use of it in a one-shot
/// build).
pub(super) fn write_all(jobs: Vec<(String, Vec<IndexedPage>)>, output: &Output) {
    jobs.into_par_iter()
        .for_each(|(lang, pages)| write_language(&lang, pages, output));
}

/// The pages as the index reads them, borrowed from `pages`.
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

/// Builds the search index of one language in memory; returns its files.
fn index_language(lang: &str, pages: &[IndexedPage]) -> Vec<SharedFile> {
    let sp = search_pages(pages);
    let refs: Vec<&SearchPage> = sp.iter().collect();
    search::index::build_language(&refs, lang)
        .into_iter()
        .map(|(path, bytes)| (path, Arc::from(bytes)))
        .collect()
}

/// Builds the search index of one language into the streaming `out`, each file written as
/// soon as it is made; the pages' HTML is taken by value and freed run by run once counted.
fn write_language(lang: &str, mut pages: Vec<IndexedPage>, out: &Output) {
    let empty = Arc::new(Rendered::default());
    let html: Vec<String> = pages
        .iter_mut()
        .map(|p| {
            let rendered = std::mem::replace(&mut p.rendered, empty.clone());
            Arc::try_unwrap(rendered)
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
}
