//! The call syntax of shortcodes, as Zola writes it:
//!
//! - `{{ name(arg="text", n=3, x=1.5, flag=true, list=[1, 2]) }}`: a call without a body;
//! - `{% name(arg="text") %}` … `{% end %}`: a call whose body is the Markdown between;
//! - `{{/* name() */}}` and `{%/* name() */%}`: the call written out literally (shown
//!   without the comment marks).
//!
//! Strings are in double or single quotes, with the escapes `\"`, `\'`, `\\`, `\n`, `\t`
//! and `\r`. Whitespace (new lines included) may stand between the parts of a call. Text
//! that opens with `{{` or `{%` but is not followed by a name and `(` is not a call (a
//! Jinja snippet in prose stays as it is); once the `(` is there, anything malformed is an
//! error.

use std::ops::Range;

/// A value given to an argument.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// Text in quotes, escapes resolved.
    Str(String),
    /// A whole number.
    Int(i64),
    /// A number with a fraction or an exponent.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// `[a, b, …]`.
    Array(Vec<Value>),
}

impl Value {
    /// What kind of value this is, for messages ("a string", "a whole number"…).
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Int(_) => "a whole number",
            Value::Float(_) => "a number with a fraction",
            Value::Bool(_) => "true or false",
            Value::Array(_) => "a list",
        }
    }
}

/// One `name=value` argument.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Arg {
    /// The argument's name.
    pub name: String,
    /// Its value.
    pub value: Value,
    /// Where `name=value` is written.
    pub span: Range<usize>,
}

/// The form of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// `{{ name(…) }}`: no body.
    Inline,
    /// `{% name(…) %}`: opens a body.
    Open,
    /// `{% end %}`: closes the innermost body.
    End,
}

/// A call, as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Call {
    /// Its form.
    pub form: Form,
    /// The shortcode's name (`end` for [`Form::End`]).
    pub name: String,
    /// Where the name is written.
    pub name_span: Range<usize>,
    /// The arguments, in order.
    pub args: Vec<Arg>,
    /// From the opening `{{`/`{%` to the closing `}}`/`%}`.
    pub span: Range<usize>,
}

/// A syntax error in a call.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SyntaxError {
    /// Where it is.
    pub at: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to write it.
    pub hint: String,
    /// Where scanning goes on: after the call's closing mark when there is one.
    pub resume: usize,
}

/// What text opening with `{{` or `{%` turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Found {
    /// A call.
    Call(Call),
    /// `{{/* … */}}`: `text` is the call without the comment marks, shown as it is.
    Literal {
        /// The whole escaped call.
        span: Range<usize>,
        /// What to show.
        text: String,
    },
    /// `{{ name }}` or `{% name %}`: a name without `(`; an error when `name` is a
    /// shortcode, text otherwise.
    Bare {
        /// The name.
        name: String,
        /// The whole `{{ name }}`.
        span: Range<usize>,
    },
    /// A malformed call.
    Error(SyntaxError),
    /// Not a call: text.
    Text,
}

/// The hint for malformed arguments.
pub(crate) const ARGS_HINT: &str = "arguments are written name=value, separated by commas: \
    `src=\"a.png\"`, `n=3`, `x=1.5`, `flag=true`, `list=[1, 2]`";

/// Parses what starts at `text[at..]`, which begins with `{{` or `{%`.
pub(crate) fn parse_at(text: &str, at: usize) -> Found {
    let b = text.as_bytes();
    let block = b.get(at + 1) == Some(&b'%');
    let close: &[u8; 2] = if block { b"%}" } else { b"}}" };
    let mut p = Parser {
        text,
        b,
        pos: at + 2,
    };
    if b[p.pos..].starts_with(b"/*") {
        return literal(text, at, block);
    }
    p.skip_ws();
    let name_start = p.pos;
    let Some(name) = p.ident() else {
        return Found::Text;
    };
    let name_span = name_start..p.pos;
    p.skip_ws();
    if block && name == "end" {
        return end_mark(p, at, name_span);
    }
    if !b[p.pos..].starts_with(b"(") {
        if b[p.pos..].starts_with(close) {
            return Found::Bare {
                name: name.to_string(),
                span: at..p.pos + 2,
            };
        }
        return Found::Text;
    }
    p.pos += 1;
    let form = if block { Form::Open } else { Form::Inline };
    match p.args().and_then(|args| p.close(close).map(|()| args)) {
        Ok(args) => Found::Call(Call {
            form,
            name: name.to_string(),
            name_span,
            args,
            span: at..p.pos,
        }),
        Err((at_err, message, hint)) => Found::Error(SyntaxError {
            resume: resume_after(text, at_err.start.max(at + 2), close),
            at: at_err,
            message,
            hint,
        }),
    }
}

