//! Shortcodes: templates called from Markdown, the one extension point of the content format.
//!
//! A shortcode is a minijinja template `theme/shortcodes/NAME.html` (the built-in ones,
//! `figure` and `details`, are embedded with the rest of the theme; a site's `theme/` folder
//! overrides them and adds its own the same way). A page calls it with Zola's syntax
//! ([`parse`]): `{{ name(arg="…") }}`, or with a Markdown body, `{% name(arg="…") %}` …
//! `{% end %}`.
//!
//! How a page's calls become HTML without disturbing anything else the renderer does:
//!
//! 1. [`scan`]: a page whose text has no `{{` or `{%` pays one `memchr` scan and nothing
//!    more. Otherwise the calls outside code (code blocks and spans, found by the parse the
//!    renderer makes anyway) are found in the text, and each is replaced by a filler of the
//!    same length in bytes, so that every byte after it keeps its offset: diagnostics
//!    further down the page point at the right line and column with no offset map. The
//!    filler is a thematic break (`____`) for a call that stands alone on its line and makes
//!    a block (`{% … %}`, a figure), so that it ends the paragraph before it; otherwise
//!    letters, which Markdown leaves alone in the text around them.
//! 2. [`place`]: the events of the text so changed are split where the fillers are, and each
//!    call gets one event of its own: a *marker*. A call alone in its paragraph is not
//!    wrapped in `<p>`. A body must end where it began (not inside a list item or a quote
//!    it did not open) and every `{% end %}` must close something.
//! 3. The renderer (`crate::markdown`) renders calls without a body at once, and renders a
//!    body's events like the rest of the page (links recorded and checked, footnotes,
//!    Vietnamese phrases marked…) before passing its HTML to the template as `body`.
//!
//! A page's Markdown depends on the templates it calls ([`Shortcodes::fingerprint_of`],
//! kept in [`Used`]), not on the others: changing `theme/shortcodes/x.html` renders again
//! the pages that call `x`.
//!
//! Figures are numbered through each language's whole site in reading order ("Hình 1",
//! "Figure 1"), as a report numbers its figures: `print.html` shows one document, and a
//! reference such as "Hình 12" must mean one figure. A page is rendered with the number of
//! figures before it ([`PageShortcodes::figure_base`]); the Markdown stage checks it once
//! every page is rendered and renders again the few pages whose figures moved. A page shown
//! in place of a missing translation shows its figures as its own language numbers them.

mod builtin;
pub(crate) mod parse;
pub(crate) mod place;
pub(crate) mod scan;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

use minijinja::{AutoEscape, Environment};

use crate::diagnostics::Diagnostic;
use crate::i18n::UiStrings;
use crate::theme::Theme;

pub(crate) use builtin::{
    block_in_text, check_call, figure_label, is_block, is_markdown, unknown_shortcode, BUILTIN,
};
pub(crate) use parse::{Call, Form, Value};

/// Where shortcode templates live in a theme.
const DIR: &str = "shortcodes/";

/// The names a template sees besides the arguments; no argument may take them.
pub(crate) const RESERVED: [&str; 5] = ["args", "body", "i18n", "nth", "page"];

/// The shortcodes a site can call: its templates, compiled once per build.
pub(crate) struct Shortcodes {
    env: Environment<'static>,
    known: BTreeMap<String, Known>,
    /// Fingerprint of the list of names (what "did you mean" chooses from).
    names_fp: u64,
    /// Each language's UI strings as a template value, made once.
    i18n: Mutex<HashMap<String, minijinja::Value>>,
}

/// One callable shortcode.
struct Known {
    /// The template's name in the environment (`shortcodes/NAME.html`).
    template: String,
    /// The path shown in messages.
    display: PathBuf,
    /// Fingerprint of its text.
    fp: u64,
    /// The arguments it reads (the template's free variables); `None` when it may read any
    /// (it reads `args`, or includes other templates).
    params: Option<BTreeSet<String>>,
    /// Whether it compiled (an error was reported otherwise, once).
    ok: bool,
}

