//! The built-in shortcodes' arguments, and the checks every call goes through.
//!
//! - `figure(src, alt, caption, title, width, height, class, id)`: an image with a numbered
//!   caption; with a body, the body is the caption.
//! - `details(summary, open, class, id)` with a body: a block the reader opens.
//!
//! Their templates (`theme/shortcodes/figure.html`, `details.html`) may be overridden; an
//! override may read arguments of its own, which calls may then give.

use std::ops::Range;

use super::parse::{Call, Form, Value};
use super::{Shortcodes, RESERVED};
use crate::i18n::UiStrings;
use crate::text::closest;

/// The built-in shortcodes, sorted.
pub(crate) const BUILTIN: [&str; 2] = ["details", "figure"];

/// What a problem with a call is: where, what, and a hint.
pub(crate) type Problem = (Range<usize>, String, String);

/// The kind of value an argument of a built-in shortcode takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Plain text.
    Text,
    /// Text rendered as inline Markdown.
    Markdown,
    /// A whole number of pixels.
    Pixels,
    /// `true` or `false`.
    Flag,
}

/// An argument of a built-in shortcode.
struct Param {
    name: &'static str,
    kind: Kind,
    required: bool,
}

/// A built-in argument.
const fn param(name: &'static str, kind: Kind, required: bool) -> Param {
    Param {
        name,
        kind,
        required,
    }
}

/// The arguments of `figure`.
const FIGURE: &[Param] = &[
    param("src", Kind::Text, true),
    param("alt", Kind::Text, false),
    param("caption", Kind::Markdown, false),
    param("title", Kind::Text, false),
    param("width", Kind::Pixels, false),
    param("height", Kind::Pixels, false),
    param("class", Kind::Text, false),
    param("id", Kind::Text, false),
];

/// The arguments of `details`.
const DETAILS: &[Param] = &[
    param("summary", Kind::Markdown, false),
    param("open", Kind::Flag, false),
    param("class", Kind::Text, false),
    param("id", Kind::Text, false),
];

/// What `figure` gives its template besides the arguments: no call may set them.
const FIGURE_MADE: [&str; 3] = ["img", "label", "number"];

/// The arguments of built-in shortcode `name`.
fn spec(name: &str) -> Option<&'static [Param]> {
    match name {
        "figure" => Some(FIGURE),
        "details" => Some(DETAILS),
        _ => None,
    }
}

/// Whether the argument `arg` of built-in `name` is rendered as Markdown.
pub(crate) fn is_markdown(name: &str, arg: &str) -> bool {
    spec(name).is_some_and(|s| s.iter().any(|p| p.name == arg && p.kind == Kind::Markdown))
}

/// Whether `call` makes a block (a `<figure>`, a `<details>`, any call with a body): alone
/// on its line, it ends the paragraph around it.
pub(crate) fn is_block(call: &Call) -> bool {
    call.form != Form::Inline || BUILTIN.contains(&call.name.as_str())
}

/// "Hình 3" / "Figure 3".
pub(crate) fn figure_label(strings: &UiStrings, n: u32) -> String {
    strings.format("shortcodes.figure", &[("n", &n.to_string())])
}

/// The problems of `call` to a known shortcode: reserved or unknown arguments, missing
/// ones, values of the wrong kind, a body where none is taken or none where one is needed.
pub(crate) fn check_call(set: &Shortcodes, call: &Call) -> Vec<Problem> {
    let mut problems = Vec::new();
    let name = call.name.as_str();
    let spec = spec(name);
    let params = set.params(name);
    let mut allowed: Vec<&str> = spec.unwrap_or(&[]).iter().map(|p| p.name).collect();
    if let Some(params) = params {
        let made = if name == "figure" {
            &FIGURE_MADE[..]
        } else {
            &[]
        };
        for p in params.iter().map(String::as_str) {
            if !RESERVED.contains(&p) && !made.contains(&p) && !allowed.contains(&p) {
                allowed.push(p);
            }
        }
    }
    for arg in &call.args {
        let reserved = RESERVED.contains(&arg.name.as_str())
            || (name == "figure" && FIGURE_MADE.contains(&arg.name.as_str()));
        if reserved {
            problems.push((
                arg.span.clone(),
                format!("`{}` cannot be an argument: the template is given its own `{}`", arg.name, arg.name),
                "rename the argument (the template sees `args`, `body`, `i18n`, `nth` and `page` for itself; a figure also `img`, `label` and `number`)".to_string(),
            ));
            continue;
        }
        match spec.and_then(|s| s.iter().find(|p| p.name == arg.name)) {
            Some(p) => problems.extend(kind_problem(name, p, arg)),
            None if params.is_none() => {}
            None if allowed.contains(&arg.name.as_str()) => {}
            None => problems.push(unknown_arg(name, &arg.name, arg.span.clone(), &allowed)),
        }
    }
    problems.extend(missing(call, spec.unwrap_or(&[])));
    problems.extend(form_problem(call));
    problems
}

