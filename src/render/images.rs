//! Image sizes in pages: each `<img>` of a page whose links are settled gets the `width`
//! and `height` of its file, unless the author wrote them, so that the page does not jump
//! while its images load.
//!
//! A tag's `src` is read as it is in the page's HTML (relative to the page's URL, after the
//! link stage wrote it where it leads) and looked up in the [`LinkIndex`], which read every
//! image's size once for the build. What was written is kept with the rendering
//! ([`crate::images::tags::ImgMark`]): a later build finds nothing to do while the files
//! keep their sizes, and rewrites exactly those attributes when one changes (the page is
//! then patched like a page whose links changed, and made again).

use super::link_index::LinkIndex;
use crate::images::tags::{apply_sizes, decode_entities, ImgMark};
use crate::markdown::links::percent_decode;
use crate::markdown::Rendered;
use crate::text::rebase::resolve;

/// A rendering's HTML with its images' sizes written.
pub(crate) struct Sized {
    /// The new HTML.
    pub html: String,
    /// What is now written in each `<img>` tag.
    pub marks: Vec<ImgMark>,
    /// Fingerprint of the sizes written (to mix into the rendering's).
    pub fp: u64,
}

/// The HTML of `r`, the rendering of the page at `url` (a path from the output's root),
/// with the sizes of its images written where they are not yet; `None` when every image
/// already has its size (or has none to get).
pub(crate) fn size_images(index: &LinkIndex, url: &str, r: &Rendered) -> Option<Sized> {
    if r.images.iter().all(|m| m.author) {
        return None;
    }
    let mut path = String::new();
    let (html, marks) = apply_sizes(&r.html, &r.images, |src| {
        let src = decode_entities(src.trim_matches(|c: char| c.is_ascii_whitespace()));
        resolve(&src, url, &mut path)?;
        if path.contains('%') {
            index.image_size(&percent_decode(&path))
        } else {
            index.image_size(&path)
        }
    })?;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for m in &marks {
        let (w, h2) = m.size.unwrap_or((0, 0));
        h.update(&w.to_le_bytes());
        h.update(&h2.to_le_bytes());
    }
    Some(Sized {
        html,
        marks,
        fp: h.digest(),
    })
}
