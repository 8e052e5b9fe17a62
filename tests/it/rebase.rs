//! HTML shown at another place than its page's: `print.html`, the root `index.html` (the
//! source cover) and a page shown in place of a missing translation. Every relative URL
//! in them must lead to a file of the output.

use std::path::Path;

use crate::common::site::{Doc, Run, Site};

/// A cover with an image and links to a section; a chapter in the section with an image, a
/// download, raw HTML and links; its English translation missing (shown from Vietnamese).
fn site() -> Site {
    let site = Site::new();
    site.page(
        "vi/_index.md",
        "title = \"Bìa\"",
        concat!(
            "![Biểu trưng](logo.png)\n\n",
            "Xem [hướng dẫn](huong-dan/), [chương A](huong-dan/a.md#cai-dat) ",
            "và <img src=\"logo.png\" alt=\"nhỏ\" width=\"16\">.\n",
        ),
    )
    .file("content/vi/logo.png", "png")
    .page(
        "vi/huong-dan/_index.md",
        "title = \"Hướng dẫn\"",
        "Các chương.\n",
    )
    .page(
        "vi/huong-dan/a.md",
        "title = \"Chương A\"\nweight = 1",
        concat!(
            "## Cài đặt\n\n",
            "![Sơ đồ](hinh.png \"Sơ đồ\")\n\n",
            "Tải [bảng](tai/bang.csv?v=2) hoặc xem [chương B](b.md#buoc-mot), ",
            "[mục lục](../) và <a href='hinh.png'>ảnh gốc</a>.\n\n",
            "<img srcset=\"hinh.png 1x, hinh@2x.png 2x\" src=\"hinh.png\" alt=\"\">\n\n",
            "Chú thích.[^1]\n\n[^1]: Của chương A.\n",
        ),
    )
    .file("content/vi/huong-dan/hinh.png", "png")
    .file("content/vi/huong-dan/hinh@2x.png", "png")
    .file("content/vi/huong-dan/tai/bang.csv", "a,b\n")
    .page(
        "vi/huong-dan/b.md",
        "title = \"Chương B\"\nweight = 2",
        concat!(
            "## Bước một\n\nVề [chương A](a.md) và [đầu chương A](a.md#chuong-a).[^1]\n\n",
            "[^1]: Của chương B.\n",
        ),
    )
    .page("en/_index.md", "title = \"Cover\"", "Welcome.\n")
    .page("en/huong-dan/_index.md", "title = \"Guide\"", "Chapters.\n")
    .page(
        "en/huong-dan/b.md",
        "title = \"Chapter B\"\nweight = 2",
        "## Step one {#buoc-mot}\n\nBack to [chapter A](a.md).\n",
    );
    site
}

/// Every relative URL of `href`, `src` and `srcset` in the output file `rel`, which must
/// lead to a file of the output; and every fragment, to an id of the file (for `print.html`).
fn check_urls(run: &Run, rel: &str, fragments: bool) -> Doc {
    let doc = run.html(rel);
    let mut urls = doc.attrs("[href]", "href");
    urls.extend(doc.attrs("[src]", "src"));
    for set in doc.attrs("[srcset]", "srcset") {
        urls.extend(
            set.split(',')
                .filter_map(|c| c.split_whitespace().next().map(str::to_string)),
        );
    }
    let ids = doc.attrs("[id]", "id");
    let dir = Path::new(rel).parent().unwrap_or(Path::new(""));
    for url in urls {
        if let Some(id) = url.strip_prefix('#') {
            assert!(
                !fragments || ids.iter().any(|i| i == id),
                "{rel}: `{url}` names no id"
            );
            continue;
        }
        if url.contains("://") || url.starts_with("mailto:") || url.starts_with('/') {
            continue;
        }
        let path = url.split(['?', '#']).next().unwrap_or_default();
        let mut target = run.out.join(dir).join(path);
        if path.ends_with('/') || path.is_empty() {
            target.push("index.html");
        }
        assert!(
            target.is_file(),
            "{rel}: `{url}` leads to no file ({})",
            target.display()
        );
    }
    doc
}

