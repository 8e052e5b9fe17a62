//! Links of every form: resolved against what the build publishes and written relative to a
//! file (`.md` files, `.html` pages, folders, extensionless paths, copied files, data
//! downloads, theme files, paths from the site's root), fragments included; broken ones
//! reported at file:line:col with a "did you mean", as warnings with `[links] broken =
//! "warn"`; anchors written with another tool's rule rewritten with a warning.

use std::path::{Component, Path, PathBuf};

use scraper::Selector;

use crate::common::site::{Doc, Run, Site, SITE_TOML};

/// A data table `t1`, for its downloads.
const TABLE: &str = r#"[[table]]
id = "t1"
caption = { vi = "Bảng", en = "Table" }
rows = [[2015, 3]]

[[table.columns]]
key = "nam"
label = { vi = "Năm", en = "Year" }
type = "year"

[[table.columns]]
key = "doan"
label = { vi = "Đoàn", en = "Teams" }
type = "integer"
"#;

/// A site with a guide section (`vi/guide/`: an index and `intro.md`), a `cli` section, a
/// document in a folder whose name is not a slug, a data table and an English cover; `a.md`
/// in the guide gets `body`.
fn site_with(body: &str) -> Site {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page(
            "vi/guide/_index.md",
            "title = \"Hướng dẫn\"\nweight = 1",
            "Mục lục.\n",
        )
        .page(
            "vi/guide/intro.md",
            "title = \"Giới thiệu chung\"\nweight = 1",
            "## Cài đặt\n\nVăn bản.\n",
        )
        .page("vi/guide/a.md", "title = \"Trang A\"\nweight = 2", body)
        .page(
            "vi/cli/_index.md",
            "title = \"Dòng lệnh\"\nweight = 2",
            "Lệnh.\n",
        )
        .page("en/_index.md", "title = \"Cover\"", "Intro.\n")
        .file("content/vi/Tài liệu/biên bản.pdf", "%PDF-1.4\n")
        .file("content/vi/hinh.png", "png")
        .file("content/data/t.toml", TABLE);
    site
}

/// The links of the article of `doc` (its permalinks left out): (text, href).
fn links(doc: &Doc) -> Vec<(String, String)> {
    let sel = Selector::parse("article a[href]:not(.anchor)").unwrap();
    doc.0
        .select(&sel)
        .map(|a| {
            let text = a.text().collect::<String>();
            (text, a.value().attr("href").unwrap().to_string())
        })
        .collect()
}

/// The `href` of the link with text `text` in the article of page `page`.
fn href(run: &Run, page: &str, text: &str) -> String {
    let doc = run.html(page);
    let all = links(&doc);
    all.iter()
        .find(|(t, _)| t == text)
        .map(|(_, h)| h.clone())
        .unwrap_or_else(|| panic!("no link `{text}` in {page}: {all:?}"))
}

/// The output file that `href` (relative, written in `page`) leads to, and its anchor.
fn target(run: &Run, page: &str, href: &str) -> (PathBuf, Option<String>) {
    let (path, anchor) = match href.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (href, None),
    };
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .unwrap()
        .into_owned();
    let mut out = run.out.clone();
    let base = Path::new(page).parent().unwrap();
    for c in base.join(path).components() {
        match c {
            Component::ParentDir => assert!(out.pop() && out.starts_with(&run.out), "{href}"),
            Component::Normal(n) => out.push(n),
            _ => {}
        }
    }
    (out, anchor)
}

/// Checks that every link of page `page` that is not to another host leads to a file of the
/// output, and a page's anchor to an id of that page.
fn assert_links_work(run: &Run, page: &str) {
    for (text, href) in links(&run.html(page)) {
        if href.contains(':') {
            continue;
        }
        let (file, anchor) = target(run, page, &href);
        let file = if href.starts_with('#') {
            run.path(page)
        } else {
            file
        };
        assert!(file.is_file(), "`{text}` ({href}) in {page}: no {file:?}");
        if let Some(a) = anchor.filter(|_| file.extension().is_some_and(|e| e == "html")) {
            let html = std::fs::read_to_string(&file).unwrap();
            let sel = Selector::parse(&format!("[id=\"{a}\"]")).unwrap();
            assert!(
                Doc::parse(&html).0.select(&sel).next().is_some(),
                "`{text}` ({href}) in {page}: no id `{a}`"
            );
        }
    }
}

