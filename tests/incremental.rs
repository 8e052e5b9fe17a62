//! A rebuild that reuses the previous build's work gives the same bytes as a clean build.

use std::fs;
use std::path::Path;

use songngu::build::{BuildOptions, Builder};
use songngu::output::Output;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(r, "content/site.toml", "languages = [\"vi\", \"en\"]\n[lang.vi]\nname = \"Tiếng Việt\"\ntitle = \"Báo cáo\"\n[lang.en]\nname = \"English\"\ntitle = \"Report\"\n");
    write(
        r,
        "content/vi/_index.md",
        "+++\ntitle = \"Bìa\"\n+++\nGiới thiệu.\n",
    );
    for i in 1..=12 {
        write(r, &format!("content/vi/a/{i:02}.md"), &format!("+++\ntitle = \"Trang {i}\"\nweight = {i}\n+++\n## Mục {i}\n\nVăn bản {i}. Xem [trang 1](01.md#muc-1).\n"));
    }
    write(
        r,
        "content/vi/a/_index.md",
        "+++\ntitle = \"Phần A\"\n+++\n",
    );
    write(
        r,
        "content/en/a/01.md",
        "+++\ntitle = \"Page 1\"\n+++\n## Section 1\n\nText.\n",
    );
    dir
}

fn opts(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        drafts: false,
        preview: false,
    }
}

fn clean(root: &Path) -> Output {
    Builder::new(opts(root)).build().unwrap().output
}

fn check(builder: &mut Builder, root: &Path, what: &str) {
    check_after(
        builder,
        root,
        &[root.join("content"), root.join("theme")],
        what,
    );
}

/// Rebuilds after telling the builder that `changed` changed, and compares with a clean build.
fn check_after(builder: &mut Builder, root: &Path, changed: &[std::path::PathBuf], what: &str) {
    builder.invalidate(changed);
    let inc = builder
        .build()
        .unwrap_or_else(|e| panic!("{what}: {}", e.render(false)))
        .output;
    let fresh = clean(root);
    let diff = fresh.changed_paths(&inc);
    assert!(
        diff.is_empty(),
        "{what}: incremental build differs from a clean one in {diff:?}"
    );
}

#[test]
fn every_kind_of_edit_matches_a_clean_build() {
    let dir = site();
    let r = dir.path();
    let mut b = Builder::new(opts(r));
    let first = b.build().unwrap();
    assert_eq!(first.stats.reused, 0);

    // Nothing changed: everything is reused and the bytes are the same.
    let again = b.build().unwrap();
    assert_eq!(again.stats.reused, 28);
    assert!(first.output.changed_paths(&again.output).is_empty());

    write(
        r,
        "content/vi/a/05.md",
        "+++\ntitle = \"Trang 5\"\nweight = 5\n+++\n## Mục 5\n\nVăn bản đã sửa.\n",
    );
    check(&mut b, r, "body edit");
    write(
        r,
        "content/vi/a/05.md",
        "+++\ntitle = \"Trang năm\"\nweight = 5\n+++\n## Mục 5\n\nVăn bản đã sửa.\n",
    );
    check(&mut b, r, "title edit (neighbours, section, toc, print)");
    write(
        r,
        "content/vi/a/05.md",
        "+++\ntitle = \"Trang năm\"\nweight = 50\n+++\n## Mục 5\n\nVăn bản đã sửa.\n",
    );
    check(&mut b, r, "reordering");
    write(
        r,
        "content/vi/a/13.md",
        "+++\ntitle = \"Trang mới\"\nweight = 13\n+++\nMới.\n",
    );
    check(&mut b, r, "new page");
    fs::remove_file(r.join("content/vi/a/02.md")).unwrap();
    check(&mut b, r, "deleted page");
    write(
        r,
        "content/vi/a/01.md",
        "+++\ntitle = \"Trang 1\"\nweight = 1\n+++\n## Mục một\n\nVăn bản.\n",
    );
    // Other pages link to #muc-1, which is gone: the build fails, then recovers.
    b.invalidate(&[r.join("content")]);
    assert!(b.build().is_err());
    write(
        r,
        "content/vi/a/01.md",
        "+++\ntitle = \"Trang 1\"\nweight = 1\n+++\n## Mục 1\n\nVăn bản.\n",
    );
    check(&mut b, r, "recovery after an error");
    write(r, "theme/i18n/en.toml", "[ui]\nnext = \"Onwards\"\n");
    check(&mut b, r, "UI strings");
    write(r, "theme/templates/page.html", "{% extends \"base.html\" %}{% block main %}<p>{{ page.title }}</p>{{ page.content }}{% endblock %}");
    check(&mut b, r, "template override");
    let config = "languages = [\"vi\", \"en\"]\n[lang.vi]\nname = \"Tiếng Việt\"\ntitle = \"Báo cáo mới\"\n[lang.en]\nname = \"English\"\ntitle = \"Report\"\n";
    write(r, "content/site.toml", config);
    check(&mut b, r, "site.toml");

    // The search index switched off, a page edited without it (the quick path), on again.
    let has_index = |o: &Output| o.iter().any(|(p, _)| p.starts_with("search/"));
    assert!(has_index(&clean(r)));
    write(
        r,
        "content/site.toml",
        &format!("{config}[search]\nenabled = false\n"),
    );
    check(&mut b, r, "search switched off");
    assert!(!has_index(&clean(r)));
    write(
        r,
        "content/vi/a/05.md",
        "+++\ntitle = \"Trang năm\"\nweight = 50\n+++\n## Mục 5\n\nKhông có chỉ mục.\n",
    );
    check_after(
        &mut b,
        r,
        &[r.join("content/vi/a/05.md")],
        "edit without a search index",
    );
    write(r, "content/site.toml", config);
    check(&mut b, r, "search switched on again");
}

