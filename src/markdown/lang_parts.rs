//! Language of parts: Vietnamese phrases inside a page in another language get
//! `<span lang="vi">`, so that screen readers read them with Vietnamese pronunciation and
//! browsers hyphenate and shape them right (WCAG 2.2, 3.1.2 "Language of Parts").
//!
//! The translation keeps Vietnamese names and, in parentheses, the Vietnamese name of bodies
//! and documents: "the Provincial Party Committee (Tỉnh ủy Cao Bằng)". A word is taken as
//! Vietnamese when it has a letter that only Vietnamese uses among the languages such a site
//! mixes (ă â đ ê ô ơ ư and the letters with Vietnamese tone marks, U+1EA0–U+1EF9). A phrase
//! is a run of such words and the plain words between them ("Cao" in "Tỉnh ủy Cao Bằng"),
//! broken by punctuation; short capitalised plain words and words with other accents just
//! before it belong to it too ("Trung tâm", "Ban Bí thư"). English words around it are left
//! alone.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Whether `c` marks a word as Vietnamese.
pub(crate) fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'â' | 'Â' | 'đ' | 'Đ' | 'ê' | 'Ê' | 'ô' | 'Ô' | 'ơ' | 'Ơ' | 'ư' | 'Ư'
    ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// Whether `text` has one of the bytes that the letters of [`is_vietnamese_letter`] start
/// with in UTF-8 (0xC3, 0xC4, 0xC6, 0xE1; a test checks every letter), many bytes at a time.
fn has_vietnamese_lead_byte(text: &str) -> bool {
    // Compares joined with `|`, not `[…].contains(&b)`: that calls memchr for every byte and
    // keeps the block test from compiling to vector compares.
    crate::text::bytescan::any(text.as_bytes(), |b| {
        (b == 0xC3) | (b == 0xC4) | (b == 0xC6) | (b == 0xE1)
    })
}

/// Whether `text` has a letter of [`is_vietnamese_letter`]: most English text has none of
/// their first bytes, and is not decoded at all.
fn has_vietnamese_letter(text: &str) -> bool {
    has_vietnamese_lead_byte(text) && text.chars().any(is_vietnamese_letter)
}

/// One whitespace-separated word: its core (letters and digits) and whether punctuation
/// stands before or after the core.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    core: Range<usize>,
    lead: bool,
    trail: bool,
    strong: bool,
    letters: bool,
    /// A plain word that may start a Vietnamese phrase: capitalised, short and ASCII
    /// ("Trung", "Ban"), or with other accented letters ("Bí").
    may_lead: bool,
}

impl Word {
    /// A word at `s` with no letter or digit (punctuation only): it breaks phrases.
    fn no_core(s: usize) -> Word {
        Word {
            core: s..s,
            lead: true,
            trail: true,
            strong: false,
            letters: false,
            may_lead: false,
        }
    }
}

/// The word `text[s..e]` (no whitespace in it).
fn word(text: &str, s: usize, e: usize) -> Word {
    let w = &text[s..e];
    if w.is_ascii() {
        word_ascii(w.as_bytes(), s)
    } else {
        word_any(w, s)
    }
}

/// A word of any characters, starting at `s`.
fn word_any(w: &str, s: usize) -> Word {
    let Some(cs) = w
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, _)| i)
    else {
        return Word::no_core(s);
    };
    let ce = w
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(w.len());
    let core = &w[cs..ce];
    let letters = core.chars().all(char::is_alphabetic);
    Word {
        core: s + cs..s + ce,
        lead: cs > 0,
        trail: ce < w.len(),
        strong: letters && core.chars().any(is_vietnamese_letter),
        letters,
        may_lead: letters
            && (!core.is_ascii()
                || (core.len() <= 6 && core.starts_with(|c: char| c.is_ascii_uppercase()))),
    }
}