/// The problem with `arg`'s value when it is not of `p`'s kind.
fn kind_problem(name: &str, p: &Param, arg: &super::parse::Arg) -> Option<Problem> {
    let (fits, wanted, example) = match p.kind {
        Kind::Text | Kind::Markdown => (
            matches!(arg.value, Value::Str(_)),
            "text in quotes",
            format!("{}=\"…\"", p.name),
        ),
        Kind::Pixels => (
            matches!(arg.value, Value::Int(n) if n > 0),
            "a whole number of pixels",
            format!(
                "{}=640 (for other sizes, give the figure a `class` and size it in CSS)",
                p.name
            ),
        ),
        Kind::Flag => (
            matches!(arg.value, Value::Bool(_)),
            "true or false",
            format!("{}=true", p.name),
        ),
    };
    (!fits).then(|| {
        (
            arg.span.clone(),
            format!(
                "`{}` of `{name}` is {wanted}, not {}",
                p.name,
                arg.value.kind()
            ),
            format!("write {example}"),
        )
    })
}

/// The problem of an argument `arg` that shortcode `name` does not take.
fn unknown_arg(name: &str, arg: &str, span: Range<usize>, allowed: &[&str]) -> Problem {
    let list = allowed
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let takes = if allowed.is_empty() {
        format!("`{name}` takes no arguments")
    } else {
        format!("`{name}` takes {list}")
    };
    let hint = match closest(arg, allowed) {
        Some(near) => format!("did you mean `{near}`? {takes}"),
        None => takes,
    };
    (span, format!("`{name}` has no argument `{arg}`"), hint)
}

/// The problems of required arguments `call` does not give.
fn missing(call: &Call, spec: &[Param]) -> Vec<Problem> {
    spec.iter()
        .filter(|p| p.required && !call.args.iter().any(|a| a.name == p.name))
        .map(|p| {
            (
                call.name_span.clone(),
                format!("`{}` needs the argument `{}`", call.name, p.name),
                format!("add it: `{}({}=\"…\")`", call.name, p.name),
            )
        })
        .collect()
}

/// The problem of a built-in called without a body it needs, or with a caption twice.
fn form_problem(call: &Call) -> Option<Problem> {
    let has = |a: &str| call.args.iter().any(|x| x.name == a);
    match (call.name.as_str(), call.form) {
        ("details", Form::Inline) => Some((
            call.span.clone(),
            "`details` needs a body: the text the reader opens".to_string(),
            "write `{% details(summary=\"…\") %}`, the text, then `{% end %}`".to_string(),
        )),
        ("figure", Form::Open) if has("caption") => Some((
            call.span.clone(),
            "this figure has two captions: its `caption` and its body".to_string(),
            "keep one: `{{ figure(src=\"…\", caption=\"…\") }}`, or a body between `{% figure(src=\"…\") %}` and `{% end %}`".to_string(),
        )),
        _ => None,
    }
}

/// The problem of a built-in block (a figure, details) called within text, where its
/// element would break the paragraph's HTML.
pub(crate) fn block_in_text(call: &Call, in_text: bool) -> Option<Problem> {
    (in_text && BUILTIN.contains(&call.name.as_str())).then(|| {
        (
            call.span.clone(),
            format!("`{}` makes a block and cannot stand within text", call.name),
            "put the call on a line of its own (a blank line before and after makes its own paragraph)".to_string(),
        )
    })
}

/// The "unknown shortcode" problem for `call`.
pub(crate) fn unknown_shortcode(set: &Shortcodes, call: &Call) -> Problem {
    let names = set.names();
    let list = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = match closest(&call.name, &names) {
        Some(near) => format!("did you mean `{near}`? The shortcodes are {list}; a site adds its own as theme/shortcodes/NAME.html"),
        None => format!("the shortcodes are {list}; a site adds its own as theme/shortcodes/{}.html", call.name),
    };
    (
        call.name_span.clone(),
        format!("unknown shortcode `{}`", call.name),
        hint,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shortcodes::parse::{parse_at, Found};
    use crate::theme::Theme;

    fn problems(text: &str) -> Vec<String> {
        let (set, _) = Shortcodes::new(&Theme::builtin());
        let Found::Call(call) = parse_at(text, 0) else {
            panic!("{text}")
        };
        check_call(&set, &call)
            .into_iter()
            .map(|(at, m, h)| format!("{}|{m}|{h}", &text[at]))
            .collect()
    }

    #[test]
    fn built_in_arguments_are_checked() {
        assert_eq!(
            problems("{{ figure(src=\"a.png\", width=3, caption=\"*x*\") }}"),
            Vec::<String>::new()
        );
        let p = problems("{{ figure(src=\"a\", captoin=\"x\", width=\"50%\", body=1, number=2) }}");
        assert_eq!(p.len(), 4, "{p:#?}");
        assert!(
            p[0].starts_with(
                "captoin=\"x\"|`figure` has no argument `captoin`|did you mean `caption`?"
            ),
            "{p:#?}"
        );
        assert!(
            p[1].contains("`width` of `figure` is a whole number of pixels, not a string"),
            "{p:#?}"
        );
        assert!(
            p[2].contains("`body` cannot be an argument") && p[3].contains("`number`"),
            "{p:#?}"
        );
        let p = problems("{{ figure(alt=\"x\") }}");
        assert_eq!(
            p,
            ["figure|`figure` needs the argument `src`|add it: `figure(src=\"…\")`"]
        );
        let p = problems("{{ details(summary=\"x\") }}");
        assert!(p[0].contains("needs a body"), "{p:#?}");
        let p = problems("{% figure(src=\"a\", caption=\"c\") %}");
        assert!(p[0].contains("two captions"), "{p:#?}");
        assert_eq!(problems("{% details(open=true) %}"), Vec::<String>::new());
    }
}
