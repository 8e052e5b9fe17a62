//! Text tools shared by every stage: HTML escaping, Vietnamese-aware folding and slugs,
//! letters without their marks, byte scans many bytes at a time, and "did you mean"
//! suggestions. Nothing here knows about pages, sites or files.

pub mod bytescan;
pub mod escape;
pub mod fold;
pub mod slug;
pub mod suggest;
pub mod unmark;

pub use escape::{escape, escape_into, needs_html_escape};
pub use fold::fold;
pub use suggest::closest;
