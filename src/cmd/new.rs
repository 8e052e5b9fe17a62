//! `songngu new DIR`: create a small two-language site that builds and serves as it is.

use std::path::PathBuf;
use std::process::ExitCode;

use songngu::translations::hash_text;

/// Arguments of `songngu new`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct NewArgs {
    /// The folder to create (it must not exist, or be empty).
    pub dir: PathBuf,
}

const SITE_TOML: &str = r#"# The languages in order; the first is the source language.
languages = ["vi", "en"]
# Where the site will be served (used by 404.html and sitemap.xml only).
base_path = "/"

[lang.vi]
name = "Tiếng Việt"
title = "Tài liệu mới"
description = "Một trang tài liệu song ngữ tạo bằng songngu."

[lang.en]
name = "English"
title = "New document"
description = "A bilingual documentation site made with songngu."

[document]
issuer = { vi = "Tên cơ quan", en = "Name of the issuing body" }
number = "01/BC"
date = 2026-01-01
place = { vi = "Hà Nội", en = "Ha Noi" }

# Every page has a search box over an index built with the site. Without it:
# [search]
# enabled = false
"#;

struct Page {
    rel: &'static str,
    vi_title: &'static str,
    vi_body: &'static str,
    en_title: &'static str,
    en_body: &'static str,
    weight: i64,
}

const PAGES: &[Page] = &[
    Page {
        rel: "_index.md",
        vi_title: "Tài liệu mới",
        vi_body: "Đây là trang bìa. Sửa `content/vi/_index.md` để giới thiệu tài liệu.\n",
        en_title: "New document",
        en_body: "This is the cover. Edit `content/en/_index.md` to introduce the document.\n",
        weight: 0,
    },
    Page {
        rel: "1-gioi-thieu.md",
        vi_title: "I. Giới thiệu",
        vi_body: "## Mục đích\n\nMỗi chương là một tệp Markdown. Xem [phần kết quả](2-ket-qua/_index.md).\n\n## Phạm vi\n\nChú thích được đánh số tự động.[^1]\n\n[^1]: Đây là một chú thích.\n",
        en_title: "I. Introduction",
        en_body: "## Purpose\n\nEach chapter is a Markdown file. See [the results](2-ket-qua/_index.md).\n\n## Scope\n\nFootnotes are numbered automatically.[^1]\n\n[^1]: This is a footnote.\n",
        weight: 1,
    },
    Page {
        rel: "2-ket-qua/_index.md",
        vi_title: "II. Kết quả",
        vi_body: "Một thư mục là một phần; trang của nó là `_index.md`.\n",
        en_title: "II. Results",
        en_body: "A folder is a section; its page is `_index.md`.\n",
        weight: 2,
    },
    Page {
        rel: "2-ket-qua/2-1-so-lieu.md",
        vi_title: "2.1. Số liệu",
        vi_body: "| Năm | Số cuộc |\n| --- | ---: |\n| 2019 | 39 |\n| 2020 | 14 |\n\nXem lại [mục đích](../1-gioi-thieu.md#muc-dich).\n",
        en_title: "2.1. Figures",
        en_body: "| Year | Meetings |\n| --- | ---: |\n| 2019 | 39 |\n| 2020 | 14 |\n\nSee [the purpose](../1-gioi-thieu.md#purpose) again.\n",
        weight: 1,
    },
];

/// Runs `songngu new`.
pub(crate) fn run(args: NewArgs) -> ExitCode {
    let dir = &args.dir;
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        eprintln!(
            "error: {} already exists and is not empty\n  hint: choose a new folder name",
            dir.display()
        );
        return super::exit(super::EXIT_USAGE);
    }
    match write_site(dir) {
        Ok(()) => {
            println!(
                "created a new site in {}\n  build it:   songngu build --root {}\n  preview it: songngu serve --root {}",
                dir.display(),
                dir.display(),
                dir.display()
            );
            super::exit(super::EXIT_OK)
        }
        Err(e) => {
            eprintln!("error: cannot create {}: {e}", dir.display());
            super::exit(super::EXIT_USAGE)
        }
    }
}

fn write_site(dir: &std::path::Path) -> std::io::Result<()> {
    let content = dir.join("content");
    std::fs::create_dir_all(&content)?;
    std::fs::write(content.join("site.toml"), SITE_TOML)?;
    for p in PAGES {
        let weight = if p.rel == "_index.md" {
            String::new()
        } else {
            format!("weight = {}\n", p.weight)
        };
        let vi = format!(
            "+++\ntitle = \"{}\"\n{weight}+++\n{}",
            p.vi_title, p.vi_body
        );
        let hash = hash_text(p.vi_title, p.vi_body);
        let en = format!(
            "+++\ntitle = \"{}\"\n{weight}translation_of = \"{hash}\"\n+++\n{}",
            p.en_title, p.en_body
        );
        for (lang, text) in [("vi", vi), ("en", en)] {
            let path = content.join(lang).join(p.rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, text)?;
        }
    }
    std::fs::write(dir.join(".gitignore"), "/public/\n")?;
    Ok(())
}
