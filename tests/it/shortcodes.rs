//! Shortcodes: calls with and without a body, arguments of every kind, bodies rendered as
//! the page's Markdown, the literal form, nothing in code, the built-in `figure` (numbered
//! through each language in reading order, with an id links can name) and `details`, a
//! site's own shortcodes and overrides, every error at its line and column in one run, and
//! rebuilds that follow template edits.

use songngu::output::Output;
use songngu::search::query::Index;

use crate::common::site::{Doc, Site};

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// A site with covers, the site's own shortcodes `kbd`, `note` and `args`, and the
/// picture `hinh.png` beside the Vietnamese and English pages.
fn site() -> Site {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page("en/_index.md", "title = \"Cover\"", "Intro.\n")
        .file("content/vi/hinh.png", PNG)
        .file("content/en/hinh.png", PNG)
        .file("theme/shortcodes/kbd.html", "<kbd>{{ k }}</kbd>")
        .file(
            "theme/shortcodes/note.html",
            "<div class=\"note note-{{ kind }}\">\n{{ body }}</div>\n",
        )
        .file(
            "theme/shortcodes/args.html",
            "<span class=\"args\">{{ s }}|{{ q }}|{{ n + 1 }}|{{ f * 2 }}|{{ b }}|{{ l | join(\",\") }}|{{ nth }}|{{ page.lang }}|{{ i18n.shortcodes.details }}</span>",
        );
    site
}

/// The page `rel` of `out`, parsed.
fn html(out: &Output, rel: &str) -> Doc {
    let bytes = out
        .get(rel)
        .unwrap_or_else(|| panic!("{rel} is in the output"));
    Doc::parse(std::str::from_utf8(bytes).unwrap())
}

/// The text of page `rel` of `out`.
fn text(out: &Output, rel: &str) -> String {
    String::from_utf8(out.get(rel).unwrap().to_vec()).unwrap()
}

/// A clean build of `site`, which must succeed.
fn built(site: &Site) -> Output {
    site.clean_build()
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
        .output
}

/// The messages of a clean build of `site`, which must fail.
fn errors(site: &Site) -> Vec<String> {
    match site.clean_build() {
        Ok(_) => panic!("the build should fail"),
        Err(d) => d.iter().map(|d| d.to_plain()).collect(),
    }
}

#[test]
fn calls_with_and_without_a_body_in_text_and_between_blocks() {
    let site = site();
    site.page("vi/b.md", "title = \"B\"\nweight = 2", "Đích.\n")
        .page(
            "vi/a.md",
            "title = \"A\"\nweight = 1",
            r#"Nhấn {{ kbd(k="Ctrl") }} rồi *{{ kbd(k = 'K') }}*.

{{ args(s="a \"b\"", q='c', n=41, f=1.5, b=true, l=[1, 2]) }}

{{ args(s="", q="", n=0, f=0, b=false, l=[]) }}

{% note(kind="tip") %}
Văn bản **đậm** với [liên kết](b.md) và chú thích[^1].

{% note(kind="inner") %}
Lồng {{ kbd(k="Esc") }} nhau.
{% end %}

- một
- hai
{% end %}

Câu có {% note(kind="inline") %}thân *ngắn*{% end %} ở giữa.

[^1]: Chú thích.
"#,
        );
    let out = built(&site);
    let a = html(&out, "vi/a.html");
    assert_eq!(a.texts("article p kbd"), ["Ctrl", "K", "Esc"]);
    assert_eq!(a.count("article p em kbd"), 1);
    assert_eq!(
        a.texts(".args"),
        [
            "a \"b\"|c|42|3.0|True|1,2|1|vi|Chi tiết",
            "||1|0|False||2|vi|Chi tiết"
        ]
    );
    // A call alone in its paragraph is not wrapped in one.
    assert_eq!(a.count("p > .args"), 0);
    let raw = text(&out, "vi/a.html");
    assert!(!raw.contains("<p><div"), "{raw}");
    // The body is the page's Markdown: emphasis, links resolved, footnotes, lists, nesting.
    assert_eq!(a.texts(".note-tip > p > strong"), ["đậm"]);
    assert_eq!(a.attrs(".note-tip a", "href"), ["../vi/b.html", "#fn-1"]);
    assert_eq!(a.texts(".note-tip > ul > li"), ["một", "hai"]);
    assert_eq!(a.texts(".note-tip > .note-inner > p"), ["Lồng Esc nhau."]);
    // Within text, the body is the text's own: no paragraph of its own.
    assert!(
        raw.contains(
            "<p>Câu có <div class=\"note note-inline\">\nthân <em>ngắn</em></div> ở giữa.</p>"
        ),
        "{raw}"
    );
    assert_eq!(a.count(".note-inline em"), 1);
    assert_eq!(a.count("section.footnotes li"), 1);
}

