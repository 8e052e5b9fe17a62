//! Translation tracking: which version of its source page a translation translates.
//!
//! A translated page carries `translation_of = "<hash>"` in its front matter, the
//! [`source_hash`] of the source page it was checked against. `songngu translations --mark`
//! writes it; the build compares it with the source page's current hash to tell an
//! up-to-date translation from a stale one.

use crate::load::SourceFile;

/// The short hash identifying a version of a source page: its title and body,
/// with line endings and trailing white space normalised, hashed with XXH3 (64 bits),
/// as 12 hex digits.
pub fn source_hash(file: &SourceFile) -> String {
    file.hash
        .get_or_init(|| hash_text(&file.front.title, file.body()))
        .clone()
}

/// [`source_hash`] of a title and a body.
pub fn hash_text(title: &str, body: &str) -> String {
    let mut norm = String::with_capacity(title.len() + body.len() + 1);
    norm.push_str(title.trim());
    norm.push('\n');
    for line in body.trim().lines() {
        norm.push_str(line.trim_end());
        norm.push('\n');
    }
    let h = xxhash_rust::xxh3::xxh3_64(norm.as_bytes());
    format!("{h:016x}")[..12].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_line_endings_and_trailing_space() {
        let a = hash_text("T", "one\ntwo\n");
        assert_eq!(a, hash_text("T", "one  \r\ntwo\r\n\n"));
        assert_ne!(a, hash_text("T", "one\ntwo!\n"));
        assert_ne!(a, hash_text("T2", "one\ntwo\n"));
        assert_eq!(a.len(), 12);
    }
}