impl Default for Shortcodes {
    fn default() -> Self {
        Shortcodes {
            env: new_env(),
            known: BTreeMap::new(),
            names_fp: 0,
            i18n: Mutex::new(HashMap::new()),
        }
    }
}

impl Shortcodes {
    /// The shortcodes of `theme` (`shortcodes/*.html`), with a diagnostic for each template
    /// that does not compile and each file that cannot be called.
    pub(crate) fn new(theme: &Theme) -> (Shortcodes, Vec<Diagnostic>) {
        let mut set = Shortcodes::default();
        let mut diags = Vec::new();
        let mut names_hash = xxhash_rust::xxh3::Xxh3::new();
        for (rel, file) in theme.files.range(DIR.to_string()..) {
            let Some(name) = rel.strip_prefix(DIR) else {
                break;
            };
            if !name.ends_with(".html") {
                continue;
            }
            let text = String::from_utf8_lossy(&file.bytes).into_owned();
            let display = theme.display_path(rel);
            let compiled = set.env.add_template_owned(rel.clone(), text.clone());
            if let Err(e) = &compiled {
                diags.push(template_diagnostic(&display, &text, e));
            }
            let Some(callable) = callable_name(name, &display, &mut diags) else {
                continue;
            };
            names_hash.update(callable.as_bytes());
            names_hash.update(&[0xff]);
            let ok = compiled.is_ok();
            let params = if ok {
                free_variables(&set.env, rel, &text)
            } else {
                None
            };
            set.known.insert(
                callable.to_string(),
                Known {
                    template: rel.clone(),
                    fp: xxhash_rust::xxh3::xxh3_64(&file.bytes),
                    display,
                    ok,
                    params,
                },
            );
        }
        set.names_fp = names_hash.digest();
        (set, diags)
    }

    /// Whether `name` can be called.
    pub(crate) fn is_known(&self, name: &str) -> bool {
        self.known.contains_key(name)
    }

    /// The callable names, sorted.
    pub(crate) fn names(&self) -> Vec<&str> {
        self.known.keys().map(String::as_str).collect()
    }

    /// The arguments template `name` reads, when it tells (see [`Known::params`]).
    pub(crate) fn params(&self, name: &str) -> Option<&BTreeSet<String>> {
        self.known.get(name).and_then(|k| k.params.as_ref())
    }

    /// Whether shortcode `name` has a template that compiled.
    pub(crate) fn compiled(&self, name: &str) -> bool {
        self.known.get(name).is_some_and(|k| k.ok)
    }

    /// The path of `name`'s template, as messages show it.
    pub(crate) fn display(&self, name: &str) -> PathBuf {
        self.known
            .get(name)
            .map_or_else(|| PathBuf::from(name), |k| k.display.clone())
    }

    /// Fingerprint of the templates of `names` (sorted, as [`Used::names`] keeps them): it
    /// changes when one of them changes, appears or goes (and, for a name that has no
    /// template, when the list of names changes: its "did you mean" may change).
    pub(crate) fn fingerprint_of(&self, names: &[String]) -> u64 {
        if names.is_empty() {
            return 0;
        }
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for name in names {
            h.update(name.as_bytes());
            match self.known.get(name) {
                Some(k) => h.update(&k.fp.to_le_bytes()),
                None => h.update(&self.names_fp.to_le_bytes()),
            }
        }
        h.digest().max(1)
    }

    /// Renders shortcode `name` with `ctx`.
    pub(crate) fn render(
        &self,
        name: &str,
        ctx: &minijinja::Value,
    ) -> Result<String, minijinja::Error> {
        let template = self.known.get(name).map_or(name, |k| k.template.as_str());
        self.env.get_template(template)?.render(ctx)
    }