#[test]
fn the_literal_form_in_prose_and_no_expansion_in_code() {
    let site = site();
    site.page(
        "vi/a.md",
        "title = \"A\"",
        "Viết {{/* kbd(k=\"x\") */}} và {%/* note() */%}…{%/* end */%}.\n\n`{{ kbd(k=\"y\") }}` và `{% end %}`\n\n```\n{{ kbd(k=\"z\") }}\n{{/* kbd() */}}\n```\n\n    {% note() %}\n\n```text\n{% end %}\n```\n",
    );
    let out = built(&site);
    let a = html(&out, "vi/a.html");
    assert_eq!(a.count("kbd"), 0);
    assert_eq!(
        a.texts("article p")[0],
        "Viết {{ kbd(k=\"x\") }} và {% note() %}…{% end %}."
    );
    assert_eq!(
        a.texts("article p code"),
        ["{{ kbd(k=\"y\") }}", "{% end %}"]
    );
    assert_eq!(
        a.texts("article pre code"),
        [
            "{{ kbd(k=\"z\") }}\n{{/* kbd() */}}",
            "{% note() %}",
            "{% end %}"
        ]
    );
}

/// A site whose figures span pages and languages: Vietnamese `a` (two figures, the second
/// alone on its line within a paragraph) and `b` (one, captioned by its body), English `a`
/// (one), `b` missing (the Vietnamese text shown in its place) and `c` (one).
fn figures_site() -> Site {
    let site = site();
    site.page(
        "vi/a.md",
        "title = \"A\"\nweight = 1",
        "Xem [Hình 3](b.md#hinh-3) và [Hình 1](#hinh-1).\n\n{{ figure(src=\"hinh.png\", alt=\"Sơ đồ\", caption=\"Sơ đồ *tổ chức*\", width=320, height=200, class=\"wide\") }}\n\nĐoạn.\n{{ figure(src=\"hinh.png\", alt=\"Ảnh\") }}\nĐoạn sau.\n",
    )
    .page(
        "vi/b.md",
        "title = \"B\"\nweight = 2",
        "{% figure(src=\"hinh.png\", alt=\"Bảng\") %}\nChú thích **dài**.\n{% end %}\n",
    )
    .page(
        "en/a.md",
        "title = \"A\"\nweight = 1",
        "See [Figure 1](#chart).\n\n{{ figure(src=\"hinh.png\", caption=\"Chart\", id=\"chart\") }}\n",
    )
    .page(
        "en/c.md",
        "title = \"C\"\nweight = 3",
        "{{ figure(src=\"hinh.png\", caption=\"Map\") }}\n",
    );
    site
}

