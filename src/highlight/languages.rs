//! The languages the highlighter knows, their names in info strings, and their grammars and
//! queries, each built the first time a block of that language is highlighted.
//!
//! Each grammar is a tree-sitter parser with the highlight query its authors ship; the
//! query's capture names (`keyword`, `function.method`, `string.special.key`…) are reduced to
//! a dozen token classes ([`CLASSES`]), which the stylesheet colours once for the light and
//! once for the dark scheme.

use std::sync::OnceLock;

use tree_sitter::CaptureQuantifier;
use tree_sitter_highlight::HighlightConfiguration;

/// A language with a grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    /// `bash`, `sh`, `shell`, `zsh`.
    Bash,
    /// `c`, `h`.
    C,
    /// `css`.
    Css,
    /// `go`, `golang`.
    Go,
    /// `html`, `htm`, `xhtml`.
    Html,
    /// `javascript`, `js`, `jsx`, `mjs`, `cjs`.
    JavaScript,
    /// `json`, `jsonc`.
    Json,
    /// `python`, `py`, `python3`.
    Python,
    /// `rust`, `rs`.
    Rust,
    /// `toml`.
    Toml,
    /// `tsx`.
    Tsx,
    /// `typescript`, `ts`, `mts`, `cts`.
    TypeScript,
    /// `yaml`, `yml`.
    Yaml,
}

/// How many languages there are.
const COUNT: usize = 13;

/// Every language, in the order of [`Lang`].
#[cfg(test)]
const ALL: [Lang; COUNT] = [
    Lang::Bash,
    Lang::C,
    Lang::Css,
    Lang::Go,
    Lang::Html,
    Lang::JavaScript,
    Lang::Json,
    Lang::Python,
    Lang::Rust,
    Lang::Toml,
    Lang::Tsx,
    Lang::TypeScript,
    Lang::Yaml,
];

/// The capture names the queries use that get a colour, each with its class (the part of
/// the class name after `tk-`). A capture takes the longest name here whose parts it has:
/// `function.method` is a `function`, `string.special.key` a key.
const CAPTURES: [(&str, &str); 23] = [
    ("attribute", "at"),
    ("boolean", "cn"),
    ("comment", "cm"),
    ("constant", "cn"),
    ("constructor", "ty"),
    ("escape", "es"),
    ("function", "fn"),
    ("keyword", "kw"),
    ("label", "at"),
    ("namespace", "ty"),
    ("number", "nu"),
    ("property", "pr"),
    ("string", "st"),
    ("string.special", "es"),
    ("string.special.key", "pr"),
    ("tag", "tg"),
    ("type", "ty"),
    ("variable.builtin", "va"),
    // CSS at-rules.
    ("charset", "kw"),
    ("import", "kw"),
    ("keyframes", "kw"),
    ("media", "kw"),
    ("supports", "kw"),
];

/// The opening tag of each capture of [`CAPTURES`], by the index tree-sitter reports.
pub(crate) const CLASSES: [&str; 23] = [
    "<span class=\"tk-at\">",
    "<span class=\"tk-cn\">",
    "<span class=\"tk-cm\">",
    "<span class=\"tk-cn\">",
    "<span class=\"tk-ty\">",
    "<span class=\"tk-es\">",
    "<span class=\"tk-fn\">",
    "<span class=\"tk-kw\">",
    "<span class=\"tk-at\">",
    "<span class=\"tk-ty\">",
    "<span class=\"tk-nu\">",
    "<span class=\"tk-pr\">",
    "<span class=\"tk-st\">",
    "<span class=\"tk-es\">",
    "<span class=\"tk-pr\">",
    "<span class=\"tk-tg\">",
    "<span class=\"tk-ty\">",
    "<span class=\"tk-va\">",
    "<span class=\"tk-kw\">",
    "<span class=\"tk-kw\">",
    "<span class=\"tk-kw\">",
    "<span class=\"tk-kw\">",
    "<span class=\"tk-kw\">",
];

