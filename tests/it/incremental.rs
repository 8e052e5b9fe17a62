//! A rebuild that reuses the previous build's work gives the same bytes as a clean build.

use std::path::PathBuf;

use songngu::build::Builder;
use songngu::output::Output;

use crate::common::site::{Site, SITE_TOML};

/// A cover, a section of twelve chapters linking to the first, one English translation.
fn site() -> Site {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n");
    for i in 1..=12 {
        site.page(
            &format!("vi/a/{i:02}.md"),
            &format!("title = \"Trang {i}\"\nweight = {i}"),
            &format!("## Mục {i}\n\nVăn bản {i}. Xem [trang 1](01.md#muc-1).\n"),
        );
    }
    site.page("vi/a/_index.md", "title = \"Phần A\"", "").page(
        "en/a/01.md",
        "title = \"Page 1\"",
        "## Section 1\n\nText.\n",
    );
    site
}

fn clean(site: &Site) -> Output {
    site.clean_build().unwrap().output
}

/// Rebuilds after telling the builder that all of `content/` and `theme/` changed, and
/// compares with a clean build.
fn check(builder: &mut Builder, site: &Site, what: &str) {
    check_after(
        builder,
        site,
        &[site.path("content"), site.path("theme")],
        what,
    );
}

/// Rebuilds after telling the builder that `changed` changed, and compares with a clean build.
fn check_after(builder: &mut Builder, site: &Site, changed: &[PathBuf], what: &str) {
    builder.invalidate(changed);
    let inc = builder
        .build()
        .unwrap_or_else(|e| panic!("{what}: {}", e.render(false)))
        .output;
    let diff = clean(site).changed_paths(&inc);
    assert!(
        diff.is_empty(),
        "{what}: incremental build differs from a clean one in {diff:?}"
    );
}

#[test]
fn every_kind_of_edit_matches_a_clean_build() {
    let site = site();
    let mut b = site.builder(false);
    let first = b.build().unwrap();
    assert_eq!(first.stats.reused, 0);

    // Nothing changed: everything is reused and the bytes are the same.
    let again = b.build().unwrap();
    assert_eq!(again.stats.reused, 28);
    assert!(first.output.changed_paths(&again.output).is_empty());

    site.page(
        "vi/a/05.md",
        "title = \"Trang 5\"\nweight = 5",
        "## Mục 5\n\nVăn bản đã sửa.\n",
    );
    check(&mut b, &site, "body edit");
    site.page(
        "vi/a/05.md",
        "title = \"Trang năm\"\nweight = 5",
        "## Mục 5\n\nVăn bản đã sửa.\n",
    );
    check(
        &mut b,
        &site,
        "title edit (neighbours, section, toc, print)",
    );
    site.page(
        "vi/a/05.md",
        "title = \"Trang năm\"\nweight = 50",
        "## Mục 5\n\nVăn bản đã sửa.\n",
    );
    check(&mut b, &site, "reordering");
    site.page("vi/a/13.md", "title = \"Trang mới\"\nweight = 13", "Mới.\n");
    check(&mut b, &site, "new page");
    site.remove("content/vi/a/02.md");
    check(&mut b, &site, "deleted page");
    site.page(
        "vi/a/01.md",
        "title = \"Trang 1\"\nweight = 1",
        "## Mục một\n\nVăn bản.\n",
    );
    // Other pages link to #muc-1, which is gone: the build fails, then recovers.
    b.invalidate(&[site.path("content")]);
    assert!(b.build().is_err());
    site.page(
        "vi/a/01.md",
        "title = \"Trang 1\"\nweight = 1",
        "## Mục 1\n\nVăn bản.\n",
    );
    check(&mut b, &site, "recovery after an error");
    site.file("theme/i18n/en.toml", "[ui]\nnext = \"Onwards\"\n");
    check(&mut b, &site, "UI strings");
    site.file("theme/templates/page.html", "{% extends \"base.html\" %}{% block main %}<p>{{ page.title }}</p>{{ page.content }}{% endblock %}");
    check(&mut b, &site, "template override");
    let config = &SITE_TOML.replace("\"Báo cáo\"", "\"Báo cáo mới\"");
    site.file("content/site.toml", config);
    check(&mut b, &site, "site.toml");

    // The search index switched off, a page edited without it (the quick path), on again.
    let has_index = |o: &Output| o.iter().any(|(p, _)| p.starts_with("search/"));
    assert!(has_index(&clean(&site)));
    site.file(
        "content/site.toml",
        format!("{config}[search]\nenabled = false\n"),
    );
    check(&mut b, &site, "search switched off");
    assert!(!has_index(&clean(&site)));
    site.page(
        "vi/a/05.md",
        "title = \"Trang năm\"\nweight = 50",
        "## Mục 5\n\nKhông có chỉ mục.\n",
    );
    check_after(
        &mut b,
        &site,
        &[site.path("content/vi/a/05.md")],
        "edit without a search index",
    );
    site.file("content/site.toml", config);
    check(&mut b, &site, "search switched on again");
}