#[test]
fn figures_are_numbered_through_each_language_in_reading_order() {
    let out = built(&figures_site());
    let a = html(&out, "vi/a.html");
    assert_eq!(
        a.texts("figure figcaption"),
        ["Hình 1: Sơ đồ tổ chức", "Hình 2"]
    );
    assert_eq!(a.attrs("figure", "id"), ["hinh-1", "hinh-2"]);
    assert_eq!(a.attrs("figure", "class"), ["figure wide", "figure"]);
    assert_eq!(a.texts("figcaption .figure-label"), ["Hình 1:", "Hình 2"]);
    assert_eq!(a.count("figcaption em"), 1);
    assert_eq!(a.attrs("figure img", "src"), ["hinh.png", "hinh.png"]);
    assert_eq!(a.attrs("figure img", "alt"), ["Sơ đồ", "Ảnh"]);
    // The size written wins; without one, the file's own (a 1×1 PNG).
    assert_eq!(a.attrs("figure img", "width"), ["320", "1"]);
    assert_eq!(a.attrs("figure img", "height"), ["200", "1"]);
    // A figure alone on its line ends the paragraph before it: no figure within a `<p>`.
    let raw = text(&out, "vi/a.html");
    assert!(raw.contains("<p>Đoạn.</p>\n<figure id=\"hinh-2\""), "{raw}");
    assert_eq!(
        a.texts("article > p"),
        ["Xem Hình 3 và Hình 1.", "Đoạn.", "Đoạn sau."]
    );
    let b = html(&out, "vi/b.html");
    assert_eq!(b.texts("figure figcaption"), ["Hình 3: Chú thích dài."]);
    assert_eq!(b.attrs("figure", "id"), ["hinh-3"]);
    assert_eq!(b.count("figcaption strong"), 1);
    let en = html(&out, "en/a.html");
    assert_eq!(en.texts("figure figcaption"), ["Figure 1: Chart"]);
    assert_eq!(en.attrs("figure", "id"), ["chart"]);
    // The English site shows the Vietnamese `b` in its place, as the Vietnamese text numbers
    // it (the text refers to its figures by those numbers and ids), with the picture beside
    // that text; the English figures are numbered on their own.
    let en_b = html(&out, "en/b.html");
    assert_eq!(en_b.texts("figure figcaption"), ["Hình 3: Chú thích dài."]);
    assert_eq!(en_b.attrs("figure", "id"), ["hinh-3"]);
    let en_c = html(&out, "en/c.html");
    assert_eq!(en_c.texts("figure figcaption"), ["Figure 2: Map"]);
    assert_eq!(en_c.attrs("figure", "id"), ["figure-2"]);
    assert_eq!(en_b.attrs("figure img", "src"), ["../vi/hinh.png"]);
    // One document: the numbers follow on in print.html, the ids made unique per page.
    let print = html(&out, "vi/print.html");
    assert_eq!(
        print.texts("figure .figure-label"),
        ["Hình 1:", "Hình 2", "Hình 3:"]
    );
    assert_eq!(
        print.attrs("figure", "id"),
        ["a--hinh-1", "a--hinh-2", "b--hinh-3"]
    );
    assert_eq!(print.attrs("a[href$='hinh-3']", "href"), ["#b--hinh-3"]);
}

#[test]
fn a_figure_s_picture_is_a_link_like_a_markdown_image() {
    let site = site();
    site.page(
        "vi/a.md",
        "title = \"A\"",
        "Dòng một.\n\n{{ figure(src=\"/khong-co.png\") }}\n\n![x](/khong-co-nua.png)\n\nXem [hình](#hinh-9).\n\n{{ figure(src=\"thieu.png\") }}\n",
    );
    let errs = errors(&site);
    let at = |needle: &str| errs.iter().find(|e| e.contains(needle)).cloned();
    let figure = at("khong-co.png").expect("the figure's missing picture is reported");
    assert!(figure.contains("content/vi/a.md:6:11"), "{errs:#?}");
    let image = at("khong-co-nua.png").expect("the image's missing picture is reported");
    assert!(image.contains("content/vi/a.md:8:"), "{errs:#?}");
    assert!(
        at("hinh-9").is_some_and(|e| e.contains("content/vi/a.md:10:")),
        "{errs:#?}"
    );
    // A relative picture that is not there, beside the page or anywhere else.
    let relative = at("thieu.png").expect("a relative missing picture is reported");
    assert!(relative.contains("content/vi/a.md:12:"), "{errs:#?}");
}

#[test]
fn details_open_on_click_and_take_markdown() {
    let site = site();
    site.page(
        "vi/a.md",
        "title = \"A\"",
        "{% details(summary=\"Xem *thêm*\") %}\nNội dung **ẩn** xylophonequ.\n\n{{ figure(src=\"hinh.png\") }}\n{% end %}\n\n{% details() %}\nMặc định.\n{% end %}\n",
    )
    .page(
        "en/a.md",
        "title = \"A\"",
        "{% details(open=true, id=\"more\", class=\"aside\") %}\nBody.\n{% end %}\n\n[More](#more)\n",
    );
    let out = built(&site);
    let a = html(&out, "vi/a.html");
    assert_eq!(a.texts("details > summary"), ["Xem thêm", "Chi tiết"]);
    assert_eq!(a.count("details > summary em"), 1);
    assert_eq!(
        a.texts("details > .details-body > p"),
        ["Nội dung ẩn xylophonequ.", "Mặc định."]
    );
    assert_eq!(a.texts("details figure figcaption"), ["Hình 1"]);
    assert_eq!(a.count("details[open]"), 0);
    let en = html(&out, "en/a.html");
    assert_eq!(en.texts("details > summary"), ["Details"]);
    assert_eq!(en.attrs("details[open]", "id"), ["more"]);
    assert_eq!(en.attrs("details", "class"), ["details aside"]);
    // The body is searched like the rest of the page.
    let files: Vec<(String, Vec<u8>)> = out
        .iter()
        .filter(|(p, _)| p.starts_with("search/vi/"))
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    let index = Index::load(&files, "vi").expect("the index loads");
    let hits: Vec<String> = index
        .search("xylophonequ", 3)
        .into_iter()
        .map(|h| h.href)
        .collect();
    assert!(hits.iter().any(|h| h.starts_with("vi/a.html")), "{hits:?}");
    // Printed, the text is not hidden.
    let css = text(&out, "assets/style.css");
    assert!(
        css.contains(".details::details-content { content-visibility: visible;"),
        "print rule"
    );
}