    /// The UI strings of `lang` as templates see them (`i18n`), made once per language.
    pub(crate) fn i18n(&self, lang: &str, strings: &UiStrings) -> minijinja::Value {
        let mut cache = self.i18n.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(lang.to_string())
            .or_insert_with(|| strings.template_value())
            .clone()
    }
}

/// The name a template file `file` (relative to `shortcodes/`) is called by, or `None`
/// (with a warning) when it cannot be called: names are letters, digits and `_`, not
/// starting with a digit, and `end` closes bodies. Templates in subfolders are for
/// `{% include %}`.
fn callable_name<'f>(
    file: &'f str,
    display: &std::path::Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'f str> {
    if file.contains('/') {
        return None;
    }
    let name = file.strip_suffix(".html")?;
    let ident = name
        .bytes()
        .enumerate()
        .all(|(i, c)| c == b'_' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit()));
    if ident && !name.is_empty() && name != "end" {
        return Some(name);
    }
    let why = if name == "end" {
        "`end` closes a shortcode's body".to_string()
    } else {
        format!("`{name}` is not a shortcode name")
    };
    diags.push(
        Diagnostic::warning(format!("this shortcode cannot be called: {why}"))
            .in_file(display)
            .with_hint("name shortcode templates with letters, digits and `_` (`my_note.html`, called as `{{ my_note() }}`); templates in a subfolder of shortcodes/ can be included by others"),
    );
    None
}

/// The arguments template `rel` reads: `None` when it may read any (it uses `args`, or
/// includes, imports or extends other templates, whose variables are not visible here).
fn free_variables(env: &Environment<'static>, rel: &str, text: &str) -> Option<BTreeSet<String>> {
    let template = env.get_template(rel).ok()?;
    let vars = template.undeclared_variables(false);
    let opaque = ["include", "import", "extends", "from"]
        .iter()
        .any(|tag| text.contains(&format!("{{% {tag} ")) || text.contains(&format!("{{%- {tag} ")));
    if opaque || vars.contains("args") {
        return None;
    }
    Some(vars.into_iter().collect())
}

/// The environment shortcode templates are compiled in: HTML escaping for `.html` files,
/// which leaves `/` alone (URLs stay readable).
fn new_env() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_formatter(|out, state, value| {
        if value.is_undefined() || value.is_none() {
            return Ok(());
        }
        if matches!(state.auto_escape(), AutoEscape::Html) && !value.is_safe() {
            let text = value.to_string();
            let mut buf = String::with_capacity(text.len() + 8);
            crate::text::escape_into(&mut buf, &text);
            return out.write_str(&buf).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
            });
        }
        minijinja::escape_formatter(out, state, value)
    });
    env
}

/// A template that does not compile, as a diagnostic pointing into it.
fn template_diagnostic(display: &std::path::Path, text: &str, e: &minijinja::Error) -> Diagnostic {
    let source: std::sync::Arc<str> = std::sync::Arc::from(text);
    let span = match (e.range(), e.line()) {
        (Some(r), _) => r,
        (None, Some(line)) => {
            let start = crate::diagnostics::offset_of(text, line, 1);
            start..start
        }
        _ => 0..0,
    };
    Diagnostic::error(format!("shortcode template error: {}", error_detail(e)))
        .at_span(display, &source, span)
        .with_code("template")
        .with_hint("fix the template (minijinja syntax: {{ value }}, {% if %}…{% endif %}), or delete it from the site's theme/shortcodes/ folder to use the built-in one")
}

/// What minijinja says is wrong, without the template's name and line (shown apart).
pub(crate) fn error_detail(e: &minijinja::Error) -> String {
    e.detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string())
}

/// A shortcode argument as a template value.
pub(crate) fn template_value(v: &Value) -> minijinja::Value {
    match v {
        Value::Str(s) => minijinja::Value::from(s.as_str()),
        Value::Int(n) => minijinja::Value::from(*n),
        Value::Float(f) => minijinja::Value::from(*f),
        Value::Bool(b) => minijinja::Value::from(*b),
        Value::Array(items) => items.iter().map(template_value).collect(),
    }
}

