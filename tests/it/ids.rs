//! Ids and keyboard access: every id unique in every page (the frame's, the headings', the
//! title's, the footnotes'), links back to each reference of a note, and code blocks that the
//! keyboard reaches and that are labelled.

use std::collections::HashMap;
use std::path::Path;

use crate::common::site::{selector, Doc, Run, Site};

/// A data table the fixture places (a table fence is not a code block).
const TABLE: &str = r#"
[[table]]
id = "t"
caption = { vi = "Bảng", en = "Table" }
row_header = "nam"
rows = [[2015, 3], [2016, 4]]

[[table.columns]]
key = "nam"
label = { vi = "Năm", en = "Year" }
type = "year"

[[table.columns]]
key = "so"
label = { vi = "Số", en = "Number" }
type = "integer"
"#;

/// A chapter with the collisions of issue #23: a heading "Content" (the id of `<main>`), a
/// heading with the page's title, a heading whose slug is a footnote's id, a note
/// referenced three times, and code blocks.
const CHAPTER: &str = "Mở đầu[^a] và[^b].\n\n\
## Content\n\nMột[^a].\n\n## Mục lục\n\n## Fn 1\n\nHai[^a].\n\n\
```rust\nfn main() { println!(\"a very long line that makes the block scroll sideways, on and on and on and on and on and on\"); }\n```\n\n\
```\nplain\n```\n\n    indented\n\n- item\n  ```sh\n  ls\n  ```\n\n\
```table\nid = \"t\"\n```\n\n\
[^a]: Chú thích A.\n[^b]: Chú thích B.\n";

fn fixture() -> (Site, Run) {
    let site = Site::new();
    site.file("content/data/t.toml", TABLE)
        .page(
            "vi/_index.md",
            "title = \"Bìa\"",
            "## Bìa\n\n```\ncover\n```\n",
        )
        .page("vi/muc-luc.md", "title = \"Mục lục\"\nweight = 1", CHAPTER)
        .page(
            "vi/b.md",
            "title = \"Content\"\nweight = 2",
            "## Content\n\n## Sidebar\n",
        )
        // A folder without `_index.md`: its section page has no Markdown.
        .page("vi/phan/c.md", "title = \"C\"", "Văn bản.\n");
    let built = site.build().assert_success();
    (site, built)
}

/// Every id of `doc` that occurs more than once, with its count.
fn repeated_ids(doc: &Doc) -> HashMap<String, usize> {
    let mut count: HashMap<String, usize> = HashMap::new();
    for e in doc.0.select(&selector("[id]")) {
        *count
            .entry(e.value().attr("id").unwrap().to_string())
            .or_default() += 1;
    }
    count.retain(|_, n| *n > 1);
    count
}

/// The HTML files under `dir`, relative to it.
fn html_files(dir: &Path, under: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir.join(under)).unwrap() {
        let entry = entry.unwrap();
        let rel = format!("{under}{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            html_files(dir, &format!("{rel}/"), out);
        } else if rel.ends_with(".html") {
            out.push(rel);
        }
    }
}

#[test]
fn every_id_is_unique_in_every_page() {
    let (_site, built) = fixture();
    let mut files = Vec::new();
    html_files(&built.out, "", &mut files);
    // Both languages' pages, covers, sections, print, root and 404.
    assert!(files.len() >= 12, "{files:?}");
    for f in &files {
        let doc = built.html(f);
        assert_eq!(repeated_ids(&doc), HashMap::new(), "{f}");
    }
}

#[test]
fn headings_step_aside_for_the_frame_the_title_and_the_footnotes() {
    let (_site, built) = fixture();
    let doc = built.html("vi/muc-luc.html");
    assert_eq!(doc.attrs("article h1", "id"), ["muc-luc"]);
    assert_eq!(
        doc.attrs("article h2", "id"),
        ["content-1", "muc-luc-1", "fn-1-1"]
    );
    // The table of contents of the page links to the new ids.
    assert_eq!(
        doc.attrs(".on-this-page a", "href"),
        ["#content-1", "#muc-luc-1", "#fn-1-1"]
    );
    // A title that is a reserved id steps aside too; the body's headings come after it.
    let doc = built.html("vi/b.html");
    assert_eq!(doc.attrs("article h1", "id"), ["content-1"]);
    assert_eq!(doc.attrs("article h2", "id"), ["content-2", "sidebar-1"]);
    // The cover, its copy at the root, a section without Markdown, a fallback page.
    assert_eq!(built.html("vi/index.html").attrs("h1", "id"), ["bia"]);
    assert_eq!(built.html("index.html").attrs("h1", "id"), ["bia"]);
    assert_eq!(built.html("vi/phan/index.html").attrs("h1", "id"), ["phan"]);
    assert_eq!(built.html("en/b.html").attrs("h1", "id"), ["content-1"]);
}

#[test]
fn a_note_referenced_three_times_links_back_to_each_reference() {
    let (_site, built) = fixture();
    let doc = built.html("vi/muc-luc.html");
    assert_eq!(
        doc.attrs(".footnote-ref a", "id"),
        ["fnref-1", "fnref-2", "fnref-1-2", "fnref-1-3"]
    );
    assert_eq!(
        doc.attrs("#fn-1 a.footnote-back", "href"),
        ["#fnref-1", "#fnref-1-2", "#fnref-1-3"]
    );
    assert_eq!(
        doc.attrs("#fn-1 a.footnote-back", "aria-label"),
        [
            "Trở lại chỗ dẫn 1.1",
            "Trở lại chỗ dẫn 1.2",
            "Trở lại chỗ dẫn 1.3"
        ]
    );
    assert_eq!(doc.texts("#fn-1 a.footnote-back"), ["↩", "↩²", "↩³"]);
    assert_eq!(
        doc.attrs("#fn-2 a.footnote-back", "aria-label"),
        ["Trở lại văn bản"]
    );
    // The English page showing the Vietnamese text labels them in English.
    let en = built.html("en/muc-luc.html");
    assert_eq!(
        en.attrs("#fn-1 a.footnote-back", "aria-label")[1],
        "Back to reference 1.2"
    );
}

#[test]
fn code_blocks_are_focusable_and_labelled() {
    let (_site, built) = fixture();
    let doc = built.html("vi/muc-luc.html");
    assert_eq!(doc.count("pre"), 4);
    assert_eq!(doc.attrs("pre", "tabindex"), ["0"; 4]);
    assert_eq!(doc.attrs("pre", "role"), ["group"; 4]);
    assert_eq!(
        doc.attrs("pre", "aria-label"),
        ["Đoạn mã: rust", "Đoạn mã", "Đoạn mã", "Đoạn mã: sh"]
    );
    assert_eq!(
        doc.attrs("pre > code", "class"),
        ["language-rust", "language-sh"]
    );
    // The table fence is a table, not a code block.
    assert_eq!(doc.count(".sn-table"), 1);
    let en = built.html("en/muc-luc.html");
    assert_eq!(en.attrs("pre", "aria-label")[0], "Code: rust");
    assert_eq!(built.html("vi/index.html").attrs("pre", "tabindex"), ["0"]);
}

#[test]
fn an_explicit_id_the_frame_uses_is_an_error_with_a_hint() {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "").page(
        "vi/a.md",
        "title = \"A\"",
        "Văn bản.\n\n## Nội dung {#content}\n",
    );
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("the heading id `content` is reserved"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/vi/a.md:6:1"), "{}", run.stderr);
    assert!(run.stderr.contains("{#content-1}"), "{}", run.stderr);
}
