//! Writing `translation_of` into a page's front matter (`songngu translations --mark`), in
//! the syntax the page uses, touching no other line.

use std::ops::Range;

use super::FrontFormat;

/// The text `source` of a page whose front matter is written as `format`, its text at
/// `front`, with `translation_of` set to `hash`: the key's line replaced, or added after
/// the other top-level keys (before TOML's `[extra]` table); a page without front matter
/// gets TOML front matter holding only that key.
pub(crate) fn with_translation_of(
    source: &str,
    format: FrontFormat,
    front: &Range<usize>,
    hash: &str,
) -> String {
    let (line, separator) = match format {
        FrontFormat::Absent => {
            let (before, after) = source.split_at(front.start);
            return format!("{before}+++\ntranslation_of = \"{hash}\"\n+++\n{after}");
        }
        FrontFormat::Toml => (format!("translation_of = \"{hash}\"\n"), '='),
        FrontFormat::Yaml => (format!("translation_of: \"{hash}\"\n"), ':'),
    };
    let mut lines: Vec<&str> = source[front.clone()].split_inclusive('\n').collect();
    // TOML's tables come after the top-level keys; YAML's top-level keys are not indented.
    let top_level = |l: &&str| match format {
        FrontFormat::Toml => !l.trim_start().starts_with('['),
        _ => true,
    };
    let top = lines
        .iter()
        .position(|l| !top_level(l))
        .unwrap_or(lines.len());
    let ours = |l: &&str| {
        let key = match format {
            FrontFormat::Toml => l.trim_start(),
            _ => l,
        };
        key.strip_prefix("translation_of")
            .is_some_and(|rest| rest.trim_start().starts_with(separator))
    };
    match lines[..top].iter().position(ours) {
        Some(i) => lines[i] = &line,
        // The front matter's text ends with a line break: it ends where the closing line starts.
        None => lines.insert(top, &line),
    }
    join(source, front, &lines)
}

/// `source` with the text at `front` replaced by `lines`.
fn join(source: &str, front: &Range<usize>, lines: &[&str]) -> String {
    let mut out = String::with_capacity(source.len() + 64);
    out.push_str(&source[..front.start]);
    lines.iter().for_each(|l| out.push_str(l));
    out.push_str(&source[front.end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::parse;
    use std::path::Path;
    use std::sync::Arc;

    /// `text` marked with hash `h`, through the parser's ranges.
    fn mark(text: &str) -> String {
        let src: Arc<str> = Arc::from(text);
        let split = parse(Path::new("a.md"), &src).unwrap();
        with_translation_of(text, split.format, &split.front_range, "h")
    }

    #[test]
    fn the_key_is_set_in_the_page_s_own_syntax() {
        assert_eq!(
            mark("+++\ntitle = \"A\"\n[extra]\nx = 1\n+++\nB\n"),
            "+++\ntitle = \"A\"\ntranslation_of = \"h\"\n[extra]\nx = 1\n+++\nB\n"
        );
        assert_eq!(
            mark("+++\ntranslation_of = \"old\"\ntitle = \"A\"\n+++\nB\n"),
            "+++\ntranslation_of = \"h\"\ntitle = \"A\"\n+++\nB\n"
        );
        assert_eq!(
            mark("---\ntitle: A\nextra:\n  translation_of: 1\n---\nB\n"),
            "---\ntitle: A\nextra:\n  translation_of: 1\ntranslation_of: \"h\"\n---\nB\n"
        );
        assert_eq!(
            mark("---\ntranslation_of: old\ntitle: A\n---\n"),
            "---\ntranslation_of: \"h\"\ntitle: A\n---\n"
        );
        assert_eq!(
            mark("\u{feff}# A\n\nB\n"),
            "\u{feff}+++\ntranslation_of = \"h\"\n+++\n# A\n\nB\n"
        );
        // Marked again, nothing else changes.
        let once = mark("# A\n");
        assert_eq!(mark(&once), once);
    }
}
