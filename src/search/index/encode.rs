//! The text of the index files: base-64 variable-length numbers, front-coded separators,
//! JSON strings and numbers, and the script wrapper every file is written in.

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `v` as a little-endian base-64 variable-length quantity: 5 bits a character,
/// the sixth bit (value 32) set on every character but the last.
#[inline]
pub fn push_vlq(out: &mut String, mut v: u32) {
    while v >= 32 {
        out.push(B64[(32 | (v & 31)) as usize] as char);
        v >>= 5;
    }
    out.push(B64[v as usize] as char);
}

/// Decodes a string of [`push_vlq`] numbers.
pub fn decode_vlq(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut v, mut shift) = (0u32, 0u32);
    for b in s.bytes() {
        let d = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'-' => 62,
            _ => 63,
        } as u32;
        v |= (d & 31) << shift;
        if d & 32 != 0 {
            shift += 5;
        } else {
            out.push(v);
            v = 0;
            shift = 0;
        }
    }
    out
}

/// Front-codes sorted separators: each becomes one [`push_vlq`] digit (0..=31) giving the
/// number of UTF-16 units it shares with the previous one, then the rest; joined with `|`.
pub fn front_code(seps: &[String]) -> String {
    let mut out = String::new();
    let mut prev: Vec<u16> = Vec::new();
    for (i, sep) in seps.iter().enumerate() {
        let units: Vec<u16> = sep.encode_utf16().collect();
        let mut shared = 0;
        for (c, len) in sep.chars().map(|c| (c, c.len_utf16())) {
            let _ = c;
            if shared + len > 31
                || shared + len > prev.len()
                || units[shared..shared + len] != prev[shared..shared + len]
            {
                break;
            }
            shared += len;
        }
        if i > 0 {
            out.push('|');
        }
        push_vlq(&mut out, shared as u32);
        out.push_str(&String::from_utf16_lossy(&units[shared..]));
        prev = units;
    }
    out
}

/// Reverses [`front_code`].
pub fn front_decode(s: &str, count: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(count);
    if count == 0 {
        return out;
    }
    let mut prev: Vec<u16> = Vec::new();
    for part in s.split('|') {
        let Some(first) = part.chars().next() else {
            continue;
        };
        let shared =
            (decode_vlq(&first.to_string()).first().copied().unwrap_or(0) as usize).min(prev.len());
        let mut units: Vec<u16> = prev[..shared].to_vec();
        units.extend(part[first.len_utf8()..].encode_utf16());
        out.push(String::from_utf16_lossy(&units));
        prev = units;
    }
    out
}

/// Appends `s` as a JSON string literal.
#[inline]
pub(super) fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    let needs_escape = |c: u8| (c < 0x20) | (c == b'"') | (c == b'\\');
    crate::text::bytescan::replace_into(out, s, needs_escape, |out, c| match c {
        b'"' => out.push_str("\\\""),
        b'\\' => out.push_str("\\\\"),
        b'\n' => out.push_str("\\n"),
        b'\t' => out.push_str("\\t"),
        b'\r' => out.push_str("\\r"),
        _ => {
            out.push_str("\\u00");
            out.push(char::from(b"0123456789abcdef"[(c >> 4) as usize]));
            out.push(char::from(b"0123456789abcdef"[(c & 15) as usize]));
        }
    });
    out.push('"');
}

/// Appends `n` in decimal.
#[inline]
pub(super) fn push_num(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Starts a script file: `SongnguSearch.add("<key>",`, with room for `capacity` bytes of data.
pub(super) fn script_start(key: &str, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity + key.len() + 32);
    out.push_str("SongnguSearch.add(");
    push_json_str(&mut out, key);
    out.push(',');
    out
}

/// Ends a script file started by [`script_start`] and gives its bytes.
pub(super) fn script_end(mut out: String) -> Vec<u8> {
    out.push_str(");\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`push_json_str`] must write, one byte at a time.
    fn json_str_reference(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    #[test]
    fn json_strings_are_escaped_in_and_across_blocks() {
        let pieces = [
            "a",
            "dân vận ",
            "\"",
            "\\",
            "\n",
            "\t",
            "\r",
            "\u{1}",
            "\u{1f}",
            "ỹ",
            "'",
        ];
        let mut next = crate::text::bytescan::xorshift(0x9e37_79b9_7f4a_7c15);
        for len in 0..200 {
            // Mostly plain text, so that whole blocks are plain too.
            let s = crate::text::bytescan::random_text(&mut next, &pieces, 4, "plain text ", len);
            let mut out = String::new();
            push_json_str(&mut out, &s);
            assert_eq!(out, json_str_reference(&s), "{s:?}");
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
        }
    }
}
