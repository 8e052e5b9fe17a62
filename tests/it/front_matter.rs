//! Front matter: optional (the title from the page's leading `#` heading, shown once), in
//! TOML or YAML with the same keys and diagnostics, and `extra` for templates (`page.extra`,
//! `site.extra`), rebuilt when it changes.

use std::path::PathBuf;

use songngu::build::Builder;

use crate::common::site::{Run, Site, SITE_TOML};

/// A site with a Vietnamese cover and an English one.
fn site() -> Site {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page("en/_index.md", "title = \"Cover\"", "Intro.\n");
    site
}

/// Runs `songngu build`, expects content errors (exit code 1) and returns stderr.
#[track_caller]
fn fails(site: &Site) -> String {
    let o: Run = site.build();
    assert_eq!(o.code, Some(1), "expected content errors:\n{}", o.stderr);
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    o.stderr
}

/// The `error: …` and `warning: …` lines of `stderr`, the build's last line left out.
fn headlines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .filter(|l| !l.starts_with("error: the build failed"))
        .collect()
}

#[test]
fn a_page_without_front_matter_takes_its_title_from_its_heading() {
    let site = site();
    site.file(
        "content/vi/a.md",
        "# Đặc điểm *tình hình*\n\nVăn bản.\n\n## Mục một\n\n# Phần sau\n",
    )
    .file("content/vi/s/_index.md", "\n# Phần hai\n\nGiới thiệu.\n")
    .page(
        "vi/b.md",
        "title = \"B\"\nweight = 9",
        "Xem [A](a.md#dac-diem-tinh-hinh) và [phần](s/_index.md#phan-hai).\n",
    );
    let built = site.build().assert_success();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    let a = built.html("vi/a.html");
    assert_eq!(a.texts("article h1"), ["Đặc điểm tình hình", "Phần sau #"]);
    assert_eq!(a.attrs("article h1", "id")[0], "dac-diem-tinh-hinh");
    assert_eq!(
        a.count("h1"),
        2,
        "the title once, the later `#` heading kept"
    );
    assert_eq!(a.texts("article h2"), ["Mục một #"]);
    assert_eq!(a.texts("title"), ["Đặc điểm tình hình · Báo cáo"]);
    let s = built.html("vi/s/index.html");
    assert_eq!(s.texts("article h1"), ["Phần hai"]);
    assert_eq!(s.count("h1"), 1);
    // The links to the title's anchor resolve; the navigation has the title.
    let b = built.html("vi/b.html");
    assert_eq!(
        b.attrs("article a", "href"),
        [
            "../vi/a.html#dac-diem-tinh-hinh",
            "../vi/s/index.html#phan-hai"
        ]
    );
    assert!(b.texts("nav a").iter().any(|t| t == "Đặc điểm tình hình"));
    // The English page shown in its place, and print.html: one title.
    let en = built.html("en/a.html");
    assert_eq!(en.texts("article h1")[0], "Đặc điểm tình hình");
    assert_eq!(en.count("article h1"), 2);
    let print = built.read("vi/print.html");
    assert_eq!(print.matches("Đặc điểm tình hình</h").count(), 1, "{print}");
    assert_eq!(print.matches(">Phần hai</h").count(), 1);
    // The search index has the title once, as a title: not as a section too.
    let search: String = walkdir::WalkDir::new(built.path("search/vi"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert_eq!(search.matches("Đặc điểm tình hình").count(), 1, "{search}");
}

#[test]
fn a_title_and_the_same_heading_show_one_h1_without_a_warning() {
    let site = site();
    site.page(
        "vi/a.md",
        "title = \"Đặc điểm\"",
        "# Đặc  điểm\n\nVăn bản.\n\n## Đặc điểm\n",
    );
    let built = site.build().assert_success();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    let a = built.html("vi/a.html");
    assert_eq!(a.texts("h1"), ["Đặc điểm"]);
    assert_eq!(a.attrs("h1", "id"), ["dac-diem"]);
    assert_eq!(a.attrs("article h2", "id"), ["dac-diem-1"]);
}

#[test]
fn a_title_and_another_heading_warn_and_show_the_title() {
    let site = site();
    site.page("vi/a.md", "title = \"Tiêu đề\"", "\n# Khác\n\nVăn bản.\n");
    let built = site.build().assert_success();
    let err = &built.stderr;
    assert_eq!(
        headlines(err),
        ["warning: the heading `Khác` differs from the page's title `Tiêu đề`: the title is shown, the heading is not"],
        "{err}"
    );
    assert!(err.contains("content/vi/a.md:5:1"), "{err}");
    assert!(err.contains("make the two the same"), "{err}");
    let a = built.html("vi/a.html");
    assert_eq!(a.texts("h1"), ["Tiêu đề"]);
    assert!(!a.texts("article").concat().contains("Khác"));
    // Reported once, though the English page shows the same text.
    assert_eq!(err.matches("warning: the heading").count(), 1);
}

#[test]
fn every_error_of_a_run_is_reported_at_once() {
    let site = site();
    site.file("content/vi/a.md", "Văn bản.\n\n# Muộn\n")
        .page("vi/b.md", "weight = 2", "Văn bản.\n")
        .file("content/vi/c.md", "---\ntitle: C\nweigth: 3\n---\n")
        .file("content/vi/d.md", "---\ntitle: [D\n---\n")
        .file("content/vi/e.md", "---\ntitle: E\ndraft: maybe\n---\n");
    let err = fails(&site);
    let lines = headlines(&err);
    assert_eq!(lines.len(), 5, "{err}");
    for expected in [
        "error: the page has no title",
        "error: unknown front matter key `weigth`",
        "error: invalid front matter: `draft` must be `true` or `false`, not text",
    ] {
        assert!(lines.contains(&expected), "{expected} in:\n{err}");
    }
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("error: invalid front matter: "))
            .count(),
        2,
        "{err}"
    );
    for at in [
        "content/vi/a.md:1:1",
        "content/vi/b.md:1:1",
        "content/vi/c.md:3:1",
        "content/vi/d.md:2:",
        "content/vi/e.md:3:8",
    ] {
        assert!(err.contains(at), "{at} in:\n{err}");
    }
    assert!(
        err.contains("its first `#` heading, on line 3, comes after other text"),
        "{err}"
    );
    assert!(err.contains("add `title = \"…\"`"), "{err}");
    assert!(err.contains("did you mean `weight`?"), "{err}");
    assert!(err.contains("under `extra:`"), "{err}");
    assert!(err.contains("2 pages without a title"), "{err}");
}

