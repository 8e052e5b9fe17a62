//! Text tools shared by every stage: HTML escaping, Vietnamese-aware folding and slugs,
//! letters without their marks, byte scans many bytes at a time, "did you mean"
//! suggestions, the order of names (`collate`), the file names a site's folders may hold that
//! are not content, and relative URLs of HTML moved from one file to another (`rebase`).
//! Nothing here knows about pages or sites.

pub(crate) mod bytescan;
pub(crate) mod collate;
pub(crate) mod escape;
pub(crate) mod file_names;
pub(crate) mod fold;
pub(crate) mod rebase;
pub(crate) mod slug;
pub(crate) mod suggest;
pub(crate) mod unmark;

pub(crate) use escape::{escape, escape_into, needs_html_escape};
pub(crate) use suggest::closest;
