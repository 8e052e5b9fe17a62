//! Which files are published and in what order: siblings of equal weight ordered by name,
//! case and marks aside with `đ` after `d`; names starting with `_` (but `_index.md`) left out.

use crate::common::site::Site;

#[test]
fn siblings_of_equal_weight_are_in_vietnamese_alphabetical_order() {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "")
        .page("vi/s/_index.md", "title = \"Phần\"", "");
    for name in ["Zulma", "abridge", "dz", "đa-2", "da", "Ép", "Alpha"] {
        site.page(
            &format!("vi/s/{name}.md"),
            &format!("title = \"{name}\""),
            "",
        );
    }
    site.page("vi/s/zz.md", "title = \"zz\"\nweight = -1", "");
    let built = site.build().assert_success();
    assert_eq!(
        built
            .html("vi/s/index.html")
            .texts(".section-children li a"),
        ["zz", "abridge", "Alpha", "da", "dz", "đa-2", "Ép", "Zulma"]
    );
    // Reading order follows: the page after `dz` is `đa-2`.
    assert_eq!(
        built.html("vi/s/dz.html").texts(".pager-next .pager-title"),
        ["đa-2"]
    );
}

#[test]
fn names_starting_with_an_underscore_are_not_published() {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "")
        .page("vi/s/_index.md", "title = \"Phần\"", "")
        .page("vi/s/a.md", "title = \"A\"", "");
    // Not even front matter: they are not read at all.
    site.file("content/vi/_TEMPLATE.md", "# Mẫu\n")
        .file("content/vi/s/_ghi-chu.md", "ghi chú\n")
        .file("content/vi/_drafts/x.md", "nháp\n")
        .file("content/vi/_drafts/img.png", "png")
        .file("content/vi/_notes.txt", "notes")
        .file("content/_shared/x.md", "shared");
    let built = site.build().assert_success();
    let published: Vec<String> = walkdir::WalkDir::new(&built.out)
        .into_iter()
        .map(|e| e.unwrap().path().display().to_string().to_lowercase())
        .filter(|p| {
            ["template", "ghi-chu", "draft", "notes", "shared"]
                .iter()
                .any(|n| p.contains(n))
        })
        .collect();
    assert!(published.is_empty(), "{published:?}");
    assert_eq!(
        built
            .html("vi/s/index.html")
            .texts(".section-children li a"),
        ["A"]
    );
    assert!(!built
        .read("sitemap.xml")
        .to_lowercase()
        .contains("template"));
}
