//! Fenced blocks that are not code: a fence names itself by the first word of its info
//! string (```` ```table ````) and renders its body into HTML.
//!
//! The Markdown renderer knows no fence by name: the stages that own a kind of block
//! register it (`data` registers `table`). A fence reads its own inputs beyond the block's
//! text (the data tables); its [`Fence::fingerprint`] tells the build when those change,
//! so that the pages placing such blocks are rendered again.

use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::UiStrings;

/// One fenced block, as the renderer found it.
pub(crate) struct FenceBlock<'a> {
    /// The block's text.
    pub body: &'a str,
    /// Where the text is (where the block is, when it is empty), for diagnostics.
    pub location: Location,
}

/// The page a block is rendered for.
pub(crate) struct FenceContext<'a> {
    /// The page's language.
    pub lang: &'a str,
    /// Relative prefix from the page to the site root (`"../../"`).
    pub root: &'a str,
    /// UI strings of the page's language.
    pub strings: &'a UiStrings,
}

/// A kind of fenced block.
pub(crate) trait Fence: Sync {
    /// The first word of the info string that selects this fence.
    fn name(&self) -> &'static str;

    /// Renders `block` for the page `ctx`. What the block places (e.g. a table's id) is
    /// pushed on `placed`, even when rendering then fails, so that the page is rendered again
    /// once the missing thing exists.
    fn render(
        &self,
        block: &FenceBlock,
        ctx: &FenceContext,
        placed: &mut Vec<String>,
    ) -> Result<String, Diagnostic>;

    /// Fingerprint of everything the fence reads besides the block's text; it changes when
    /// any of it changes.
    fn fingerprint(&self) -> u64;
}

/// The fences a site's pages may use.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fences<'a> {
    list: &'a [&'a dyn Fence],
}

impl<'a> Fences<'a> {
    /// The fences of `list`; a name registered twice selects the first.
    pub(crate) fn new(list: &'a [&'a dyn Fence]) -> Fences<'a> {
        Fences { list }
    }

    /// The fence selected by the info string `info`, if any.
    pub(crate) fn get(&self, info: &str) -> Option<&'a dyn Fence> {
        let word = info.split_whitespace().next()?;
        self.list.iter().copied().find(|f| f.name() == word)
    }

    /// Fingerprint of the inputs of the fences named in `used` (0 when it is empty).
    pub(crate) fn fingerprint_of(&self, used: &[&'static str]) -> u64 {
        match used {
            [] => 0,
            [one] => self.by_name(one).map_or(0, |f| f.fingerprint()),
            many => {
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                for name in many {
                    let fp = self.by_name(name).map_or(0, |f| f.fingerprint());
                    h.update(&fp.to_le_bytes());
                }
                h.digest()
            }
        }
    }

    /// The fence registered as `name`.
    fn by_name(&self, name: &str) -> Option<&'a dyn Fence> {
        self.list.iter().copied().find(|f| f.name() == name)
    }
}
