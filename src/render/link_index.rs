//! The paths a link may name: everything the build publishes, known before any page is
//! rendered (every page's URL, the content's copied files, the files of `content/static/`
//! at the output's root, the data tables' downloads, the theme's static files, and the
//! files the build makes besides: the root `index.html`, `404.html`, `sitemap.xml`, each
//! language's `print.html` and table-of-contents script). The search index is left out: no
//! page links to it. The index also holds the size of every image it lists
//! ([`LinkIndex::image_size`]), read from the bytes the loader holds, once a build.
//!
//! A file of `content/static/` may not land where the build writes files of its own
//! ([`static_clashes`]).
//!
//! Made once per full build (a hash map of the output's paths, a few milliseconds at 10,000
//! pages) and kept with the last build for quick rebuilds, whose site has the same shape.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::data::DataSet;
use crate::diagnostics::Diagnostic;
use crate::images::size::{dimensions, is_image_name};
use crate::load::{Asset, StaticFile, CONTENT_DIR, STATIC_DIR};
use crate::model::{url_for, Site};
use crate::text::closest;
use crate::theme::Theme;

/// Every path of the output a link may name.
pub(crate) struct LinkIndex {
    /// Path from the output's root -> the page published there (language and page index),
    /// `None` for a file that is not a page.
    paths: FxHashMap<Box<str>, Option<(u32, u32)>>,
    /// Folder -> what it holds (file names, and sub-folders with a trailing `/`), made the
    /// first time a link needs a suggestion.
    folders: OnceLock<FxHashMap<String, Vec<String>>>,
    /// Path -> width and height, for the images among the content's files.
    sizes: FxHashMap<Box<str>, (u32, u32)>,
}

/// A path of the output a link leads to, and the page there (language and page index).
pub(crate) type Found = (String, Option<(usize, usize)>);

impl LinkIndex {
    /// The index of what a build of `site` publishes, with the content's `assets` and
    /// `statics` (`content/static/`), the data tables of `data` and the static files of
    /// `theme`.
    pub(crate) fn new(
        site: &Site,
        assets: &[Asset],
        statics: &[StaticFile],
        data: &DataSet,
        theme: &Theme,
    ) -> Self {
        let pages: usize = site.languages.iter().map(|ls| ls.pages.len()).sum();
        let mut paths = FxHashMap::default();
        paths.reserve(pages + assets.len() + 16);
        for (l, ls) in site.languages.iter().enumerate() {
            for (p, page) in ls.pages.iter().enumerate() {
                paths.insert(page.url.as_str().into(), Some((l as u32, p as u32)));
            }
        }
        let mut file = |path: String| {
            paths.entry(path.into_boxed_str()).or_insert(None);
        };
        for name in ["index.html", "404.html", "sitemap.xml"] {
            file(name.to_string());
        }
        for ls in &site.languages {
            file(format!("{}/print.html", ls.code));
            file(format!("assets/toc-{}.js", ls.code));
            for t in data.tables() {
                file(format!("data/{}/{}.csv", ls.code, t.id));
                file(format!("data/{}/{}.json", ls.code, t.id));
            }
        }
        for (rel, _) in theme.statics() {
            file(format!("assets/{rel}"));
        }
        let mut sizes = FxHashMap::default();
        let mut sized = |path: &str, bytes: &[u8]| {
            if is_image_name(path) {
                if let Some(size) = dimensions(path, bytes) {
                    sizes.insert(Box::from(path), size);
                }
            }
        };
        for a in assets {
            let path = asset_path(&a.lang, &a.rel);
            sized(&path, &a.bytes);
            file(path);
        }
        for s in statics {
            sized(&s.rel, &s.bytes);
            file(s.rel.clone());
        }
        LinkIndex {
            paths,
            folders: OnceLock::new(),
            sizes,
        }
    }

    /// The width and height of the image published at `path` (a path from the output's
    /// root, decoded); `None` for a path that is not an image of the content whose size
    /// could be read.
    pub(crate) fn image_size(&self, path: &str) -> Option<(u32, u32)> {
        self.sizes.get(path).copied()
    }

    /// What is published at exactly `path`: `None` when nothing is, `Some(None)` for a file
    /// that is not a page.
    pub(crate) fn at(&self, path: &str) -> Option<Option<(usize, usize)>> {
        self.paths
            .get(path)
            .map(|p| p.map(|(l, i)| (l as usize, i as usize)))
    }

