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
        defer_search: false,
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
    write(r, "content/site.toml", "languages = [\"vi\", \"en\"]\n[lang.vi]\nname = \"Tiếng Việt\"\ntitle = \"Báo cáo mới\"\n[lang.en]\nname = \"English\"\ntitle = \"Report\"\n");
    check(&mut b, r, "site.toml");
}

#[test]
fn deferred_search_index_catches_up() {
    let dir = site();
    let r = dir.path();
    let mut b = Builder::new(BuildOptions {
        root: r.to_path_buf(),
        drafts: false,
        defer_search: true,
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
    // Pages are new at once; the index still is the previous one.
    let differ = fresh.changed_paths(&quick);
    assert!(
        !differ.is_empty() && differ.iter().all(|p| p.starts_with("search/vi/")),
        "{differ:?}"
    );
    let caught_up = b.finish_deferred().expect("a deferred index");
    assert!(fresh.changed_paths(&caught_up).is_empty());
    // The next build starts from the caught-up state.
    assert!(fresh.changed_paths(&b.build().unwrap().output).is_empty());
}
