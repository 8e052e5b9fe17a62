//! Scans of text for a few special bytes (characters to escape, whitespace, the lead bytes
//! of Vietnamese letters), written so that the compiler tests many bytes at once: blocks of
//! fixed length whose per-byte results are folded into one byte without branching become
//! vector compares (checked in the disassembly; a fold of `bool`s over a whole slice did not,
//! and cost about 14 instructions a byte). Most text holds none of what is looked for, so
//! most of it is only tested, never copied byte by byte.

/// Bytes tested at once by [`any`] and [`replace_into`].
const BLOCK: usize = 32;

/// Whether any byte of a block satisfies `special`: a loop of fixed length whose results are
/// folded into one byte, which the compiler turns into vector compares.
#[inline(always)]
fn block_has(block: &[u8; BLOCK], special: impl Fn(u8) -> bool) -> bool {
    let mut hits = 0u8;
    for &b in block {
        hits |= u8::from(special(b));
    }
    hits != 0
}

/// Whether any byte of `bytes` satisfies `special` (which should not branch).
///
/// Tested [`BLOCK`] bytes at a time (a fold of `bool`s over the whole slice stayed one byte
/// at a time, about 14 instructions a byte).
#[inline]
pub(crate) fn any(bytes: &[u8], special: impl Fn(u8) -> bool + Copy) -> bool {
    let (blocks, rest) = bytes.as_chunks::<BLOCK>();
    blocks.iter().any(|b| block_has(b, special))
        || padded(rest).is_some_and(|b| block_has(&b, special))
}

/// The last, partial block of a text as a whole block, padded with copies of its first byte
/// (which changes nothing: if that byte is special, so is the block); `None` when empty.
#[inline(always)]
fn padded(rest: &[u8]) -> Option<[u8; BLOCK]> {
    let first = *rest.first()?;
    let mut block = [first; BLOCK];
    block[..rest.len()].copy_from_slice(rest);
    Some(block)
}

/// Appends `s` to `out` with every byte that satisfies `special` replaced by what
/// `replace(out, byte)` appends. `special` must only hold for ASCII bytes (so that text is
/// cut at character boundaries). Blocks of [`BLOCK`] bytes without one are copied whole.
#[inline]
pub(crate) fn replace_into(
    out: &mut String,
    s: &str,
    special: impl Fn(u8) -> bool + Copy,
    mut replace: impl FnMut(&mut String, u8),
) {
    let (blocks, rest) = s.as_bytes().as_chunks::<BLOCK>();
    let mut run = 0;
    let mut replace_in = |out: &mut String, at: usize, bytes: &[u8]| {
        for (j, &b) in bytes.iter().enumerate() {
            if special(b) {
                let i = at + j;
                out.push_str(&s[run..i]);
                replace(out, b);
                run = i + 1;
            }
        }
    };
    for (k, block) in blocks.iter().enumerate() {
        if block_has(block, special) {
            replace_in(out, k * BLOCK, block);
        }
    }
    if padded(rest).is_some_and(|b| block_has(&b, special)) {
        replace_in(out, blocks.len() * BLOCK, rest);
    }
    out.push_str(&s[run..]);
}

/// A deterministic stream of pseudo-random numbers (xorshift64) for randomised tests.
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

/// A random text of at least `len` bytes for tests: pieces of `pieces`, or `plain` (about
/// `plain_weight - 1` times out of `plain_weight`), drawn with `next`.
#[cfg(test)]
pub(crate) fn random_text(
    next: &mut impl FnMut() -> u64,
    pieces: &[&str],
    plain_weight: usize,
    plain: &str,
    len: usize,
) -> String {
    let mut s = String::new();
    while s.len() < len {
        let k = next() as usize % (pieces.len() * plain_weight);
        s.push_str(pieces.get(k).unwrap_or(&plain));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_special_bytes_in_and_across_blocks() {
        let mut next = xorshift(0x0123_4567_89ab_cdef);
        for len in 0..100 {
            let s: String = (0..len)
                .map(|_| ['a', 'đ', '*', ' ', 'ỹ'][(next() % 5) as usize])
                .collect();
            let mut out = String::new();
            replace_into(&mut out, &s, |b| b == b'*', |o, _| o.push_str("[*]"));
            assert_eq!(out, s.replace('*', "[*]"), "{s:?}");
            assert_eq!(any(s.as_bytes(), |b| b == b'*'), s.contains('*'));
        }
    }

    #[test]
    fn finds_a_special_byte_at_every_place_of_every_length() {
        // Including a predicate that holds for the NUL byte, which must not leak in from
        // the padding of the last block, and texts starting with the special byte.
        let specials: [fn(u8) -> bool; 2] = [|b| b == b'<', |b| b < 0x20];
        for special in specials {
            for len in 0..=3 * BLOCK + 1 {
                let plain = vec![b'x'; len];
                assert!(!any(&plain, special), "len {len}");
                let mut out = String::new();
                replace_into(&mut out, "x".repeat(len).as_str(), special, |o, _| {
                    o.push('!')
                });
                assert_eq!(out.len(), len);
                for at in 0..len {
                    for hit in [b'<', b'\0', b'\n'] {
                        let mut bytes = plain.clone();
                        bytes[at] = hit;
                        assert_eq!(any(&bytes, special), special(hit), "len {len} at {at}");
                        let text = String::from_utf8(bytes).unwrap();
                        let mut out = String::new();
                        replace_into(&mut out, &text, special, |o, _| o.push('!'));
                        let want: String = text
                            .bytes()
                            .map(|b| if special(b) { '!' } else { b as char })
                            .collect();
                        assert_eq!(out, want, "len {len} at {at}");
                    }
                }
            }
        }
    }
}
