//! Splitting text into searchable tokens.
//!
//! A **word** is a run of letters, digits and combining marks. Words joined by `-`, `/` or `_`
//! (and digits joined by `.` or `,`) form a **compound**, such as `114-KL/TW`,
//! `04/2015/NĐ-CP` or `2.272`. Every word is a token with its own position (positions are
//! consecutive within one block of text, so adjacent syllables can be found); a compound is
//! one more token, at the position of its first word, so identifiers are searchable as typed.
//! A number written with thousands separators (`2.272`, `1,234,567`) has the key of the plain
//! number (`2272`), so either spelling finds the other.
//!
//! The client (theme/static/search.js) implements the same rules; keep them in step.

use super::fold;

/// Words longer than this (in bytes) are not indexed.
pub const MAX_WORD_BYTES: usize = 80;

/// One token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The text as written.
    pub text: String,
    /// Byte range in the source text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// Position of the word (compounds share the position of their first word).
    pub pos: u32,
    /// True for a compound of several words.
    pub compound: bool,
}

/// True for characters that make up words.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        // Latin-1 letters and Latin Extended-A/B, combining diacritics, Vietnamese letters.
        '\u{C0}'..='\u{24F}' => c != '×' && c != '÷',
        '\u{300}'..='\u{36F}' | '\u{1EA0}'..='\u{1EFF}' => true,
        _ => {
            c.is_alphabetic() || c.is_numeric() || unicode_normalization::char::is_combining_mark(c)
        }
    }
}

/// Splits `text` into words and compounds; positions start at `first_pos`.
pub fn tokenize(text: &str, first_pos: u32) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_token(text, first_pos, |t, start, end, pos, compound| {
        out.push(Token {
            text: t.to_string(),
            start,
            end,
            pos,
            compound,
        })
    });
    out
}

/// The character starting at byte `i` of valid UTF-8 `bytes` (`i` on a character boundary).
#[inline]
fn decode_at(bytes: &[u8], i: usize) -> char {
    let b0 = bytes[i];
    if b0 < 0x80 {
        return b0 as char;
    }
    let (len, mut c) = if b0 >= 0xF0 {
        (4, (b0 & 0x07) as u32)
    } else if b0 >= 0xE0 {
        (3, (b0 & 0x0F) as u32)
    } else {
        (2, (b0 & 0x1F) as u32)
    };
    for k in 1..len {
        c = (c << 6) | (bytes.get(i + k).copied().unwrap_or(0x80) & 0x3F) as u32;
    }
    char::from_u32(c).unwrap_or('\u{FFFD}')
}

/// Byte length of the UTF-8 character whose lead byte is `b`.
#[inline]
fn utf8_len(b: u8) -> usize {
    match b {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// [`WORD_LEN`] entry of a lead byte that needs a closer look.
const LOOK: u8 = 0xff;

/// By the first byte of a character: the character's length when every character starting
/// with that byte is a word character, 0 when none is, [`LOOK`] otherwise. ASCII letters and
/// digits, U+0100..=U+027F (C4..=C9) and the combining marks U+0300..=U+033F (CC) without
/// decoding.
static WORD_LEN: [u8; 256] = {
    let mut t = [LOOK; 256];
    let mut b = 0;
    while b < 0x80 {
        t[b] = (b as u8).is_ascii_alphanumeric() as u8;
        b += 1;
    }
    let mut b = 0xC4;
    while b <= 0xC9 {
        t[b] = 2;
        b += 1;
    }
    t[0xCC] = 2;
    t
};

/// Byte length of the character at byte `i` of valid UTF-8 `bytes` if it is a word character
/// ([`is_word_char`]), else 0. Latin, Vietnamese and combining marks without decoding.
#[inline(always)]
fn word_len_at(bytes: &[u8], i: usize) -> usize {
    match WORD_LEN[bytes[i] as usize] {
        LOOK => word_len_slow(bytes, i),
        l => l as usize,
    }
}

/// [`word_len_at`] for the lead bytes that [`WORD_LEN`] cannot settle alone (out of line:
/// most characters never get here).
#[inline(never)]
fn word_len_slow(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        // U+00C0..=U+00FF: letters but × (C3 97) and ÷ (C3 B7).
        0xC3 => {
            let b1 = bytes.get(i + 1).copied().unwrap_or(0);
            if b1 == 0x97 || b1 == 0xB7 {
                0
            } else {
                2
            }
        }
        // U+1E00..=U+1EFF: Latin Extended Additional (Vietnamese letters).
        0xE1 if matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) => 3,
        _ => {
            let c = decode_at(bytes, i);
            if is_word_char(c) {
                c.len_utf8()
            } else {
                0
            }
        }
    }
}