/// A Vietnamese page `a.md` with every key, as YAML.
const YAML_PAGE: &str = "---\ntitle: \"Đặc điểm: tình hình\"\nweight: 2\ndescription: Một câu mô tả.\ndraft: false\nsearch_weight: 0.5\nextra:\n  date: 2024-01-02\n  tags: [một, hai]\n  author:\n    name: Ban\n  x: 7\n---\nVăn bản.\n";

/// The same page as TOML.
const TOML_PAGE: &str = "+++\ntitle = \"Đặc điểm: tình hình\"\nweight = 2\ndescription = \"Một câu mô tả.\"\ndraft = false\nsearch_weight = 0.5\n[extra]\ndate = 2024-01-02\ntags = [\"một\", \"hai\"]\nx = 7\n[extra.author]\nname = \"Ban\"\n+++\nVăn bản.\n";

/// A template override that shows `page.extra` and `site.extra`.
const EXTRA_TEMPLATE: &str = "{% extends \"base.html\" %}{% block main %}<article><h1>{{ page.title }}</h1><p class=\"y\">{{ site.extra.y }}</p>{% if page.extra.x is defined %}<p class=\"x\">{{ page.extra.x }}</p><p class=\"date\">{{ page.extra.date }}</p><p class=\"tags\">{{ page.extra.tags|join(\",\") }}</p><p class=\"author\">{{ page.extra.author.name }}</p>{% endif %}{{ page.content }}</article>{% endblock %}";