/// Builds `site`, expecting content errors; returns the messages.
fn fails(site: &Site) -> String {
    let run = site.build();
    assert_eq!(run.code, Some(1), "expected errors:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

#[test]
fn every_form_of_internal_link_leads_to_a_file() {
    let site = site_with(
        "[md](intro.md#cai-dat) [html](intro.html#cai-dat) [folder](../cli/) \
         [bare folder](../cli) [extensionless](intro) [here](./) [cover](../) \
         [section](../guide) [pdf](<../Tài liệu/biên bản.pdf>) [csv](../../data/vi/t1.csv) \
         [css](../../assets/style.css) [other language](../../en/) [self](#top) \
         [site](https://example.org/a.md) <me@example.org>\n\n## Top {#top}\n\n\
         ![hình](../hinh.png)\n",
    );
    let run = site.build().assert_success();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = "vi/guide/a.html";
    let expected = [
        ("md", "../../vi/guide/intro.html#cai-dat"),
        ("html", "../../vi/guide/intro.html#cai-dat"),
        ("folder", "../../vi/cli/index.html"),
        ("bare folder", "../../vi/cli/index.html"),
        ("extensionless", "../../vi/guide/intro.html"),
        ("here", "../../vi/guide/index.html"),
        ("cover", "../../vi/index.html"),
        ("section", "../../vi/guide/index.html"),
        ("pdf", "../../vi/tai-lieu/bi%C3%AAn%20b%E1%BA%A3n.pdf"),
        ("csv", "../../data/vi/t1.csv"),
        ("css", "../../assets/style.css"),
        ("other language", "../../en/index.html"),
        ("self", "#top"),
        ("site", "https://example.org/a.md"),
        ("me@example.org", "mailto:me@example.org"),
    ];
    for (text, want) in expected {
        assert_eq!(href(&run, page, text), want, "`{text}`");
    }
    // The image is left as written (another stage's business) and not reported.
    assert_eq!(run.html(page).attrs("article img", "src"), ["../hinh.png"]);
    assert_links_work(&run, page);
}

#[test]
fn broken_links_of_every_form_are_errors_at_their_place() {
    let site = site_with(
        "[a](intro.html#cai-dt)\n\
         [b](../clj/)\n\
         [c](intr)\n\
         [d](../tai-lieu.pdf)\n\
         [e](../../../../x.html)\n\
         [f](../../data/vi/t2.csv)\n\
         [g](intro#khong)\n\
         [h](../guide/#khong)\n",
    );
    let err = fails(&site);
    let at = |line: usize| format!("content/vi/guide/a.md:{line}:1");
    // The front matter takes four lines: the body starts on line 5.
    assert!(err.contains(&at(5)), "{err}");
    assert!(
        err.contains("broken link: `intro.html` has no heading `#cai-dt`"),
        "{err}"
    );
    assert!(err.contains("did you mean `#cai-dat`?"), "{err}");
    assert!(err.contains(&at(6)), "{err}");
    assert!(
        err.contains("broken link: `../clj/` names no page or file of the site"),
        "{err}"
    );
    assert!(err.contains("did you mean `../cli/`?"), "{err}");
    assert!(err.contains(&at(7)), "{err}");
    assert!(err.contains("did you mean `intro.html`?"), "{err}");
    assert!(err.contains(&at(8)), "{err}");
    assert!(
        err.contains("`../tai-lieu.pdf` names no page or file"),
        "{err}"
    );
    assert!(err.contains(&at(9)), "{err}");
    assert!(
        err.contains("broken link: `../../../../x.html` leads out of the site"),
        "{err}"
    );
    assert!(err.contains(&at(10)), "{err}");
    assert!(
        err.contains("did you mean `../../data/vi/t1.csv`?"),
        "{err}"
    );
    assert!(err.contains(&at(11)), "{err}");
    assert!(err.contains("`intro` has no heading `#khong`"), "{err}");
    assert!(err.contains(&at(12)), "{err}");
    assert!(err.contains("`../guide/` has no heading `#khong`"), "{err}");
    assert_eq!(err.matches("error: broken link").count(), 8, "{err}");
}

#[test]
fn a_page_title_is_an_anchor_of_the_page() {
    let site = site_with(
        "[title](intro.md#gioi-thieu-chung) [folder title](../cli/#dong-lenh) \
         [own title](#trang-a)\n",
    );
    let run = site.build().assert_success();
    let page = "vi/guide/a.html";
    assert_eq!(
        href(&run, page, "title"),
        "../../vi/guide/intro.html#gioi-thieu-chung"
    );
    assert_eq!(
        href(&run, page, "folder title"),
        "../../vi/cli/index.html#dong-lenh"
    );
    assert_eq!(href(&run, page, "own title"), "#trang-a");
}

#[test]
fn links_from_the_root_are_written_relative() {
    let site = site_with(
        "[section](/guide/) [chapter](/guide/intro) [source](/vi/guide/intro.md#cai-dat) \
         [bare source](/guide/intro.md) [english](/en/) [theme](/assets/style.css) \
         [csv](/data/vi/t1.csv) [pdf](</Tài liệu/biên bản.pdf>) [image](/hinh.png)\n\n\
         ![hình](/hinh.png)\n",
    );
    let run = site.build().assert_success();
    let page = "vi/guide/a.html";
    let expected = [
        ("section", "../../vi/guide/index.html"),
        ("chapter", "../../vi/guide/intro.html"),
        ("source", "../../vi/guide/intro.html#cai-dat"),
        ("bare source", "../../vi/guide/intro.html"),
        ("english", "../../en/index.html"),
        ("theme", "../../assets/style.css"),
        ("csv", "../../data/vi/t1.csv"),
        ("pdf", "../../vi/tai-lieu/bi%C3%AAn%20b%E1%BA%A3n.pdf"),
        ("image", "../../vi/hinh.png"),
    ];
    for (text, want) in expected {
        assert_eq!(href(&run, page, text), want, "`{text}`");
    }
    // An image from the root is resolved the same way.
    assert_eq!(
        run.html(page).attrs("article img", "src"),
        ["../../vi/hinh.png"]
    );
    assert_links_work(&run, page);

    // One that leads nowhere is an error, with a hint.
    site.page(
        "vi/guide/a.md",
        "title = \"Trang A\"\nweight = 2",
        "Xem [x](/guide/intra/).\n",
    );
    let err = fails(&site);
    assert!(err.contains("content/vi/guide/a.md:5:5"), "{err}");
    assert!(
        err.contains("broken link: `/guide/intra/` names no page or file of the site"),
        "{err}"
    );
    assert!(err.contains("`vi/guide/intra/index.html`"), "{err}");
    assert!(err.contains("a link starting with `/`"), "{err}");
}

#[test]
fn links_under_the_base_path_are_resolved_after_it() {
    let site = site_with("[guide](/baocao/guide/) [root](/baocao/vi/cli/#dong-lenh)\n");
    site.file(
        "content/site.toml",
        format!("base_path = \"/baocao/\"\n{SITE_TOML}"),
    );
    let run = site.build().assert_success();
    let page = "vi/guide/a.html";
    assert_eq!(href(&run, page, "guide"), "../../vi/guide/index.html");
    assert_eq!(
        href(&run, page, "root"),
        "../../vi/cli/index.html#dong-lenh"
    );
}

#[test]
fn warn_mode_lists_every_broken_link_and_builds() {
    let site = site_with("[a](khong-co.md)\n[b](../khong/)\n[c](intro.md#khong)\n");
    site.file(
        "content/site.toml",
        format!("{SITE_TOML}[links]\nbroken = \"warn\"\n"),
    );
    let run = site.build().assert_success();
    let err = &run.stderr;
    assert_eq!(err.matches("warning: broken link").count(), 3, "{err}");
    assert!(!err.contains("error"), "{err}");
    for line in 5..=7 {
        assert!(
            err.contains(&format!("content/vi/guide/a.md:{line}:1")),
            "{err}"
        );
    }
    assert!(site.path("public/vi/guide/a.html").is_file());

    // An unknown value, or key, is an error at its place.
    site.file(
        "content/site.toml",
        format!("{SITE_TOML}[links]\nbroken = \"ignore\"\n"),
    );
    let err = fails(&site);
    assert!(err.contains("content/site.toml:9:10"), "{err}");
    assert!(err.contains("\"error\""), "{err}");
    site.file(
        "content/site.toml",
        format!("{SITE_TOML}[links]\nbrokn = \"warn\"\n"),
    );
    let err = fails(&site);
    assert!(err.contains("content/site.toml:9:1"), "{err}");
    assert!(err.contains("[links] (broken)"), "{err}");
}

#[test]
fn anchors_of_other_tools_are_rewritten_with_a_warning() {
    let site = site_with(
        "[people](#people--body) [snake](intro.md#snake_case-name) \
         [title](intro.md#giới-thiệu-chung)\n\n## People & body\n",
    );
    site.page(
        "vi/guide/intro.md",
        "title = \"Giới thiệu chung\"\nweight = 1",
        "## Cài đặt\n\n## snake_case name\n",
    );
    let run = site.build().assert_success();
    let err = run.stderr.clone();
    let page = "vi/guide/a.html";
    assert_eq!(href(&run, page, "people"), "#people-body");
    assert_eq!(
        href(&run, page, "snake"),
        "../../vi/guide/intro.html#snake-case-name"
    );
    assert_eq!(
        href(&run, page, "title"),
        "../../vi/guide/intro.html#gioi-thieu-chung"
    );
    assert!(err.contains("content/vi/guide/a.md:5:1"), "{err}");
    assert!(
        err.contains(
            "warning: `#people--body` is written with another tool's rule; the heading's id is `#people-body`"
        ),
        "{err}"
    );
    assert!(err.contains("write the id, `#people-body`"), "{err}");
    assert!(
        err.contains("the heading's id is `#snake-case-name`"),
        "{err}"
    );
    assert_eq!(err.matches("another tool's rule").count(), 3, "{err}");
}

#[test]
fn an_anchor_of_another_tool_that_means_two_headings_is_an_error() {
    let site = site_with("[x](intro.md#a_b)\n");
    site.page(
        "vi/guide/intro.md",
        "title = \"Giới thiệu chung\"\nweight = 1",
        "## A_B\n\n## A_B!\n",
    );
    let err = fails(&site);
    assert!(err.contains("content/vi/guide/a.md:5:1"), "{err}");
    assert!(
        err.contains("broken link: `intro.md` has no heading `#a_b`"),
        "{err}"
    );
    assert!(err.contains("did you mean `#a-b` or `#a-b-1`?"), "{err}");
}

#[test]
fn a_quick_rebuild_checks_and_writes_links_like_a_full_one() {
    let site = site_with("Văn bản.\n");
    let mut b = site.builder(false);
    b.build().unwrap();
    let edit = |body: &str| {
        site.page("vi/guide/a.md", "title = \"Trang A\"\nweight = 2", body);
        b_invalidate(&site)
    };
    let mut rebuild = |body: &str| {
        let paths = edit(body);
        b.invalidate(&paths);
        b.build()
    };
    // A link written in its final form: the quick path, the same bytes as a clean build.
    let built = rebuild("[x](../cli/) [y](intro.md#cai-dat)\n").unwrap();
    assert!(built.stats.quick);
    assert_eq!(
        site.clean_build()
            .unwrap()
            .output
            .changed_paths(&built.output),
        Vec::<String>::new()
    );
    // One the link stage rewrites: the full path, the same bytes as a clean build.
    let built = rebuild("[x](/guide/) [y](../cli)\n").unwrap();
    let html = String::from_utf8(built.output.get("vi/guide/a.html").unwrap().to_vec()).unwrap();
    assert!(html.contains("href=\"../../vi/cli/index.html\""), "{html}");
    assert_eq!(
        site.clean_build()
            .unwrap()
            .output
            .changed_paths(&built.output),
        Vec::<String>::new()
    );
    // A broken one fails the build, quick or not.
    let err = rebuild("[x](../khong/)\n").unwrap_err().render(false);
    assert!(err.contains("names no page or file"), "{err}");
    // Warnings are not carried over from the last build once fixed.
    let built = rebuild("[x](#people--body)\n\n## People & body\n").unwrap();
    assert_eq!(built.warnings.warning_count(), 1);
    let built = rebuild("[x](#people-body)\n\n## People & body\n").unwrap();
    assert_eq!(built.warnings.warning_count(), 0);
}

/// The path of the edited page as a watcher reports it.
fn b_invalidate(site: &Site) -> Vec<PathBuf> {
    vec![site.canonical_root().join("content/vi/guide/a.md")]
}
