//! The build pipeline: load -> model -> render -> output.
//!
//! [`Builder`] is the API: `songngu build` and `serve` make one, and call
//! [`Builder::build`]. A build takes one of three paths:
//!
//! - the one-shot build ([`Builder::stream_into`], `songngu build`): every stage runs once,
//!   each file is written as soon as it is made, nothing is kept;
//! - the cached build (`serve`): every stage runs, reusing what the caches hold for inputs
//!   that did not change, and keeps its results for the next build, in memory;
//! - the quick path of a cached rebuild, when the changed files ([`Builder::invalidate`]) are
//!   only edits of chapters' bodies: only the pages that show their text are made again.
//!
//! The first two share the stage functions of `pipeline` (load, model, markdown, links,
//! pages, print, extras) and `index` (the search index), called in that order. With
//! [`BuildOptions::preview`], a build leaves some work for right after the preview's reload
//! (`deferred`). Each stage's time is printed when [`crate::timings::enabled`].

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::data::DataSet;
use crate::diagnostics::Diagnostics;
use crate::i18n::UiStrings;
use crate::load::Loader;
use crate::markdown::Rendered;
use crate::model::Site;
use crate::output::Output;
use crate::render::markdown::MdCache;
use crate::render::pages::{Inputs, PageCache};
use crate::render::print::PrintCache;
use crate::render::Templates;
use crate::theme::Theme;

mod cached;
mod deferred;
mod index;
mod one_shot;
mod pipeline;
mod quick;
mod stats;

pub use deferred::{DeferredSearch, SearchUpdate};
pub use stats::{human_bytes, human_duration, BuildStats};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: the folder holding `content/` (and optionally `theme/`).
    pub root: PathBuf,
    /// Whether to include pages marked `draft = true`.
    pub drafts: bool,
    /// Build for the live preview: [`Builder::build`] returns the changed pages as soon as
    /// they are made and leaves for right after the reload what the reload need not wait for:
    ///
    /// - the search index of a changed language (the previous one is served until then):
    ///   [`Builder::take_deferred`] hands the work out, [`Builder::accept_search`] takes the
    ///   result in;
    /// - `print.html`, when only content changed: [`Builder::pending_paths`] names the files
    ///   held back, [`Builder::finish_pending`] makes them.
    ///
    /// [`Builder::finish_deferred`] does both at once. The first build makes everything.
    pub preview: bool,
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

/// Runs the pipeline; keeps caches between runs unless it streams ([`Builder::stream_into`]).
pub struct Builder {
    opts: BuildOptions,
    loader: Loader,
    /// Paths the watcher reported changed, not yet rebuilt (see [`Builder::invalidate`]).
    changed_paths: Vec<PathBuf>,
    /// What the last good cached build made, for the stages of the next one.
    caches: Caches,
    /// Work the last build left for later ([`BuildOptions::preview`]).
    deferred: deferred::Deferred,
    /// The last cached build's output, brought up to date by the deferred work.
    last_output: Option<Output>,
    /// Where files go as soon as they are made, for one-shot builds (see
    /// [`Builder::stream_into`]).
    stream: Option<PathBuf>,
    /// What the last good build was made from, for quick rebuilds and deferred work; `None`
    /// after a failed build, so that the next one looks at everything again.
    last: Option<LastBuild>,
}

/// The results of each stage of the last good cached build, with the fingerprints of their
/// inputs, for the next build to reuse.
#[derive(Default)]
struct Caches {
    /// Every page's Markdown rendering.
    markdown: MdCache,
    /// Every page's HTML.
    pages: PageCache,
    /// Each language's `print.html`, by pieces.
    print: PrintCache,
    /// Each language's search index files.
    search: index::SearchCache,
    /// The table-of-contents scripts and the sitemap.
    tree: Option<pipeline::TreeFiles>,
}

/// What the last good cached build was made from.
struct LastBuild {
    site: Site,
    /// Every page's Markdown rendering, indexed like `site.languages[l].pages[p]`.
    rendered: Vec<Vec<Arc<Rendered>>>,
    theme: Theme,
    templates: Templates,
    strings: std::collections::BTreeMap<String, UiStrings>,
    dataset: DataSet,
    /// What the build published, for checking the links of pages edited in a quick rebuild.
    links: Arc<crate::render::link_index::LinkIndex>,
    /// Fingerprint of what every page depends on (theme, strings, configuration).
    global: u64,
    warnings: Diagnostics,
    stats: BuildStats,
}

impl LastBuild {
    /// What page rendering reads, from this build.
    fn inputs(&self) -> Inputs<'_> {
        Inputs {
            site: &self.site,
            data: &self.dataset,
            theme: &self.theme,
            templates: &self.templates,
            strings: &self.strings,
        }
    }
}

impl Builder {
    /// A builder for `opts` with empty caches.
    pub fn new(opts: BuildOptions) -> Builder {
        Builder {
            opts,
            loader: Loader::new(),
            changed_paths: Vec::new(),
            caches: Caches::default(),
            deferred: deferred::Deferred::default(),
            last_output: None,
            stream: None,
            last: None,
        }
    }

    /// Makes the builds write every file under `dir` as soon as it is made, instead of
    /// returning the site in [`Built::output`] (which is then a streaming output that only
    /// counts, see [`Output::streaming`]; check [`Output::finish`] for write errors), and
    /// keep no caches: a one-shot build (`songngu build`) then holds a fraction of the site
    /// in memory. Call it before the first build. `dir` should be a
    /// [`crate::output::Staging`] folder, swapped in only when the build succeeds.
    pub fn stream_into(&mut self, dir: PathBuf) {
        self.stream = Some(dir);
    }

    /// Tells the builder that these files or folders changed, so that the next build reads
    /// them again whatever their modification time says (editors and fast successive saves
    /// can leave size and time unchanged).
    ///
    /// After `invalidate`, the next build trusts the list: when the paths are edits of the
    /// bodies of known chapters it takes the quick path; when they are edits of known
    /// chapters (or data tables, or theme files) it reads only those chapters instead of
    /// looking at every file; new, deleted and renamed files make it look at everything.
    pub fn invalidate(&mut self, paths: &[PathBuf]) {
        self.changed_paths.extend(paths.iter().cloned());
    }

    /// The options this builder was made with.
    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Builds the site. `Err` holds every diagnostic (at least one error, and the warnings)
    /// when the site has errors; nothing is returned half-built.
    pub fn build(&mut self) -> Result<Built, Diagnostics> {
        let start = Instant::now();
        if !self.changed_paths.is_empty() {
            if let Some(built) = self.quick_build(start) {
                return Ok(built);
            }
        }
        let changed = std::mem::take(&mut self.changed_paths);
        let result = match self.stream.clone() {
            Some(dir) => self.one_shot_build(start, &dir, &changed),
            None => self.cached_build(start, &changed),
        };
        if result.is_err() {
            self.last = None;
        }
        result
    }
}
