use super::*;

fn src(s: &str) -> Arc<str> {
    Arc::from(s)
}

/// The problems of `text` as plain text, in order.
fn errors(text: &str) -> Vec<String> {
    parse(Path::new("a.md"), &src(text))
        .unwrap_err()
        .iter()
        .map(|d| d.to_plain())
        .collect()
}

#[test]
fn parses_keys_and_body() {
    let s = src("+++\ntitle = \"Đặc điểm\"\nweight = 2\n+++\nBody\n");
    let split = parse(Path::new("a.md"), &s).unwrap();
    assert_eq!(split.front.title, "Đặc điểm");
    assert_eq!(split.front.weight, 2);
    assert_eq!(split.format, FrontFormat::Toml);
    assert_eq!(&s[split.body_range], "Body\n");
    assert_eq!(split.title_heading, None);
}

#[test]
fn search_weight_is_checked() {
    let ok = src("+++\ntitle = \"x\"\nsearch_weight = 0.5\n+++\n");
    let split = parse(Path::new("a.md"), &ok).unwrap();
    assert_eq!(split.front.search_weight, Some(0.5));
    let plain = &errors("+++\ntitle = \"x\"\nsearch_weight = 0\n+++\n")[0];
    assert!(
        plain.starts_with("a.md:3:1: error: `search_weight` is 0, outside 0.1 to 10"),
        "{plain}"
    );
    assert!(parse(
        Path::new("a.md"),
        &src("+++\ntitle = \"x\"\nsearch_weight = \"low\"\n+++\n")
    )
    .is_err());
}

#[test]
fn unknown_key_points_at_it_with_a_hint() {
    let plain = &errors("+++\ntitle = \"x\"\nweigth = 2\n+++\n")[0];
    assert!(
        plain.starts_with("a.md:3:1: error: unknown front matter key `weigth`"),
        "{plain}"
    );
    assert!(plain.contains("did you mean `weight`?"), "{plain}");
    assert!(plain.contains("under `[extra]`"), "{plain}");
}

#[test]
fn wrong_type_and_missing_delimiters() {
    let plain = &errors("+++\ntitle = \"x\"\nweight = \"two\"\n+++\n")[0];
    assert!(
        plain.starts_with("a.md:3:10: error: invalid front matter"),
        "{plain}"
    );
    let plain = &errors("+++\ntitle = \"x\"\n")[0];
    assert!(plain.contains("not closed"), "{plain}");
    let plain = &errors("---\ntitle: x\n")[0];
    assert!(
        plain.contains("not closed") && plain.contains("`---`"),
        "{plain}"
    );
}

#[test]
fn blank_lines_a_bom_and_spaces_may_come_first() {
    for text in [
        "\n\n+++\ntitle = \"x\"\n+++\nBody\n",
        "\u{feff}+++\ntitle = \"x\"\n+++\nBody\n",
        "\u{feff}  \t\n\r\n  +++\ntitle = \"x\"\n+++  \nBody\n",
        "\n---\ntitle: x\n---\nBody\n",
    ] {
        let s = src(text);
        let split = parse(Path::new("a.md"), &s).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
        assert_eq!(split.front.title, "x");
        assert_eq!(&s[split.body_range], "Body\n");
    }
}

#[test]
fn the_title_comes_from_the_leading_heading_when_not_written() {
    let s = src("\u{feff}\n# Đặc điểm *tình hình*\n\nVăn bản.\n");
    let split = parse(Path::new("a.md"), &s).unwrap();
    assert_eq!(split.format, FrontFormat::Absent);
    assert_eq!(split.front.title, "Đặc điểm tình hình");
    assert_eq!(&s[split.body_range.clone()], &s[3..]);
    let h = split.title_heading.unwrap();
    assert_eq!(&s[h.range], "# Đặc điểm *tình hình*\n");
    assert!(!h.differs);
    // Front matter without a title, in either syntax.
    for text in ["+++\nweight = 2\n+++\n# A\n", "---\nweight: 2\n---\n# A\n"] {
        let s = src(text);
        let split = parse(Path::new("a.md"), &s).unwrap();
        assert_eq!((split.front.title.as_str(), split.front.weight), ("A", 2));
        assert_eq!(&s[split.title_heading.unwrap().range], "# A\n");
    }
}

#[test]
fn a_written_title_drops_the_heading_and_tells_whether_they_differ() {
    for (text, differs) in [
        ("+++\ntitle = \"A  b\"\n+++\n# A b\n", false),
        ("+++\ntitle = \"A\"\n+++\n# B\n", true),
    ] {
        let split = parse(Path::new("a.md"), &src(text)).unwrap();
        assert_eq!(split.title_heading.map(|h| h.differs), Some(differs));
    }
    // A `#` heading further down is the page's own.
    let split = parse(
        Path::new("a.md"),
        &src("+++\ntitle = \"A\"\n+++\nText.\n\n# A\n"),
    )
    .unwrap();
    assert_eq!(split.title_heading, None);
}

#[test]
fn a_page_without_any_title_is_an_error_at_its_start() {
    let e = errors("Văn bản.\n");
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("a.md:1:1: error: the page has no title"),
        "{}",
        e[0]
    );
    assert!(e[0].contains("`# Heading`"), "{}", e[0]);
    let e = errors("+++\nweight = 1\n+++\nVăn bản.\n\n# Sau\n");
    assert!(e[0].starts_with("a.md:1:1: error: the page has no title"));
    assert!(e[0].contains("on line 6"), "{}", e[0]);
    assert!(e[0].contains("add `title = \"…\"`"), "{}", e[0]);
    let e = errors("---\nweight: 1\n---\n");
    assert!(e[0].contains("add `title: …`"), "{}", e[0]);
    let e = errors("+++\ntitle = \" \"\n+++\n# A\n");
    assert!(e[0].contains("the page title is empty"), "{}", e[0]);
}