/// What a page's rendering took from the shortcodes: what the Markdown stage needs to tell
/// when it must be rendered again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Used {
    /// The names the page calls (known or not), sorted, each once.
    pub names: Vec<String>,
    /// [`Shortcodes::fingerprint_of`] `names` when the page was rendered.
    pub fp: u64,
    /// How many figures the page has.
    pub figures: u32,
    /// How many figures come before the page in its language's reading order, as the page
    /// was rendered with.
    pub figure_base: u32,
}

impl Used {
    /// Fingerprint of what the rendering read besides the page's file: the templates and,
    /// when the page has figures, where its numbering starts (0 when it calls nothing).
    pub(crate) fn deps(&self) -> u64 {
        self.deps_with(self.fp, self.figure_base)
    }

    /// [`Used::deps`] had the templates' fingerprint been `fp` and the numbering started
    /// after `base` figures.
    pub(crate) fn deps_with(&self, fp: u64, base: u32) -> u64 {
        if self.names.is_empty() {
            return 0;
        }
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&fp.to_le_bytes());
        if self.figures > 0 {
            h.update(&base.to_le_bytes());
        }
        h.digest().max(1)
    }
}

/// The shortcodes a page is rendered with.
#[derive(Clone, Copy)]
pub(crate) struct PageShortcodes<'a> {
    /// The site's shortcodes.
    pub set: &'a Shortcodes,
    /// How many figures come before the page in its language's reading order.
    pub figure_base: u32,
    /// The UI strings figures are labelled with: those of the language of the page's text
    /// (a page shown in place of a missing translation keeps its figures' labels and ids,
    /// which its text refers to).
    pub labels: &'a UiStrings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_shortcodes_compile_and_only_names_are_callable() {
        let (set, diags) = Shortcodes::new(&Theme::builtin());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(set.names(), BUILTIN);
        let mut theme = Theme::builtin();
        let add = |theme: &mut Theme, rel: &str, text: &str| {
            theme.files.insert(
                rel.to_string(),
                crate::theme::ThemeFile {
                    bytes: std::sync::Arc::from(text.as_bytes()),
                    origin: crate::theme::Origin::Site,
                },
            );
        };
        add(
            &mut theme,
            "shortcodes/note.html",
            "<p>{{ kind }}: {{ body }}</p>",
        );
        add(
            &mut theme,
            "shortcodes/any.html",
            "{{ args.x }}{% include \"shortcodes/p/x.html\" %}",
        );
        add(&mut theme, "shortcodes/p/x.html", "part");
        add(&mut theme, "shortcodes/end.html", "");
        add(&mut theme, "shortcodes/my-note.html", "");
        add(&mut theme, "shortcodes/broken.html", "{% if %}");
        let (set, diags) = Shortcodes::new(&theme);
        let msgs: Vec<String> = diags.iter().map(|d| d.to_plain()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:#?}");
        assert!(
            msgs.iter()
                .any(|m| m.contains("theme/shortcodes/broken.html:1:")),
            "{msgs:#?}"
        );
        assert_eq!(set.names(), ["any", "broken", "details", "figure", "note"]);
        assert!(!set.compiled("broken") && set.compiled("note"));
        let params: Vec<&str> = set
            .params("note")
            .unwrap()
            .iter()
            .map(String::as_str)
            .collect();
        assert_eq!(params, ["body", "kind"]);
        assert!(set.params("any").is_none());
        let ctx = minijinja::context! { kind => "<b>", body => minijinja::Value::from_safe_string("<i>x</i>".into()) };
        assert_eq!(
            set.render("note", &ctx).unwrap(),
            "<p>&lt;b&gt;: <i>x</i></p>"
        );
        let one = set.fingerprint_of(&["note".into()]);
        assert_ne!(one, set.fingerprint_of(&["any".into()]));
        assert_eq!(set.fingerprint_of(&[]), 0);
    }
}
