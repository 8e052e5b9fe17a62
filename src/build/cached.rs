//! The cached build (the preview's full rebuild): every stage runs, reusing what the
//! builder's caches hold for inputs that did not change, and the results are kept for the
//! next build, quick ([`super::quick`]) or not. With [`super::BuildOptions::preview`], work
//! the reload need not wait for is left for later ([`super::deferred`]).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Output;
use crate::render::pages::PageCache;
use crate::render::print::PrintCache;
use crate::timings::Stages;

use super::deferred::{self, Deferred};
use super::index::{self, SearchPlan};
use super::pipeline::{self, Prepared, TreeFiles};
use super::{BuildStats, Builder, Built, Caches, LastBuild};

impl Builder {
    /// Builds the site in memory, reading `changed` again when given, with the builder's
    /// caches; keeps the results for the next build.
    pub(super) fn cached_build(
        &mut self,
        start: Instant,
        changed: &[PathBuf],
    ) -> Result<Built, Diagnostics> {
        let mut stages = Stages::start(start);
        let mut diags = Vec::new();
        let Some(prepared) = pipeline::prepare(
            &mut self.loader,
            &self.opts.root,
            self.opts.drafts,
            changed,
            &self.caches.markdown,
            &mut stages,
            &mut diags,
        ) else {
            return Err(diags.into());
        };
        let mut output = Output::new();
        let page_cache = pipeline::pages(&prepared, &self.caches.pages, &mut output, &mut diags);
        stages.lap("pages");
        let (print_cache, print_later) = self.print(&prepared, &mut output, &mut diags);
        stages.lap("print");
        let tree = pipeline::extras(&prepared, self.caches.tree.take(), &mut output, &mut diags);
        stages.lap("extras");

        let search_start = Instant::now();
        let search = self.search(&prepared, &mut output);
        let search_time = search_start.elapsed();
        stages.lap("search");

        let warnings: Diagnostics = diags.into();
        if warnings.has_errors() {
            return Err(warnings);
        }
        let made = Made {
            output,
            warnings,
            page_cache,
            print_cache,
            print_later,
            tree,
            search,
            search_time,
        };
        Ok(self.keep(start, prepared, made, &mut stages))
    }

    /// The print stage: renders each language's `print.html` into `output`, or (preview,
    /// when only content changed since the last build) puts the previous files there and
    /// leaves the new ones for later. Returns the print cache and whether they were left.
    fn print(
        &mut self,
        prepared: &Prepared,
        output: &mut Output,
        diags: &mut Vec<Diagnostic>,
    ) -> (PrintCache, bool) {
        // Same templates and strings as the last good build: print.html cannot fail where
        // it did not.
        let later = self.opts.preview
            && self
                .last
                .as_ref()
                .is_some_and(|l| l.global == prepared.global);
        if !later {
            let cache = pipeline::print(prepared, &self.caches.print, output, diags);
            return (cache, false);
        }
        output.insert_all(deferred::previous_print(
            &prepared.site,
            self.last_output.as_ref(),
        ));
        (std::mem::take(&mut self.caches.print), true)
    }

    /// The search stage: builds the indexes of the languages whose pages changed (with
    /// [`super::BuildOptions::preview`], a changed language keeps serving its previous index
    /// and the new one is left for later) and puts every language's index into `output`.
    fn search(&self, prepared: &Prepared, output: &mut Output) -> SearchPlan {
        let mut plan = index::plan(
            &prepared.site,
            &prepared.markdown.rendered,
            &prepared.markdown.cache,
            &self.caches.search,
            self.opts.preview,
        );
        index::build_into(std::mem::take(&mut plan.now), &mut plan.kept);
        for (_, files) in plan.kept.values() {
            output.insert_all(files.clone());
        }
        plan
    }

    /// Keeps what a successful build made for the next one, and returns the build.
    fn keep(
        &mut self,
        start: Instant,
        prepared: Prepared,
        made: Made,
        stages: &mut Stages,
    ) -> Built {
        let Prepared {
            sources,
            site,
            global,
            markdown,
            links,
        } = prepared;
        self.deferred = Deferred {
            search_jobs: made.search.later,
            print_all: made.print_later,
            ..Deferred::default()
        };
        self.caches = Caches {
            markdown: markdown.cache,
            pages: made.page_cache,
            print: made.print_cache,
            search: made.search.kept,
            tree: Some(made.tree),
        };
        self.last_output = Some(made.output.clone());
        stages.lap("finish");
        let tables = sources.dataset.len();
        let (output, search_time) = (made.output, made.search_time);
        let stats =
            BuildStats::of_full_build(&site, tables, &output, start, search_time, markdown.reused);
        self.last = Some(LastBuild {
            site,
            rendered: markdown.rendered,
            theme: sources.theme,
            templates: sources.templates,
            strings: sources.strings,
            dataset: sources.dataset,
            links,
            global,
            warnings: made.warnings.clone(),
            stats: stats.clone(),
        });
        Built {
            output,
            warnings: made.warnings,
            stats,
        }
    }
}

/// What the output stages of a successful cached build made.
struct Made {
    output: Output,
    /// The build's diagnostics: warnings only.
    warnings: Diagnostics,
    page_cache: PageCache,
    print_cache: PrintCache,
    /// Whether every language's `print.html` was left for later.
    print_later: bool,
    tree: TreeFiles,
    search: SearchPlan,
    search_time: Duration,
}