#[test]
fn yaml_front_matter_reads_every_key() {
    let text = "---\ntitle: Đặc điểm \"A\"\nweight: 2\ndescription: 'Một câu: mô tả'\ndraft: false\ntranslation_of: \"3f9a2c1b7e4d\"\nsearch_weight: 2\nextra:\n  date: 2024-01-02\n  at: 1979-05-27T07:32:00Z\n  quoted: \"2024-01-02\"\n  tags: [a, b]\n  n: 1.5\n  yes_no: yes\n  empty:\n  sub:\n    x: true\n---\nBody\n";
    let split = parse(Path::new("a.md"), &src(text)).unwrap();
    let f = &split.front;
    assert_eq!(split.format, FrontFormat::Yaml);
    assert_eq!(f.title, "Đặc điểm \"A\"");
    assert_eq!(f.weight, 2);
    assert_eq!(f.description.as_deref(), Some("Một câu: mô tả"));
    assert_eq!(f.translation_of.as_deref(), Some("3f9a2c1b7e4d"));
    assert_eq!(f.search_weight, Some(2.0));
    let toml: Extra = toml::from_str(
        "date = 2024-01-02\nat = 1979-05-27T07:32:00Z\nquoted = \"2024-01-02\"\ntags = [\"a\", \"b\"]\nn = 1.5\nyes_no = \"yes\"\n[sub]\nx = true\n",
    )
    .unwrap();
    assert_eq!(f.extra, toml, "the same values as TOML");
}

#[test]
fn yaml_errors_are_all_reported_at_their_place() {
    let e = errors("---\ntitel: A\ntitle: A\nweight: two\ndraft: 1\nslug: a\n---\n");
    assert_eq!(e.len(), 4, "{e:#?}");
    assert!(
        e[0].starts_with("a.md:2:1: error: unknown front matter key `titel`"),
        "{}",
        e[0]
    );
    assert!(e[0].contains("did you mean `title`?") && e[0].contains("`extra:`"));
    assert!(
        e[1].starts_with(
            "a.md:4:9: error: invalid front matter: `weight` must be a whole number, not text"
        ),
        "{}",
        e[1]
    );
    assert!(e[2].starts_with("a.md:5:8: error: invalid front matter: `draft`"));
    assert!(e[3].starts_with("a.md:6:1: error: unknown front matter key `slug`"));
    // Bad syntax: where the parser stopped.
    let e = errors("---\ntitle: A\ndescription: \"open\nweight: 1\n---\n");
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(e[0].starts_with("a.md:"), "{}", e[0]);
    assert!(e[0].contains("error: invalid front matter:"), "{}", e[0]);
    let e = errors("---\ntitle: A\n  weight: 1\n---\n");
    assert!(e[0].starts_with("a.md:3:"), "{}", e[0]);
    // A list is not front matter; a key given twice is an error.
    assert!(errors("---\n- a\n---\n")[0].contains("not a list of `key: value` lines"));
    assert!(errors("---\ntitle: A\ntitle: B\n---\n")[0].starts_with("a.md:"));
    // Vietnamese text before the error: columns count characters.
    let e = errors("---\ntitle: Đặc điểm\nweight: Đặc\n---\n");
    assert!(e[0].starts_with("a.md:3:9: error"), "{}", e[0]);
}

#[test]
fn every_unknown_key_is_reported_with_the_other_problems() {
    let text = "+++\nslug = \"a\"\ntitle = \"x\"\nweigth = 2\ndraft = \"no\"\n[extra]\nk = 1\n[[more]]\nj = 2\n+++\n";
    let plain = errors(text);
    assert_eq!(plain.len(), 4, "{plain:#?}");
    assert!(plain[0].starts_with("a.md:2:1: error: unknown front matter key `slug`"));
    assert!(plain[1].starts_with("a.md:4:1: error: unknown front matter key `weigth`"));
    assert!(plain[1].contains("did you mean `weight`?"));
    assert!(
        plain[2].starts_with("a.md:5:9: error: invalid front matter"),
        "{}",
        plain[2]
    );
    assert!(
        plain[3].starts_with("a.md:8:3: error: unknown front matter key `more`"),
        "{}",
        plain[3]
    );
    // A blank title behind an unknown key is found too.
    let plain = errors("+++\ntitel = \"x\"\ntitle = \" \"\n+++\n");
    assert_eq!(plain.len(), 2, "{plain:#?}");
    assert!(plain[1].contains("the page title is empty"), "{plain:#?}");
}

#[test]
fn extra_takes_any_table() {
    let s = src("+++\ntitle = \"x\"\n[extra]\nauthor = \"A\"\ndate = 2024-01-02\n[extra.sub]\nn = [1, 2]\n+++\n");
    let split = parse(Path::new("a.md"), &s).unwrap();
    assert_eq!(split.front.extra.0["author"].as_str(), Some("A"));
    assert!(split.front.extra.0["date"].is_datetime());
    let plain = &errors("+++\ntitle = \"x\"\nextra = 1\n+++\n")[0];
    assert!(
        plain.starts_with("a.md:3:9: error: invalid front matter"),
        "{plain}"
    );
    let plain = &errors("---\ntitle: x\nextra: 1\n---\n")[0];
    assert!(
        plain.starts_with("a.md:3:8: error: invalid front matter: `extra` must be a table"),
        "{plain}"
    );
}
