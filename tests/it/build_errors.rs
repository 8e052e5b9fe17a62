//! Bad input: every kind gets a message with file:line:col and a hint, all errors of a run
//! are reported, the exit code is 1, and the previous output is left untouched.

use std::fs;

use crate::common::site::{songngu, Site, SITE_TOML};

/// A good site, built once into `public/` so that each test can check it survives.
fn good_site() -> Site {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page(
            "vi/a.md",
            "title = \"A\"\nweight = 1",
            "## Mục một\n\nVăn bản.\n",
        )
        .page(
            "vi/b.md",
            "title = \"B\"\nweight = 2",
            "Xem [A](a.md#muc-mot).\n",
        )
        .page("en/_index.md", "title = \"Cover\"", "Intro.\n");
    site.build().assert_success();
    site
}

/// Builds, expects failure with exit code 1, checks that the old output is intact and
/// returns the error text.
fn fails(site: &Site) -> String {
    let before = fs::read(site.path("public/vi/a.html")).unwrap();
    let o = site.build();
    let err = o.stderr;
    assert_eq!(o.code, Some(1), "expected content errors, got:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        fs::read(site.path("public/vi/a.html")).unwrap(),
        before,
        "previous output changed"
    );
    let leftovers: Vec<String> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !["content", "theme", "public"].contains(&n.as_str()))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
    err
}

#[test]
fn malformed_front_matter() {
    let site = good_site();
    site.file("content/vi/a.md", "+++\ntitle = \"A\nweight = 1\n+++\nx\n");
    let err = fails(&site);
    assert!(err.contains("content/vi/a.md:2:"), "{err}");
    assert!(err.contains("invalid front matter"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let site = good_site();
    site.file(
        "content/vi/a.md",
        "+++\ntitle = \"A\"\nweigth = 1\n+++\nx\n",
    );
    let err = fails(&site);
    assert!(err.contains("unknown front matter key `weigth`"), "{err}");
    assert!(err.contains("content/vi/a.md:3:1"), "{err}");
    assert!(err.contains("did you mean `weight`?"), "{err}");
}

#[test]
fn malformed_site_toml() {
    let site = good_site();
    site.file(
        "content/site.toml",
        SITE_TOML.replace("title = \"Report\"", "title = Report"),
    );
    let err = fails(&site);
    assert!(err.contains("content/site.toml:7:9"), "{err}");
    assert!(err.contains("invalid site.toml"), "{err}");
}

#[test]
fn invalid_utf8() {
    let site = good_site();
    site.file(
        "content/vi/b.md",
        b"+++\ntitle = \"B\"\n+++\nCh\xe0o\n".as_slice(),
    );
    let err = fails(&site);
    assert!(err.contains("content/vi/b.md:4:3"), "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert!(err.contains("save the file as UTF-8"), "{err}");
}

#[test]
fn language_folder_not_in_site_toml() {
    let site = good_site();
    site.file("content/fr/_index.md", "+++\ntitle = \"x\"\n+++\n");
    let err = fails(&site);
    assert!(
        err.contains("the folder `content/fr` is not a language listed in site.toml"),
        "{err}"
    );
    assert!(err.contains("add \"fr\" to `languages`"), "{err}");
}

#[test]
fn duplicate_slugs() {
    let site = good_site();
    site.file("content/vi/Đặc điểm.md", "+++\ntitle = \"X\"\n+++\n");
    site.file("content/vi/dac-diem.md", "+++\ntitle = \"Y\"\n+++\n");
    let err = fails(&site);
    assert!(
        err.contains("would both be published as `vi/dac-diem.html`"),
        "{err}"
    );
    // Duplicate explicit heading ids in a page.
    let site = good_site();
    site.file(
        "content/vi/a.md",
        "+++\ntitle = \"A\"\n+++\n## One {#x}\n\n## Two {#x}\n",
    );
    let err = fails(&site);
    assert!(err.contains("content/vi/a.md:6:1"), "{err}");
    assert!(err.contains("the heading id `x` is used twice"), "{err}");
}

#[test]
fn broken_links_to_pages_and_headings() {
    let site = good_site();
    site.file(
        "content/vi/b.md",
        "+++\ntitle = \"B\"\n+++\nXem [A](a.md#muc-mt).\n\nVà [C](c.md).\n",
    );
    let err = fails(&site);
    assert!(err.contains("content/vi/b.md:4:5"), "{err}");
    assert!(err.contains("`a.md` has no heading `#muc-mt`"), "{err}");
    assert!(err.contains("did you mean `#muc-mot`?"), "{err}");
    assert!(err.contains("content/vi/b.md:6:4"), "{err}");
    assert!(err.contains("there is no page `c.md`"), "{err}");
}

#[test]
fn template_error_points_into_the_template() {
    let site = good_site();
    site.file(
        "theme/templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title }\n{% endblock %}\n",
    );
    let err = fails(&site);
    assert!(err.contains("theme/templates/page.html:3:"), "{err}");
    assert!(err.contains("template error"), "{err}");
}

#[test]
fn all_errors_of_a_run_are_reported() {
    let site = good_site();
    site.file("content/vi/a.md", "+++\ntitle = \"A\"\nweigth = 1\n+++\n");
    site.file(
        "content/vi/b.md",
        "+++\ntitle = \"B\"\n+++\n[x](missing.md)\n",
    );
    site.file(
        "content/vi/c.md",
        b"+++\ntitle = \"C\"\n+++\n\xff\n".as_slice(),
    );
    let err = fails(&site);
    assert!(err.contains("content/vi/a.md:3:1"), "{err}");
    assert!(err.contains("content/vi/b.md:4:1"), "{err}");
    assert!(err.contains("content/vi/c.md:4:1"), "{err}");
    assert!(err.contains("failed with 3 errors"), "{err}");
}

#[test]
fn usage_errors_exit_with_2() {
    let o = Site::empty().build();
    assert_eq!(o.code, Some(2));
    assert!(o.stderr.contains("songngu new"), "{}", o.stderr);
    assert_eq!(songngu(["bogus"]).code, Some(2));
    let o = songngu(["build", "--help"]);
    assert_eq!(o.code, Some(0));
    assert!(o.stdout.contains("--out"), "{}", o.stdout);
}

#[test]
fn a_language_without_pages() {
    let site = good_site();
    site.remove("content/vi");
    fs::create_dir_all(site.path("content/vi")).unwrap();
    let err = fails(&site);
    assert!(err.contains("there are no pages in `content/vi/`"), "{err}");
    assert!(err.contains("_index.md"), "{err}");
}