/// `{{/* … */}}` (or `{%/* … */%}`) at `at`, or text when it is not closed.
fn literal(text: &str, at: usize, block: bool) -> Found {
    let end_mark = if block { "*/%}" } else { "*/}}" };
    let inner_start = at + 4;
    let Some(len) = text[inner_start..].find(end_mark) else {
        return Found::Text;
    };
    let inner = &text[inner_start..inner_start + len];
    let (open, close) = if block { ("{%", "%}") } else { ("{{", "}}") };
    Found::Literal {
        span: at..inner_start + len + 4,
        text: format!("{open}{inner}{close}"),
    }
}

/// `{% end %}`, after its name.
fn end_mark(p: Parser, at: usize, name_span: Range<usize>) -> Found {
    if p.b[p.pos..].starts_with(b"%}") {
        return Found::Call(Call {
            form: Form::End,
            name: "end".to_string(),
            name_span,
            args: Vec::new(),
            span: at..p.pos + 2,
        });
    }
    Found::Error(SyntaxError {
        at: p.pos..p.pos + p.char_len(),
        message: "`{% end %}` takes nothing between `end` and `%}`".to_string(),
        hint: "close a shortcode's body with `{% end %}` exactly".to_string(),
        resume: resume_after(p.text, p.pos, b"%}"),
    })
}

/// Where to go on after an error at `from`: after the next `close` mark, or right after
/// `from` when there is none.
fn resume_after(text: &str, from: usize, close: &[u8; 2]) -> usize {
    memchr::memmem::find(&text.as_bytes()[from..], close).map_or(from, |i| from + i + 2)
}

/// An error: where, what and how to fix it.
type Fail = (Range<usize>, String, String);

/// A cursor over the text of a call.
struct Parser<'t> {
    text: &'t str,
    b: &'t [u8],
    pos: usize,
}

impl<'t> Parser<'t> {
    /// Skips spaces, tabs and new lines.
    fn skip_ws(&mut self) {
        while matches!(self.b.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The length in bytes of the character at the cursor (0 at the end).
    fn char_len(&self) -> usize {
        self.text[self.pos..]
            .chars()
            .next()
            .map_or(0, char::len_utf8)
    }

    /// A name (`[A-Za-z_][A-Za-z0-9_]*`) at the cursor, consumed.
    fn ident(&mut self) -> Option<&'t str> {
        let start = self.pos;
        match self.b.get(self.pos) {
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => self.pos += 1,
            _ => return None,
        }
        while matches!(self.b.get(self.pos), Some(c) if c.is_ascii_alphanumeric() || *c == b'_') {
            self.pos += 1;
        }
        Some(&self.text[start..self.pos])
    }

    /// An error at the cursor (the character there, or the end).
    fn fail_here(&self, message: impl Into<String>, hint: impl Into<String>) -> Fail {
        (
            self.pos..self.pos + self.char_len(),
            message.into(),
            hint.into(),
        )
    }

    /// The arguments after `(`, up to and including `)`.
    fn args(&mut self) -> Result<Vec<Arg>, Fail> {
        let mut args: Vec<Arg> = Vec::new();
        loop {
            self.skip_ws();
            if self.b.get(self.pos) == Some(&b')') {
                self.pos += 1;
                return Ok(args);
            }
            let start = self.pos;
            let Some(name) = self.ident() else {
                return Err(self.no_name());
            };
            let name = name.to_string();
            self.skip_ws();
            if self.b.get(self.pos) != Some(&b'=') {
                return Err(self.fail_here(
                    format!("expected `=` after the argument name `{name}`"),
                    ARGS_HINT,
                ));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value()?;
            if args.iter().any(|a| a.name == name) {
                return Err((
                    start..self.pos,
                    format!("the argument `{name}` is given twice"),
                    "give each argument once".to_string(),
                ));
            }
            args.push(Arg {
                name,
                value,
                span: start..self.pos,
            });
            self.skip_ws();
            match self.b.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b')') => {}
                _ => return Err(self.fail_here("expected `,` or `)` after an argument", ARGS_HINT)),
            }
        }
    }

