//! The one-shot build (`songngu build`, see [`Builder::stream_into`]): every stage runs once,
//! each file is written as soon as it is made, and nothing is kept for a next build, so the
//! build never holds the whole site in memory.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::diagnostics::Diagnostics;
use crate::load::{Content, Loader};
use crate::markdown::Rendered;
use crate::model::Site;
use crate::output::Output;
use crate::render::markdown::MdCache;
use crate::render::pages::PageCache;
use crate::render::print::PrintCache;
use crate::timings::Stages;

use super::pipeline::{self, Markdown, Prepared};
use super::{index, BuildStats, Builder, Built};

impl Builder {
    /// Builds the site into a streaming output writing under `dir`, reading `changed` again
    /// when given. Uses no cache and fills none.
    pub(super) fn one_shot_build(
        &mut self,
        start: Instant,
        dir: &Path,
        changed: &[PathBuf],
    ) -> Result<Built, Diagnostics> {
        let mut stages = Stages::start(start);
        let mut diags = Vec::new();
        let Some(prepared) = pipeline::prepare(
            &mut self.loader,
            &self.opts.root,
            self.opts.drafts,
            changed,
            &MdCache::new(),
            &mut stages,
            &mut diags,
        ) else {
            return Err(diags.into());
        };
        let mut output = Output::streaming(dir);
        pipeline::pages(&prepared, &PageCache::new(), &mut output, &mut diags);
        stages.lap("pages");
        pipeline::print(&prepared, &PrintCache::default(), &mut output, &mut diags);
        stages.lap("print");
        pipeline::extras(&prepared, None, &mut output, &mut diags);
        stages.lap("extras");

        let search_start = Instant::now();
        let jobs = index::one_shot_jobs(&prepared.site, &prepared.markdown.rendered);
        let Prepared {
            sources,
            mut site,
            markdown,
            ..
        } = prepared;
        let reused = markdown.reused;
        // Only rendered text is indexed: the sources can go before the index.
        self.free_in_background(sources.content, markdown, &mut site, !jobs.is_empty());
        index::write_all(jobs, &output);
        let search_time = search_start.elapsed();
        stages.lap("search");

        let warnings: Diagnostics = diags.into();
        if warnings.has_errors() {
            return Err(warnings);
        }
        stages.lap("finish");
        let tables = sources.dataset.len();
        let stats = BuildStats::of_full_build(&site, tables, &output, start, search_time, reused);
        Ok(Built {
            output,
            warnings,
            stats,
        })
    }

    /// Gives back the memory of what a one-shot build needs no more once its pages are
    /// written (the loader, the sources, the Markdown renderings) before the index, the
    /// stage that needs the most. With `indexing`, the index holds the only references to
    /// the pages' HTML and frees each page's once counted.
    ///
    /// The memory is freed on a thread of its own: freeing it one allocation at a time here
    /// would hold up the index, or the end of the build (measured, see docs/BENCHMARKS.md).
    fn free_in_background(
        &mut self,
        content: Content,
        mut markdown: Markdown,
        site: &mut Site,
        indexing: bool,
    ) {
        let loader = std::mem::replace(&mut self.loader, Loader::new());
        let files: Vec<_> = site
            .languages
            .iter_mut()
            .flat_map(|ls| ls.pages.iter_mut().filter_map(|p| p.file.take()))
            .collect();
        let mut html = std::mem::take(&mut markdown.rendered);
        if indexing {
            // The indexer must hold the only references to the pages' HTML: it takes each
            // page's by value and lets it go once counted. The others go now.
            let none = Arc::new(Rendered::default());
            for e in markdown.cache.values_mut() {
                e.rendered = none.clone();
            }
            html = Vec::new();
        }
        let md = markdown.cache;
        // Should no thread be had, the data goes with the refused closure, here.
        let _ = std::thread::Builder::new()
            .name("songngu-free".to_string())
            .spawn(move || drop((loader, content, md, files, html)));
    }
}
