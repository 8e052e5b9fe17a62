//! What the preview builds from: a [`SiteSource`], normally the site's
//! [`Builder`](crate::build::Builder), a closure in tests and benchmarks.

use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::Diagnostics;
use crate::output::Output;

/// Something that builds the site on demand: normally [`crate::build::Builder`]; tests and
/// benchmarks can use a closure.
pub trait SiteSource {
    /// Builds the whole site. `Ok` carries the output and any warnings; `Err` the
    /// diagnostics of a failed build (at least one error).
    fn build_site(&mut self) -> Result<(Output, Diagnostics), Diagnostics>;

    /// Told before a rebuild which paths changed (relative to the site root, `/`-separated),
    /// so that caches do not trust a size and modification time that a fast save left
    /// unchanged. Does nothing by default.
    fn invalidate(&mut self, _changed: &[String]) {}

    /// Work a build left for after the reload (the search index), to run on another
    /// thread. Nothing by default.
    fn take_deferred(&mut self) -> Option<crate::build::DeferredSearch> {
        None
    }

    /// Takes back the result of a deferred job. Nothing by default.
    fn accept_deferred(&mut self, _update: &crate::build::SearchUpdate) {}

    /// Paths that the last build returned out of date, to be replaced right after the
    /// reload by what [`SiteSource::finish_pending`] returns; requests for them wait until
    /// then. None by default.
    fn pending_paths(&self) -> Vec<String> {
        Vec::new()
    }

    /// Makes the files [`SiteSource::pending_paths`] named. Nothing by default.
    fn finish_pending(&mut self) -> Vec<(String, Arc<[u8]>)> {
        Vec::new()
    }
}

impl<F> SiteSource for F
where
    F: FnMut() -> Result<(Output, Diagnostics), Diagnostics>,
{
    fn build_site(&mut self) -> Result<(Output, Diagnostics), Diagnostics> {
        self()
    }
}

impl SiteSource for crate::build::Builder {
    fn build_site(&mut self) -> Result<(Output, Diagnostics), Diagnostics> {
        self.build().map(|b| (b.output, b.warnings))
    }

    fn invalidate(&mut self, changed: &[String]) {
        // Joined to the root exactly as the builder was given it, so that the paths have
        // the same form as the ones it read.
        let root = self.options().root.clone();
        let paths: Vec<PathBuf> = changed.iter().map(|rel| root.join(rel)).collect();
        crate::build::Builder::invalidate(self, &paths);
    }

    fn take_deferred(&mut self) -> Option<crate::build::DeferredSearch> {
        crate::build::Builder::take_deferred(self)
    }

    fn accept_deferred(&mut self, update: &crate::build::SearchUpdate) {
        crate::build::Builder::accept_search(self, update)
    }

    fn pending_paths(&self) -> Vec<String> {
        crate::build::Builder::pending_paths(self)
    }

    fn finish_pending(&mut self) -> Vec<(String, Arc<[u8]>)> {
        crate::build::Builder::finish_pending(self)
    }
}