#[test]
fn deferred_search_index_catches_up() {
    let site = site();
    let mut b = site.builder(true);
    let first = b.build().unwrap().output;
    assert!(first.contains("search/vi/manifest.js"));
    assert!(
        b.finish_deferred().is_none(),
        "the first build builds the index itself"
    );
    site.page(
        "vi/a/03.md",
        "title = \"Trang 3\"\nweight = 3",
        "## Mục 3\n\nTừ khoá mới: khiếu nại.\n",
    );
    b.invalidate(&[site.canonical_root().join("content/vi/a/03.md")]);
    let quick = b.build().unwrap().output;
    let fresh = clean(&site);
    // Pages are new at once; the index and print.html (also the English one, which shows
    // the page in place of its missing translation) still are the previous ones, and the
    // builder says which files are pending.
    let differ = fresh.changed_paths(&quick);
    assert!(
        differ.iter().any(|p| p.starts_with("search/vi/"))
            && differ
                .iter()
                .all(|p| p.starts_with("search/vi/") || p.ends_with("/print.html")),
        "{differ:?}"
    );
    assert_eq!(b.pending_paths(), vec!["vi/print.html", "en/print.html"]);
    let printed = b.finish_pending();
    assert_eq!(printed.len(), 2);
    for (path, bytes) in &printed {
        assert_eq!(
            Some(&bytes[..]),
            fresh.get(path),
            "{path}, once finished, is the clean build's"
        );
    }
    assert!(b.pending_paths().is_empty());
    let caught_up = b.finish_deferred().expect("a deferred index");
    assert!(fresh.changed_paths(&caught_up).is_empty());
    // The next build starts from the caught-up state.
    assert!(fresh.changed_paths(&b.build().unwrap().output).is_empty());

    // A title edit goes through the full pipeline; print.html is left for after the
    // reload there too, for every language (the English one lists the page as well).
    site.page(
        "vi/a/03.md",
        "title = \"Trang ba\"\nweight = 3",
        "## Mục 3\n\nTừ khoá mới: khiếu nại.\n",
    );
    b.invalidate(&[site.canonical_root().join("content/vi/a/03.md")]);
    let built = b.build().unwrap();
    assert!(!built.stats.quick);
    let fresh = clean(&site);
    let differ = fresh.changed_paths(&built.output);
    assert!(
        differ.iter().any(|p| p == "vi/print.html")
            && differ
                .iter()
                .all(|p| p.starts_with("search/") || p.ends_with("/print.html")),
        "{differ:?}"
    );
    assert_eq!(b.pending_paths(), vec!["vi/print.html", "en/print.html"]);
    let caught_up = b.finish_deferred().expect("deferred work");
    assert!(
        fresh.changed_paths(&caught_up).is_empty(),
        "{:?}",
        fresh.changed_paths(&caught_up)
    );
    assert!(b.pending_paths().is_empty());
}

/// Rebuilds after an edit of the files `rels` (as `serve` reports them) and compares with a
/// clean build; returns whether the quick path was taken.
fn check_files(builder: &mut Builder, site: &Site, rels: &[&str], what: &str) -> bool {
    let canon = site.canonical_root();
    let paths: Vec<PathBuf> = rels.iter().map(|r| canon.join(r)).collect();
    builder.invalidate(&paths);
    let built = builder
        .build()
        .unwrap_or_else(|e| panic!("{what}: {}", e.render(false)));
    let diff = clean(site).changed_paths(&built.output);
    assert!(
        diff.is_empty(),
        "{what}: rebuild (quick: {}) differs from a clean one in {diff:?}",
        built.stats.quick
    );
    built.stats.quick
}