/// True for the first byte of a character that can join words into a compound (`-`, `/`,
/// `_`, `.`, `,`, and U+2010 / U+2011, which start with E2).
static JOINER_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    t[b'-' as usize] = true;
    t[b'/' as usize] = true;
    t[b'_' as usize] = true;
    t[b'.' as usize] = true;
    t[b',' as usize] = true;
    t[0xE2] = true;
    t
};

/// Calls `f(token, start, end, pos, compound)` for every token of `text`, in order (a compound
/// before its words), without allocating. Returns the position after the last word.
pub fn for_each_token<'t>(
    text: &'t str,
    first_pos: u32,
    mut f: impl FnMut(&'t str, usize, usize, u32, bool),
) -> u32 {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // End of the run of word characters starting at `i`.
    let run_end = |mut i: usize| -> usize {
        while i < n {
            let l = word_len_at(bytes, i);
            if l == 0 {
                break;
            }
            i += l;
        }
        i
    };
    // The word starting after a joiner at `k` that continues a compound, if any: (start, end).
    let joined = |k: usize| -> Option<(usize, usize)> {
        let (jlen, digits_only) = match bytes[k] {
            b'-' | b'/' | b'_' => (1, false),
            b'.' | b',' => (1, true),
            // U+2010, U+2011 (hyphens).
            0xE2 if bytes.get(k + 1) == Some(&0x80)
                && matches!(bytes.get(k + 2), Some(0x90 | 0x91)) =>
            {
                (3, false)
            }
            _ => return None,
        };
        let after = k + jlen;
        if after >= n {
            return None;
        }
        let l = word_len_at(bytes, after);
        if l == 0 {
            return None;
        }
        if digits_only && !(bytes[k - 1].is_ascii_digit() && bytes[after].is_ascii_digit()) {
            return None;
        }
        Some((after, run_end(after + l)))
    };
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut pos = first_pos;
    let mut i = 0;
    while i < n {
        let l = word_len_at(bytes, i);
        if l == 0 {
            i += utf8_len(bytes[i]);
            continue;
        }
        let k = run_end(i + l);
        // Most words end at a space: only a joiner's first byte is worth a closer look.
        let next = if k < n && JOINER_LEAD[bytes[k] as usize] {
            joined(k)
        } else {
            None
        };
        let Some(mut w) = next else {
            // A lone word, the common case.
            if k - i <= MAX_WORD_BYTES {
                f(&text[i..k], i, k, pos, false);
            }
            pos += 1;
            i = k;
            continue;
        };
        words.clear();
        words.push((i, k));
        loop {
            words.push(w);
            match if w.1 < n { joined(w.1) } else { None } {
                Some(x) => w = x,
                None => break,
            }
        }
        let (cstart, cend) = (i, w.1);
        if cend - cstart <= MAX_WORD_BYTES {
            f(&text[cstart..cend], cstart, cend, pos, true);
        }
        for &(s, e) in &words {
            if e - s <= MAX_WORD_BYTES {
                f(&text[s..e], s, e, pos, false);
            }
            pos += 1;
        }
        i = cend;
    }
    pos
}

/// The index key of a token: its folded form; numbers with thousands separators lose them.
pub fn key_of(exact: &str, compound: bool) -> String {
    let folded = fold::fold_exact(exact);
    if compound {
        if let Some(n) = plain_number(&folded) {
            return n;
        }
    }
    folded
}

