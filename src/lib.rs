//! songngu: a static documentation site generator for bilingual documents.
//!
//! The build is a pipeline, one module a stage:
//!
//! 1. [`load`]: read `content/` (site.toml, Markdown chapters with front matter, data tables).
//! 2. [`model`]: build the site model (languages, sections, pages, translations, navigation).
//! 3. [`render`]: render pages through the [`theme`]'s templates ([`markdown`] for chapters,
//!    [`data`] for tables), the [`search`] index and the site-wide files.
//! 4. [`output`]: write the result, atomically, or keep it in memory for [`serve`].
//!
//! [`build`] drives the pipeline; [`serve`] drives the same pipeline from a file watcher.

// Diagnostics travel in `Result::Err` on the cold path only; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod config;
pub mod data;
pub mod diagnostics;
pub(crate) mod frontmatter;
pub(crate) mod highlight;
pub mod i18n;
pub(crate) mod images;
pub mod load;
pub(crate) mod markdown;
pub mod model;
pub mod output;
pub(crate) mod render;
pub mod search;
pub mod serve;
pub(crate) mod shortcodes;
pub(crate) mod text;
pub(crate) mod theme;
pub(crate) mod timings;
pub mod translations;
