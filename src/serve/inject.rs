//! The live-reload script added to HTML while serving (never to build output), and the
//! `[serve]` UI strings it shows in the reader's language.

use std::collections::BTreeMap;
use std::path::Path;

/// The client script: reload on a new build, keep the scroll position, show build errors.
const LIVE_JS: &str = include_str!("live.js");

/// The `[serve]` strings shipped with the default theme, per language.
const EMBEDDED: &[(&str, &str)] = &[
    ("en", include_str!("../../theme/i18n/en.toml")),
    ("vi", include_str!("../../theme/i18n/vi.toml")),
];

/// Strings used when neither the site nor the embedded theme has a key.
const BUILTIN_EN: &[(&str, &str)] = &[
    ("error_title", "This change could not be built"),
    (
        "error_kept",
        "You are looking at the last version that built. Fix the problem below and save: the page updates by itself.",
    ),
    ("error_count", "{count} error(s)"),
    ("hide", "Hide"),
    (
        "no_site",
        "The site has not built yet. Fix the errors below and save: this page updates by itself.",
    ),
    (
        "reconnecting",
        "The preview server has stopped; reconnecting…",
    ),
];

/// The path of the Server-Sent Events stream the script listens to.
pub const EVENTS_PATH: &str = "/__songngu/events";

/// The `[serve]` strings of every language we know, with English as the fallback.
#[derive(Debug, Clone, Default)]
pub struct ServeStrings {
    by_lang: BTreeMap<String, BTreeMap<String, String>>,
}

impl ServeStrings {
    /// The embedded strings, overridden key by key by the site's own
    /// `theme/i18n/<lang>.toml` `[serve]` groups under `site_root`, if any.
    pub fn load(site_root: &Path) -> Self {
        let mut by_lang: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let en = by_lang.entry("en".to_string()).or_default();
        for (k, v) in BUILTIN_EN {
            en.insert((*k).to_string(), (*v).to_string());
        }
        for (lang, text) in EMBEDDED {
            merge_group(by_lang.entry((*lang).to_string()).or_default(), text);
        }
        if let Ok(dir) = std::fs::read_dir(site_root.join("theme").join("i18n")) {
            let mut files: Vec<_> = dir.flatten().map(|e| e.path()).collect();
            files.sort();
            for path in files {
                let (Some(stem), Some("toml")) = (
                    path.file_stem().and_then(|s| s.to_str()),
                    path.extension().and_then(|s| s.to_str()),
                ) else {
                    continue;
                };
                if let Ok(text) = std::fs::read_to_string(&path) {
                    merge_group(by_lang.entry(stem.to_string()).or_default(), &text);
                }
            }
        }
        ServeStrings { by_lang }
    }

    /// The strings for `lang` (a BCP 47 tag such as `vi` or `en-GB`), each key falling back
    /// to English.
    pub fn for_lang(&self, lang: &str) -> BTreeMap<String, String> {
        let mut out = self.by_lang.get("en").cloned().unwrap_or_default();
        let primary = lang
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        for candidate in [primary.as_str(), lang] {
            if let Some(own) = self.by_lang.get(candidate) {
                for (k, v) in own {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        out
    }
}

fn merge_group(into: &mut BTreeMap<String, String>, toml_text: &str) {
    let Ok(table) = toml_text.parse::<toml::Table>() else {
        return;
    };
    if let Some(toml::Value::Table(group)) = table.get("serve") {
        for (k, v) in group {
            if let toml::Value::String(s) = v {
                into.insert(k.clone(), s.clone());
            }
        }
    }
}

/// The `lang` attribute of the document's `<html>` element, if it has one.
pub fn html_lang(html: &str) -> Option<&str> {
    let mut cut = html.len().min(4096);
    while !html.is_char_boundary(cut) {
        cut -= 1;
    }
    let lower = html[..cut].to_ascii_lowercase();
    let start = lower.find("<html")?;
    let end = start + lower[start..].find('>')?;
    let tag = &lower[start..end];
    let at = tag.find(" lang=").or_else(|| tag.find("\nlang="))? + start + " lang=".len();
    let rest = &html[at..end];
    let (value, _) = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split_once(q)?,
        _ => rest
            .split_once(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or((rest, "")),
    };
    Some(value.trim()).filter(|v| !v.is_empty())
}

/// The `<script>` block for a page served from good build `gen` of server `instance`.
pub fn script(instance: &str, gen: u64, strings: &BTreeMap<String, String>) -> String {
    let cfg = serde_json::json!({
        "events": EVENTS_PATH,
        "instance": instance,
        "gen": gen,
        "strings": strings,
    });
    // `</` cannot appear inside a script element; JSON allows `\/` in strings.
    let cfg = cfg.to_string().replace("</", "<\\/");
    format!(
        "<script data-songngu-live>window.__songnguLive={cfg};\n{LIVE_JS}</script>\n",
        LIVE_JS = LIVE_JS
    )
}

/// `html` with the live-reload script inserted before the last `</body>` (or appended
/// when there is none), its strings chosen from the page's `<html lang>`.
pub fn inject(html: &[u8], instance: &str, gen: u64, strings: &ServeStrings) -> Vec<u8> {
    // The `<html>` tag is at the top; do not copy a whole (possibly large) page to find it.
    let text = String::from_utf8_lossy(&html[..html.len().min(4096)]);
    let lang = html_lang(&text).unwrap_or("en");
    let tag = script(instance, gen, &strings.for_lang(lang));
    let at = rfind_ascii_ci(html, b"</body").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_html_lang() {
        assert_eq!(html_lang("<!doctype html>\n<html lang=\"vi\">"), Some("vi"));
        assert_eq!(
            html_lang("<HTML class='x' LANG='en-GB'><body>"),
            Some("en-GB")
        );
        assert_eq!(html_lang("<html lang=en>"), Some("en"));
        assert_eq!(html_lang("<html><body lang=\"vi\">"), None);
        assert_eq!(html_lang("no html here"), None);
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let s = ServeStrings::load(Path::new("/nonexistent"));
        let page = b"<html lang=\"vi\"><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(page, "abc", 7, &s)).unwrap();
        let script_at = out.find("<script data-songngu-live>").unwrap();
        assert!(script_at < out.find("</BODY>").unwrap());
        assert!(out.contains("\"gen\":7"), "{out}");
        assert!(
            out.contains("Ẩn"),
            "Vietnamese strings for a vi page: {out}"
        );
        let en = String::from_utf8(inject(b"<html lang=\"en\"><p>x", "abc", 1, &s)).unwrap();
        assert!(en.ends_with("</script>\n"), "appended without </body>");
        assert!(en.contains("\"hide\":\"Hide\""), "{en}");
    }

    #[test]
    fn strings_fall_back_to_english() {
        let s = ServeStrings::load(Path::new("/nonexistent"));
        let fr = s.for_lang("fr");
        assert_eq!(fr["hide"], "Hide");
        let vi = s.for_lang("vi-VN");
        assert_eq!(vi["hide"], "Ẩn");
    }

    #[test]
    fn config_cannot_close_the_script() {
        let mut strings = BTreeMap::new();
        strings.insert("hide".to_string(), "</script><b>".to_string());
        let s = script("i", 1, &strings);
        assert_eq!(s.matches("</script>").count(), 1, "{s}");
    }
}
