//! Front matter and the messages of a failed build: blank lines and a byte-order mark before
//! `+++`, every unknown key at once, one broken file
//! reported once (no follow-up errors), the summary by kind and `--max-errors`.

use crate::common::site::{songngu, Run, Site};

/// A site whose Vietnamese cover, chapter and section are good, with an English cover.
fn good_site() -> Site {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page("vi/a.md", "title = \"A\"\nweight = 1", "## Mục một\n")
        .page("vi/s/_index.md", "title = \"Phần\"\nweight = 2", "")
        .page("vi/s/b.md", "title = \"B\"", "Văn bản.\n")
        .page("en/_index.md", "title = \"Cover\"", "Intro.\n");
    site
}

/// Runs `songngu build ARGS`, expects content errors (exit code 1) and returns stderr.
#[track_caller]
fn fails(site: &Site, args: &[&str]) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let o: Run = site.run(&all);
    assert_eq!(
        o.code,
        Some(1),
        "expected content errors, got:\n{}",
        o.stderr
    );
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    o.stderr
}

/// The messages of the diagnostics in `stderr` (`error: …` and `warning: …` lines), the
/// final line of a failed build left out.
fn headlines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .filter(|l| !l.starts_with("error: the build failed"))
        .collect()
}

#[test]
fn front_matter_after_blank_lines_a_bom_or_spaces_is_read() {
    let site = good_site();
    site.file(
        "content/vi/a.md",
        "\u{feff}\n  \t\n\r\n  +++\ntitle = \"Sau dòng trống\"\nweight = 1\n+++\nVăn bản.\n",
    );
    let built = site.build().assert_success();
    assert_eq!(
        built.html("vi/a.html").texts("article h1"),
        ["Sau dòng trống"]
    );
}

#[test]
fn every_unknown_key_of_a_file_is_reported_in_file_order() {
    let site = good_site();
    site.page(
        "vi/a.md",
        "titel = \"A\"\ntitle = \"A\"\nweigth = 1\nslug = \"a\"\ndescripton = \"x\"",
        "",
    );
    let err = fails(&site, &[]);
    let keys = ["titel", "weigth", "slug", "descripton"];
    assert_eq!(
        headlines(&err),
        keys.map(|k| format!("error: unknown front matter key `{k}`")),
        "{err}"
    );
    let at: Vec<usize> = ["a.md:2:1", "a.md:4:1", "a.md:5:1", "a.md:6:1"]
        .iter()
        .map(|p| err.find(p).unwrap_or_else(|| panic!("{p} in:\n{err}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{err}");
    for hint in [
        "did you mean `title`?",
        "did you mean `weight`?",
        "did you mean `description`?",
    ] {
        assert!(err.contains(hint), "{hint} in:\n{err}");
    }
    assert!(
        err.contains("failed with 4 errors (4 unknown keys)"),
        "{err}"
    );
}

#[test]
fn a_broken_file_sets_off_no_follow_up_errors() {
    let site = good_site();
    // A section's `_index.md`, a source page with a translation and a link to it, broken.
    site.file(
        "content/vi/s/_index.md",
        "+++\ntitle = \"Phần\"\nweigth = 2\n+++\n",
    );
    site.file("content/vi/c.md", "Không có tiêu đề.\n");
    site.page("en/c.md", "title = \"C\"", "Text.\n");
    site.page(
        "vi/a.md",
        "title = \"A\"\nweight = 1",
        "Xem [C](c.md) và [C](c.md#muc), [phần](s/_index.md#muc).\n",
    );
    let err = fails(&site, &[]);
    assert_eq!(
        headlines(&err),
        [
            "error: the page has no title",
            "error: unknown front matter key `weigth`",
        ],
        "{err}"
    );
    assert!(err.contains("failed with 2 errors"), "{err}");
    assert!(err.contains("and 0 warnings"), "{err}");
}

#[test]
fn a_source_language_whose_files_all_fail_is_not_said_to_have_no_pages() {
    let site = Site::new();
    site.file(
        "content/vi/_index.md",
        "---\ntitle: Bìa\nweight: một\n---\n",
    );
    site.file("content/vi/a.md", "+++\ntitle = \"A\"\n");
    site.page("en/a.md", "title = \"A\"", "[Cover](_index.md)\n");
    let err = fails(&site, &[]);
    assert_eq!(
        headlines(&err),
        [
            "error: invalid front matter: `weight` must be a whole number, not text",
            "error: the front matter is not closed",
        ],
        "{err}"
    );
    assert!(!err.contains("no pages"), "{err}");
}

#[test]
fn an_empty_source_language_is_one_error() {
    let site = Site::new();
    site.page("en/_index.md", "title = \"Cover\"", "Intro.\n");
    site.page("en/a.md", "title = \"A\"", "Text.\n");
    std::fs::create_dir_all(site.path("content/vi")).unwrap();
    let err = fails(&site, &[]);
    assert_eq!(
        headlines(&err),
        ["error: there are no pages in `content/vi/`"],
        "{err}"
    );
    assert!(
        err.contains("failed with 1 error (1 language without pages) and 0 warnings"),
        "{err}"
    );
}

#[test]
fn a_note_naming_the_file_is_printed_once() {
    let site = good_site();
    site.page("en/orphan.md", "title = \"O\"", "");
    let o = site.build().assert_success();
    assert!(o.stderr.contains("has no source page"), "{}", o.stderr);
    assert_eq!(
        o.stderr.matches("= in content/en/orphan.md").count(),
        1,
        "{}",
        o.stderr
    );
}

/// A site with six errors: two pages without a title, one with bad YAML front matter, two
/// unknown keys and a broken link.
fn many_errors() -> Site {
    let site = good_site();
    site.file("content/vi/n1.md", "Không có tiêu đề.\n");
    site.file("content/vi/n2.md", "Không có tiêu đề.\n");
    site.file("content/vi/y.md", "---\ntitle: [Y\n---\n");
    site.page("vi/k.md", "title = \"K\"\nfoo = 1\nbar = 2", "");
    // A link from a page that loads (links of a page that does not are not checked).
    site.page("vi/l.md", "title = \"L\"", "[x](missing.md)\n");
    site
}

#[test]
fn a_failed_build_ends_with_its_errors_by_kind() {
    let err = fails(&many_errors(), &[]);
    assert_eq!(headlines(&err).len(), 6, "{err}");
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(
            "error: the build failed with 6 errors (2 pages without a title, 2 unknown keys, "
        ),
        "{last}"
    );
    assert!(last.contains("1 front matter error"), "{last}");
    assert!(last.contains("and 0 warnings;"), "{last}");
    assert!(!err.contains("not shown"), "{err}");
}

#[test]
fn max_errors_cuts_the_listing_but_not_the_count() {
    let site = many_errors();
    let err = fails(&site, &["--max-errors", "2"]);
    assert_eq!(headlines(&err).len(), 2, "{err}");
    assert!(
        err.contains("… and 4 more errors not shown; `--max-errors 0` shows them all"),
        "{err}"
    );
    assert!(err.contains("the build failed with 6 errors ("), "{err}");
    let all = fails(&site, &["--max-errors", "0"]);
    assert_eq!(headlines(&all).len(), 6, "{all}");
    assert!(!all.contains("not shown"), "{all}");
    let o = songngu(["serve", "--help"]);
    assert!(o.stdout.contains("--max-errors"), "{}", o.stdout);
}
