//! Builds small two-language sites with the real binary and checks the HTML it writes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_songngu"))
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

fn page(title: &str, weight: i64, extra: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\nweight = {weight}\n{extra}+++\n{body}")
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
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(r, "content/site.toml", SITE);
    let vi_one_body = "## Đặc điểm tình hình\n\nCao Bằng là tỉnh miền núi.[^1]\n\n## Đặc điểm tình hình\n\nXem [mục 2.1](2-ket-qua/2-1.md#the-che-hoa).\n\n[^1]: Chú thích.\n";
    write(
        r,
        "content/vi/_index.md",
        &page("Báo cáo", 0, "", "Giới thiệu.\n"),
    );
    write(
        r,
        "content/vi/1-dac-diem.md",
        &page("I- ĐẶC ĐIỂM TÌNH HÌNH", 1, "", vi_one_body),
    );
    write(
        r,
        "content/vi/2-ket-qua/_index.md",
        &page(
            "II- KẾT QUẢ",
            2,
            "description = \"Kết quả thực hiện\"\n",
            "",
        ),
    );
    write(
        r,
        "content/vi/2-ket-qua/2-1.md",
        &page(
            "2.1. Thể chế hóa",
            1,
            "",
            "## Thể chế hóa\n\nVăn bản.\n\nVề [đầu](../1-dac-diem.md).\n",
        ),
    );
    write(
        r,
        "content/vi/2-ket-qua/2-2.md",
        &page("2.2. Đổi mới", 2, "", "## Nội dung\n\nĐổi mới.\n"),
    );
    // English: 1-dac-diem up to date, 2-1 stale, 2-2 missing.
    let hash = |title: &str, body: &str| songngu::translations::hash_text(title, body);
    write(
        r,
        "content/en/_index.md",
        &page(
            "Report",
            0,
            &format!(
                "translation_of = \"{}\"\n",
                hash("Báo cáo", "Giới thiệu.\n")
            ),
            "Introduction.\n",
        ),
    );
    write(
        r,
        "content/en/1-dac-diem.md",
        &page(
            "I. GENERAL SITUATION",
            1,
            &format!("translation_of = \"{}\"\n", hash("I- ĐẶC ĐIỂM TÌNH HÌNH", vi_one_body)),
            "## Situation\n\nCao Bang is a mountainous province.\n\nSee [2.1](2-ket-qua/2-1.md#institutionalisation).\n",
        ),
    );
    write(
        r,
        "content/en/2-ket-qua/_index.md",
        &page(
            "II. RESULTS",
            2,
            &format!("translation_of = \"{}\"\n", hash("II- KẾT QUẢ", "")),
            "",
        ),
    );
    write(
        r,
        "content/en/2-ket-qua/2-1.md",
        &page(
            "2.1. Institutionalisation",
            1,
            "translation_of = \"000000000000\"\n",
            "## Institutionalisation\n\nDocuments.\n",
        ),
    );
    dir
}

