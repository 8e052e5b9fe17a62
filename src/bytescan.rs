//! Scans of text for a few special bytes (characters to escape, whitespace, the lead bytes
//! of Vietnamese letters), written so that the compiler tests many bytes at once: a test
//! that does not branch on each byte (a fold with `|`) vectorises, an early exit does not.
//! Most text holds none of what is looked for, so most of it is only tested, never copied
//! byte by byte.

/// Whether any byte of `bytes` satisfies `special` (which should not branch).
#[inline]
pub fn any(bytes: &[u8], special: impl Fn(u8) -> bool) -> bool {
    bytes.iter().fold(false, |found, &b| found | special(b))
}

/// Appends `s` to `out` with every byte that satisfies `special` replaced by what
/// `replace(out, byte)` appends. `special` must only hold for ASCII bytes (so that text is
/// cut at character boundaries). Blocks of 32 bytes without one are copied whole.
#[inline]
pub fn replace_into(
    out: &mut String,
    s: &str,
    special: impl Fn(u8) -> bool + Copy,
    mut replace: impl FnMut(&mut String, u8),
) {
    const BLOCK: usize = 32;
    let mut run = 0;
    for (k, block) in s.as_bytes().chunks(BLOCK).enumerate() {
        if !any(block, special) {
            continue;
        }
        for (j, &b) in block.iter().enumerate() {
            if special(b) {
                let i = k * BLOCK + j;
                out.push_str(&s[run..i]);
                replace(out, b);
                run = i + 1;
            }
        }
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
}