    /// The file that the output path `path` (from [`crate::markdown::Target`]) names: the
    /// first of its [`candidates`] that is published.
    pub(crate) fn find(&self, path: &str) -> Option<Found> {
        candidates(path)
            .into_iter()
            .find_map(|c| self.at(&c).map(|page| (c, page)))
    }

    /// A published path close to `path` (an output path as in [`LinkIndex::find`]), for a
    /// "did you mean": a close name in the same folder, or in the closest folder.
    pub(crate) fn suggest(&self, path: &str) -> Option<String> {
        let folders = self.folders.get_or_init(|| folders_of(self.paths.keys()));
        let trimmed = path.strip_suffix('/').unwrap_or(path);
        let (dir, name) = trimmed.rsplit_once('/').unwrap_or(("", trimmed));
        let folder = path.ends_with('/') || path.is_empty();
        let (dir, entries) = match folders.get(dir) {
            Some(e) => (dir, e),
            None => {
                let dirs: Vec<&str> = folders.keys().map(String::as_str).collect();
                let d = closest(dir, &dirs)?;
                (d, &folders[d])
            }
        };
        let written = if folder {
            [name, "/"].concat()
        } else {
            name.to_string()
        };
        let entry = if entries.contains(&written) {
            written
        } else {
            closest_entry(&written, entries)?
        };
        Some(if dir.is_empty() {
            entry
        } else {
            [dir, "/", &entry].concat()
        })
    }
}

/// The problems of the files of `content/static/` (`statics`, copied to the output's root)
/// with what the build writes itself, each naming both: a file in a language's folder or in
/// `search/` (the build writes those folders), or at the path of another file (the site's
/// root page, `404.html`, `sitemap.xml`, a theme file or table-of-contents script under
/// `assets/`, a data table's download).
pub(crate) fn static_clashes(
    site: &Site,
    statics: &[StaticFile],
    data: &DataSet,
    theme: &Theme,
) -> Vec<Diagnostic> {
    if statics.is_empty() {
        return Vec::new();
    }
    let mut taken: FxHashMap<String, String> = FxHashMap::default();
    for (path, what) in [
        ("index.html", "the site's home page"),
        ("404.html", "the page for missing addresses"),
        ("sitemap.xml", "the sitemap"),
    ] {
        taken.insert(path.to_string(), what.to_string());
    }
    for (rel, _) in theme.statics() {
        let what = format!(
            "`{}`",
            theme.display_path(&format!("static/{rel}")).display()
        );
        taken.insert(format!("assets/{rel}"), what);
    }
    for ls in &site.languages {
        let what = format!("the table of contents of `{}`", ls.code);
        taken.insert(format!("assets/toc-{}.js", ls.code), what);
        for t in data.tables() {
            for ext in ["csv", "json"] {
                let what = format!("the download of the data table `{}`", t.id);
                taken.insert(format!("data/{}/{}.{ext}", ls.code, t.id), what);
            }
        }
    }
    let mut diags = Vec::new();
    for s in statics {
        let display = format!("{CONTENT_DIR}/{STATIC_DIR}/{}", s.rel);
        let first = s.rel.split('/').next().unwrap_or_default();
        let in_folder = s.rel.contains('/');
        let lang = site
            .languages
            .iter()
            .find(|ls| in_folder && ls.code == first);
        let (message, hint) = if let Some(ls) = lang {
            (
                format!("`{display}` would be published in `{first}/`, the folder of the pages in `{first}`"),
                format!("a file of one language goes beside its pages, in `content/{}/`; `content/static/` is for files every language shares", ls.code),
            )
        } else if in_folder && first == "search" {
            (
                format!(
                    "`{display}` would be published in `search/`, the folder of the search index"
                ),
                "move it to another folder of `content/static/`".to_string(),
            )
        } else if let Some(what) = taken.get(&s.rel) {
            (
                format!("`{display}` and {what} would both be published as `{}`", s.rel),
                "`content/static/` is copied to the output's root, beside the files the build writes: rename or move the file (a theme's file is replaced from `theme/static/`)".to_string(),
            )
        } else {
            continue;
        };
        diags.push(
            Diagnostic::error(message)
                .with_code("static-clash")
                .in_file(display)
                .with_hint(hint),
        );
    }
    diags
}