#[test]
fn a_site_overrides_built_in_shortcodes_and_adds_its_own() {
    let site = site();
    site.file(
        "theme/shortcodes/figure.html",
        "<figure id=\"{{ id }}\" class=\"mine\">{{ img }}<figcaption>{{ label }} — {{ caption }} ({{ credit }}, {{ nth }})</figcaption></figure>",
    )
    .file(
        "theme/shortcodes/video.html",
        "<div class=\"video\" data-id=\"{{ id }}\" data-page=\"{{ page.root }}|{{ page.title }}\">{{ title }}</div>",
    )
    .page(
        "vi/a.md",
        "title = \"A\"",
        "{{ figure(src=\"hinh.png\", caption=\"Ảnh\", credit=\"Tác giả\") }}\n\n{{ video(id=\"dQw4\", title=\"<Phim>\") }}\n",
    );
    let out = built(&site);
    let a = html(&out, "vi/a.html");
    assert_eq!(
        a.texts("figure.mine figcaption"),
        ["Hình 1 — Ảnh (Tác giả, 1)"]
    );
    assert_eq!(a.attrs("figure.mine img", "src"), ["hinh.png"]);
    assert_eq!(a.attrs(".video", "data-id"), ["dQw4"]);
    assert_eq!(a.attrs(".video", "data-page"), ["../|A"]);
    assert_eq!(a.texts(".video"), ["<Phim>"]);
}

#[test]
fn every_error_at_its_line_and_column_in_one_run() {
    let site = site();
    site.file("theme/shortcodes/hong.html", "{{ \"a\" + 1 }}")
        .file("theme/shortcodes/end.html", "x")
        .page(
            "vi/loi.md",
            "title = \"Lỗi\"",
            // Line 4 of the file is the body's first.
            concat!(
                "Mở đầu.\n",                                       // 4
                "\n",                                              // 5
                "{{ fgure(src=\"hinh.png\") }}\n",                 // 6
                "\n",                                              // 7
                "{{ figure(src=\"hinh.png\", captoin=\"x\") }}\n", // 8
                "\n",                                              // 9
                "{{ figure(alt=\"x\") }}\n",                       // 10
                "\n",                                              // 11
                "{{ kbd(k=) }}\n",                                 // 12
                "\n",                                              // 13
                "{{ figure }}\n",                                  // 14
                "\n",                                              // 15
                "{{ hong() }}\n",                                  // 16
                "\n",                                              // 17
                "{{ kbd(k=\"a\",\n",                               // 18
                "       n=2) }} rồi [liên kết](khong-co.md).\n",   // 19
                "\n",                                              // 20
                "Chữ {{ figure(src=\"hinh.png\") }} giữa dòng.\n", // 21
                "\n",                                              // 22
                "{% end %}\n",                                     // 23
                "\n",                                              // 24
                "- {% note(kind=\"x\") %}\n",                      // 25
                "\n",                                              // 26
                "{% end %}\n",                                     // 27
                "\n",                                              // 28
                "{{ details(summary=\"x\") }}\n",                  // 29
                "\n",                                              // 30
                "{% details(summary=\"x\") %}\n",                  // 31
                "Không đóng.\n",                                   // 32
            ),
        );
    let errs = errors(&site);
    let expect = [
        (
            "content/vi/loi.md:6:4",
            "unknown shortcode `fgure`",
            "did you mean `figure`?",
        ),
        (
            "content/vi/loi.md:8:27",
            "`figure` has no argument `captoin`",
            "did you mean `caption`?",
        ),
        (
            "content/vi/loi.md:10:4",
            "`figure` needs the argument `src`",
            "add it",
        ),
        ("content/vi/loi.md:12:10", "expected a value", "name=value"),
        (
            "content/vi/loi.md:14:1",
            "`figure` is a shortcode: a call needs parentheses",
            "figure(…)",
        ),
        (
            "content/vi/loi.md:16:1",
            "error in the shortcode template theme/shortcodes/hong.html:1",
            "fix the template",
        ),
        (
            "content/vi/loi.md:19:8",
            "`kbd` has no argument `n`",
            "`kbd` takes `k`",
        ),
        ("content/vi/loi.md:19:", "khong-co.md", ""),
        (
            "content/vi/loi.md:21:5",
            "`figure` makes a block and cannot stand within text",
            "a line of its own",
        ),
        (
            "content/vi/loi.md:23:1",
            "this `{% end %}` closes no shortcode",
            "{%/* end */%}",
        ),
        (
            "content/vi/loi.md:25:3",
            "the body of `note` is not closed within the block",
            "same list item",
        ),
        (
            "content/vi/loi.md:29:1",
            "`details` needs a body",
            "{% end %}",
        ),
        (
            "content/vi/loi.md:31:1",
            "`details` opens a body that is never closed",
            "{% end %}",
        ),
        (
            "theme/shortcodes/end.html",
            "this shortcode cannot be called",
            "letters, digits",
        ),
    ];
    for (at, what, hint) in expect {
        assert!(
            errs.iter()
                .any(|e| e.contains(at) && e.contains(what) && e.contains(hint)),
            "{at} {what} ({hint}) not in {errs:#?}"
        );
    }
    assert!(!errs.iter().any(|e| e.contains("panicked")));
    // The broken link after the multi-line call points at the link itself.
    let link = errs.iter().find(|e| e.contains("khong-co.md")).unwrap();
    assert!(link.contains("content/vi/loi.md:19:20"), "{link}");
    // The `{% end %}` of the body that crossed its list item is not reported again.
    assert!(!errs.iter().any(|e| e.contains("loi.md:27:")), "{errs:#?}");
}