impl Lang {
    /// The language an info string names (any case), if it has a grammar.
    pub(crate) fn from_name(name: &str) -> Option<Lang> {
        if name.len() > 10 {
            return None;
        }
        let mut buf = [0u8; 10];
        let lower = &mut buf[..name.len()];
        lower.copy_from_slice(name.as_bytes());
        lower.make_ascii_lowercase();
        Some(match &*lower {
            b"bash" | b"sh" | b"shell" | b"zsh" => Lang::Bash,
            b"c" | b"h" => Lang::C,
            b"css" => Lang::Css,
            b"go" | b"golang" => Lang::Go,
            b"html" | b"htm" | b"xhtml" => Lang::Html,
            b"javascript" | b"js" | b"jsx" | b"mjs" | b"cjs" => Lang::JavaScript,
            b"json" | b"jsonc" => Lang::Json,
            b"python" | b"py" | b"python3" => Lang::Python,
            b"rust" | b"rs" => Lang::Rust,
            b"toml" => Lang::Toml,
            b"tsx" => Lang::Tsx,
            b"typescript" | b"ts" | b"mts" | b"cts" => Lang::TypeScript,
            b"yaml" | b"yml" => Lang::Yaml,
            _ => return None,
        })
    }

    /// The grammar and queries, built on first use and kept for the rest of the process
    /// (`None` if the query does not compile, which a test rules out).
    pub(crate) fn config(self) -> Option<&'static HighlightConfiguration> {
        static CONFIGS: [OnceLock<Option<HighlightConfiguration>>; COUNT] =
            [const { OnceLock::new() }; COUNT];
        CONFIGS[self as usize].get_or_init(|| self.build()).as_ref()
    }

    /// Builds the configuration: the grammar, its queries, and the capture names coloured.
    fn build(self) -> Option<HighlightConfiguration> {
        let js = tree_sitter_javascript::HIGHLIGHT_QUERY;
        // Of two patterns that capture one node, the later one wins: TypeScript's own
        // patterns come after JavaScript's, which they refine.
        let ts = || format!("{js}\n{}", tree_sitter_typescript::HIGHLIGHTS_QUERY);
        let (language, name, highlights, injections, locals) = match self {
            Lang::Bash => (
                tree_sitter_bash::LANGUAGE,
                "bash",
                tree_sitter_bash::HIGHLIGHT_QUERY.into(),
                "",
                "",
            ),
            Lang::C => (
                tree_sitter_c::LANGUAGE,
                "c",
                tree_sitter_c::HIGHLIGHT_QUERY.into(),
                "",
                "",
            ),
            Lang::Css => (
                tree_sitter_css::LANGUAGE,
                "css",
                tree_sitter_css::HIGHLIGHTS_QUERY.into(),
                "",
                "",
            ),
            Lang::Go => (
                tree_sitter_go::LANGUAGE,
                "go",
                tree_sitter_go::HIGHLIGHTS_QUERY.into(),
                "",
                "",
            ),
            Lang::Html => (
                tree_sitter_html::LANGUAGE,
                "html",
                tree_sitter_html::HIGHLIGHTS_QUERY.into(),
                tree_sitter_html::INJECTIONS_QUERY,
                "",
            ),
            Lang::JavaScript => (
                tree_sitter_javascript::LANGUAGE,
                "javascript",
                format!("{js}\n{}", tree_sitter_javascript::JSX_HIGHLIGHT_QUERY),
                tree_sitter_javascript::INJECTIONS_QUERY,
                tree_sitter_javascript::LOCALS_QUERY,
            ),
            Lang::Json => (
                tree_sitter_json::LANGUAGE,
                "json",
                // The grammar's `(string) @string` comes after its pattern for keys, and wins:
                // keys are given their colour again, last.
                format!(
                    "{}\n(pair key: (_) @string.special.key)\n",
                    tree_sitter_json::HIGHLIGHTS_QUERY
                ),
                "",
                "",
            ),
            Lang::Python => (
                tree_sitter_python::LANGUAGE,
                "python",
                tree_sitter_python::HIGHLIGHTS_QUERY.into(),
                "",
                "",
            ),
            Lang::Rust => (
                tree_sitter_rust::LANGUAGE,
                "rust",
                tree_sitter_rust::HIGHLIGHTS_QUERY.into(),
                tree_sitter_rust::INJECTIONS_QUERY,
                "",
            ),
            Lang::Toml => (
                tree_sitter_toml_ng::LANGUAGE,
                "toml",
                tree_sitter_toml_ng::HIGHLIGHTS_QUERY.into(),
                "",
                "",
            ),
            Lang::Tsx => (
                tree_sitter_typescript::LANGUAGE_TSX,
                "tsx",
                format!("{}\n{}", ts(), tree_sitter_javascript::JSX_HIGHLIGHT_QUERY),
                "",
                tree_sitter_typescript::LOCALS_QUERY,
            ),
            Lang::TypeScript => (
                tree_sitter_typescript::LANGUAGE_TYPESCRIPT,
                "typescript",
                ts(),
                "",
                tree_sitter_typescript::LOCALS_QUERY,
            ),
            Lang::Yaml => (
                tree_sitter_yaml::LANGUAGE,
                "yaml",
                tree_sitter_yaml::HIGHLIGHTS_QUERY.into(),
                "",
                "",
            ),
        };
        let mut config =
            HighlightConfiguration::new(language.into(), name, &highlights, injections, locals)
                .ok()?;
        config.configure(&CAPTURES.map(|(name, _)| name));
        drop_uncoloured(&mut config);
        Some(config)
    }
}

