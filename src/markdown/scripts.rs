//! Subscript and superscript inside a word: `H~2~O`, `x^2^`, `2^10^`.
//!
//! pulldown-cmark (`ENABLE_SUBSCRIPT`, `ENABLE_SUPERSCRIPT`) reads `~x~` and `^x^` only
//! where a word starts and ends, as it reads `_x_`; the formulas of chemistry and powers
//! are written inside words, so the text it leaves is read again here: a `~` (`^`) with no
//! space before the next `~` (`^`), and neither doubled (`~~` strikes through), encloses a
//! subscript (superscript). Text written with a backslash (`H\~2\~O`) stays as written: an
//! escape makes a text event of its own, which this pass does not join to its neighbours.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Renderer;

/// Whether `text` has a `~` or a `^` (most text has neither, and is passed on at once).
pub(super) fn may_have(text: &str) -> bool {
    memchr::memchr2(b'~', b'^', text.as_bytes()).is_some()
}

/// The scripts in `text`: each one's delimiter and the range of its content.
fn scripts(text: &str) -> Vec<(u8, Range<usize>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = memchr::memchr2(b'~', b'^', &b[i..]).map(|p| p + i) {
        let d = b[p];
        i = p + 1;
        let doubled = |at: usize| b.get(at) == Some(&d);
        if (p > 0 && doubled(p - 1)) || doubled(p + 1) {
            continue;
        }
        let rest = &b[p + 1..];
        let Some(len) = rest.iter().position(|&c| c == d || c.is_ascii_whitespace()) else {
            continue;
        };
        let q = p + 1 + len;
        if len == 0 || b[q] != d || doubled(q + 1) || text[p + 1..q].contains(char::is_whitespace) {
            continue;
        }
        out.push((d, p + 1..q));
        i = q + 1;
    }
    out
}

/// The events of `text` with its scripts as pulldown-cmark's tags.
fn split<'a>(text: &str, found: &[(u8, Range<usize>)]) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(found.len() * 4 + 1);
    let mut at = 0;
    for (d, r) in found {
        if r.start - 1 > at {
            out.push(Event::Text(CowStr::from(text[at..r.start - 1].to_string())));
        }
        let (start, end) = if *d == b'~' {
            (Tag::Subscript, TagEnd::Subscript)
        } else {
            (Tag::Superscript, TagEnd::Superscript)
        };
        out.push(Event::Start(start));
        out.push(Event::Text(CowStr::from(text[r.clone()].to_string())));
        out.push(Event::End(end));
        at = r.end + 1;
    }
    if at < text.len() {
        out.push(Event::Text(CowStr::from(text[at..].to_string())));
    }
    out
}

impl<'a> Renderer<'a> {
    /// Writes the run of text events that starts at `events[i]` (text as written in the
    /// file, one piece after another) with the scripts inside its words; returns the index
    /// of the next event.
    pub(super) fn scripts(&mut self, events: &mut [(Event<'a>, Range<usize>)], i: usize) -> usize {
        let body = self.ctx.file.body();
        let as_written = |ev: &Event, r: &Range<usize>| match ev {
            Event::Text(t) => body.get(r.clone()) == Some(t.as_ref()),
            _ => false,
        };
        let mut end = i;
        let mut joined = String::new();
        while end < events.len() && as_written(&events[end].0, &events[end].1) {
            if end > i && events[end].1.start != events[end - 1].1.end {
                break;
            }
            if let Event::Text(t) = &events[end].0 {
                joined.push_str(t);
            }
            end += 1;
        }
        let found = scripts(&joined);
        if found.is_empty() {
            // Nothing here (or text from an escape): as it was.
            let last = end.max(i + 1);
            for (ev, _) in &mut events[i..last] {
                let ev = std::mem::replace(ev, Event::SoftBreak);
                self.emit(ev);
            }
            return last;
        }
        for ev in split(&joined, &found) {
            self.emit(ev);
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Vec<(char, &str)> {
        scripts(text)
            .into_iter()
            .map(|(d, r)| (d as char, &text[r]))
            .collect()
    }

    #[test]
    fn scripts_inside_words() {
        assert_eq!(marked("H~2~O"), [('~', "2")]);
        assert_eq!(marked("x^2^ + 2^10^"), [('^', "2"), ('^', "10")]);
        assert_eq!(
            marked("CO~2~ và H~2~SO~4~"),
            [('~', "2"), ('~', "2"), ('~', "4")]
        );
    }

    #[test]
    fn spaces_doubles_and_lone_marks_are_text() {
        assert!(marked("khoảng ~5 đến ~10 người").is_empty());
        assert!(marked("a~~b~~c").is_empty());
        assert!(marked("x^^2^^").is_empty());
        assert!(marked("~").is_empty());
        assert!(marked("a~~").is_empty());
        assert!(marked("2^ and 3^").is_empty());
        assert!(marked("~ ~").is_empty());
    }

    #[test]
    fn split_writes_tags_around_the_content() {
        let text = "H~2~O.";
        let evs = split(text, &scripts(text));
        assert_eq!(
            evs,
            [
                Event::Text("H".into()),
                Event::Start(Tag::Subscript),
                Event::Text("2".into()),
                Event::End(TagEnd::Subscript),
                Event::Text("O.".into()),
            ]
        );
    }
}
