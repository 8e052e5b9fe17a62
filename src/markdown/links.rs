//! Links: destinations written as relative paths to chapters' `.md` files are rewritten to
//! the output URL and recorded, so that the build can check that the page and the heading
//! exist once every page is rendered.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use super::{LinkRef, MdContext, Rendered};
use crate::diagnostics::{Diagnostic, Location};
use crate::model::url_for;

/// [`rewrite_link`] for each link among `evs` (the inline events of a heading), all at the
/// heading's place `range` of the body.
pub(super) fn rewrite_links<'a>(
    evs: Vec<Event<'a>>,
    ctx: &MdContext,
    out: &mut Rendered,
    offset: usize,
    range: &Range<usize>,
) -> Vec<Event<'a>> {
    evs.into_iter()
        .map(|e| match e {
            Event::Start(Tag::Link { .. }) => {
                rewrite_link(e, ctx, out, offset + range.start..offset + range.end)
            }
            e => e,
        })
        .collect()
}

/// Rewrites the destination of a link or image event, recording links to check.
pub(super) fn rewrite_link<'a>(
    ev: Event<'a>,
    ctx: &MdContext,
    out: &mut Rendered,
    span: Range<usize>,
) -> Event<'a> {
    let (is_image, dest) = match &ev {
        Event::Start(Tag::Link { dest_url, .. }) => (false, dest_url.to_string()),
        Event::Start(Tag::Image { dest_url, .. }) => (true, dest_url.to_string()),
        _ => return ev,
    };
    let location = || Location::new(&ctx.file.display, ctx.file.source.clone(), span.clone());
    let new_dest = match classify(&dest) {
        Dest::External | Dest::Other => return ev,
        Dest::RootAbsolute => {
            out.diagnostics.push(
                Diagnostic::error(format!("the link `{dest}` starts with `/`"))
                    .at(location())
                    .with_hint("links must be relative so the site works under any path and from disk: link to the chapter's .md file, e.g. `../2-ket-qua/2-4.md`"),
            );
            return ev;
        }
        Dest::SamePage(anchor) => {
            out.links.push(LinkRef {
                key: ctx.key.to_string(),
                anchor: Some(anchor.clone()),
                location: location(),
            });
            ["#", anchor.as_str()].concat()
        }
        Dest::Chapter(path, anchor) => {
            if is_image {
                return ev;
            }
            match resolve(ctx.key, &path) {
                Some(key) => {
                    out.links.push(LinkRef {
                        key: key.clone(),
                        anchor: anchor.clone(),
                        location: location(),
                    });
                    let mut u = [ctx.root, url_for(ctx.lang, &key).as_str()].concat();
                    if let Some(a) = &anchor {
                        u.push('#');
                        u.push_str(a);
                    }
                    u
                }
                None => {
                    out.diagnostics.push(
                        Diagnostic::error(format!("the link `{dest}` leaves the language folder"))
                            .at(location())
                            .with_hint("link to a chapter of the same language with a relative path such as `../phu-luc-1.md`"),
                    );
                    return ev;
                }
            }
        }
    };
    match ev {
        Event::Start(Tag::Link {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from(new_dest),
            title,
            id,
        }),
        other => other,
    }
}

/// What a link's destination names.
enum Dest {
    /// Another host, or a scheme such as `mailto:`.
    External,
    /// A path from the server's root (`/a/b.md`).
    RootAbsolute,
    /// A heading of this page (`#id`).
    SamePage(String),
    /// A chapter's `.md` file, and a heading of it.
    Chapter(String, Option<String>),
    /// Anything else (an image, a file).
    Other,
}

/// Sorts a link's destination into a [`Dest`].
fn classify(dest: &str) -> Dest {
    if dest.starts_with("//") {
        return Dest::External;
    }
    if let Some(colon) = dest.find(':') {
        let scheme = &dest[..colon];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return Dest::External;
        }
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Dest::SamePage(anchor.to_string());
    }
    if dest.starts_with('/') {
        return Dest::RootAbsolute;
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if path.ends_with(".md") {
        Dest::Chapter(path.to_string(), anchor.filter(|a| !a.is_empty()))
    } else {
        Dest::Other
    }
}

/// Resolves `path` (relative, `/`-separated) against the folder of page `from_key`.
/// Returns `None` when it climbs out of the language folder.
pub(crate) fn resolve(from_key: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = from_key.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut key = String::with_capacity(from_key.len() + path.len());
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            key.push('/');
        }
        if p.contains('%') {
            key.push_str(&percent_decode(p));
        } else {
            key.push_str(p);
        }
    }
    Some(key)
}

/// `%xx` escapes decoded (invalid UTF-8 replaced).
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}