    /// The error where an argument's name should be.
    fn no_name(&self) -> Fail {
        let starts_value = matches!(
            self.b.get(self.pos),
            Some(b'"' | b'\'' | b'[' | b'-' | b'+' | b'0'..=b'9')
        );
        if starts_value {
            return self.fail_here(
                "arguments of a shortcode are named: a value needs a name before it",
                ARGS_HINT,
            );
        }
        match self.b.get(self.pos) {
            None => self.fail_here("the call is not closed: `)` is missing", ARGS_HINT),
            _ => self.fail_here("expected an argument name or `)`", ARGS_HINT),
        }
    }

    /// The closing `}}` or `%}` after `)`.
    fn close(&mut self, close: &[u8; 2]) -> Result<(), Fail> {
        self.skip_ws();
        if self.b[self.pos..].starts_with(close) {
            self.pos += 2;
            return Ok(());
        }
        let close = std::str::from_utf8(close).unwrap_or("}}");
        let hint = if close == "}}" {
            "a call without a body is `{{ name(…) }}`; one with a body is `{% name(…) %}`…`{% end %}`"
        } else {
            "a call with a body opens with `{% name(…) %}` and its body ends with `{% end %}`"
        };
        Err(self.fail_here(format!("expected `{close}` to close the call"), hint))
    }

    /// A value at the cursor.
    fn value(&mut self) -> Result<Value, Fail> {
        match self.b.get(self.pos) {
            Some(q @ (b'"' | b'\'')) => self.string(*q).map(Value::Str),
            Some(b'[') => self.array(),
            Some(b'-' | b'+' | b'0'..=b'9') => self.number(),
            Some(c) if c.is_ascii_alphabetic() => {
                let start = self.pos;
                match self.ident() {
                    Some("true") => Ok(Value::Bool(true)),
                    Some("false") => Ok(Value::Bool(false)),
                    Some(word) => Err((
                        start..self.pos,
                        format!("`{word}` is not a value"),
                        format!("text goes in quotes: `\"{word}\"`; a flag is `true` or `false`"),
                    )),
                    None => unreachable_ident(start),
                }
            }
            _ => Err(self.fail_here(
                "expected a value: text in quotes, a number, true or false, or a list in [ ]",
                ARGS_HINT,
            )),
        }
    }

    /// A string in `quote`s, escapes resolved.
    fn string(&mut self, quote: u8) -> Result<String, Fail> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.pos..];
            let Some(i) = rest.bytes().position(|c| c == quote || c == b'\\') else {
                return Err((
                    start..start + 1,
                    "this string is not closed".to_string(),
                    format!("end it with {}", quote as char),
                ));
            };
            out.push_str(&rest[..i]);
            self.pos += i;
            if self.b[self.pos] == quote {
                self.pos += 1;
                return Ok(out);
            }
            let escaped = match self.b.get(self.pos + 1) {
                Some(b'"') => '"',
                Some(b'\'') => '\'',
                Some(b'\\') => '\\',
                Some(b'n') => '\n',
                Some(b't') => '\t',
                Some(b'r') => '\r',
                _ => {
                    let len = 1 + self.text[self.pos + 1..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
                    return Err((
                        self.pos..self.pos + len,
                        "unknown escape in a string".to_string(),
                        "the escapes are \\\", \\', \\\\, \\n, \\t and \\r; write \\\\ for a backslash".to_string(),
                    ));
                }
            };
            out.push(escaped);
            self.pos += 2;
        }
    }

    /// A list `[a, b, …]` (a trailing comma allowed).
    fn array(&mut self) -> Result<Value, Fail> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            match self.b.get(self.pos) {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => {
                    return Err((
                        start..start + 1,
                        "this list is not closed".to_string(),
                        "end it with `]`".to_string(),
                    ))
                }
                _ => {}
            }
            items.push(self.value()?);
            self.skip_ws();
            match self.b.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {}
                _ => {
                    return Err(self.fail_here(
                        "expected `,` or `]` in a list",
                        "a list is written `[1, 2, 3]` or `[\"a\", \"b\"]`",
                    ))
                }
            }
        }
    }

    /// A number: `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Result<Value, Fail> {
        let start = self.pos;
        if matches!(self.b.get(self.pos), Some(b'-' | b'+')) {
            self.pos += 1;
        }
        let digits = |p: &mut Self| {
            let s = p.pos;
            while matches!(p.b.get(p.pos), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos > s
        };
        let mut ok = digits(self);
        let mut float = false;
        if ok && self.b.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            float = true;
            ok = digits(self);
        }
        if ok && matches!(self.b.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            float = true;
            if matches!(self.b.get(self.pos), Some(b'-' | b'+')) {
                self.pos += 1;
            }
            ok = digits(self);
        }
        let written = &self.text[start..self.pos];
        let bad = || {
            (
                start..self.pos.max(start + 1),
                format!("`{written}` is not a number"),
                "numbers are written `3`, `-2`, `1.5` or `2e3`".to_string(),
            )
        };
        if !ok {
            return Err(bad());
        }
        if float {
            written.parse().map(Value::Float).map_err(|_| bad())
        } else {
            written.parse().map(Value::Int).map_err(|_| {
                (
                    start..self.pos,
                    format!("`{written}` is too large a whole number"),
                    "whole numbers go from -9223372036854775808 to 9223372036854775807".to_string(),
                )
            })
        }
    }
}

