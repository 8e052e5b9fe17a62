//! Diagnostics: every problem found in a site's input, with where it is and how to fix it.
//!
//! Each stage of the pipeline collects [`Diagnostic`]s instead of stopping at the first
//! problem, so that one run reports everything that is wrong. A diagnostic names the file,
//! the line and the column (through a byte span into the file's text), says what is wrong
//! and, where we can tell, what to do about it. Rendering to the terminal goes through
//! `codespan-reporting`, which shows the offending line with a marker under it.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

/// How many errors a listing shows by default ([`Diagnostics::render_limited`]): enough to
/// work on, few enough that a migrating site's first build stays readable.
pub const DEFAULT_MAX_ERRORS: usize = 100;

/// How serious a diagnostic is. Errors fail the build; warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth telling, not worth failing the build for.
    Warning,
    /// The build cannot produce correct output.
    Error,
}

/// A place in an input file: the file's display path, its whole text and a byte span in it.
///
/// The text is shared (`Arc<str>`), so cloning a location is cheap and a diagnostic can be
/// rendered long after the file was read, without touching the disk again.
#[derive(Clone)]
pub struct Location {
    /// The file as the user should see it, normally relative to the site root
    /// (for example `content/vi/1-dac-diem.md`).
    pub file: PathBuf,
    /// The whole text of the file.
    pub source: Arc<str>,
    /// Byte range of the offending text. An empty range points between two characters.
    pub span: Range<usize>,
}

impl Location {
    /// A location in `file` whose text is `source`, at byte range `span`.
    /// A span past the end of the text is clamped to it.
    pub fn new(file: impl Into<PathBuf>, source: Arc<str>, span: Range<usize>) -> Self {
        let len = source.len();
        let start = floor_char_boundary(&source, span.start.min(len));
        let end = floor_char_boundary(&source, span.end.clamp(start, len));
        Location {
            file: file.into(),
            source,
            span: start..end,
        }
    }

    /// A location naming a whole file, with no particular place in it (shown as line 1, column 1).
    pub fn file_only(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            source: Arc::from(""),
            span: 0..0,
        }
    }

    /// One-based line and column (counted in characters) of the span's start.
    pub fn line_col(&self) -> (usize, usize) {
        line_col(&self.source, self.span.start)
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, col) = self.line_col();
        write!(f, "{}:{}:{}", self.file.display(), line, col)
    }
}

/// One problem found in the input.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence, without a trailing period.
    pub message: String,
    /// Where it is, when it is somewhere in particular.
    pub location: Option<Location>,
    /// A short label shown under the offending text (for example "unknown key").
    pub label: Option<String>,
    /// What to do about it.
    pub hint: Option<String>,
    /// The kind of problem, a short stable name (`broken-link`, `unknown-key`…) that the
    /// summary of a failed build counts by (see [`Diagnostics::summary`]); `None` for the
    /// kinds not named yet.
    pub code: Option<&'static str>,
}

