//! Images shown in pages.
//!
//! - [`size`]: the size an image file shows at, read from its first bytes (PNG, JPEG, GIF,
//!   WebP through the `imagesize` crate, a JPEG's EXIF orientation applied; SVG from its root
//!   element's `width`, `height` and `viewBox`);
//! - [`tags`]: the start tags of an HTML text (a small scanner that skips comments, scripts
//!   and styles), and the two passes over a page's `<img>` tags: `loading="lazy"` on every
//!   image but the first (made with the page's Markdown, [`tags::mark_lazy`]), and `width`
//!   and `height` from the file unless the author wrote them (made once the files are known,
//!   by the link stage, [`tags::apply_sizes`]). What each pass wrote is recorded per tag
//!   ([`tags::ImgMark`]), so that a later build changes exactly that when a file's size
//!   changes.
//!
//! Nothing here knows about pages or sites.

pub(crate) mod size;
pub(crate) mod tags;