/// `ident` returned nothing after an ASCII letter: cannot happen; an error all the same.
fn unreachable_ident(at: usize) -> Result<Value, Fail> {
    Err((
        at..at + 1,
        "expected a value".to_string(),
        ARGS_HINT.to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(text: &str) -> Call {
        match parse_at(text, 0) {
            Found::Call(c) => c,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn error(text: &str) -> SyntaxError {
        match parse_at(text, 0) {
            Found::Error(e) => e,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn calls_and_their_arguments() {
        let c = call(
            r#"{{ fig(a="x \"y\"\n", b='it\'s', n=-3, f=1.5, e=2e3, t=true, l=[1, "a", [false],], ) }} after"#,
        );
        assert_eq!(c.form, Form::Inline);
        assert_eq!(c.name, "fig");
        let values: Vec<&Value> = c.args.iter().map(|a| &a.value).collect();
        assert_eq!(
            values,
            [
                &Value::Str("x \"y\"\n".into()),
                &Value::Str("it's".into()),
                &Value::Int(-3),
                &Value::Float(1.5),
                &Value::Float(2000.0),
                &Value::Bool(true),
                &Value::Array(vec![
                    Value::Int(1),
                    Value::Str("a".into()),
                    Value::Array(vec![Value::Bool(false)])
                ]),
            ]
        );
        assert!(c.span.end == c.span.start + c.span.len());
        let text = "{% details(summary = \"S\"\n  ) %}";
        let c = call(text);
        assert_eq!((c.form, c.span.clone()), (Form::Open, 0..text.len()));
        assert_eq!(call("{%end%}").form, Form::End);
        assert_eq!(call("{{x()}}").args, []);
    }

    #[test]
    fn literals_and_text() {
        assert_eq!(
            parse_at("{{/* figure(src=\"a\") */}} x", 0),
            Found::Literal {
                span: 0..25,
                text: "{{ figure(src=\"a\") }}".into()
            }
        );
        assert_eq!(
            parse_at("{%/* end */%}", 0),
            Found::Literal {
                span: 0..13,
                text: "{% end %}".into()
            }
        );
        for text in [
            "{{ user.name }}",
            "{% if x %}",
            "{{ 1 + 2 }}",
            "{{/* open",
            "{{",
        ] {
            assert_eq!(parse_at(text, 0), Found::Text, "{text}");
        }
        assert_eq!(
            parse_at("{{ figure }}", 0),
            Found::Bare {
                name: "figure".into(),
                span: 0..12
            }
        );
    }

    #[test]
    fn errors_point_at_the_fault() {
        let text = "{{ f(a=1 b=2) }} rest }}";
        let e = error(text);
        assert_eq!(&text[e.at.clone()], "b");
        assert!(e.message.contains("`,` or `)`"), "{e:?}");
        assert_eq!(e.resume, 16);
        let e = error("{{ f(\"a\") }}");
        assert!(e.message.contains("named"), "{e:?}");
        let e = error("{{ f(a=b) }}");
        assert!(e.hint.contains("\"b\""), "{e:?}");
        let e = error("{{ f(a=\"x) }}");
        assert_eq!(e.at, 7..8);
        assert!(e.message.contains("not closed"));
        let e = error("{{ f(a=\"\\q\") }}");
        assert_eq!(e.at, 8..10);
        let e = error("{{ f(a=1, a=2) }}");
        assert!(e.message.contains("twice"));
        let e = error("{{ f(a=1) %}");
        assert!(e.message.contains("`}}`"));
        let e = error("{% end x %}");
        assert!(e.message.contains("end"));
        let e = error("{{ f(a=1.) }}");
        assert!(e.message.contains("not a number"));
        let e = error("{{ f(a=99999999999999999999) }}");
        assert!(e.message.contains("too large"));
        let e = error("{{ f(a=[1 2]) }}");
        assert!(e.message.contains("list"));
        let e = error("{{ f(a=");
        assert!(e.message.contains("expected a value"));
    }
}
