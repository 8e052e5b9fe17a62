//! Builds small two-language sites with the real binary and checks the HTML it writes.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::site::{songngu, Doc, Run, Site};

/// The front matter of a page with `title`, `weight` and the lines `extra`.
fn front(title: &str, weight: i64, extra: &str) -> String {
    format!("title = \"{title}\"\nweight = {weight}\n{extra}")
}

const SITE: &str = r#"languages = ["vi", "en"]
base_path = "/baocao/"
[lang.vi]
name = "Tiếng Việt"
title = "Báo cáo thử"
[lang.en]
name = "English"
title = "Test report"
[document]
issuer = { vi = "Tỉnh ủy Cao Bằng", en = "Cao Bang Provincial Party Committee" }
number = "691-BC/TU"
date = 2020-08-07
"#;

/// A site with a cover, a chapter, a section with two chapters, in Vietnamese, and an
/// English translation where one page is up to date, one stale, one missing.
fn fixture() -> Site {
    let site = Site::new();
    site.file("content/site.toml", SITE);
    let vi_one_body = "## Đặc điểm tình hình\n\nCao Bằng là tỉnh miền núi.[^1]\n\n## Đặc điểm tình hình\n\nXem [mục 2.1](2-ket-qua/2-1.md#the-che-hoa).\n\n[^1]: Chú thích.\n";
    site.page("vi/_index.md", &front("Báo cáo", 0, ""), "Giới thiệu.\n")
        .page(
            "vi/1-dac-diem.md",
            &front("I- ĐẶC ĐIỂM TÌNH HÌNH", 1, ""),
            vi_one_body,
        )
        .page(
            "vi/2-ket-qua/_index.md",
            &front("II- KẾT QUẢ", 2, "description = \"Kết quả thực hiện\"\n"),
            "",
        )
        .page(
            "vi/2-ket-qua/2-1.md",
            &front("2.1. Thể chế hóa", 1, ""),
            "## Thể chế hóa\n\nVăn bản.\n\nVề [đầu](../1-dac-diem.md).\n",
        )
        .page(
            "vi/2-ket-qua/2-2.md",
            &front("2.2. Đổi mới", 2, ""),
            "## Nội dung\n\nĐổi mới.\n",
        );
    // English: 1-dac-diem up to date, 2-1 stale, 2-2 missing.
    let marked = |title: &str, body: &str| {
        let hash = songngu::translations::hash_text(title, body);
        format!("translation_of = \"{hash}\"\n")
    };
    site.page(
        "en/_index.md",
        &front("Report", 0, &marked("Báo cáo", "Giới thiệu.\n")),
        "Introduction.\n",
    )
    .page(
        "en/1-dac-diem.md",
        &front("I. GENERAL SITUATION", 1, &marked("I- ĐẶC ĐIỂM TÌNH HÌNH", vi_one_body)),
        "## Situation\n\nCao Bang is a mountainous province.\n\nSee [2.1](2-ket-qua/2-1.md#institutionalisation).\n",
    )
    .page(
        "en/2-ket-qua/_index.md",
        &front("II. RESULTS", 2, &marked("II- KẾT QUẢ", "")),
        "",
    )
    .page(
        "en/2-ket-qua/2-1.md",
        &front(
            "2.1. Institutionalisation",
            1,
            "translation_of = \"000000000000\"\n",
        ),
        "## Institutionalisation\n\nDocuments.\n",
    );
    site
}

/// The fixture, built into `public/`.
fn built() -> (Site, Run) {
    let site = fixture();
    let run = site.build().assert_success();
    (site, run)
}

#[test]
fn every_page_exists_in_every_language() {
    let (_site, out) = built();
    for lang in ["vi", "en"] {
        for p in [
            "index.html",
            "1-dac-diem.html",
            "2-ket-qua/index.html",
            "2-ket-qua/2-1.html",
            "2-ket-qua/2-2.html",
            "print.html",
        ] {
            assert!(out.path(lang).join(p).is_file(), "{lang}/{p}");
        }
    }
    for p in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "assets/style.css",
        "assets/songngu.js",
        "assets/toc-vi.js",
        "assets/toc-en.js",
    ] {
        assert!(out.path(p).is_file(), "{p}");
    }
}

#[test]
fn every_page_has_lang_and_landmarks() {
    let (_site, out) = built();
    for lang in ["vi", "en"] {
        let doc = out.html(&format!("{lang}/2-ket-qua/2-1.html"));
        assert_eq!(doc.attrs("html", "lang"), [lang]);
        for landmark in [
            "header",
            "main",
            "footer",
            "nav.breadcrumbs",
            "nav#sidebar",
            "nav.lang-switch",
        ] {
            assert_eq!(doc.count(landmark), 1, "{lang}: {landmark}");
        }
    }
}

