//! JavaScript string order (UTF-16 code units), in which the dictionary is sorted and the
//! client compares keys with the shard separators.

/// JavaScript string order (UTF-16 code units). It is the byte order of UTF-8 except where a
/// character of U+E000..=U+FFFF (lead byte 0xEE or 0xEF) meets one above U+FFFF (0xF0..):
/// UTF-16 puts the latter (surrogates, 0xD800..) first.
#[inline]
pub(super) fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let i = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    match (x.get(i), y.get(i)) {
        (Some(&p), Some(&q)) if p >= 0xF0 && (q == 0xEE || q == 0xEF) => std::cmp::Ordering::Less,
        (Some(&p), Some(&q)) if q >= 0xF0 && (p == 0xEE || p == 0xEF) => {
            std::cmp::Ordering::Greater
        }
        (p, q) => p.cmp(&q),
    }
}

/// The first eight bytes of `s` as a big-endian number (zero-padded), each byte renamed so
/// that numbers compare like [`utf16_cmp`] compares texts: the lead bytes of characters above
/// U+FFFF (F0..=F4) move before those of U+E000..=U+FFFF (EE, EF). Equal numbers mean only
/// that the first eight bytes are the same.
#[inline]
pub(super) fn order_prefix(s: &str) -> u64 {
    let mut v = 0u64;
    for i in 0..8 {
        let b = s.as_bytes().get(i).copied().unwrap_or(0);
        let renamed = match b {
            0xEE | 0xEF => b + 5,
            0xF0..=0xF4 => b - 2,
            _ => b,
        };
        v = v << 8 | renamed as u64;
    }
    v
}

/// The shortest prefix of `next` that sorts after `prev` (JavaScript string order).
pub(super) fn separator(prev: &str, next: &str) -> String {
    let mut end = 0;
    for (i, c) in next.char_indices() {
        end = i + c.len_utf8();
        if utf16_cmp(&next[..end], prev) == std::cmp::Ordering::Greater {
            return next[..end].to_string();
        }
    }
    next[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javascript_string_order_is_utf16_order() {
        // Pieces around the places where UTF-8 byte order and UTF-16 order disagree
        // (U+E000..=U+FFFF against characters above U+FFFF), and common ones.
        let pieces = [
            "a", "z", "đ", "ệ", "\u{E000}", "\u{FFFD}", "\u{FFFF}", "𝒳", "😀", " ",
        ];
        let mut next = crate::text::bytescan::xorshift(0x005e_ed0f_0d3a);
        let texts: Vec<String> = (0..400)
            .map(|_| {
                let len = (next() % 5) as usize;
                (0..len)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect()
            })
            .collect();
        for a in &texts {
            for b in &texts {
                let want = a.encode_utf16().cmp(b.encode_utf16());
                assert_eq!(utf16_cmp(a, b), want, "{a:?} {b:?}");
                // The sort's first test agrees wherever it decides.
                let (pa, pb) = (order_prefix(a), order_prefix(b));
                if pa != pb {
                    assert_eq!(pa.cmp(&pb), want, "prefixes of {a:?} {b:?}");
                }
            }
        }
    }
}
