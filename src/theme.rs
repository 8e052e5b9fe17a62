//! The theme: templates, static files and UI strings.
//!
//! The default theme (the repository's `theme/` folder) is embedded in the binary, so a
//! site needs nothing but its content. A site's own `theme/` folder overrides it file by
//! file: `theme/templates/page.html` replaces the built-in page template, `theme/static/x.css`
//! adds or replaces a static file, `theme/i18n/vi.toml` replaces the Vietnamese UI strings.
//!
//! Layout of a theme:
//! - `templates/*.html`: minijinja templates (`base.html`, `page.html`, `cover.html`,
//!   `print.html`, `404.html`, `partials/…`);
//! - `static/**`: copied to `assets/**` in the output;
//! - `i18n/<lang>.toml`: UI strings per language (see [`crate::i18n`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{include_dir, Dir};

use crate::diagnostics::Diagnostic;
use crate::i18n::UiStrings;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/theme");

/// Where a theme file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The theme embedded in the binary.
    BuiltIn,
    /// The site's own `theme/` folder.
    Site,
}

/// One file of the theme.
#[derive(Debug, Clone)]
pub(crate) struct ThemeFile {
    /// Its bytes.
    pub bytes: Arc<[u8]>,
    /// Built in or from the site.
    pub origin: Origin,
}

/// The theme's files by path relative to the theme folder (`templates/page.html`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Theme {
    /// Every file, the site's overrides applied.
    pub files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// The built-in theme alone.
    pub(crate) fn builtin() -> Theme {
        let mut files = BTreeMap::new();
        collect(&DEFAULT_THEME, &mut files);
        Theme { files }
    }

    /// The built-in theme with the files of `site_root/theme/` laid over it.
    pub(crate) fn load(site_root: &Path) -> (Theme, Vec<Diagnostic>) {
        let mut theme = Theme::builtin();
        let mut diags = Vec::new();
        let dir = site_root.join("theme");
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        diags.push(
                            Diagnostic::error(format!("cannot read the theme folder: {e}"))
                                .in_file("theme"),
                        );
                        continue;
                    }
                };
                let name = entry.file_name().to_string_lossy();
                if !entry.file_type().is_file() || crate::text::file_names::is_ignored(&name) {
                    continue;
                }
                let Some(rel) = crate::text::file_names::relative_path(&dir, entry.path()) else {
                    continue;
                };
                match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        theme.files.insert(
                            rel,
                            ThemeFile {
                                bytes: Arc::from(bytes),
                                origin: Origin::Site,
                            },
                        );
                    }
                    Err(e) => diags.push(
                        Diagnostic::error(format!("cannot read the theme file: {e}"))
                            .in_file(PathBuf::from("theme").join(&rel)),
                    ),
                }
            }
        }
        (theme, diags)
    }

    /// The path to show in messages about theme file `rel`.
    pub(crate) fn display_path(&self, rel: &str) -> PathBuf {
        match self.files.get(rel).map(|f| &f.origin) {
            Some(Origin::Site) => PathBuf::from("theme").join(rel),
            _ => PathBuf::from(format!("(built-in theme)/{rel}")),
        }
    }

    /// The text of theme file `rel`, if it exists and is UTF-8.
    pub(crate) fn text(&self, rel: &str) -> Option<&str> {
        self.files
            .get(rel)
            .and_then(|f| std::str::from_utf8(&f.bytes).ok())
    }

    /// The templates: name (relative to `templates/`) and text.
    pub(crate) fn templates(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("templates/").map(|n| (n, v)))
    }

    /// The static files: path relative to `static/` and bytes.
    pub(crate) fn statics(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("static/").map(|n| (n, v)))
    }

    /// The UI strings of every language in `languages`, each falling back to the source
    /// language (the first) and then to English.
    pub(crate) fn strings(
        &self,
        languages: &[String],
    ) -> (BTreeMap<String, UiStrings>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut tables: BTreeMap<String, toml::Table> = BTreeMap::new();
        let mut wanted: Vec<&str> = languages.iter().map(String::as_str).collect();
        if !wanted.contains(&"en") {
            wanted.push("en");
        }
        for lang in wanted {
            let rel = format!("i18n/{lang}.toml");
            let Some(file) = self.files.get(&rel) else {
                continue;
            };
            let display = self.display_path(&rel);
            let text: Arc<str> = Arc::from(String::from_utf8_lossy(&file.bytes).into_owned());
            match toml::from_str::<toml::Table>(&text) {
                Ok(t) => {
                    tables.insert(lang.to_string(), t);
                }
                Err(e) => diags.push(
                    Diagnostic::error(format!("invalid UI strings: {}", e.message().trim()))
                        .at_span(display, &text, e.span().unwrap_or(0..0))
                        .with_hint(
                            "UI strings are TOML: `[group]` headers and `key = \"text\"` lines",
                        ),
                ),
            }
        }
        let mut out = BTreeMap::new();
        for lang in languages {
            let own = tables.get(lang).cloned().unwrap_or_default();
            let mut fallbacks = Vec::new();
            if let Some(src) = languages.first().filter(|s| *s != lang) {
                fallbacks.extend(tables.get(src).cloned());
            }
            if lang != "en" {
                fallbacks.extend(tables.get("en").cloned());
            }
            out.insert(lang.clone(), UiStrings::new(own, fallbacks));
        }
        (out, diags)
    }
}

fn collect(dir: &Dir<'static>, out: &mut BTreeMap<String, ThemeFile>) {
    for f in dir.files() {
        let rel = f.path().to_string_lossy().replace('\\', "/");
        out.insert(
            rel,
            ThemeFile {
                bytes: Arc::from(f.contents()),
                origin: Origin::BuiltIn,
            },
        );
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}