/// The files an output path may name, in the order they are tried: a folder (a trailing `/`,
/// or the root `""`) names its `index.html`; a path names itself, then, when its last name
/// has no extension, the page `name.html`, then (unless it is a page already) the folder's
/// `index.html`.
pub(crate) fn candidates(path: &str) -> Vec<String> {
    if path.is_empty() || path.ends_with('/') {
        return vec![[path, "index.html"].concat()];
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut out = vec![path.to_string()];
    if !name.contains('.') {
        out.push([path, ".html"].concat());
    }
    if !name.ends_with(".html") {
        out.push([path, "/index.html"].concat());
    }
    out
}

/// The output path of the content file `rel` of language `lang`: its folders slugged like
/// pages', its own file name kept.
pub(crate) fn asset_path(lang: &str, rel: &str) -> String {
    let url = url_for(lang, rel);
    let dir = url.rsplit_once('/').map_or("", |(d, _)| d);
    let name = rel.rsplit('/').next().unwrap_or(rel);
    format!("{dir}/{name}")
}

/// The entry of `entries` closest to `written` (a file or a folder's name with its `/`),
/// comparing names without `.html` or the trailing `/`, so that `intro` finds `intro.html`
/// as well as `intro/`.
fn closest_entry(written: &str, entries: &[String]) -> Option<String> {
    let bare = |s: &str| -> String {
        let s = s.strip_suffix('/').unwrap_or(s);
        s.strip_suffix(".html").unwrap_or(s).to_string()
    };
    let bare_entries: Vec<String> = entries.iter().map(|e| bare(e)).collect();
    let refs: Vec<&str> = bare_entries.iter().map(String::as_str).collect();
    let best = closest(&bare(written), &refs)?;
    let i = refs.iter().position(|r| *r == best)?;
    Some(entries[i].clone())
}

/// Each folder of `paths` with what it holds: file names, and sub-folders with a `/`.
fn folders_of<'a>(paths: impl Iterator<Item = &'a Box<str>>) -> FxHashMap<String, Vec<String>> {
    let mut folders: FxHashMap<String, Vec<String>> = FxHashMap::default();
    for path in paths {
        let mut dir = "";
        let mut rest: &str = path;
        while let Some((first, tail)) = rest.split_once('/') {
            let entries = folders.entry(dir.to_string()).or_default();
            let sub = [first, "/"].concat();
            if !entries.contains(&sub) {
                entries.push(sub);
            }
            dir = &path[..path.len() - tail.len() - 1];
            rest = tail;
        }
        folders
            .entry(dir.to_string())
            .or_default()
            .push(rest.to_string());
    }
    for entries in folders.values_mut() {
        entries.sort_unstable();
    }
    folders
}

/// `to` (a path from the output's root; a trailing `/` for a folder) as a relative link from
/// a page in the folder `from_dir`.
pub(crate) fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let to_dirs = &to_parts[..to_parts.len() - 1];
    let common = from.iter().zip(to_dirs).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    if out.is_empty() {
        out.push_str("./");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_follow_the_form_written() {
        assert_eq!(candidates("vi/cli/"), ["vi/cli/index.html"]);
        assert_eq!(candidates(""), ["index.html"]);
        assert_eq!(
            candidates("vi/intro"),
            ["vi/intro", "vi/intro.html", "vi/intro/index.html"]
        );
        assert_eq!(candidates("vi/a.html"), ["vi/a.html"]);
        assert_eq!(candidates("vi/v1.2"), ["vi/v1.2", "vi/v1.2/index.html"]);
    }

    #[test]
    fn folders_and_suggestions() {
        let mut paths = FxHashMap::default();
        for p in ["vi/index.html", "vi/guide/intro.html", "vi/cli/index.html"] {
            paths.insert(Box::from(p), None);
        }
        let index = LinkIndex {
            paths,
            folders: OnceLock::new(),
            sizes: FxHashMap::default(),
        };
        assert_eq!(
            index.suggest("vi/guide/intr").as_deref(),
            Some("vi/guide/intro.html")
        );
        assert_eq!(index.suggest("vi/clj/").as_deref(), Some("vi/cli/"));
        assert_eq!(
            index.suggest("vi/gide/intro").as_deref(),
            Some("vi/guide/intro.html")
        );
        assert_eq!(index.suggest("vi/zzzzzzzzz"), None);
    }

    #[test]
    fn relative_links() {
        assert_eq!(relative("vi/guide", "vi/cli/"), "../cli/");
        assert_eq!(relative("vi/guide", "vi/guide/a.html"), "a.html");
        assert_eq!(relative("vi", "assets/x.css"), "../assets/x.css");
        assert_eq!(relative("vi/a", "vi/a/"), "./");
    }
}
