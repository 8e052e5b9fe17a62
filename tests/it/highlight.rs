//! Highlighted code blocks: token classes for a known language, unknown languages and plain
//! fences as before, numbered and marked lines, the copy button's strings, print, and a bad
//! fence attribute reported where it is written.

use crate::common::site::{Run, Site};

/// A chapter with a block of each kind.
const CHAPTER: &str = "Mở đầu.\n\n\
```rust\nfn main() {\n    let s = \"a < b\"; // so sánh\n}\n```\n\n\
```klingon\nqapla' <b>\n```\n\n\
```\nplain & simple\n```\n\n\
```python,linenos,linenostart=10,hl_lines=2-3\nimport os\n\ndef f(x):\n    return x\n```\n\n\
```toml,hl_lines=1\n[a]\nb = 1\n```\n";

/// The site (kept: its folder holds the output) and its build.
fn fixture() -> (Site, Run) {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page("vi/ma.md", "title = \"Mã\"\nweight = 1", CHAPTER)
        .page("vi/van.md", "title = \"Văn\"\nweight = 2", "Không có mã.\n")
        .page("en/_index.md", "title = \"Cover\"", "Intro.\n")
        .page("en/ma.md", "title = \"Code\"\nweight = 1", CHAPTER);
    let built = site.build().assert_success();
    (site, built)
}

#[test]
fn a_known_language_gets_token_classes_and_others_stay_plain() {
    let (_site, built) = fixture();
    let doc = built.html("vi/ma.html");
    let rust = "pre > code.language-rust";
    assert_eq!(doc.texts(&format!("{rust} .tk-kw")), ["fn", "let"]);
    assert_eq!(doc.texts(&format!("{rust} .tk-fn")), ["main"]);
    assert_eq!(doc.texts(&format!("{rust} .tk-st")), ["\"a < b\""]);
    assert_eq!(doc.texts(&format!("{rust} .tk-cm")), ["// so sánh"]);
    // The text is whole (`texts` trims it), and the block keeps its shape: focusable,
    // labelled.
    assert_eq!(
        doc.texts(rust),
        ["fn main() {\n    let s = \"a < b\"; // so sánh\n}"]
    );
    assert_eq!(
        doc.attrs("pre:has(> code.language-rust)", "aria-label"),
        ["Đoạn mã: rust"]
    );
    assert_eq!(
        doc.attrs("pre:has(> code.language-rust)", "tabindex"),
        ["0"]
    );
    // An unknown language and a plain fence: the text alone, no span.
    assert_eq!(doc.count("code.language-klingon span"), 0);
    assert_eq!(doc.texts("code.language-klingon"), ["qapla' <b>"]);
    assert_eq!(
        doc.texts("pre:not(:has(> code[class])) > code"),
        ["plain & simple"]
    );
    assert_eq!(doc.count("pre:not(:has(> code[class])) > code *"), 0);
    // The English page: the same classes, the label in English.
    let doc = built.html("en/ma.html");
    assert_eq!(doc.texts("code.language-rust .tk-kw"), ["fn", "let"]);
    assert_eq!(
        doc.attrs("pre:has(> code.language-rust)", "aria-label"),
        ["Code: rust"]
    );
}

#[test]
fn numbered_and_marked_lines() {
    let (_site, built) = fixture();
    let doc = built.html("vi/ma.html");
    let py = "pre > code.language-python";
    // One span a line, in a block numbered from 10 (a CSS counter, not text).
    assert_eq!(doc.attrs(py, "class"), ["language-python linenos"]);
    assert_eq!(doc.attrs(py, "style"), ["counter-reset:ln 9"]);
    assert_eq!(
        doc.texts(&format!("{py} > .line")),
        ["import os", "", "def f(x):", "return x"]
    );
    assert_eq!(doc.texts(&format!("{py} > .line.hl")), ["", "def f(x):"]);
    // The line spans hold the tokens, and the text has no number in it.
    assert_eq!(
        doc.texts(&format!("{py} > .line > .tk-kw")),
        ["import", "def", "return"]
    );
    assert_eq!(doc.texts(py), ["import os\n\ndef f(x):\n    return x"]);
    // Marked lines without numbers.
    let toml = "pre > code.language-toml";
    assert_eq!(doc.attrs(toml, "class"), ["language-toml"]);
    assert_eq!(doc.texts(&format!("{toml} > .line.hl")), ["[a]"]);
    assert_eq!(doc.texts(&format!("{toml} > .line:not(.hl)")), ["b = 1"]);
}

#[test]
fn the_first_block_carries_the_copy_buttons_strings_in_the_pages_language() {
    let (_site, built) = fixture();
    let doc = built.html("vi/ma.html");
    assert_eq!(doc.attrs("pre[data-copy]", "data-copy"), ["Chép mã"]);
    assert_eq!(doc.attrs("pre[data-copied]", "data-copied"), ["Đã chép"]);
    assert_eq!(doc.attrs("pre:first-of-type", "data-copy"), ["Chép mã"]);
    let doc = built.html("en/ma.html");
    assert_eq!(doc.attrs("pre[data-copy]", "data-copy"), ["Copy code"]);
    assert_eq!(doc.attrs("pre[data-copied]", "data-copied"), ["Copied"]);
    assert_eq!(doc.count("pre[data-copy-failed]"), 1);
    // The stylesheet colours the classes; the script adds the buttons.
    let css = built.read("assets/style.css");
    for class in [".tk-kw", ".tk-st", ".tk-cm", ".line.hl", "code.linenos"] {
        assert!(css.contains(class), "{class}");
    }
    assert!(built
        .read("assets/songngu.js")
        .contains("execCommand(\"copy\")"));
}

#[test]
fn a_page_without_code_has_no_code_markup() {
    let (_site, built) = fixture();
    let html = built.read("vi/van.html");
    for marker in ["tk-", "class=\"line", "data-copy", "<pre"] {
        assert!(!html.contains(marker), "{marker}");
    }
}

#[test]
fn print_keeps_the_classes_and_the_lines() {
    let (_site, built) = fixture();
    let doc = built.html("vi/print.html");
    assert_eq!(doc.texts("code.language-rust .tk-kw"), ["fn", "let"]);
    assert_eq!(doc.count("code.language-python.linenos > .line"), 4);
    assert_eq!(doc.count("code.language-python > .line.hl"), 2);
    // The print page links the same stylesheet, where the colours are.
    assert!(built.read("vi/print.html").contains("assets/style.css"));
}

#[test]
fn a_bad_line_list_is_an_error_at_its_place_in_the_fence() {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page(
            "vi/a.md",
            "title = \"A\"",
            "Văn bản.\n\n```rust,hl_lines=2-x\nfn a() {}\n```\n\n```c,linenostart=-1\nx\n```\n",
        );
    let run = site.build();
    assert!(!run.success(), "{}", run.stderr);
    let err = &run.stderr;
    // Line 6 of the file (3 lines of front matter); the attribute starts at column 9.
    assert!(err.contains("content/vi/a.md:6:9"), "{err}");
    assert!(
        err.contains("`2-x` is not a line number or a range of lines"),
        "{err}"
    );
    assert!(err.contains("hl_lines=3-5 8"), "{err}");
    assert!(err.contains("content/vi/a.md:10:6"), "{err}");
    assert!(err.contains("linenostart=-1"), "{err}");
}