#[test]
fn body_edits_take_the_quick_path_and_match_a_clean_build() {
    let site = site();
    // An English page marked as translating the current Vietnamese one.
    let vi_body = "## Mục 1\n\nVăn bản 1. Xem [trang 1](01.md#muc-1).\n";
    let hash = songngu::translations::hash_text("Trang 1", vi_body);
    site.page(
        "en/a/01.md",
        &format!("title = \"Page 1\"\ntranslation_of = \"{hash}\""),
        "## Section 1\n\nText.\n",
    );
    let mut b = site.builder(false);
    b.build().unwrap();
    let page = |b: &mut Builder| b.build().unwrap().output;
    let en1 = String::from_utf8(page(&mut b).get("en/a/01.html").unwrap().to_vec()).unwrap();
    assert!(!en1.contains("notice-stale"), "marked up to date at first");

    // The source of a marked translation: the translation becomes stale.
    site.page(
        "vi/a/01.md",
        "title = \"Trang 1\"\nweight = 1",
        "## Mục 1\n\nVăn bản đã sửa. Xem [trang 2](02.md#muc-2).\n",
    );
    assert!(check_files(
        &mut b,
        &site,
        &["content/vi/a/01.md"],
        "source of a translation"
    ));
    // Back to the marked text: up to date again.
    site.page("vi/a/01.md", "title = \"Trang 1\"\nweight = 1", vi_body);
    assert!(check_files(
        &mut b,
        &site,
        &["content/vi/a/01.md"],
        "source restored"
    ));
    // A page without a translation: the English fallback shows the new text too.
    site.page(
        "vi/a/05.md",
        "title = \"Trang 5\"\nweight = 5",
        "## Mục 5\n\nVăn bản **mới**.\n",
    );
    assert!(check_files(
        &mut b,
        &site,
        &["content/vi/a/05.md"],
        "page shown as a fallback"
    ));
    // A translation.
    site.page(
        "en/a/01.md",
        &format!("title = \"Page 1\"\ntranslation_of = \"{hash}\""),
        "## Section 1\n\nNew text.\n",
    );
    assert!(check_files(
        &mut b,
        &site,
        &["content/en/a/01.md"],
        "translation"
    ));
    // Two files in one batch, and a file saved unchanged.
    site.page(
        "vi/a/07.md",
        "title = \"Trang 7\"\nweight = 7",
        "## Mục 7\n\nBảy.\n",
    );
    site.page(
        "vi/a/08.md",
        "title = \"Trang 8\"\nweight = 8",
        "## Mục 8\n\nTám.\n",
    );
    assert!(check_files(
        &mut b,
        &site,
        &[
            "content/vi/a/07.md",
            "content/vi/a/08.md",
            "content/vi/a/09.md"
        ],
        "two edits"
    ));

    // Changes the quick path leaves to the full build, which still matches a clean one.
    site.page(
        "vi/a/05.md",
        "title = \"Trang 5\"\nweight = 5",
        "## Mục năm\n\nVăn bản.\n",
    );
    assert!(!check_files(
        &mut b,
        &site,
        &["content/vi/a/05.md"],
        "a heading id changed"
    ));
    site.page(
        "vi/a/05.md",
        "title = \"Trang năm\"\nweight = 5",
        "## Mục năm\n\nVăn bản.\n",
    );
    assert!(!check_files(
        &mut b,
        &site,
        &["content/vi/a/05.md"],
        "front matter changed"
    ));
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu mới.\n");
    assert!(!check_files(
        &mut b,
        &site,
        &["content/vi/_index.md"],
        "the cover"
    ));
    site.page("vi/a/14.md", "title = \"Trang 14\"\nweight = 14", "Mới.\n");
    assert!(!check_files(
        &mut b,
        &site,
        &["content/vi/a/14.md"],
        "a new page"
    ));

    // A broken link fails the build; fixing it recovers, through the full build.
    site.page(
        "vi/a/06.md",
        "title = \"Trang 6\"\nweight = 6",
        "## Mục 6\n\nXem [đây](01.md#khong-co).\n",
    );
    b.invalidate(&[site.canonical_root().join("content/vi/a/06.md")]);
    let err = b.build().unwrap_err().render(false);
    assert!(err.contains("khong-co"), "{err}");
    site.page(
        "vi/a/06.md",
        "title = \"Trang 6\"\nweight = 6",
        "## Mục 6\n\nXem [đây](01.md#muc-1).\n",
    );
    assert!(!check_files(
        &mut b,
        &site,
        &["content/vi/a/06.md"],
        "recovery"
    ));
    // And the quick path works again after that.
    site.page(
        "vi/a/06.md",
        "title = \"Trang 6\"\nweight = 6",
        "## Mục 6\n\nLại sửa.\n",
    );
    assert!(check_files(
        &mut b,
        &site,
        &["content/vi/a/06.md"],
        "after recovery"
    ));
}