#[test]
fn print_root_and_fallback_urls_lead_to_files() {
    let site = site();
    let run = site.build().assert_success();

    let print = check_urls(&run, "vi/print.html", true);
    let srcs = print.attrs("img", "src");
    assert!(srcs.iter().any(|s| s == "logo.png"), "{srcs:?}");
    assert!(srcs.iter().any(|s| s == "huong-dan/hinh.png"), "{srcs:?}");
    assert_eq!(
        print.attrs("img[srcset]", "srcset"),
        ["huong-dan/hinh.png 1x, huong-dan/hinh@2x.png 2x"]
    );
    let hrefs = print.attrs("section a[href]", "href");
    for expected in [
        "../vi/huong-dan/tai/bang.csv?v=2",
        "huong-dan/hinh.png",
        "#huong-dan-b--buoc-mot",
        // The title of a page, named by its id on the page.
        "#huong-dan-a--chuong-a",
    ] {
        assert!(
            hrefs.iter().any(|h| h == expected),
            "{expected} in {hrefs:?}"
        );
    }
    // Every page's footnotes are a landmark in print: each has its own name.
    let mut labels = print.attrs("[role=doc-endnotes]", "aria-label");
    assert_eq!(labels.len(), 2, "{labels:?}");
    labels.dedup();
    assert_eq!(labels.len(), 2, "{labels:?}");
    check_urls(&run, "en/print.html", true);

    let root = check_urls(&run, "index.html", false);
    assert_eq!(
        root.attrs("article img", "src"),
        ["vi/logo.png", "vi/logo.png"]
    );
    let hrefs = root.attrs("article a[href]", "href");
    for expected in ["vi/huong-dan/index.html", "vi/huong-dan/a.html#cai-dat"] {
        assert!(
            hrefs.iter().any(|h| h == expected),
            "{expected} in {hrefs:?}"
        );
    }

    let fallback = check_urls(&run, "en/huong-dan/a.html", false);
    assert_eq!(
        fallback.attrs("article img", "src"),
        ["../../vi/huong-dan/hinh.png", "../../vi/huong-dan/hinh.png"]
    );
    let hrefs = fallback.attrs("article a[href]", "href");
    for expected in [
        "../../vi/huong-dan/tai/bang.csv?v=2",
        "../../en/huong-dan/b.html#buoc-mot",
        "../../vi/huong-dan/hinh.png",
        // A page (here a folder's) is the one in the reader's language.
        "../../en/index.html",
    ] {
        assert!(
            hrefs.iter().any(|h| h == expected),
            "{expected} in {hrefs:?}"
        );
    }

    // The pages shown at their own place keep their URLs as written.
    let own = check_urls(&run, "vi/huong-dan/a.html", false);
    assert_eq!(own.attrs("article img", "src"), ["hinh.png", "hinh.png"]);
    check_urls(&run, "vi/index.html", false);
}

#[test]
fn a_fallback_page_edited_in_the_preview_keeps_its_urls_right() {
    let site = site();
    let mut b = site.builder(true);
    b.build().unwrap();
    site.page(
        "vi/huong-dan/a.md",
        "title = \"Chương A\"\nweight = 1",
        "## Cài đặt\n\n![Sơ đồ mới](hinh.png)\n\nVà [chương B](b.md).\n",
    );
    b.invalidate(&[site.canonical_root().join("content/vi/huong-dan/a.md")]);
    let built = b.build().unwrap();
    assert!(built.stats.quick, "a body edit takes the quick path");
    let html =
        String::from_utf8(built.output.get("en/huong-dan/a.html").unwrap().to_vec()).unwrap();
    let doc = Doc::parse(&html);
    assert_eq!(
        doc.attrs("article img", "src"),
        ["../../vi/huong-dan/hinh.png"]
    );
    let printed = b.finish_pending();
    let (_, en_print) = printed
        .iter()
        .find(|(p, _)| p == "en/print.html")
        .expect("en print");
    let print = Doc::parse(std::str::from_utf8(en_print).unwrap());
    assert!(print
        .attrs("img", "src")
        .iter()
        .any(|s| s == "../vi/huong-dan/hinh.png"));
    let fresh = site.clean_build().unwrap().output;
    assert_eq!(fresh.get("en/huong-dan/a.html"), Some(html.as_bytes()));
    assert_eq!(fresh.get("en/print.html"), Some(&en_print[..]));
}
