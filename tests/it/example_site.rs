//! The example documentation site in `examples/docs-site/`: it builds with no error or
//! warning, its translations are up to date, and every feature it shows comes out in both
//! languages (alerts, task and definition lists, sub/superscript, formulas, highlighted code,
//! titles from headings, YAML front matter, `extra` in a template override, shortcodes,
//! `content/static/`, a page bundle, image sizes).

use std::path::PathBuf;

use crate::common::site::{songngu, Doc, Run};

/// The example site's root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/docs-site")
}

/// The example site, built into a temporary folder (kept alive by the returned guard).
fn built() -> (tempfile::TempDir, Run) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("public");
    let run = songngu([
        "build".as_ref(),
        "--root".as_ref(),
        root().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let mut run = run.assert_success();
    run.out = out;
    (dir, run)
}

/// The texts of `css` in the page's article.
fn texts(doc: &Doc, css: &str) -> Vec<String> {
    doc.texts(&format!("article {css}"))
}

#[test]
fn the_example_site_builds_without_a_warning_and_its_translations_are_up_to_date() {
    let (_dir, run) = built();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let root = root();
    songngu([
        "translations".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--strict".as_ref(),
    ])
    .assert_success();
}

#[test]
fn alerts_lists_scripts_and_formulas_in_both_languages() {
    let (_dir, run) = built();
    for (lang, titles, done, open) in [
        (
            "vi",
            ["Ghi chú", "Lưu ý", "Quan trọng", "Cảnh báo", "Thận trọng"],
            "Đã xong",
            "Chưa xong",
        ),
        (
            "en",
            ["Note", "Tip", "Important", "Warning", "Caution"],
            "Done",
            "Not done",
        ),
    ] {
        let page = run.html(&format!("{lang}/1-dinh-dang.html"));
        // The YAML front matter's title.
        assert_eq!(page.count("article h1"), 1);
        assert_eq!(texts(&page, ".alert .alert-title"), titles, "{lang}");
        let classes = page.attrs("article .alert", "class");
        assert_eq!(
            classes,
            [
                "alert alert-note",
                "alert alert-tip",
                "alert alert-important",
                "alert alert-warning",
                "alert alert-caution"
            ]
        );
        let boxes = "article li.task input[type=checkbox][disabled]";
        assert_eq!(page.attrs(boxes, "aria-label"), [done, done, open]);
        assert_eq!(page.count(&format!("{boxes}[checked]")), 2);
        assert_eq!(page.count("article dl dt"), 2);
        assert_eq!(page.count("article dl dd"), 2);
        assert_eq!(texts(&page, "sub"), ["2"]);
        assert_eq!(texts(&page, "p sup:not(.footnote-ref)"), ["2"]);
        assert_eq!(texts(&page, "td sup"), ["2"]);
        // Three inline formulas and two in the table, one display formula; the prices stay.
        assert_eq!(page.count("article math:not([display])"), 5);
        assert_eq!(page.count("article math[display=block]"), 1);
        assert_eq!(
            page.texts("article math annotation")[1],
            "S = \\pi r^2",
            "the TeX source is kept as an annotation"
        );
        assert!(run
            .read(&format!("{lang}/1-dinh-dang.html"))
            .contains(" 5 $ "));
    }
    assert_eq!(
        run.html("vi/1-dinh-dang.html").texts("article h1"),
        ["Định dạng văn bản"]
    );
}

#[test]
fn code_is_highlighted_numbered_and_marked_and_titles_come_from_headings() {
    let (_dir, run) = built();
    for (lang, title) in [("vi", "Mã nguồn"), ("en", "Code")] {
        let page = run.html(&format!("{lang}/2-ma-nguon.html"));
        assert_eq!(
            page.texts("article h1"),
            [title],
            "the # heading, shown once"
        );
        assert_eq!(page.texts("head title")[0].split(" · ").next(), Some(title));
        let rust = "article code.language-rust.linenos";
        assert_eq!(page.count(&format!("{rust} .line")), 4);
        assert_eq!(page.count(&format!("{rust} .line.hl")), 2);
        assert_eq!(
            page.texts(&format!("{rust} .tk-kw")),
            ["fn", "let"],
            "{lang}"
        );
        assert_eq!(
            page.attrs("article code.language-python", "style"),
            ["counter-reset:ln 9"]
        );
        for lang in ["toml", "bash"] {
            assert!(
                page.count(&format!("article code.language-{lang} [class^=tk-]")) > 0,
                "{lang} is highlighted"
            );
        }
        // A language without a grammar and a plain fence: the text alone.
        assert_eq!(page.count("article code.language-cobol span"), 0);
        assert_eq!(page.count("article pre > code:not([class]) span"), 0);
        // No shortcode runs in code.
        assert!(texts(&page, "p code")
            .iter()
            .any(|c| c == "{{ figure(src=\"x.png\") }}"));
    }
    let print = run.html("en/print.html");
    assert!(
        print.count("code.language-rust .tk-kw") >= 2,
        "print keeps the colours"
    );
}

#[test]
fn shortcodes_extra_and_pictures_shared_between_languages() {
    let (_dir, run) = built();
    let vi = run.html("vi/4-hinh-va-khoi.html");
    let en = run.html("en/4-hinh-va-khoi.html");
    // Figures numbered per language, with ids to link to; the English page shows the
    // Vietnamese page's picture, sized, from the one copy.
    assert_eq!(vi.attrs("article figure", "id"), ["hinh-1", "hinh-2"]);
    assert_eq!(en.attrs("article figure", "id"), ["figure-1", "figure-2"]);
    assert_eq!(texts(&vi, "figure .figure-label"), ["Hình 1:", "Hình 2:"]);
    assert_eq!(
        texts(&en, "figure .figure-label"),
        ["Figure 1:", "Figure 2:"]
    );
    assert_eq!(
        en.attrs("article figure img", "src"),
        ["../vi/so-do.png", "../logo.svg"]
    );
    assert_eq!(
        vi.attrs("article figure img", "src"),
        ["so-do.png", "../logo.svg"]
    );
    for page in [&vi, &en] {
        assert_eq!(page.attrs("article figure img", "width"), ["480", "120"]);
        assert_eq!(page.attrs("article figure img", "height"), ["270", "40"]);
        assert_eq!(page.attrs("article figure img", "loading"), ["lazy"]);
        assert_eq!(
            page.count("article details.details:not([open]) > summary strong"),
            1
        );
        assert_eq!(page.count("article aside.person"), 2);
        assert_eq!(
            page.count("article aside.person strong"),
            1,
            "the body is Markdown"
        );
    }
    assert!(texts(&en, "p")
        .iter()
        .any(|p| p == "Braces written literally: {{ figure(src=\"x.png\") }}."));
    // page.extra and site.extra, read by the site's override of page.html.
    assert_eq!(
        texts(&vi, ".reviewed"),
        ["Người duyệt: Phòng Tổng hợp (Văn phòng Tỉnh ủy)"]
    );
    assert_eq!(
        texts(&en, ".reviewed"),
        ["Reviewed by: General Affairs Division (Provincial Party Committee Office)"]
    );
    assert!(run.html("vi/2-ma-nguon.html").count(".reviewed") == 0);
    let copies = walkdir::WalkDir::new(&run.out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "so-do.png" || e.file_name() == "man-hinh.png")
        .count();
    assert_eq!(copies, 2, "each picture is written once");
}

#[test]
fn the_bundle_and_the_static_folder() {
    let (_dir, run) = built();
    assert!(run.path("vi/3-cai-dat/man-hinh.png").is_file());
    assert!(!run.path("en/3-cai-dat/man-hinh.png").exists());
    let en = run.html("en/3-cai-dat/index.html");
    assert_eq!(texts(&en, "h1"), ["Installing"]);
    assert_eq!(
        en.attrs("article img", "src"),
        ["../../vi/3-cai-dat/man-hinh.png"]
    );
    assert_eq!(en.attrs("article img", "width"), ["640"]);
    let vi = run.html("vi/3-cai-dat/index.html");
    assert_eq!(vi.attrs("article img", "src"), ["man-hinh.png"]);
    assert_eq!(
        vi.attrs("article a[href*=dinh-dang]", "href"),
        ["../../vi/1-dinh-dang.html#hop-luu-y"]
    );
    // content/static/ at the output's root, linked relative from every page that shows it.
    assert!(run.read("logo.svg").starts_with("<svg"));
    assert!(run.read("mau-bieu.csv").contains("Hồ sơ tiếp nhận"));
    assert!(!run.path("static").exists());
    for (rel, logo, csv) in [
        ("vi/index.html", "../logo.svg", "../mau-bieu.csv"),
        ("en/index.html", "../logo.svg", "../mau-bieu.csv"),
        ("index.html", "logo.svg", "mau-bieu.csv"),
    ] {
        let page = run.html(rel);
        assert_eq!(page.attrs("article img", "src"), [logo], "{rel}");
        assert_eq!(page.attrs("article img", "width"), ["120"], "{rel}");
        assert_eq!(
            page.attrs("article a[href$=\".csv\"]", "href"),
            [csv],
            "{rel}"
        );
    }
}
