//! TOML front matter, between `+++` lines.

use std::ops::Range;

use super::{check_values, unknown_key, FrontFormat, Keys, Problem, KEYS};
use crate::diagnostics::Diagnostic;

/// The keys of the TOML front matter `text`, or every problem of it (ranges in `text`).
pub(super) fn keys(text: &str) -> Result<Keys, Vec<Problem>> {
    let problems = match toml::from_str::<Keys>(text) {
        Ok(keys) => {
            let problems = check_values(&keys, &|k| key_at(text, k));
            if problems.is_empty() {
                return Ok(keys);
            }
            problems
        }
        Err(e) => every_problem(e, text),
    };
    Err(problems)
}

/// The range of the first mention of `key` in `text` (where a value check points).
fn key_at(text: &str, key: &str) -> Range<usize> {
    text.find(key).map_or(0..0, |i| i..i + key.len())
}

/// Every problem of front matter that did not parse (`e` is the first one serde met): each
/// unknown key, and then the problems of the other keys, found by parsing the text again
/// with the unknown keys blanked out. In file order.
fn every_problem(e: toml::de::Error, text: &str) -> Vec<Problem> {
    let unknown = unknown_keys(text);
    if unknown.is_empty() {
        return vec![toml_error(&e)];
    }
    let mut problems: Vec<Problem> = unknown
        .iter()
        .map(|(key, span, _)| (unknown_key(key, FrontFormat::Toml), span.clone()))
        .collect();
    let rest = blank_out(text, unknown.iter().map(|(_, _, entry)| entry.clone()));
    match toml::from_str::<Keys>(&rest) {
        Ok(keys) => problems.extend(check_values(&keys, &|k| key_at(&rest, k))),
        // Should blanking have missed an unknown key, it is reported already.
        Err(e) if unknown_field(&e).is_some() => {}
        Err(e) => problems.push(toml_error(&e)),
    }
    problems.sort_by_key(|(_, span)| span.start);
    problems
}

/// The top-level keys of `text` that front matter does not have, in file order: each key,
/// the byte range of its name and that of the whole entry (name to end of value). Empty
/// when the text is not TOML.
fn unknown_keys(text: &str) -> Vec<(String, Range<usize>, Range<usize>)> {
    let Ok(doc) = toml::de::DeTable::parse(text) else {
        return Vec::new();
    };
    let mut unknown: Vec<_> = doc
        .get_ref()
        .iter()
        .filter(|(k, _)| !KEYS.contains(&k.get_ref().as_ref()))
        .map(|(k, v)| {
            let name = k.span();
            let mut entry = name.start..v.span().end.max(name.end);
            let before = &text[..name.start];
            if before.trim_end().ends_with('[') {
                // A `[table]` or `[[table]]`: its header line, to the next header (or the end).
                let after = &text[name.end..];
                entry.start = before.rfind('\n').map_or(0, |i| i + 1);
                entry.end = name.end + after.find("\n[").map_or(after.len(), |i| i + 1);
            }
            (k.get_ref().to_string(), name, entry)
        })
        .collect();
    unknown.sort_by_key(|(_, name, _)| name.start);
    unknown
}

/// `text` with the bytes in `ranges` turned into spaces, line breaks kept: the same
/// offsets, lines and columns, without those entries.
fn blank_out(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for r in ranges {
        for b in bytes.get_mut(r).into_iter().flatten() {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Whole characters were replaced by ASCII spaces, so the text is still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// The key named by serde's "unknown field" error, if `e` is one.
fn unknown_field(e: &toml::de::Error) -> Option<&str> {
    e.message()
        .trim()
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
}

/// A TOML error as a problem at its place in the TOML text, with a hint.
fn toml_error(e: &toml::de::Error) -> Problem {
    let span = e.span().unwrap_or(0..0);
    if let Some(unknown) = unknown_field(e) {
        return (unknown_key(unknown, FrontFormat::Toml), span);
    }
    let message = e.message().trim();
    let d = Diagnostic::error(format!("invalid front matter: {message}"))
        .with_hint("front matter between `+++` lines is TOML: `key = value`, strings in double quotes, `[extra]` last");
    (d.with_code("front-matter"), span)
}