#[test]
fn editing_a_shortcode_template_renders_again_the_pages_that_call_it() {
    let site = site();
    site.page(
        "vi/a.md",
        "title = \"A\"\nweight = 1",
        "{{ kbd(k=\"a\") }}\n",
    )
    .page("vi/b.md", "title = \"B\"\nweight = 2", "Không gọi.\n")
    .page(
        "vi/c.md",
        "title = \"C\"\nweight = 3",
        "{{ figure(src=\"hinh.png\") }}\n",
    );
    let mut b = site.builder(false);
    let first = b.build().unwrap();
    assert_eq!(first.stats.reused, 0);
    let total = first.stats.pages.iter().map(|(_, n)| n).sum::<usize>();
    let check = |b: &mut songngu::build::Builder, changed: &str, what: &str| {
        b.invalidate(&[site.canonical_root().join(changed)]);
        let done = b
            .build()
            .unwrap_or_else(|e| panic!("{what}: {}", e.render(false)));
        let diff = built(&site).changed_paths(&done.output);
        assert!(
            diff.is_empty(),
            "{what}: differs from a clean build in {diff:?}"
        );
        done
    };
    site.file(
        "theme/shortcodes/kbd.html",
        "<kbd class=\"new\">{{ k }}</kbd>",
    );
    let again = check(&mut b, "theme/shortcodes/kbd.html", "template edit");
    assert_eq!(
        again.stats.reused,
        total - 2,
        "only the page calling kbd (and the English page showing it) is rendered again"
    );
    assert_eq!(
        html(&again.output, "vi/a.html").attrs("kbd", "class"),
        ["new"]
    );
    // A new shortcode a page called in vain: the page's error goes.
    site.page("vi/b.md", "title = \"B\"\nweight = 2", "{{ moi() }}\n");
    b.invalidate(&[site.canonical_root().join("content/vi/b.md")]);
    assert!(b.build().is_err());
    site.file("theme/shortcodes/moi.html", "<b>mới</b>");
    check(&mut b, "theme/shortcodes/moi.html", "new template");
    // A figure added on page b: page c's figure becomes number 2 (the quick path gives up).
    site.page(
        "vi/b.md",
        "title = \"B\"\nweight = 2",
        "{{ moi() }}\n\n{{ figure(src=\"hinh.png\") }}\n",
    );
    let built_b = check(&mut b, "content/vi/b.md", "figure added");
    assert!(!built_b.stats.quick);
    assert_eq!(
        html(&built_b.output, "vi/c.html").texts("figcaption"),
        ["Hình 2"]
    );
    // An edit that keeps the figures as they were takes the quick path.
    site.page(
        "vi/b.md",
        "title = \"B\"\nweight = 2",
        "{{ moi() }} đã sửa.\n\n{{ figure(src=\"hinh.png\") }}\n",
    );
    assert!(check(&mut b, "content/vi/b.md", "body edit").stats.quick);
}
