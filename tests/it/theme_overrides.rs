//! Templates a site's theme overrides: the heading and sitemap templates, which the
//! built-in theme renders with equivalent code, give the same bytes as that code when a site
//! copies them unchanged, and change the output when a site edits them.

use crate::common::site::Site;

/// A site whose pages have headings with classes, marks and characters to escape, a
/// translation and a page without one (the sitemap's alternates).
fn site() -> Site {
    let site = Site::new();
    let toml = format!(
        "base_url = \"https://example.org/bc\"\n{}",
        crate::common::site::SITE_TOML
    );
    site.file("content/site.toml", toml)
        .page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page(
            "vi/a.md",
            "title = \"A & B\"\nweight = 1",
            "## Đặc điểm <tình> \"hình\" {.note .wide}\n\nVăn bản.\n\n### `code` & *nhấn*\n\n## Đặc điểm <tình> \"hình\"\n",
        )
        .page("vi/b.md", "title = \"B\"\nweight = 2", "## Mục\n")
        .page("en/_index.md", "title = \"Cover\"", "Intro.\n")
        .page("en/a.md", "title = \"A\"", "## Features {#feat}\n\nText.\n");
    site
}

/// Every file of the output folder `out`, as (path, bytes), sorted.
fn files(out: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    all.sort();
    all
}

#[test]
fn copies_of_the_built_in_heading_and_sitemap_templates_change_nothing() {
    let site = site();
    let plain = site.build().assert_success();
    let builtin = |name: &str| {
        std::fs::read_to_string(format!(
            "{}/theme/templates/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    site.file(
        "theme/templates/partials/heading.html",
        builtin("partials/heading.html"),
    )
    .file("theme/templates/sitemap.xml", builtin("sitemap.xml"));
    let overridden = site
        .build_into(&site.outside().join("out2"))
        .assert_success();
    let (a, b) = (files(&plain.out), files(&overridden.out));
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(
            ba == bb,
            "{pa} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(ba),
            String::from_utf8_lossy(bb)
        );
    }
    // The fixture exercises what the templates handle.
    let sitemap = plain.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/bc/vi/a.html</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("hreflang=\"en\" href=\"https://example.org/bc/en/a.html\""));
    let page = plain.html("vi/a.html");
    assert_eq!(page.attrs("h2.note.wide", "id").len(), 1);
}

#[test]
fn edited_heading_and_sitemap_templates_are_used() {
    let site = site();
    site.file(
        "theme/templates/partials/heading.html",
        "<h{{ level }} id=\"{{ id }}\" class=\"mine\">{{ content|safe }}</h{{ level }}>\n",
    )
    .file(
        "theme/templates/sitemap.xml",
        "<urls>{% for p in pages %}<u>{{ base }}{{ p.url }}</u>{% endfor %}</urls>\n",
    );
    let built = site.build().assert_success();
    let page = built.html("vi/a.html");
    assert_eq!(page.count("article h2.mine"), 2);
    assert_eq!(page.count("article h3.mine"), 1);
    assert_eq!(page.count("a.anchor"), 0);
    assert_eq!(page.attrs("h2.mine", "id")[0], "dac-diem-tinh-hinh");
    assert!(built
        .read("sitemap.xml")
        .starts_with("<urls><u>https://example.org/bc/vi/index.html</u>"));
}

#[test]
fn a_broken_heading_template_is_one_error() {
    let site = site();
    site.file(
        "theme/templates/partials/heading.html",
        "<h{{ level }}>{{ content|nosuchfilter }}</h{{ level }}>\n",
    );
    let run = site.build();
    assert!(!run.success());
    let errors = run.stderr.matches("nosuchfilter").count();
    assert!(errors >= 1, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("error: template error").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("with 1 error"), "{}", run.stderr);
}
