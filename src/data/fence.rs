//! The ```` ```table ```` fence: data tables placed in chapters, registered with the
//! Markdown renderer as one of its fences.

use super::{parse_placement, DataSet, TableContext};
use crate::diagnostics::Diagnostic;
use crate::markdown::fences::{Fence, FenceBlock, FenceContext};

impl Fence for DataSet {
    fn name(&self) -> &'static str {
        "table"
    }

    /// Places the table the block names (`id = "phu-luc-1"`, `chart = true`); its id is
    /// recorded as placed even when no such table exists.
    fn render(
        &self,
        block: &FenceBlock,
        ctx: &FenceContext,
        placed: &mut Vec<String>,
    ) -> Result<String, Diagnostic> {
        let placement = parse_placement(block.body, block.location.clone())?;
        placed.push(placement.id.clone());
        let tctx = TableContext {
            lang: ctx.lang,
            root: ctx.root,
            strings: ctx.strings,
        };
        self.render(&placement, &tctx)
    }

    fn fingerprint(&self) -> u64 {
        DataSet::fingerprint(self)
    }
}
