//! `songngu new`: the languages (`--lang`) and kinds (`--kind`) of scaffold, each of which
//! builds with no error or warning and with its translations up to date; and the search
//! box's placeholder, which mentions diacritics only on a site with Vietnamese.

use std::ffi::OsStr;

use crate::common::site::{songngu, Doc, Run, Site};

/// `songngu new ROOT ARGS` in an empty temporary site folder.
fn new_site(args: &[&str]) -> (Site, Run) {
    let site = Site::empty();
    let mut all = vec![OsStr::new("new"), site.root().as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    let run = songngu(all);
    (site, run)
}

/// A new site made with `args`, built: the build and `translations --strict` succeed and
/// print no warning.
fn built(args: &[&str]) -> (Site, Run) {
    let (site, run) = new_site(args);
    run.assert_success();
    let out = site.build().assert_success();
    assert_eq!(out.stderr, "", "songngu new {args:?}: the build warns");
    site.run(&["translations", "--strict"]).assert_success();
    (site, out)
}

/// The search box's placeholder on the page `rel`.
fn placeholder(out: &Run, rel: &str) -> String {
    let attrs = out.html(rel).attrs("#sn-search-input", "placeholder");
    assert_eq!(attrs.len(), 1, "{rel}: one search box");
    attrs[0].clone()
}

#[test]
fn the_default_is_a_vietnamese_english_report() {
    let (site, out) = built(&[]);
    assert!(site
        .read("content/site.toml")
        .contains("languages = [\"vi\", \"en\"]"));
    let cover = out.html("vi/index.html");
    assert_eq!(cover.texts("article h1"), ["Tài liệu mới"]);
    assert_eq!(cover.count(".document-meta"), 1, "a report's cover");
    assert_eq!(
        out.html("en/1-gioi-thieu.html").texts("article h1"),
        ["I. Introduction"]
    );
    assert_eq!(
        placeholder(&out, "vi/index.html"),
        "Tìm kiếm (gõ có dấu hoặc không dấu)"
    );
    assert_eq!(
        placeholder(&out, "en/1-gioi-thieu.html"),
        "Search (with or without diacritics)"
    );
}

#[test]
fn an_english_french_report_is_neutral_and_does_not_mention_diacritics() {
    let (site, out) = built(&["--lang", "en", "--lang", "fr"]);
    let toml = site.read("content/site.toml");
    assert!(toml.contains("languages = [\"en\", \"fr\"]"), "{toml}");
    assert!(toml.contains("[lang.fr]\nname = \"Français\""), "{toml}");
    assert!(!toml.contains(" vi = "), "no Vietnamese metadata: {toml}");
    // The source page, and its translation marked up to date.
    assert!(site
        .read("content/en/1-introduction.md")
        .contains("title = \"I. Introduction\""));
    assert!(site
        .read("content/fr/1-introduction.md")
        .contains("translation_of = \""));
    let cover = out.html("fr/index.html");
    assert_eq!(cover.count(".document-meta"), 1);
    assert_eq!(cover.count(".notice"), 0, "translations are up to date");
    // No UI strings for French: the English ones, without the diacritics.
    for rel in [
        "en/index.html",
        "fr/index.html",
        "fr/2-results/2-1-figures.html",
    ] {
        assert_eq!(placeholder(&out, rel), "Search", "{rel}");
    }
}

#[test]
fn a_docs_site_has_a_getting_started_section() {
    let (site, out) = built(&["--kind", "docs"]);
    assert!(!site.read("content/site.toml").contains("[document]"));
    for lang in ["vi", "en"] {
        let cover = out.html(&format!("{lang}/index.html"));
        assert_eq!(
            cover.count(".document-meta"),
            0,
            "{lang}: no report metadata"
        );
        let page = out.html(&format!("{lang}/getting-started/writing.html"));
        assert_eq!(page.count("article pre code"), 1, "{lang}: a code fence");
        assert_eq!(page.count("article table"), 1, "{lang}: a table");
        assert_eq!(page.count("article .footnotes li"), 1, "{lang}: a footnote");
        assert_eq!(
            page.count("article p a[href$='getting-started/preview.html']"),
            1,
            "{lang}: a link to the other page"
        );
    }
    for (lang, tip, done) in [("vi", "Lưu ý", "Đã xong"), ("en", "Tip", "Done")] {
        let page = out.html(&format!("{lang}/getting-started/features.html"));
        assert_eq!(page.texts("article .alert-tip .alert-title"), [tip]);
        assert_eq!(
            page.attrs("article li.task input[checked]", "aria-label"),
            [done]
        );
        assert_eq!(page.count("article code.language-python .line.hl"), 1);
        assert!(page.count("article code.language-python .tk-kw") >= 2);
        assert_eq!(page.count("article math"), 1);
        assert_eq!(page.count("article sub"), 1);
        assert_eq!(page.count("article details > summary"), 1);
        assert!(page.texts("article details code")[1].starts_with("{{ figure("));
    }
    let en = out.html("en/getting-started/index.html");
    assert_eq!(en.texts("article h1"), ["Getting started"]);
    assert_eq!(
        placeholder(&out, "en/getting-started/preview.html"),
        "Search (with or without diacritics)"
    );
}

#[test]
fn a_one_language_docs_site() {
    let (site, out) = built(&["--kind", "docs", "--lang", "en"]);
    assert!(!site.path("content/vi").exists());
    let toml = site.read("content/site.toml");
    assert!(toml.contains("languages = [\"en\"]"), "{toml}");
    assert!(
        toml.contains("A documentation site made with songngu."),
        "{toml}"
    );
    assert_eq!(
        out.html("en/getting-started/writing.html")
            .texts("article h1"),
        ["Writing pages"]
    );
    assert_eq!(placeholder(&out, "en/index.html"), "Search");
}

#[test]
fn every_kind_and_language_set_builds_cleanly() {
    let sets: &[&[&str]] = &[
        &["vi"],
        &["en", "vi"],
        &["fr", "de"],
        &["vi", "fr"],
        &[
            "vi", "en", "fr", "de", "es", "zh", "ja", "ko", "th", "lo", "km", "ru", "pt-BR",
        ],
    ];
    for kind in ["report", "docs"] {
        for langs in sets {
            let mut args = vec!["--kind", kind];
            for l in *langs {
                args.extend(["--lang", l]);
            }
            let (site, out) = built(&args);
            let vietnamese = langs.contains(&"vi");
            for l in *langs {
                let text = placeholder(&out, &format!("{l}/index.html"));
                let mentions = text.contains("diacritics") || text.contains("dấu");
                assert_eq!(mentions, vietnamese, "{args:?}, {l}: {text}");
            }
            let toml = site.read("content/site.toml");
            assert_eq!(toml.contains("[document]"), kind == "report", "{toml}");
        }
    }
}

#[test]
fn bad_and_repeated_codes_are_usage_errors() {
    for (args, message, hint) in [
        (
            &["--lang", "english"][..],
            "error: `english` is not a language code",
            "hint: a code is 2 or 3 letters",
        ),
        (
            &["--lang", "en_GB", "--lang", "fr"][..],
            "error: `en_GB` is not a language code",
            "hint: separate the parts with `-`: `en-GB`",
        ),
        (
            &["--lang", "en", "--lang", "fr", "--lang", "en"][..],
            "error: the language `en` is given twice",
            "hint: give each language once",
        ),
    ] {
        let (site, run) = new_site(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(hint), "{args:?}: {}", run.stderr);
        assert!(!site.path("content").exists(), "{args:?}: nothing written");
    }
    let (_site, run) = new_site(&["--kind", "blog"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("[possible values: report, docs]"),
        "{}",
        run.stderr
    );
}

#[test]
fn help_documents_the_options() {
    let help = songngu(["new", "--help"]).assert_success().stdout;
    for text in [
        "--lang <CODE>",
        "source language first",
        "--kind <KIND>",
        "report",
        "docs",
    ] {
        assert!(help.contains(text), "{text} in:\n{help}");
    }
}

/// The placeholder follows the site's languages, not the page's: an English page of a
/// site with Vietnamese mentions diacritics, and a `vi-VN` language counts as Vietnamese.
#[test]
fn the_placeholder_follows_the_sites_languages() {
    let site = Site::empty();
    site.file(
        "content/site.toml",
        "languages = [\"en\", \"vi-VN\"]\n[lang.en]\nname = \"English\"\ntitle = \"Doc\"\n[lang.vi-VN]\nname = \"Tiếng Việt\"\ntitle = \"Tài liệu\"\n",
    )
    .page("en/_index.md", "title = \"Doc\"", "Text.\n")
    .page("vi-VN/_index.md", "title = \"Tài liệu\"", "Chữ.\n");
    let out = site.build().assert_success();
    let doc: Doc = out.html("en/index.html");
    assert_eq!(
        doc.attrs("#sn-search-input", "placeholder"),
        ["Search (with or without diacritics)"]
    );
}

/// A theme whose UI strings predate `placeholder_plain` keeps its own `placeholder`.
#[test]
fn a_theme_without_the_plain_placeholder_keeps_its_own() {
    let (site, run) = new_site(&["--lang", "en", "--lang", "fr"]);
    run.assert_success();
    let builtin =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/theme/i18n/en.toml"))
            .unwrap();
    let old: String = builtin
        .lines()
        .filter(|l| !l.starts_with("placeholder"))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replace("[search]\n", "[search]\nplaceholder = \"Find a page\"\n");
    site.file("theme/i18n/en.toml", old);
    let out = site.build().assert_success();
    assert_eq!(placeholder(&out, "fr/index.html"), "Find a page");
}