/// [`site`] with `a.md` written as `page`, a page before it, a draft, `[extra]` in
/// site.toml, and page and print templates that show `extra`.
fn extra_site(page: &str) -> Site {
    let site = site();
    site.file(
        "content/site.toml",
        format!("{SITE_TOML}[extra]\ny = \"của trang\"\n"),
    )
    .file("theme/templates/page.html", EXTRA_TEMPLATE)
    .file(
        "theme/templates/print.html",
        "<!DOCTYPE html><title>In</title><p class=\"y\">{{ site.extra.y }}</p>",
    )
    .file("content/vi/a.md", page)
    .file("content/vi/b.md", "---\nweight: 1\n---\n# Trước\n")
    .file("content/vi/c.md", "---\ntitle: Nháp\ndraft: true\n---\n");
    site
}

#[test]
fn yaml_front_matter_reads_every_key_as_toml_does() {
    let site = extra_site(YAML_PAGE);
    let built = site.build().assert_success();
    let a = built.html("vi/a.html");
    assert_eq!(a.texts("article h1"), ["Đặc điểm: tình hình"]);
    assert_eq!(
        a.attrs("meta[name=description]", "content"),
        ["Một câu mô tả."]
    );
    assert_eq!(a.texts("p.x"), ["7"]);
    assert_eq!(a.texts("p.y"), ["của trang"]);
    assert_eq!(a.texts("p.date"), ["2024-01-02"]);
    assert_eq!(a.texts("p.tags"), ["một,hai"]);
    assert_eq!(a.texts("p.author"), ["Ban"]);
    assert_eq!(built.html("vi/print.html").texts("p.y"), ["của trang"]);
    // Order by weight: `b` (the title from its heading) comes first; the draft is left out.
    let b = built.html("vi/b.html");
    assert_eq!(b.texts("article h1"), ["Trước"]);
    assert!(!built.path("vi/c.html").exists());
    let yaml_out = built.read("vi/a.html");
    // The same page written as TOML gives the same bytes, and so does the whole site.
    let toml_site = extra_site(TOML_PAGE);
    let toml_built = toml_site.build().assert_success();
    assert_eq!(toml_built.read("vi/a.html"), yaml_out);
    assert_eq!(toml_built.read("vi/b.html"), built.read("vi/b.html"));
    assert_eq!(
        toml_built.read("vi/print.html"),
        built.read("vi/print.html")
    );
}

#[test]
fn a_yaml_translation_is_marked_in_yaml() {
    let site = site();
    site.file("content/vi/a.md", "# Tiêu đề\n\nVăn bản.\n")
        .file("content/en/a.md", "---\nweight: 1\n---\n# Title\n\nText.\n");
    let stale = site.build().assert_success();
    assert_eq!(stale.html("en/a.html").count(".notice-stale"), 1);
    site.run(&["translations", "--mark", "content/en/a.md"])
        .assert_success();
    let marked = site.read("content/en/a.md");
    assert!(
        marked.starts_with("---\nweight: 1\ntranslation_of: \""),
        "{marked}"
    );
    let fresh = site.build().assert_success();
    assert_eq!(fresh.html("en/a.html").count(".notice-stale"), 0);
    // A page without front matter gets TOML front matter holding the mark.
    site.file("content/en/a.md", "# Title\n\nText.\n");
    site.run(&["translations", "--mark", "content/en/a.md"])
        .assert_success();
    let marked = site.read("content/en/a.md");
    assert!(marked.starts_with("+++\ntranslation_of = \""), "{marked}");
    assert!(marked.ends_with("+++\n# Title\n\nText.\n"), "{marked}");
    let fresh = site.build().assert_success();
    assert_eq!(fresh.html("en/a.html").count(".notice-stale"), 0);
}