impl Diagnostic {
    /// An error with a message and no location yet.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            label: None,
            hint: None,
            code: None,
        }
    }

    /// A warning with a message and no location yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Points the diagnostic at a place in a file.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Points the diagnostic at `span` in `file`, whose text is `source`.
    pub fn at_span(self, file: impl Into<PathBuf>, source: &Arc<str>, span: Range<usize>) -> Self {
        self.at(Location::new(file, source.clone(), span))
    }

    /// Points the diagnostic at a whole file.
    pub fn in_file(self, file: impl Into<PathBuf>) -> Self {
        self.at(Location::file_only(file))
    }

    /// Adds a short label shown under the offending text.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds advice on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Names the kind of problem (a short stable name such as `unknown-key`), which the
    /// summary of a failed build counts by.
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    /// Sets the kind `code` unless the diagnostic has one already (for a stage that marks
    /// everything it reports, such as the data tables).
    pub fn or_code(mut self, code: &'static str) -> Self {
        self.code.get_or_insert(code);
        self
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` of the diagnostic, or `None` when it has no location.
    pub fn position(&self) -> Option<String> {
        self.location.as_ref().map(|l| format!("{l:?}"))
    }

    /// The diagnostic as plain text on one or two lines:
    /// `file:line:col: error: message` and, if there is one, `  hint: ...`.
    /// Used where there is no terminal, such as the error overlay of the live preview.
    pub fn to_plain(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = match self.position() {
            Some(pos) => format!("{pos}: {kind}: {}", self.message),
            None => format!("{kind}: {}", self.message),
        };
        if let Some(hint) = &self.hint {
            out.push_str("\n  hint: ");
            out.push_str(hint);
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_plain())
    }
}

/// A list of diagnostics, as gathered by one run of the pipeline.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// How many errors there are.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// How many warnings there are.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Whether there is nothing at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All diagnostics, in a stable order: by file, then position, then message.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by_key(|d| sort_key(d));
        v
    }

    /// The diagnostics in the order they were added.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// Renders every diagnostic for a terminal, with the offending line quoted.
    /// With `color` false the text has no escape codes.
    pub fn render(&self, color: bool) -> String {
        self.render_limited(color, 0)
    }

    /// [`Diagnostics::render`], stopping after `max_errors` errors (0: no limit) with a line
    /// saying how many errors and warnings were left out. The diagnostics are shown in
    /// [`Diagnostics::sorted`] order, so the ones shown are those of the first files.
    pub fn render_limited(&self, color: bool, max_errors: usize) -> String {
        let mut buf = if color {
            term::termcolor::Buffer::ansi()
        } else {
            term::termcolor::Buffer::no_color()
        };
        let config = term::Config::default();
        let mut files = Files::default();
        let sorted = self.sorted();
        let mut errors_shown = 0;
        for (i, d) in sorted.iter().enumerate() {
            if d.is_error() && max_errors > 0 && errors_shown == max_errors {
                let rest = &sorted[i..];
                buf.write_all_lossy(&left_out(rest));
                break;
            }
            errors_shown += usize::from(d.is_error());
            let cd = files.codespan_of(d);
            // Writing into an in-memory buffer only fails on a broken span, which
            // `Location::new` rules out; fall back to plain text just in case.
            if term::emit(&mut buf, &config, &files.files, &cd).is_err() {
                buf.write_all_lossy(&format!("{}\n", d.to_plain()));
            }
        }
        String::from_utf8_lossy(buf.as_slice()).into_owned()
    }

    /// What a failed run found, for its last line: `3 errors (2 unknown keys, 1 file
    /// without front matter) and 1 warning`; the errors by kind as [`Diagnostics::summary`]
    /// counts them, left out when no error has a kind.
    pub fn failure_summary(&self) -> String {
        let errors = plural(self.error_count(), "error", "errors");
        let warnings = plural(self.warning_count(), "warning", "warnings");
        if self.items.iter().any(|d| d.is_error() && d.code.is_some()) {
            format!("{errors} ({}) and {warnings}", self.summary())
        } else {
            format!("{errors} and {warnings}")
        }
    }

    /// The errors counted by kind ([`Diagnostic::code`]), the most frequent first:
    /// `57 broken links, 15 files without front matter, 7 unknown keys`. Errors of no named
    /// kind come last, as `2 other errors` (or `2 errors` when no error has a kind).
    /// Empty when there is no error.
    pub fn summary(&self) -> String {
        let mut counts: Vec<(Option<&'static str>, usize)> = Vec::new();
        for d in self.items.iter().filter(|d| d.is_error()) {
            match counts.iter_mut().find(|(c, _)| *c == d.code) {
                Some((_, n)) => *n += 1,
                None => counts.push((d.code, 1)),
            }
        }
        // Most frequent first, then by name; the unnamed last.
        counts.sort_by(|(a, m), (b, n)| (a.is_none(), n, a).cmp(&(b.is_none(), m, b)));
        let named = counts.iter().any(|(c, _)| c.is_some());
        counts
            .iter()
            .map(|&(code, n)| match code {
                Some(code) => kind_count(code, n),
                None if named => plural(n, "other error", "other errors"),
                None => plural(n, "error", "errors"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The line that ends a listing cut short by `--max-errors`: how many of `rest` (the
/// diagnostics not shown) are errors and warnings.
fn left_out(rest: &[&Diagnostic]) -> String {
    let errors = rest.iter().filter(|d| d.is_error()).count();
    let warnings = match rest.len() - errors {
        0 => String::new(),
        w => format!(" (and {})", plural(w, "warning", "warnings")),
    };
    let noun = if errors == 1 { "error" } else { "errors" };
    format!("… and {errors} more {noun}{warnings} not shown; `--max-errors 0` shows them all\n\n")
}

/// `n` things of the kind named `code`, in words (`3 unknown keys`); a kind not in the
/// table below reads `3 code errors`.
fn kind_count(code: &str, n: usize) -> String {
    let (one, many) = match code {
        "broken-link" => ("broken link", "broken links"),
        "no-title" => ("page without a title", "pages without a title"),
        "front-matter" => ("front matter error", "front matter errors"),
        "unknown-key" => ("unknown key", "unknown keys"),
        "read" => ("file that cannot be read", "files that cannot be read"),
        "encoding" => ("file not in UTF-8", "files not in UTF-8"),
        "language-folder" => (
            "folder that is not a language",
            "folders that are not languages",
        ),
        "no-pages" => ("language without pages", "languages without pages"),
        "duplicate-url" => ("duplicate URL", "duplicate URLs"),
        "template" => ("template error", "template errors"),
        "data-table" => ("data table error", "data table errors"),
        "site-toml" => ("error in site.toml", "errors in site.toml"),
        _ => return format!("{n} {code} error{}", if n == 1 { "" } else { "s" }),
    };
    plural(n, one, many)
}

/// `n` and the singular or the plural.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writing text into a terminal buffer.
trait WriteLossy {
    /// Writes `text`, ignoring errors (the buffer is in memory).
    fn write_all_lossy(&mut self, text: &str);
}

impl WriteLossy for term::termcolor::Buffer {
    fn write_all_lossy(&mut self, text: &str) {
        use std::io::Write;
        let _ = self.write_all(text.as_bytes());
    }
}

/// The files quoted by rendered diagnostics, each added once.
#[derive(Default)]
struct Files {
    /// The files, as `codespan-reporting` reads them.
    files: SimpleFiles<String, String>,
    /// Each file's id by its display path and the address of its text.
    ids: HashMap<(PathBuf, usize), usize>,
}

impl Files {
    /// `d` as a `codespan-reporting` diagnostic, its file added when it is new.
    fn codespan_of(&mut self, d: &Diagnostic) -> cs::Diagnostic<usize> {
        let mut cd = match d.severity {
            Severity::Error => cs::Diagnostic::error(),
            Severity::Warning => cs::Diagnostic::warning(),
        }
        .with_message(&d.message);
        if let Some(loc) = &d.location {
            if loc.source.is_empty() {
                cd = cd.with_notes(vec![format!("in {}", loc.file.display())]);
            } else {
                let key = (
                    loc.file.clone(),
                    Arc::as_ptr(&loc.source) as *const u8 as usize,
                );
                let files = &mut self.files;
                let id = *self.ids.entry(key).or_insert_with(|| {
                    files.add(loc.file.display().to_string(), loc.source.to_string())
                });
                let mut label = cs::Label::primary(id, loc.span.clone());
                if let Some(l) = &d.label {
                    label = label.with_message(l);
                }
                cd = cd.with_labels(vec![label]);
            }
        }
        if let Some(h) = &d.hint {
            // `with_notes` appends: pass only the new note.
            cd = cd.with_notes(vec![format!("hint: {h}")]);
        }
        cd
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(items: Vec<Diagnostic>) -> Self {
        Diagnostics { items }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

fn sort_key(d: &Diagnostic) -> (PathBuf, usize, usize, String) {
    match &d.location {
        Some(l) => {
            let (line, col) = l.line_col();
            (l.file.clone(), line, col, d.message.clone())
        }
        None => (PathBuf::new(), 0, 0, d.message.clone()),
    }
}

/// One-based line and character column of byte offset `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// Byte offset of the start of one-based `line`, `col` (in characters) in `text`;
/// clamped to the text. The inverse of [`line_col`].
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line.max(1) {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[offset..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    offset
        + rest[..line_end]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_end, |(i, _)| i)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A path shown relative to `root` when it is inside it, as it is otherwise.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\nđặc điểm x\n";
        let off = text.find('x').unwrap();
        assert_eq!(line_col(text, off), (2, 10));
        assert_eq!(offset_of(text, 2, 10), off);
        assert_eq!(line_col(text, 0), (1, 1));
    }

    #[test]
    fn plain_rendering_names_file_line_and_hint() {
        let src: Arc<str> = Arc::from("title = 1\nweigth = 2\n");
        let d = Diagnostic::error("unknown front matter key `weigth`")
            .at_span("content/vi/a.md", &src, 10..16)
            .with_hint("did you mean `weight`?");
        assert_eq!(
            d.to_plain(),
            "content/vi/a.md:2:1: error: unknown front matter key `weigth`\n  hint: did you mean `weight`?"
        );
        let all: Diagnostics = vec![d].into();
        let shown = all.render(false);
        assert!(shown.contains("content/vi/a.md:2:1"), "{shown}");
        assert!(shown.contains("weigth = 2"), "{shown}");
        assert!(shown.contains("hint: did you mean"), "{shown}");
    }

    #[test]
    fn spans_are_clamped_to_the_text() {
        let src: Arc<str> = Arc::from("đ");
        let l = Location::new("f", src, 1..99);
        assert_eq!(l.span, 0..2);
    }

    #[test]
    fn a_file_note_and_a_hint_are_each_shown_once() {
        let d = Diagnostic::warning("w")
            .in_file("content/vi/x")
            .with_hint("h");
        let shown = Diagnostics::from(vec![d]).render(false);
        assert_eq!(shown.matches("= in content/vi/x").count(), 1, "{shown}");
        assert_eq!(shown.matches("= hint: h").count(), 1, "{shown}");
    }

    #[test]
    fn errors_are_counted_by_kind() {
        let mut all = Diagnostics::new();
        for _ in 0..3 {
            all.push(Diagnostic::error("l").with_code("broken-link"));
        }
        all.push(Diagnostic::error("k").with_code("unknown-key"));
        all.push(Diagnostic::error("n").with_code("new-kind"));
        all.push(Diagnostic::error("n").with_code("new-kind"));
        all.push(Diagnostic::error("?"));
        all.push(Diagnostic::warning("w").with_code("orphan"));
        assert_eq!(
            all.summary(),
            "3 broken links, 2 new-kind errors, 1 unknown key, 1 other error"
        );
        assert_eq!(
            all.failure_summary(),
            "7 errors (3 broken links, 2 new-kind errors, 1 unknown key, 1 other error) and 1 warning"
        );
        let plain: Diagnostics = vec![Diagnostic::error("a"), Diagnostic::error("b")].into();
        assert_eq!(plain.summary(), "2 errors");
        assert_eq!(plain.failure_summary(), "2 errors and 0 warnings");
    }

    #[test]
    fn a_listing_stops_after_the_most_errors_asked_for() {
        let src: Arc<str> = Arc::from("a\nb\nc\nd\n");
        let all: Diagnostics = (0..4)
            .map(|i| Diagnostic::error(format!("e{i}")).at_span("f.md", &src, i * 2..i * 2 + 1))
            .chain([Diagnostic::warning("w").at_span("g.md", &src, 0..1)])
            .collect();
        let cut = all.render_limited(false, 2);
        assert!(
            cut.contains("error: e0") && cut.contains("error: e1"),
            "{cut}"
        );
        assert!(!cut.contains("e2") && !cut.contains("warning: w"), "{cut}");
        assert!(
            cut.contains(
                "… and 2 more errors (and 1 warning) not shown; `--max-errors 0` shows them all"
            ),
            "{cut}"
        );
        assert_eq!(all.render_limited(false, 0), all.render(false));
        assert_eq!(all.render_limited(false, 4), all.render(false));
    }
}
