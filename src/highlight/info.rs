//! The info string of a code fence: the language and the attributes after it, written as
//! ```` ```rust,linenos,linenostart=10,hl_lines=3-5 8 ````.
//!
//! The language is the info string up to its first comma or space. After it, attributes are
//! separated by commas: `linenos` numbers the lines, `linenostart=N` starts the numbers at N,
//! `hl_lines=…` marks lines (numbers and ranges separated by spaces, counted from the block's
//! first line). Any other word (`ignore`, `no_run`, a class…) is left alone, so that fences
//! written for other tools render as they are.

use std::ops::Range;

/// A code fence's language and options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FenceInfo<'a> {
    /// The language as written (`rust`, `Python`, `c++`), empty for a plain fence.
    pub lang: &'a str,
    /// `linenos`: number the lines.
    pub linenos: bool,
    /// `linenostart=N`: the number of the first line (1 unless given).
    pub start: u32,
    /// `hl_lines=…`: the marked lines, as ranges of line indexes counted from 0 (the block's
    /// first line is 0 whatever `linenostart` says), sorted as written.
    pub marked: Vec<Range<u32>>,
}

impl<'a> FenceInfo<'a> {
    /// The language of `info` and no option (what a block with a bad attribute is written
    /// with).
    pub(crate) fn plain(info: &'a str) -> Self {
        FenceInfo {
            lang: &info[..lang_end(info)],
            start: 1,
            ..FenceInfo::default()
        }
    }

    /// Whether the block is written line by line (numbered or with marked lines).
    pub(crate) fn by_line(&self) -> bool {
        self.linenos || !self.marked.is_empty()
    }

    /// Whether the line of index `i` (from 0) is marked.
    pub(crate) fn is_marked(&self, i: u32) -> bool {
        self.marked.iter().any(|r| r.contains(&i))
    }
}

/// A bad attribute: what is wrong, a hint, and the byte range of the attribute in the info
/// string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InfoError {
    /// What is wrong.
    pub message: String,
    /// How to write it.
    pub hint: &'static str,
    /// Where, in bytes of the info string.
    pub span: Range<usize>,
}

/// The hint of a bad `hl_lines`.
const HL_HINT: &str = "write the lines to mark as numbers and ranges separated by spaces, counted from the block's first line: `hl_lines=3-5 8`";

/// Reads an info string. Attributes it does not know are ignored; a known one with a bad
/// value is an error (the block is then written without its options).
pub(crate) fn parse(info: &str) -> Result<FenceInfo<'_>, InfoError> {
    let end = lang_end(info);
    let mut out = FenceInfo::plain(info);
    let mut at = end;
    for part in info[end..].split(',') {
        let span = at..at + part.len();
        at += part.len() + 1;
        let word = part.trim();
        let (key, value) = match word.split_once('=') {
            Some((k, v)) => (k.trim(), Some(v.trim())),
            None => (word, None),
        };
        match (key, value) {
            ("linenos", None) => out.linenos = true,
            ("linenostart", Some(v)) => {
                out.start = v.parse().ok().filter(|&n| n < 1_000_000).ok_or(InfoError {
                    message: format!(
                        "`linenostart={v}`: the first line's number must be a whole number"
                    ),
                    hint: "write `linenostart=10` to number the lines from 10",
                    span: span.clone(),
                })?;
            }
            ("hl_lines", Some(v)) => out.marked = parse_lines(v, span)?,
            ("hl_lines", None) | ("linenostart", None) => {
                return Err(InfoError {
                    message: format!("`{key}` needs a value"),
                    hint: HL_HINT,
                    span,
                })
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Where the language ends in an info string: at its first comma or space.
fn lang_end(info: &str) -> usize {
    info.find(|c: char| c == ',' || c.is_whitespace())
        .unwrap_or(info.len())
}

/// Reads the value of `hl_lines` (`3-5 8`) into ranges of line indexes from 0.
fn parse_lines(value: &str, span: Range<usize>) -> Result<Vec<Range<u32>>, InfoError> {
    let bad = |what: &str| InfoError {
        message: format!("`hl_lines={value}`: `{what}` is not a line number or a range of lines"),
        hint: HL_HINT,
        span: span.clone(),
    };
    let number = |s: &str| -> Option<u32> { s.trim().parse().ok().filter(|&n| n >= 1) };
    let mut out = Vec::new();
    for item in value.split_whitespace() {
        let (first, last) = match item.split_once('-') {
            Some((a, b)) => (number(a), number(b)),
            None => (number(item), number(item)),
        };
        match (first, last) {
            (Some(a), Some(b)) if a <= b => out.push(a - 1..b),
            _ => return Err(bad(item)),
        }
    }
    if out.is_empty() {
        return Err(bad(value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_ends_at_a_comma_or_a_space() {
        assert_eq!(parse("rust").unwrap().lang, "rust");
        assert_eq!(parse("rust,ignore").unwrap().lang, "rust");
        assert_eq!(parse("py title").unwrap().lang, "py");
        assert_eq!(
            parse("").unwrap(),
            FenceInfo {
                start: 1,
                ..FenceInfo::default()
            }
        );
    }

    #[test]
    fn attributes_are_read_and_unknown_ones_ignored() {
        let i = parse("rust,linenos,hl_lines=3-5 8,linenostart=10,no_run").unwrap();
        assert!(i.linenos);
        assert_eq!(i.start, 10);
        assert_eq!(i.marked, [2..5, 7..8]);
        assert!(i.is_marked(2) && i.is_marked(4) && i.is_marked(7));
        assert!(!i.is_marked(1) && !i.is_marked(5));
        assert!(i.by_line());
        let i = parse("sh, hl_lines = 1").unwrap();
        assert_eq!(i.marked, vec![0..1]);
        assert!(!i.linenos && i.by_line());
        assert!(!parse("rust,editable").unwrap().by_line());
    }

    #[test]
    fn bad_values_are_errors_with_their_span() {
        let e = parse("rust,hl_lines=3-x").unwrap_err();
        assert!(e.message.contains("`3-x`"), "{e:?}");
        assert_eq!(&"rust,hl_lines=3-x"[e.span.clone()], "hl_lines=3-x");
        assert!(parse("rust,hl_lines=5-3").is_err());
        assert!(parse("rust,hl_lines=0").is_err());
        assert!(parse("rust,hl_lines=").is_err());
        assert!(parse("rust,hl_lines").is_err());
        let e = parse("rust,linenos,linenostart=ten").unwrap_err();
        assert_eq!(&"rust,linenos,linenostart=ten"[e.span], "linenostart=ten");
    }
}