/// Disables the query's patterns that capture nothing coloured (operators, punctuation,
/// plain variables: a good third of a block's tokens), so that the query cursor neither
/// matches nor reports them. Patterns of injections and local variables are kept.
fn drop_uncoloured(config: &mut HighlightConfiguration) {
    let query = &mut config.query;
    let useful: Vec<bool> = query
        .capture_names()
        .iter()
        .map(|name| name.starts_with("injection.") || name.starts_with("local.") || coloured(name))
        .collect();
    for pattern in 0..query.pattern_count() {
        let keep = query
            .capture_quantifiers(pattern)
            .iter()
            .zip(&useful)
            .any(|(q, &u)| u && *q != CaptureQuantifier::Zero);
        if !keep {
            query.disable_pattern(pattern);
        }
    }
}

/// Whether a capture name gets a class: one of [`CAPTURES`] has only parts of it
/// (`function` for `function.method`), as the highlighter matches them.
fn coloured(capture: &str) -> bool {
    CAPTURES.iter().any(|(name, _)| {
        name.split('.')
            .all(|part| capture.split('.').any(|c| c == part))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grammar_and_query_loads() {
        for lang in ALL {
            assert!(lang.config().is_some(), "{lang:?}");
        }
    }

    #[test]
    fn names_are_read_in_any_case_and_others_are_unknown() {
        assert_eq!(Lang::from_name("Rust"), Some(Lang::Rust));
        assert_eq!(Lang::from_name("sh"), Some(Lang::Bash));
        assert_eq!(Lang::from_name("YML"), Some(Lang::Yaml));
        assert_eq!(Lang::from_name(""), None);
        assert_eq!(Lang::from_name("brainfuck"), None);
        assert_eq!(Lang::from_name("javascript-but-longer"), None);
        for (i, lang) in ALL.iter().enumerate() {
            assert_eq!(*lang as usize, i);
        }
    }

    #[test]
    fn every_capture_has_its_class() {
        for ((_, class), tag) in CAPTURES.iter().zip(CLASSES) {
            assert_eq!(tag, format!("<span class=\"tk-{class}\">"));
        }
    }
}