fn build(root: &Path, out: &Path) -> Output {
    let o = bin()
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn html(out: &Path, rel: &str) -> Html {
    Html::parse_document(&fs::read_to_string(out.join(rel)).unwrap())
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn built() -> (tempfile::TempDir, PathBuf) {
    let site = fixture();
    let out = site.path().join("public");
    build(site.path(), &out);
    (site, out)
}

#[test]
fn every_page_exists_in_every_language() {
    let (_s, out) = built();
    for lang in ["vi", "en"] {
        for p in [
            "index.html",
            "1-dac-diem.html",
            "2-ket-qua/index.html",
            "2-ket-qua/2-1.html",
            "2-ket-qua/2-2.html",
            "print.html",
        ] {
            assert!(out.join(lang).join(p).is_file(), "{lang}/{p}");
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
        assert!(out.join(p).is_file(), "{p}");
    }
}

#[test]
fn every_page_has_lang_and_landmarks() {
    let (_s, out) = built();
    for lang in ["vi", "en"] {
        let doc = html(&out, &format!("{lang}/2-ket-qua/2-1.html"));
        assert_eq!(attrs(&doc, "html", "lang"), [lang]);
        for landmark in [
            "header",
            "main",
            "footer",
            "nav.breadcrumbs",
            "nav#sidebar",
            "nav.lang-switch",
        ] {
            assert_eq!(doc.select(&sel(landmark)).count(), 1, "{lang}: {landmark}");
        }
    }
}

#[test]
fn navigation_breadcrumbs_sidebar_and_pager() {
    let (_s, out) = built();
    let doc = html(&out, "vi/2-ket-qua/2-1.html");
    assert_eq!(texts(&doc, "nav.breadcrumbs a"), ["Báo cáo", "II- KẾT QUẢ"]);
    assert_eq!(
        attrs(&doc, "nav.breadcrumbs a", "href"),
        ["../../vi/index.html", "../../vi/2-ket-qua/index.html"]
    );
    assert_eq!(
        texts(&doc, ".toc-section a"),
        ["2.1. Thể chế hóa", "2.2. Đổi mới"]
    );
    assert_eq!(
        texts(&doc, ".toc-section a[aria-current=page]"),
        ["2.1. Thể chế hóa"]
    );
    assert_eq!(
        attrs(&doc, "a[rel=prev]", "href"),
        ["../../vi/2-ket-qua/index.html"]
    );
    assert_eq!(
        attrs(&doc, "a[rel=next]", "href"),
        ["../../vi/2-ket-qua/2-2.html"]
    );
    assert_eq!(texts(&doc, ".on-this-page a"), ["Thể chế hóa"]);
    // A section page lists its children with their descriptions.
    let sec = html(&out, "vi/2-ket-qua/index.html");
    assert_eq!(
        texts(&sec, ".section-children li > a"),
        ["2.1. Thể chế hóa", "2.2. Đổi mới"]
    );
    // The cover has the full table of contents and the document's metadata.
    let cover = html(&out, "vi/index.html");
    assert_eq!(cover.select(&sel(".cover-toc a[href$='.html']")).count(), 5);
    let meta = texts(&cover, ".document-meta dd");
    assert!(meta.contains(&"691-BC/TU".to_string()), "{meta:?}");
    assert!(
        meta.contains(&"ngày 07 tháng 8 năm 2020".to_string()),
        "{meta:?}"
    );
    let en_meta = texts(&html(&out, "en/index.html"), ".document-meta dd");
    assert!(
        en_meta.contains(&"7 August 2020".to_string()),
        "{en_meta:?}"
    );
    assert!(en_meta.contains(&"Cao Bang Provincial Party Committee".to_string()));
    // The whole tree is in the shared script, once.
    let toc = fs::read_to_string(out.join("assets/toc-vi.js")).unwrap();
    assert!(
        toc.contains("\"vi/2-ket-qua/2-2.html\",\"2.2. Đổi mới\",2"),
        "{toc}"
    );
}

#[test]
fn language_switcher_goes_to_the_same_page() {
    let (_s, out) = built();
    let doc = html(&out, "vi/2-ket-qua/2-1.html");
    assert_eq!(
        attrs(&doc, ".lang-switch a", "href"),
        ["../../vi/2-ket-qua/2-1.html", "../../en/2-ket-qua/2-1.html"]
    );
    assert_eq!(
        attrs(&doc, ".lang-switch a[aria-current]", "hreflang"),
        ["vi"]
    );
    assert_eq!(attrs(&doc, "link[rel=alternate]", "hreflang"), ["vi", "en"]);
    let en = html(&out, "en/2-ket-qua/2-2.html");
    assert_eq!(
        attrs(&en, ".lang-switch a", "href"),
        ["../../vi/2-ket-qua/2-2.html", "../../en/2-ket-qua/2-2.html"]
    );
}

#[test]
fn translation_notices() {
    let (_s, out) = built();
    // Up to date: no notice.
    assert_eq!(
        html(&out, "en/1-dac-diem.html")
            .select(&sel(".notice"))
            .count(),
        0
    );
    // Stale: a notice linking to the source page.
    let stale = html(&out, "en/2-ket-qua/2-1.html");
    assert_eq!(texts(&stale, ".notice-stale p").len(), 1);
    assert_eq!(
        attrs(&stale, ".notice-stale a", "href"),
        ["../../vi/2-ket-qua/2-1.html"]
    );
    assert_eq!(texts(&stale, "article h1"), ["2.1. Institutionalisation"]);
    // Missing: the Vietnamese text in the English site, marked as Vietnamese, with a notice.
    let missing = html(&out, "en/2-ket-qua/2-2.html");
    assert_eq!(attrs(&missing, "html", "lang"), ["en"]);
    assert_eq!(attrs(&missing, "article", "lang"), ["vi"]);
    let notice = texts(&missing, ".notice-fallback p").join(" ");
    assert!(
        notice.contains("not been translated into English"),
        "{notice}"
    );
    assert_eq!(texts(&missing, "article h1"), ["2.2. Đổi mới"]);
    assert_eq!(
        texts(&missing, "nav.breadcrumbs a"),
        ["Report", "II. RESULTS"]
    );
    // The source language never shows notices.
    assert_eq!(
        html(&out, "vi/2-ket-qua/2-2.html")
            .select(&sel(".notice"))
            .count(),
        0
    );
}

#[test]
fn headings_slugs_footnotes_and_links() {
    let (_s, out) = built();
    let doc = html(&out, "vi/1-dac-diem.html");
    assert_eq!(
        attrs(&doc, "article h2[id]", "id"),
        ["dac-diem-tinh-hinh", "dac-diem-tinh-hinh-1"]
    );
    assert_eq!(
        attrs(&doc, "article h2 a.anchor", "href"),
        ["#dac-diem-tinh-hinh", "#dac-diem-tinh-hinh-1"]
    );
    assert_eq!(attrs(&doc, "sup.footnote-ref a", "href"), ["#fn-1"]);
    assert_eq!(texts(&doc, "section.footnotes li"), ["Chú thích. ↩"]);
    assert_eq!(
        attrs(&doc, "article > p > a", "href"),
        ["../vi/2-ket-qua/2-1.html#the-che-hoa"]
    );
    let en = html(&out, "en/1-dac-diem.html");
    assert!(attrs(&en, "article a", "href")
        .contains(&"../en/2-ket-qua/2-1.html#institutionalisation".to_string()));
}

#[test]
fn all_links_are_relative_and_resolve() {
    let (_s, out) = built();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") || path.ends_with("404.html") {
            continue;
        }
        let doc = Html::parse_document(&fs::read_to_string(path).unwrap());
        for (css, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("script[src]", "src"),
        ] {
            for url in attrs(&doc, css, attr) {
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
            }
        }
    }
}

#[test]
fn site_files_root_page_404_sitemap_print() {
    let (_s, out) = built();
    // The root page is the source language's cover, with links from the root folder.
    let root = html(&out, "index.html");
    assert_eq!(attrs(&root, "html", "lang"), ["vi"]);
    assert_eq!(
        attrs(&root, "link[rel=canonical]", "href"),
        ["vi/index.html"]
    );
    assert_eq!(texts(&root, "article h1"), ["Báo cáo"]);
    assert_eq!(
        attrs(&root, ".lang-switch a", "href"),
        ["vi/index.html", "en/index.html"]
    );
    assert!(attrs(&root, ".cover-toc a", "href").contains(&"vi/2-ket-qua/2-1.html".to_string()));
    assert_eq!(root.select(&sel("meta[http-equiv]")).count(), 0);
    let nf = html(&out, "404.html");
    assert!(attrs(&nf, "a", "href").contains(&"/baocao/vi/index.html".to_string()));
    assert_eq!(
        nf.select(&sel("link[rel=stylesheet]")).count(),
        0,
        "404.html is self-contained"
    );
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert_eq!(sitemap.matches("<url>").count(), 10);
    assert!(sitemap.contains("<loc>/baocao/en/2-ket-qua/2-1.html</loc>"));
    assert!(sitemap.contains("hreflang=\"vi\" href=\"/baocao/vi/2-ket-qua/2-1.html\""));
    let print = html(&out, "vi/print.html");
    assert_eq!(print.select(&sel("section.print-page")).count(), 5);
    assert_eq!(
        attrs(&print, "p > a[href^='#2-ket-qua-2-1--']", "href"),
        ["#2-ket-qua-2-1--the-che-hoa"]
    );
    assert!(print
        .select(&sel("[id='2-ket-qua-2-1--the-che-hoa']"))
        .next()
        .is_some());
    assert_eq!(print.select(&sel("section.footnotes")).count(), 1);
    assert!(print.select(&sel("nav#sidebar")).next().is_none());
}

#[test]
fn builds_are_byte_identical() {
    let site = fixture();
    let a = site.path().join("a");
    let b = site.path().join("b");
    build(site.path(), &a);
    build(site.path(), &b);
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
    let (la, lb) = (list(&a), list(&b));
    assert!(la.len() > 15);
    assert_eq!(la, lb);
}

#[test]
fn summary_line_reports_pages_and_size() {
    let site = fixture();
    let o = build(site.path(), &site.path().join("out"));
    let line = String::from_utf8_lossy(&o.stdout);
    assert!(
        line.starts_with("built 10 pages (5 vi, 5 en), 0 tables,"),
        "{line}"
    );
}

#[test]
fn a_site_theme_overrides_one_template() {
    let site = fixture();
    write(
        site.path(),
        "theme/templates/cover.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ page.title }}</p>{% endblock %}",
    );
    let out = site.path().join("public");
    build(site.path(), &out);
    assert_eq!(texts(&html(&out, "vi/index.html"), "p.custom"), ["Báo cáo"]);
    // The other templates are still the built-in ones.
    assert_eq!(
        html(&out, "vi/1-dac-diem.html")
            .select(&sel("nav.breadcrumbs"))
            .count(),
        1
    );
}

#[test]
fn translations_command_reports_and_marks() {
    let site = fixture();
    let run = |args: &[&str]| {
        bin()
            .args(["translations", "--root"])
            .arg(site.path())
            .args(args)
            .current_dir(site.path())
            .output()
            .unwrap()
    };
    let o = run(&[]);
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
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
    assert_eq!(run(&["--strict"]).status.code(), Some(1));
    let o = run(&["--mark", "content/en/2-ket-qua/2-1.md"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = fs::read_to_string(site.path().join("content/en/2-ket-qua/2-1.md")).unwrap();
    assert!(!text.contains("000000000000"));
    assert_eq!(text.matches("translation_of").count(), 1);
    assert!(text.ends_with("## Institutionalisation\n\nDocuments.\n"));
    // Marking a source page is refused.
    assert_eq!(
        run(&["--mark", "content/vi/1-dac-diem.md"]).status.code(),
        Some(1)
    );
    // With the missing page written and marked, --strict passes.
    write(
        site.path(),
        "content/en/2-ket-qua/2-2.md",
        &page("2.2. Renewal", 2, "", "## Content\n\nRenewal.\n"),
    );
    assert!(run(&["--mark", "content/en"]).status.success());
    let o = run(&["--strict"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn new_site_builds_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let o = bin().arg("new").arg(&site).output().unwrap();
    assert!(o.status.success());
    let out = site.join("public");
    build(&site, &out);
    let doc = html(&out, "en/1-gioi-thieu.html");
    assert_eq!(texts(&doc, "article h1"), ["I. Introduction"]);
    assert_eq!(
        doc.select(&sel(".notice")).count(),
        0,
        "the scaffold's translations are marked"
    );
    // Refuses a folder that is not empty.
    assert_eq!(
        bin().arg("new").arg(&site).output().unwrap().status.code(),
        Some(2)
    );
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let site = fixture();
    write(
        site.path(),
        "content/vi/3-nhap.md",
        &page("Bản nháp", 3, "draft = true\n", "Nháp.\n"),
    );
    let out = site.path().join("public");
    build(site.path(), &out);
    assert!(!out.join("vi/3-nhap.html").exists());
    let o = bin()
        .args(["build", "--drafts", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(out.join("vi/3-nhap.html").exists());
}

#[test]
fn a_site_without_search_has_no_index_and_no_search_box() {
    // The default: an index per language, a search box and its assets on every page.
    let (_s, out) = built();
    let page = html(&out, "vi/2-ket-qua/2-1.html");
    assert_eq!(page.select(&sel("[role=search]")).count(), 1);
    assert_eq!(
        attrs(&page, "script[src$='search.js']", "src"),
        ["../../assets/search.js"]
    );
    assert!(out.join("search/vi/manifest.js").is_file());
    assert!(out.join("assets/search.css").is_file());

    let site = fixture();
    let r = site.path();
    write(
        r,
        "content/site.toml",
        &format!("{SITE}[search]\nenabled = false\n"),
    );
    let out = r.join("public");
    build(r, &out);
    assert!(!out.join("search").exists(), "no index is written");
    for asset in ["search.js", "search.css"] {
        assert!(!out.join("assets").join(asset).exists(), "{asset}");
    }
    assert!(out.join("assets/songngu.js").is_file());
    for rel in [
        "index.html",
        "vi/index.html",
        "vi/2-ket-qua/2-1.html",
        "en/1-dac-diem.html",
    ] {
        let page = html(&out, rel);
        assert_eq!(
            page.select(&sel("[role=search], .search-slot")).count(),
            0,
            "{rel}"
        );
        let refs: Vec<String> = attrs(&page, "script[src], link[href]", "src")
            .into_iter()
            .chain(attrs(&page, "link[href]", "href"))
            .collect();
        assert!(
            !refs.iter().any(|r| r.contains("search")),
            "{rel}: {refs:?}"
        );
        // The rest of the page is all there.
        assert_eq!(
            page.select(&sel("header nav.lang-switch a")).count(),
            2,
            "{rel}"
        );
    }

    // A misspelt key is an error with its place and the keys there are.
    write(
        r,
        "content/site.toml",
        &format!("{SITE}[search]\nenable = false\n"),
    );
    let o = bin()
        .args(["build", "--root"])
        .arg(r)
        .arg("--out")
        .arg(r.join("other"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("unknown field `enable`, expected `enabled`"),
        "{err}"
    );
    assert!(err.contains("content/site.toml:14:1"), "{err}");
}
