//! HTML escaping: one escaper for text and attribute values, shared by every stage.

/// Escapes text for HTML text and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped for HTML text and attribute values. Runs of characters
/// that need no escaping are copied in one go.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    super::bytescan::replace_into(out, s, is_html_special, |out, b| {
        out.push_str(match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;", // the last of is_html_special's bytes, '\''
        })
    });
}

/// The bytes [`escape_into`] replaces.
#[inline]
fn is_html_special(b: u8) -> bool {
    (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (b == b'\'')
}

/// Whether `bytes` holds a character that [`escape_into`] replaces.
pub(crate) fn needs_html_escape(bytes: &[u8]) -> bool {
    super::bytescan::any(bytes, is_html_special)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_agrees_with_one_character_at_a_time() {
        let reference = |s: &str| {
            s.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect::<String>()
        };
        let pieces = ["&", "<", ">", "\"", "'", "dân vận", "a", "ỹ ", "&amp;"];
        let mut next = super::super::bytescan::xorshift(0x1234_5678_9abc_def1);
        for len in 0..160 {
            let s = super::super::bytescan::random_text(&mut next, &pieces, 5, "plain words ", len);
            assert_eq!(escape(&s), reference(&s), "{s:?}");
            assert_eq!(needs_html_escape(s.as_bytes()), escape(&s) != s, "{s:?}");
        }
    }
}