/// `2.272` → `2272`, `1,234,567` → `1234567`; `None` for anything else.
fn plain_number(s: &str) -> Option<String> {
    let sep = s.chars().find(|c| !c.is_ascii_digit())?;
    if sep != '.' && sep != ',' {
        return None;
    }
    let groups: Vec<&str> = s.split(sep).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..]
        .iter()
        .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    let first_digits = groups[0].bytes().all(|b| b.is_ascii_digit());
    (first_ok && first_digits && rest_ok).then(|| groups.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &[Token]) -> Vec<(&str, u32, bool)> {
        t.iter()
            .map(|t| (t.text.as_str(), t.pos, t.compound))
            .collect()
    }

    #[test]
    fn splits_vietnamese_syllables() {
        let t = tokenize("Công tác dân vận, khiếu nại.", 0);
        assert_eq!(
            texts(&t),
            vec![
                ("Công", 0, false),
                ("tác", 1, false),
                ("dân", 2, false),
                ("vận", 3, false),
                ("khiếu", 4, false),
                ("nại", 5, false)
            ]
        );
    }

    #[test]
    fn keeps_document_identifiers() {
        let t = tokenize("Kết luận số 114-KL/TW và Nghị định 04/2015/NĐ-CP.", 0);
        let compounds: Vec<&str> = t
            .iter()
            .filter(|t| t.compound)
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(compounds, vec!["114-KL/TW", "04/2015/NĐ-CP"]);
        let words: Vec<&str> = t
            .iter()
            .filter(|t| !t.compound)
            .map(|t| t.text.as_str())
            .collect();
        assert!(words.contains(&"KL") && words.contains(&"NĐ") && words.contains(&"2015"));
        assert_eq!(key_of(&fold::exact("04/2015/NĐ-CP"), true), "04/2015/nd-cp");
    }

    #[test]
    fn numbers_with_thousands_separators_match_plain_numbers() {
        let t = tokenize("tổng số 2.272 hồ sơ, tỷ lệ 2,5%; năm 2020.", 0);
        let c: Vec<&Token> = t.iter().filter(|t| t.compound).collect();
        assert_eq!(c.len(), 2);
        assert_eq!(key_of(&c[0].text, true), "2272");
        assert_eq!(key_of(&c[1].text, true), "2,5");
        assert_eq!(key_of("2272", false), "2272");
        // A sentence-final dot is not part of the number.
        assert!(t.iter().any(|t| t.text == "2020" && !t.compound));
    }

    #[test]
    fn word_characters_fast_path_agrees_with_unicode() {
        for c in ('\u{80}'..='\u{2000}').chain('\u{1E00}'..='\u{1F00}') {
            let slow = c.is_alphabetic()
                || c.is_numeric()
                || unicode_normalization::char::is_combining_mark(c);
            assert_eq!(is_word_char(c), slow, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn word_length_fast_path_agrees_with_word_chars() {
        for c in ('\u{0}'..='\u{3100}').chain('\u{1F000}'..='\u{1F100}') {
            let s = format!("{c}x");
            let want = if is_word_char(c) { c.len_utf8() } else { 0 };
            assert_eq!(word_len_at(s.as_bytes(), 0), want, "U+{:04X}", c as u32);
            assert_eq!(utf8_len(s.as_bytes()[0]), c.len_utf8());
        }
    }

    #[test]
    fn compounds_end_where_joiners_stop() {
        let t = tokenize("a-b- c 1.5. x‐y 3,x", 0);
        assert_eq!(
            texts(&t),
            vec![
                ("a-b", 0, true),
                ("a", 0, false),
                ("b", 1, false),
                ("c", 2, false),
                ("1.5", 3, true),
                ("1", 3, false),
                ("5", 4, false),
                ("x‐y", 5, true),
                ("x", 5, false),
                ("y", 6, false),
                ("3", 7, false),
                ("x", 8, false)
            ]
        );
    }

    #[test]
    fn every_joiner_makes_a_compound() {
        for j in ["-", "/", "_", "\u{2010}", "\u{2011}"] {
            let text = format!("x a{j}b y");
            let t = tokenize(&text, 0);
            let compound = format!("a{j}b");
            assert!(
                t.iter().any(|t| t.compound && t.text == compound),
                "{j:?}: {:?}",
                texts(&t)
            );
        }
        for j in [".", ","] {
            let t = tokenize(&format!("x 1{j}5 y"), 0);
            assert!(t.iter().any(|t| t.compound), "{j:?}");
        }
        // Other punctuation, ASCII or not, separates.
        for sep in [
            "+", ":", ";", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2026}",
        ] {
            let t = tokenize(&format!("a{sep}b"), 0);
            assert!(!t.iter().any(|t| t.compound), "{sep:?}");
        }
    }

    #[test]
    fn utf8_decoding_matches_std() {
        let s = "aĐ ế\u{300}𝒳z—đ";
        for (i, c) in s.char_indices() {
            assert_eq!(decode_at(s.as_bytes(), i), c);
        }
    }

    #[test]
    fn byte_ranges_point_into_the_text() {
        let s = "Đặc điểm: “dân vận”";
        for t in tokenize(s, 7) {
            assert_eq!(&s[t.start..t.end], t.text);
            assert!(t.pos >= 7);
        }
    }
}