#[test]
fn deferred_search_index_catches_up() {
    let dir = site();
    let r = dir.path();
    let mut b = Builder::new(BuildOptions {
        root: r.to_path_buf(),
        drafts: false,
        preview: true,
    });
    let first = b.build().unwrap().output;
    assert!(first.contains("search/vi/manifest.js"));
    assert!(
        b.finish_deferred().is_none(),
        "the first build builds the index itself"
    );
    write(
        r,
        "content/vi/a/03.md",
        "+++\ntitle = \"Trang 3\"\nweight = 3\n+++\n## Mục 3\n\nTừ khoá mới: khiếu nại.\n",
    );
    b.invalidate(&[fs::canonicalize(r).unwrap().join("content/vi/a/03.md")]);
    let quick = b.build().unwrap().output;
    let fresh = clean(r);
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
    write(
        r,
        "content/vi/a/03.md",
        "+++\ntitle = \"Trang ba\"\nweight = 3\n+++\n## Mục 3\n\nTừ khoá mới: khiếu nại.\n",
    );
    b.invalidate(&[fs::canonicalize(r).unwrap().join("content/vi/a/03.md")]);
    let built = b.build().unwrap();
    assert!(!built.stats.quick);
    let fresh = clean(r);
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
fn check_files(builder: &mut Builder, root: &Path, rels: &[&str], what: &str) -> bool {
    let canon = fs::canonicalize(root).unwrap();
    let paths: Vec<std::path::PathBuf> = rels.iter().map(|r| canon.join(r)).collect();
    builder.invalidate(&paths);
    let built = builder
        .build()
        .unwrap_or_else(|e| panic!("{what}: {}", e.render(false)));
    let fresh = clean(root);
    let diff = fresh.changed_paths(&built.output);
    assert!(
        diff.is_empty(),
        "{what}: rebuild (quick: {}) differs from a clean one in {diff:?}",
        built.stats.quick
    );
    built.stats.quick
}

#[test]
fn body_edits_take_the_quick_path_and_match_a_clean_build() {
    let dir = site();
    let r = dir.path();
    // An English page marked as translating the current Vietnamese one.
    let vi_body = "## Mục 1\n\nVăn bản 1. Xem [trang 1](01.md#muc-1).\n";
    let hash = songngu::translations::hash_text("Trang 1", vi_body);
    write(
        r,
        "content/en/a/01.md",
        &format!(
            "+++\ntitle = \"Page 1\"\ntranslation_of = \"{hash}\"\n+++\n## Section 1\n\nText.\n"
        ),
    );
    let mut b = Builder::new(opts(r));
    b.build().unwrap();
    let page = |b: &mut Builder| b.build().unwrap().output;
    let en1 = String::from_utf8(page(&mut b).get("en/a/01.html").unwrap().to_vec()).unwrap();
    assert!(!en1.contains("notice-stale"), "marked up to date at first");

    // The source of a marked translation: the translation becomes stale.
    write(r, "content/vi/a/01.md", "+++\ntitle = \"Trang 1\"\nweight = 1\n+++\n## Mục 1\n\nVăn bản đã sửa. Xem [trang 2](02.md#muc-2).\n");
    assert!(check_files(
        &mut b,
        r,
        &["content/vi/a/01.md"],
        "source of a translation"
    ));
    // Back to the marked text: up to date again.
    write(
        r,
        "content/vi/a/01.md",
        &format!("+++\ntitle = \"Trang 1\"\nweight = 1\n+++\n{vi_body}"),
    );
    assert!(check_files(
        &mut b,
        r,
        &["content/vi/a/01.md"],
        "source restored"
    ));
    // A page without a translation: the English fallback shows the new text too.
    write(
        r,
        "content/vi/a/05.md",
        "+++\ntitle = \"Trang 5\"\nweight = 5\n+++\n## Mục 5\n\nVăn bản **mới**.\n",
    );
    assert!(check_files(
        &mut b,
        r,
        &["content/vi/a/05.md"],
        "page shown as a fallback"
    ));
    // A translation.
    write(r, "content/en/a/01.md", &format!("+++\ntitle = \"Page 1\"\ntranslation_of = \"{hash}\"\n+++\n## Section 1\n\nNew text.\n"));
    assert!(check_files(
        &mut b,
        r,
        &["content/en/a/01.md"],
        "translation"
    ));
    // Two files in one batch, and a file saved unchanged.
    write(
        r,
        "content/vi/a/07.md",
        "+++\ntitle = \"Trang 7\"\nweight = 7\n+++\n## Mục 7\n\nBảy.\n",
    );
    write(
        r,
        "content/vi/a/08.md",
        "+++\ntitle = \"Trang 8\"\nweight = 8\n+++\n## Mục 8\n\nTám.\n",
    );
    assert!(check_files(
        &mut b,
        r,
        &[
            "content/vi/a/07.md",
            "content/vi/a/08.md",
            "content/vi/a/09.md"
        ],
        "two edits"
    ));

    // Changes the quick path leaves to the full build, which still matches a clean one.
    write(
        r,
        "content/vi/a/05.md",
        "+++\ntitle = \"Trang 5\"\nweight = 5\n+++\n## Mục năm\n\nVăn bản.\n",
    );
    assert!(!check_files(
        &mut b,
        r,
        &["content/vi/a/05.md"],
        "a heading id changed"
    ));
    write(
        r,
        "content/vi/a/05.md",
        "+++\ntitle = \"Trang năm\"\nweight = 5\n+++\n## Mục năm\n\nVăn bản.\n",
    );
    assert!(!check_files(
        &mut b,
        r,
        &["content/vi/a/05.md"],
        "front matter changed"
    ));
    write(
        r,
        "content/vi/_index.md",
        "+++\ntitle = \"Bìa\"\n+++\nGiới thiệu mới.\n",
    );
    assert!(!check_files(
        &mut b,
        r,
        &["content/vi/_index.md"],
        "the cover"
    ));
    write(
        r,
        "content/vi/a/14.md",
        "+++\ntitle = \"Trang 14\"\nweight = 14\n+++\nMới.\n",
    );
    assert!(!check_files(
        &mut b,
        r,
        &["content/vi/a/14.md"],
        "a new page"
    ));

    // A broken link fails the build; fixing it recovers, through the full build.
    write(
        r,
        "content/vi/a/06.md",
        "+++\ntitle = \"Trang 6\"\nweight = 6\n+++\n## Mục 6\n\nXem [đây](01.md#khong-co).\n",
    );
    b.invalidate(&[fs::canonicalize(r).unwrap().join("content/vi/a/06.md")]);
    let err = b.build().unwrap_err().render(false);
    assert!(err.contains("khong-co"), "{err}");
    write(
        r,
        "content/vi/a/06.md",
        "+++\ntitle = \"Trang 6\"\nweight = 6\n+++\n## Mục 6\n\nXem [đây](01.md#muc-1).\n",
    );
    assert!(!check_files(&mut b, r, &["content/vi/a/06.md"], "recovery"));
    // And the quick path works again after that.
    write(
        r,
        "content/vi/a/06.md",
        "+++\ntitle = \"Trang 6\"\nweight = 6\n+++\n## Mục 6\n\nLại sửa.\n",
    );
    assert!(check_files(
        &mut b,
        r,
        &["content/vi/a/06.md"],
        "after recovery"
    ));
}