/// [`word_any`] for an ASCII word (most words of a page in another language): bytes, no
/// decoding.
fn word_ascii(w: &[u8], s: usize) -> Word {
    let Some(cs) = w.iter().position(u8::is_ascii_alphanumeric) else {
        return Word::no_core(s);
    };
    let ce = w
        .iter()
        .rposition(u8::is_ascii_alphanumeric)
        .map_or(w.len(), |i| i + 1);
    let core = &w[cs..ce];
    let letters = core.iter().all(u8::is_ascii_alphabetic);
    Word {
        core: s + cs..s + ce,
        lead: cs > 0,
        trail: ce < w.len(),
        strong: false,
        letters,
        may_lead: letters && core.len() <= 6 && core[0].is_ascii_uppercase(),
    }
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(word(text, s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

/// Byte ranges of the Vietnamese phrases in `text`.
pub(crate) fn vietnamese_runs(text: &str) -> Vec<Range<usize>> {
    // A phrase needs a Vietnamese letter, and each of those starts with one of these bytes:
    // most English text has none (checked many bytes at a time), and no phrase.
    if !has_vietnamese_lead_byte(text) {
        return Vec::new();
    }
    let ws = words(text);
    let mut runs = Vec::new();
    // The current run: its start and the end of its last Vietnamese word.
    let mut run: Option<(usize, usize)> = None;
    for (i, w) in ws.iter().enumerate() {
        let joined = i > 0 && !ws[i - 1].trail && !w.lead;
        match run {
            Some((s, _)) if joined && w.letters => {
                // A capitalised plain word ends a name ("Việt Nam"); other plain words
                // count only when a Vietnamese word follows.
                if w.strong || w.may_lead {
                    run = Some((s, w.core.end));
                }
            }
            _ => {
                if let Some((s, e)) = run.take() {
                    runs.push(s..e);
                }
                if w.strong {
                    // Back over the plain words that lead into the phrase ("Ban Bí thư").
                    let mut k = i;
                    while k > 0 && !ws[k - 1].trail && !ws[k].lead && ws[k - 1].may_lead {
                        k -= 1;
                    }
                    run = Some((ws[k].core.start, w.core.end));
                }
            }
        }
        if w.trail {
            if let Some((s, e)) = run.take() {
                runs.push(s..e);
            }
        }
    }
    if let Some((s, e)) = run {
        runs.push(s..e);
    }
    runs
}

/// Replaces text events that hold Vietnamese phrases with HTML in which each phrase is in a
/// `<span lang="vi">` (the rest escaped as pulldown-cmark would). Text inside code, images
/// (it becomes their `alt`) and raw HTML is left as it is.
pub(crate) fn mark_vietnamese(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut depth_plain = 0usize;
    events
        .into_iter()
        .map(|ev| match ev {
            Event::Start(Tag::Image { .. }) | Event::Start(Tag::CodeBlock(_)) => {
                depth_plain += 1;
                ev
            }
            Event::End(TagEnd::Image) | Event::End(TagEnd::CodeBlock) => {
                depth_plain = depth_plain.saturating_sub(1);
                ev
            }
            Event::Text(t) if depth_plain == 0 && has_vietnamese_letter(&t) => {
                let runs = vietnamese_runs(&t);
                if runs.is_empty() {
                    return Event::Text(t);
                }
                let mut html = String::with_capacity(t.len() + runs.len() * 24);
                let mut at = 0;
                for r in runs {
                    crate::text::escape_into(&mut html, &t[at..r.start]);
                    html.push_str("<span lang=\"vi\">");
                    crate::text::escape_into(&mut html, &t[r.clone()]);
                    html.push_str("</span>");
                    at = r.end;
                }
                crate::text::escape_into(&mut html, &t[at..]);
                Event::InlineHtml(CowStr::from(html))
            }
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Vec<&str> {
        vietnamese_runs(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn vietnamese_letters_start_with_the_bytes_looked_for() {
        let mut buf = [0u8; 4];
        for c in (char::MIN..=char::MAX).filter(|&c| is_vietnamese_letter(c)) {
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!([0xC3, 0xC4, 0xC6, 0xE1].contains(&first), "{c:?}");
            // Alone, and after a 32-byte block of spaces.
            assert!(has_vietnamese_lead_byte(&c.to_string()), "{c:?}");
            assert!(has_vietnamese_lead_byte(&format!("{:40}{c}", "")), "{c:?}");
        }
    }

    #[test]
    fn ascii_words_are_read_as_the_general_way_reads_them() {
        let samples = [
            "Ban",
            "(Trung",
            "(tam)",
            "Hello,",
            "2020",
            "No.",
            "691-BC/TU",
            "\"Cao\"",
            "(",
            "--",
            "x",
            "ABCDEFG",
            "Abcdef",
            "a1",
            "Q1",
            "...",
            "e.g.",
            "(a)",
            "Z",
            "mid-word",
        ];
        for w in samples.iter().filter(|w| w.is_ascii()) {
            assert_eq!(word_ascii(w.as_bytes(), 7), word_any(w, 7), "{w:?}");
        }
    }

    #[test]
    fn vietnamese_phrases_in_english_text() {
        assert_eq!(
            marked("the Cao Bang Provincial Party Committee (Tỉnh ủy Cao Bằng), signed"),
            vec!["Tỉnh ủy Cao Bằng"]
        );
        assert_eq!(
            marked("Decree No. 04/2015/NĐ-CP (Nghị định số 04/2015/NĐ-CP) of 9 January"),
            vec!["Nghị định số"]
        );
        assert_eq!(
            marked("the Centre (Trung tâm Phục vụ hành chính công của tỉnh) was"),
            vec!["Trung tâm Phục vụ hành chính công của tỉnh"]
        );
        assert_eq!(
            marked("the Front (Mặt trận Tổ quốc Việt Nam) and"),
            vec!["Mặt trận Tổ quốc Việt Nam"]
        );
        assert_eq!(
            marked("signed by Triệu Đình Lê, Deputy Secretary"),
            vec!["Triệu Đình Lê"]
        );
        assert_eq!(
            marked("the Politburo (Bộ Chính trị) and the Secretariat (Ban Bí thư)"),
            vec!["Bộ Chính trị", "Ban Bí thư"]
        );
    }

    #[test]
    fn english_and_other_words_are_left_alone() {
        assert!(marked("Report No. 691-BC/TU of 7 August 2020 in Cao Bang").is_empty());
        assert!(marked("a naïve café résumé").is_empty());
        assert!(marked("").is_empty());
        assert!(marked("  ( ) — ").is_empty());
    }

    #[test]
    fn events_get_spans_with_escaped_text() {
        let evs = mark_vietnamese(vec![
            Event::Text(CowStr::from("a <b> & (Dân vận) c")),
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)),
            Event::Text(CowStr::from("Dân vận")),
            Event::End(TagEnd::CodeBlock),
        ]);
        assert_eq!(
            evs[0],
            Event::InlineHtml(CowStr::from(
                "a &lt;b&gt; &amp; (<span lang=\"vi\">Dân vận</span>) c"
            ))
        );
        assert_eq!(evs[2], Event::Text(CowStr::from("Dân vận")));
    }
}