#[test]
fn unknown_keys_are_told_to_move_under_extra() {
    let site = site();
    site.page("vi/a.md", "title = \"A\"\nauthor = \"B\"", "");
    let err = fails(&site);
    assert!(err.contains("content/vi/a.md:3:1"), "{err}");
    assert!(
        err.contains("a key of the site's own goes under `[extra]`"),
        "{err}"
    );
    assert!(err.contains("`page.extra.author`"), "{err}");
    let site = Site::new();
    site.file("content/site.toml", format!("author = \"B\"\n{SITE_TOML}"))
        .page("vi/_index.md", "title = \"Bìa\"", "");
    let err = fails(&site);
    assert!(err.contains("content/site.toml:1:1"), "{err}");
    assert!(err.contains("goes under `[extra]`"), "{err}");
}

/// Rebuilds with `b` after `rels` changed (as the preview reports them), checks the output
/// (with the work the preview defers, done) against a clean build and returns it.
fn rebuild(b: &mut Builder, site: &Site, rels: &[&str], what: &str) -> songngu::output::Output {
    let canon = site.canonical_root();
    let paths: Vec<PathBuf> = rels.iter().map(|r| canon.join(r)).collect();
    b.invalidate(&paths);
    let mut out = b
        .build()
        .unwrap_or_else(|e| panic!("{what}: {}", e.render(false)))
        .output;
    // The preview makes print.html and the search index after the reload.
    if let Some(caught_up) = b.finish_deferred() {
        out = caught_up;
    }
    let clean = site.clean_build().unwrap().output;
    let diff = clean.changed_paths(&out);
    assert!(
        diff.is_empty(),
        "{what}: differs from a clean build in {diff:?}"
    );
    out
}

/// The text of the output file `path`.
fn text(out: &songngu::output::Output, path: &str) -> String {
    String::from_utf8(out.get(path).unwrap_or_default().to_vec()).unwrap()
}

#[test]
fn extra_edits_rebuild_the_pages_in_the_preview_and_cached_builds() {
    for preview in [true, false] {
        let site = extra_site(TOML_PAGE);
        let mut b = site.builder(preview);
        let first = b.build().unwrap().output;
        assert!(text(&first, "vi/a.html").contains("<p class=\"x\">7</p>"));
        site.file("content/vi/a.md", TOML_PAGE.replace("x = 7", "x = 8"));
        let out = rebuild(&mut b, &site, &["content/vi/a.md"], "page extra");
        assert!(text(&out, "vi/a.html").contains("<p class=\"x\">8</p>"));
        // The same in YAML; then a new value of the same text but another kind.
        site.file("content/vi/a.md", YAML_PAGE.replace("x: 7", "x: 9"));
        let out = rebuild(&mut b, &site, &["content/vi/a.md"], "yaml extra");
        assert!(text(&out, "vi/a.html").contains("<p class=\"x\">9</p>"));
        site.file("content/vi/a.md", YAML_PAGE.replace("x: 7", "x: \"9\""));
        rebuild(&mut b, &site, &["content/vi/a.md"], "yaml extra kind");
        // The site's extra: every page.
        site.file(
            "content/site.toml",
            format!("{SITE_TOML}[extra]\ny = \"mới\"\n"),
        );
        let out = rebuild(&mut b, &site, &["content/site.toml"], "site extra");
        for page in ["vi/a.html", "vi/b.html", "en/a.html"] {
            assert!(
                text(&out, page).contains("<p class=\"y\">mới</p>"),
                "{page}"
            );
        }
        // A title taken from a heading, edited.
        site.file("content/vi/b.md", "---\nweight: 1\n---\n# Trước đó\n");
        let out = rebuild(&mut b, &site, &["content/vi/b.md"], "heading title");
        assert!(text(&out, "vi/a.html").contains("Trước đó"), "the pager");
    }
}