#[test]
fn navigation_breadcrumbs_sidebar_and_pager() {
    let (_site, out) = built();
    let doc = out.html("vi/2-ket-qua/2-1.html");
    assert_eq!(doc.texts("nav.breadcrumbs a"), ["Báo cáo", "II- KẾT QUẢ"]);
    assert_eq!(
        doc.attrs("nav.breadcrumbs a", "href"),
        ["../../vi/index.html", "../../vi/2-ket-qua/index.html"]
    );
    assert_eq!(
        doc.texts(".toc-section a"),
        ["2.1. Thể chế hóa", "2.2. Đổi mới"]
    );
    assert_eq!(
        doc.texts(".toc-section a[aria-current=page]"),
        ["2.1. Thể chế hóa"]
    );
    assert_eq!(
        doc.attrs("a[rel=prev]", "href"),
        ["../../vi/2-ket-qua/index.html"]
    );
    assert_eq!(
        doc.attrs("a[rel=next]", "href"),
        ["../../vi/2-ket-qua/2-2.html"]
    );
    assert_eq!(doc.texts(".on-this-page a"), ["Thể chế hóa"]);
    // A section page lists its children with their descriptions.
    let sec = out.html("vi/2-ket-qua/index.html");
    assert_eq!(
        sec.texts(".section-children li > a"),
        ["2.1. Thể chế hóa", "2.2. Đổi mới"]
    );
    // The cover has the full table of contents and the document's metadata.
    let cover = out.html("vi/index.html");
    assert_eq!(cover.count(".cover-toc a[href$='.html']"), 5);
    let meta = cover.texts(".document-meta dd");
    assert!(meta.contains(&"691-BC/TU".to_string()), "{meta:?}");
    assert!(
        meta.contains(&"ngày 07 tháng 8 năm 2020".to_string()),
        "{meta:?}"
    );
    let en_meta = out.html("en/index.html").texts(".document-meta dd");
    assert!(
        en_meta.contains(&"7 August 2020".to_string()),
        "{en_meta:?}"
    );
    assert!(en_meta.contains(&"Cao Bang Provincial Party Committee".to_string()));
    // The whole tree is in the shared script, once.
    let toc = out.read("assets/toc-vi.js");
    assert!(
        toc.contains("\"vi/2-ket-qua/2-2.html\",\"2.2. Đổi mới\",2"),
        "{toc}"
    );
}

#[test]
fn language_switcher_goes_to_the_same_page() {
    let (_site, out) = built();
    let doc = out.html("vi/2-ket-qua/2-1.html");
    assert_eq!(
        doc.attrs(".lang-switch a", "href"),
        ["../../vi/2-ket-qua/2-1.html", "../../en/2-ket-qua/2-1.html"]
    );
    assert_eq!(
        doc.attrs(".lang-switch a[aria-current]", "hreflang"),
        ["vi"]
    );
    assert_eq!(doc.attrs("link[rel=alternate]", "hreflang"), ["vi", "en"]);
    let en = out.html("en/2-ket-qua/2-2.html");
    assert_eq!(
        en.attrs(".lang-switch a", "href"),
        ["../../vi/2-ket-qua/2-2.html", "../../en/2-ket-qua/2-2.html"]
    );
}

#[test]
fn translation_notices() {
    let (_site, out) = built();
    // Up to date: no notice.
    assert_eq!(out.html("en/1-dac-diem.html").count(".notice"), 0);
    // Stale: a notice linking to the source page.
    let stale = out.html("en/2-ket-qua/2-1.html");
    assert_eq!(stale.texts(".notice-stale p").len(), 1);
    assert_eq!(
        stale.attrs(".notice-stale a", "href"),
        ["../../vi/2-ket-qua/2-1.html"]
    );
    assert_eq!(stale.texts("article h1"), ["2.1. Institutionalisation"]);
    // Missing: the Vietnamese text in the English site, marked as Vietnamese, with a notice.
    let missing = out.html("en/2-ket-qua/2-2.html");
    assert_eq!(missing.attrs("html", "lang"), ["en"]);
    assert_eq!(missing.attrs("article", "lang"), ["vi"]);
    let notice = missing.texts(".notice-fallback p").join(" ");
    assert!(
        notice.contains("not been translated into English"),
        "{notice}"
    );
    assert_eq!(missing.texts("article h1"), ["2.2. Đổi mới"]);
    assert_eq!(
        missing.texts("nav.breadcrumbs a"),
        ["Report", "II. RESULTS"]
    );
    // The source language never shows notices.
    assert_eq!(out.html("vi/2-ket-qua/2-2.html").count(".notice"), 0);
}

