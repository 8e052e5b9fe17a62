//! Turning a request path into the key of a file in the served [`Output`](crate::output::Output).
//!
//! The preview serves from memory: a request can only ever name a file the build produced,
//! and there is no file system (and so no symbolic link) behind it. The checks here still
//! refuse every path that tries to leave the site root, so that a request is never even
//! looked up under a name that is not a plain relative path, and so that the answer is the
//! same whatever the build happens to contain.

use percent_encoding::percent_decode_str;

/// What a request path resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The `/`-separated key to look up in the output (no leading slash).
    /// A folder path (`/vi/`) resolves to its `index.html`.
    File(String),
    /// The path names something that is refused outright (traversal, encoded separators,
    /// NUL, backslashes, bad percent-encoding). Answered with 403.
    Forbidden,
}

/// Resolves the path part of a request target (no query string), still percent-encoded.
pub fn resolve(raw_path: &str) -> Resolved {
    if !raw_path.starts_with('/') || raw_path.contains('\\') {
        return Resolved::Forbidden;
    }
    // Encoded separators and NUL are refused before decoding: once decoded they would be
    // indistinguishable from real separators, and no file the build writes needs them.
    let lower = raw_path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Resolved::Forbidden;
    }
    let decoded = match percent_decode_str(raw_path).decode_utf8() {
        Ok(s) => s,
        Err(_) => return Resolved::Forbidden,
    };
    if decoded.contains('\0') || decoded.contains('\\') || decoded.contains('%') {
        // A `%` left after decoding was double-encoded (`%252e`): refuse rather than guess.
        return Resolved::Forbidden;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" => continue,
            "." | ".." => return Resolved::Forbidden,
            p if p.contains(':') && parts.is_empty() => {
                // `C:` and similar drive prefixes.
                return Resolved::Forbidden;
            }
            p => parts.push(p),
        }
    }
    let mut key = parts.join("/");
    if decoded.ends_with('/') || key.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Resolved::File(key)
}

/// The content type for a served file, from its extension; text types carry `charset=utf-8`.
///
/// The one table of content types: anything else that serves the site's files (the browser
/// tests' static server) should ask this function rather than keep its own.
pub fn content_type(key: &str) -> &'static str {
    let ext = key
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(s: &str) -> Resolved {
        Resolved::File(s.to_string())
    }

    #[test]
    fn plain_paths_and_folders() {
        assert_eq!(resolve("/"), file("index.html"));
        assert_eq!(resolve("/vi/"), file("vi/index.html"));
        assert_eq!(resolve("/vi/a.html"), file("vi/a.html"));
        assert_eq!(resolve("/vi"), file("vi"));
        assert_eq!(resolve("//vi//a.html"), file("vi/a.html"));
        assert_eq!(
            resolve("/vi/%C4%91%E1%BA%B7c.html"),
            file("vi/\u{111}\u{1eb7}c.html")
        );
    }

    #[test]
    fn traversal_is_refused() {
        for p in [
            "/../etc/passwd",
            "/vi/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/vi%2f..%2f..%2fetc/passwd",
            "/vi%5c..%5cetc",
            "/vi\\..\\etc",
            "/a%00.html",
            "/./index.html",
            "/%252e%252e/etc/passwd",
            "/C:/Windows/win.ini",
            "etc/passwd",
            "/%ff.html",
        ] {
            assert_eq!(resolve(p), Resolved::Forbidden, "{p}");
        }
    }

    #[test]
    fn content_types_carry_charset_for_text() {
        // Every extension the site writes, and the type it is served with.
        for (key, want) in [
            ("a/b.html", "text/html; charset=utf-8"),
            ("x.CSS", "text/css; charset=utf-8"),
            ("s.js", "text/javascript; charset=utf-8"),
            ("d.json", "application/json; charset=utf-8"),
            ("i.svg", "image/svg+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("d.csv", "text/csv; charset=utf-8"),
            ("i.png", "image/png"),
            ("i.jpg", "image/jpeg"),
            ("i.gif", "image/gif"),
            ("i.webp", "image/webp"),
            ("f.woff2", "font/woff2"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("r.pdf", "application/pdf"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(key), want, "{key}");
        }
    }
}
