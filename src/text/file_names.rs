//! File names: the editors' and tools' litter a site's folders may hold, hidden files, and
//! paths relative to a folder with `/` separators. One list serves the loader (which skips
//! these files), the theme and the preview's watcher (which does not rebuild for them).

use std::path::Path;

/// Whether a file or folder name is one to skip when reading a site: hidden names
/// (`.git`), names starting with `#`, and [`is_editor_litter`].
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('#') || is_editor_litter(name)
}

/// Whether a file name is one of the temporary, swap, lock or backup files editors and
/// tools leave beside the files they save.
pub(crate) fn is_editor_litter(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    const SUFFIXES: [&str; 9] = [
        ".swp",
        ".swx",
        ".swo",
        ".swn",
        ".tmp",
        ".bak",
        ".kate-swp",
        ".crdownload",
        ".part",
    ];
    lower.ends_with('~')
        || SUFFIXES.iter().any(|s| lower.ends_with(s))
        || (lower.starts_with('#') && lower.ends_with('#'))
        || lower.starts_with(".#")
        || lower.starts_with(".~lock.")
        || lower.starts_with(".goutputstream-")
        || lower.contains("___jb_")
        || lower == "4913"
        || lower == ".ds_store"
        || lower == "thumbs.db"
}

/// `path` relative to `base`, with `/` separators, or `None` when it is not under `base`.
pub(crate) fn relative_path(base: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_litter_is_ignored() {
        for n in [
            ".1-a.md.swp",
            ".1-a.md.swx",
            "1-a.md~",
            "#1-a.md#",
            ".#1-a.md",
            "4913",
            "1-a.md.tmp",
            "1-a.md___jb_tmp___",
            "1-a.md___jb_old___",
            ".DS_Store",
        ] {
            assert!(is_editor_litter(n), "{n}");
        }
        for n in ["1-a.md", "_index.md", "site.toml", "style.css", "4913.md"] {
            assert!(!is_editor_litter(n), "{n}");
        }
    }

    #[test]
    fn editor_files_are_ignored() {
        for n in [
            ".a.md.swp",
            "a.md~",
            "#a.md#",
            ".#a.md",
            "4913",
            "a.md___jb_tmp___",
        ] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("a.md"));
    }
}