#[test]
fn headings_slugs_footnotes_and_links() {
    let (_site, out) = built();
    let doc = out.html("vi/1-dac-diem.html");
    assert_eq!(
        doc.attrs("article h2[id]", "id"),
        ["dac-diem-tinh-hinh", "dac-diem-tinh-hinh-1"]
    );
    assert_eq!(
        doc.attrs("article h2 a.anchor", "href"),
        ["#dac-diem-tinh-hinh", "#dac-diem-tinh-hinh-1"]
    );
    assert_eq!(doc.attrs("sup.footnote-ref a", "href"), ["#fn-1"]);
    assert_eq!(doc.texts("section.footnotes li"), ["Chú thích. ↩"]);
    assert_eq!(
        doc.attrs("article > p > a", "href"),
        ["../vi/2-ket-qua/2-1.html#the-che-hoa"]
    );
    let en = out.html("en/1-dac-diem.html");
    assert!(en
        .attrs("article a", "href")
        .contains(&"../en/2-ket-qua/2-1.html#institutionalisation".to_string()));
}

#[test]
fn all_links_are_relative_and_resolve() {
    let (_site, out) = built();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&out.out) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") || path.ends_with("404.html") {
            continue;
        }
        let doc = Doc::parse(&fs::read_to_string(path).unwrap());
        for (css, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("script[src]", "src"),
        ] {
            for url in doc.attrs(css, attr) {
                assert!(
                    !url.starts_with('/') && !url.contains("://"),
                    "{}: {url}",
                    path.display()
                );
                let file = url.split('#').next().unwrap();
                if file.is_empty() {
                    continue;
                }
                let target = path.parent().unwrap().join(file);
                assert!(
                    target.is_file(),
                    "{}: {url} does not resolve",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn site_files_root_page_404_sitemap_print() {
    let (_site, out) = built();
    // The root page is the source language's cover, with links from the root folder.
    let root = out.html("index.html");
    assert_eq!(root.attrs("html", "lang"), ["vi"]);
    assert_eq!(root.attrs("link[rel=canonical]", "href"), ["vi/index.html"]);
    assert_eq!(root.texts("article h1"), ["Báo cáo"]);
    assert_eq!(
        root.attrs(".lang-switch a", "href"),
        ["vi/index.html", "en/index.html"]
    );
    assert!(root
        .attrs(".cover-toc a", "href")
        .contains(&"vi/2-ket-qua/2-1.html".to_string()));
    assert_eq!(root.count("meta[http-equiv]"), 0);
    let nf = out.html("404.html");
    assert!(nf
        .attrs("a", "href")
        .contains(&"/baocao/vi/index.html".to_string()));
    assert_eq!(
        nf.count("link[rel=stylesheet]"),
        0,
        "404.html is self-contained"
    );
    let sitemap = out.read("sitemap.xml");
    assert_eq!(sitemap.matches("<url>").count(), 10);
    assert!(sitemap.contains("<loc>/baocao/en/2-ket-qua/2-1.html</loc>"));
    assert!(sitemap.contains("hreflang=\"vi\" href=\"/baocao/vi/2-ket-qua/2-1.html\""));
    let print = out.html("vi/print.html");
    assert_eq!(print.count("section.print-page"), 5);
    assert_eq!(
        print.attrs("p > a[href^='#2-ket-qua-2-1--']", "href"),
        ["#2-ket-qua-2-1--the-che-hoa"]
    );
    assert_eq!(print.count("[id='2-ket-qua-2-1--the-che-hoa']"), 1);
    assert_eq!(print.count("section.footnotes"), 1);
    assert_eq!(print.count("nav#sidebar"), 0);
}

#[test]
fn builds_are_byte_identical() {
    let site = fixture();
    let a = site.build_into(&site.path("a")).assert_success();
    let b = site.build_into(&site.path("b")).assert_success();
    let list = |d: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(d)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(d).unwrap().to_path_buf(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (la, lb) = (list(&a.out), list(&b.out));
    assert!(la.len() > 15);
    assert_eq!(la, lb);
}

#[test]
fn summary_line_reports_pages_and_size() {
    let site = fixture();
    let line = site.build_into(&site.path("out")).assert_success().stdout;
    assert!(
        line.starts_with("built 10 pages (5 vi, 5 en), 0 tables,"),
        "{line}"
    );
}

#[test]
fn a_site_theme_overrides_one_template() {
    let site = fixture();
    site.file(
        "theme/templates/cover.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ page.title }}</p>{% endblock %}",
    );
    let out = site.build().assert_success();
    assert_eq!(out.html("vi/index.html").texts("p.custom"), ["Báo cáo"]);
    // The other templates are still the built-in ones.
    assert_eq!(out.html("vi/1-dac-diem.html").count("nav.breadcrumbs"), 1);
}

#[test]
fn translations_command_reports_and_marks() {
    let site = fixture();
    let run = |args: &[&str]| site.run(&[&["translations"], args].concat());
    let o = run(&[]).assert_success();
    let table = o.stdout;
    assert!(
        table.contains("content/en/1-dac-diem.md") && table.contains("up to date"),
        "{table}"
    );
    assert!(table.contains("stale (marked 000000000000"), "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.contains("2-ket-qua/2-2.md") && l.ends_with("missing")),
        "{table}"
    );
    assert_eq!(run(&["--strict"]).code, Some(1));
    run(&["--mark", "content/en/2-ket-qua/2-1.md"]).assert_success();
    let text = site.read("content/en/2-ket-qua/2-1.md");
    assert!(!text.contains("000000000000"));
    assert_eq!(text.matches("translation_of").count(), 1);
    assert!(text.ends_with("## Institutionalisation\n\nDocuments.\n"));
    // Marking a source page is refused.
    assert_eq!(run(&["--mark", "content/vi/1-dac-diem.md"]).code, Some(1));
    // With the missing page written and marked, --strict passes.
    site.page(
        "en/2-ket-qua/2-2.md",
        &front("2.2. Renewal", 2, ""),
        "## Content\n\nRenewal.\n",
    );
    run(&["--mark", "content/en"]).assert_success();
    run(&["--strict"]).assert_success();
}

#[test]
fn new_site_builds_as_it_is() {
    let site = Site::empty();
    let new = || songngu([OsStr::new("new"), site.root().as_os_str()]);
    new().assert_success();
    let out = site.build().assert_success();
    let doc = out.html("en/1-gioi-thieu.html");
    assert_eq!(doc.texts("article h1"), ["I. Introduction"]);
    assert_eq!(
        doc.count(".notice"),
        0,
        "the scaffold's translations are marked"
    );
    // Refuses a folder that is not empty.
    assert_eq!(new().code, Some(2));
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let site = fixture();
    site.page(
        "vi/3-nhap.md",
        &front("Bản nháp", 3, "draft = true\n"),
        "Nháp.\n",
    );
    let out = site.build().assert_success();
    assert!(!out.path("vi/3-nhap.html").exists());
    site.run(&["build", "--drafts"]).assert_success();
    assert!(out.path("vi/3-nhap.html").exists());
}

#[test]
fn a_site_without_search_has_no_index_and_no_search_box() {
    // The default: an index per language, a search box and its assets on every page.
    let (_site, out) = built();
    let page = out.html("vi/2-ket-qua/2-1.html");
    assert_eq!(page.count("[role=search]"), 1);
    assert_eq!(
        page.attrs("script[src$='search.js']", "src"),
        ["../../assets/search.js"]
    );
    assert!(out.path("search/vi/manifest.js").is_file());
    assert!(out.path("assets/search.css").is_file());

    let site = fixture();
    site.file(
        "content/site.toml",
        format!("{SITE}[search]\nenabled = false\n"),
    );
    let out = site.build().assert_success();
    assert!(!out.path("search").exists(), "no index is written");
    for asset in ["search.js", "search.css"] {
        assert!(!out.path("assets").join(asset).exists(), "{asset}");
    }
    assert!(out.path("assets/songngu.js").is_file());
    for rel in [
        "index.html",
        "vi/index.html",
        "vi/2-ket-qua/2-1.html",
        "en/1-dac-diem.html",
    ] {
        let page = out.html(rel);
        assert_eq!(page.count("[role=search], .search-slot"), 0, "{rel}");
        let refs: Vec<String> = page
            .attrs("script[src]", "src")
            .into_iter()
            .chain(page.attrs("link[href]", "href"))
            .collect();
        assert!(
            refs.iter().any(|r| r.contains("songngu.js")),
            "{rel}: {refs:?}"
        );
        assert!(
            !refs.iter().any(|r| r.contains("search")),
            "{rel}: {refs:?}"
        );
        // The rest of the page is all there.
        assert_eq!(page.count("header nav.lang-switch a"), 2, "{rel}");
    }

    // A misspelt key is an error with its place and the keys there are.
    site.file(
        "content/site.toml",
        format!("{SITE}[search]\nenable = false\n"),
    );
    let o = site.build_into(&site.path("other"));
    assert_eq!(o.code, Some(1));
    assert!(
        o.stderr
            .contains("unknown field `enable`, expected `enabled`"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("content/site.toml:14:1"), "{}", o.stderr);
}
