//! Images and other files: `content/static/` copied to the output's root (and what it may
//! not clash with), images and files checked like links (Markdown, raw `<img>`, `srcset`,
//! `<a href>`), a translation showing its source page's picture (one copy), `width`,
//! `height` and `loading="lazy"` on images of every format, page bundles (`a-page/index.md`
//! with its files), and a changed image in the preview.

use std::path::Path;

use crate::common::site::{Doc, Run, Site, SITE_TOML};

/// A real PNG of `w` × `h` grey pixels (zlib with stored blocks, checksums right).
fn png(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    let mut raw = Vec::new();
    for _ in 0..h {
        raw.push(0); // no filter
        raw.extend(std::iter::repeat_n(0x80, w as usize));
    }
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65535).collect();
    for (i, b) in blocks.iter().enumerate() {
        z.push(u8::from(i + 1 == blocks.len()));
        let len = b.len() as u16;
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(b);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// CRC-32 (as PNG chunks carry it).
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// A real GIF: a 1 × 1 picture on a `w` × `h` screen (the size a browser shows).
fn gif(w: u16, h: u16) -> Vec<u8> {
    let mut b = b"GIF89a".to_vec();
    b.extend_from_slice(&w.to_le_bytes());
    b.extend_from_slice(&h.to_le_bytes());
    b.extend_from_slice(&[
        0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x21, 0xf9, 4, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1,
        0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b,
    ]);
    b
}

/// A real 48 × 32 grey JPEG (made by cjpeg).
fn jpeg() -> Vec<u8> {
    hex("ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffc0000b080020003001011100ffc40014000100000000000000000000000000000000ffc40014100100000000000000000000000000000000ffda0008010100003f00000000000000ffd9")
}

/// A real 20 × 10 grey WebP, lossless (made by cwebp).
fn webp() -> Vec<u8> {
    hex("524946461e000000574542505650384c110000002f134002000750c00216b0ff8188e87f0000")
}

/// The bytes written in hexadecimal `s`.
/// An `<img>` as the tests read it: alt, width, height, loading.
type ImgRow = (String, Option<String>, Option<String>, Option<String>);

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Builds `site`, expecting content errors; returns the messages.
fn fails(site: &Site) -> String {
    let run = site.build();
    assert_eq!(run.code, Some(1), "expected errors:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

/// Asserts that every relative URL (`href`, `src`, each of a `srcset`) of output page `rel`
/// leads to a file of the output.
fn assert_urls_lead_to_files(run: &Run, rel: &str) {
    let doc = run.html(rel);
    let mut urls = doc.attrs("[href]", "href");
    urls.extend(doc.attrs("[src]", "src"));
    for set in doc.attrs("[srcset]", "srcset") {
        urls.extend(
            set.split(',')
                .filter_map(|c| c.split_whitespace().next().map(str::to_string)),
        );
    }
    let dir = Path::new(rel).parent().unwrap_or(Path::new(""));
    for url in urls {
        if url.starts_with('#') || url.contains(':') || url.starts_with('/') {
            continue;
        }
        let path = url.split(['?', '#']).next().unwrap_or_default();
        let path = percent_decode(path);
        let mut target = run.out.join(dir).join(&path);
        if path.ends_with('/') || path.is_empty() {
            target.push("index.html");
        }
        assert!(target.is_file(), "{rel}: `{url}` leads to no file");
    }
}

/// `%xx` escapes decoded.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() + 1 {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_static_folder_is_copied_to_the_root_and_linked_relative() {
    let site = Site::new();
    site.file(
        "content/site.toml",
        format!("base_path = \"/docs/\"\n{SITE_TOML}"),
    )
    .page(
        "vi/_index.md",
        "title = \"Bìa\"",
        "![Biểu trưng](/logo.png)\n\n[Hướng dẫn](/docs/tai/huong-dan.pdf)\n",
    )
    .page(
        "vi/guide/a.md",
        "title = \"A\"",
        "![Biểu trưng](/docs/logo.png)\n\n<img src=\"/logo.png\" alt=\"nhỏ\">\n\n[Tải](../../static/tai/huong-dan.pdf) và <a href=\"/tai/huong-dan.pdf\">tải</a>.\n",
    )
    .page("en/_index.md", "title = \"Cover\"", "![Logo](/logo.png)\n")
    .file("content/static/logo.png", png(40, 30))
    .file("content/static/tai/huong-dan.pdf", "%PDF-1.4\n")
    .file("content/static/.hidden", "x")
    .file("content/static/_notes.txt", "x");
    let run = site.build().assert_success();
    assert_eq!(std::fs::read(run.path("logo.png")).unwrap(), png(40, 30));
    assert!(run.path("tai/huong-dan.pdf").is_file());
    assert!(
        !run.path("static").exists(),
        "no static/ folder in the output"
    );
    assert!(!run.path(".hidden").exists() && !run.path("_notes.txt").exists());

    let page = run.html("vi/guide/a.html");
    assert_eq!(
        page.attrs("article img", "src"),
        ["../../logo.png", "../../logo.png"]
    );
    assert_eq!(
        page.attrs("article a[href$=\".pdf\"]", "href"),
        ["../../tai/huong-dan.pdf", "../../tai/huong-dan.pdf"]
    );
    assert_eq!(
        run.html("vi/index.html").attrs("article img", "src"),
        ["../logo.png"]
    );
    assert_eq!(
        run.html("en/index.html").attrs("article img", "src"),
        ["../logo.png"]
    );
    // The home page (the cover at the root), print.html: written for their place.
    let home = run.html("index.html");
    assert_eq!(home.attrs("article img", "src"), ["logo.png"]);
    assert_eq!(home.attrs("article img", "width"), ["40"]);
    assert_eq!(
        home.attrs("article a[href$=\".pdf\"]", "href"),
        ["tai/huong-dan.pdf"]
    );
    for rel in [
        "index.html",
        "vi/index.html",
        "vi/guide/a.html",
        "vi/print.html",
        "en/print.html",
    ] {
        assert_urls_lead_to_files(&run, rel);
    }
}

#[test]
fn a_static_file_where_the_build_writes_its_own_is_an_error_naming_both() {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .file("content/static/404.html", "<p>x</p>")
        .file("content/static/assets/style.css", "p {}")
        .file("content/static/vi/logo.png", png(4, 3))
        .file("content/static/search/x.js", "")
        .file("content/static/en", "a file named like a language is fine")
        .file("content/static/assets/mine.css", "fine");
    let err = fails(&site);
    for want in [
        "`content/static/404.html` and the page for missing addresses would both be published as `404.html`",
        "`content/static/assets/style.css` and `(built-in theme)/static/style.css` would both be published as `assets/style.css`",
        "`content/static/vi/logo.png` would be published in `vi/`, the folder of the pages in `vi`",
        "`content/static/search/x.js` would be published in `search/`",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    assert!(err.contains("4 errors"), "{err}");
}

#[test]
fn missing_images_and_files_are_errors_at_their_place_all_in_one_run() {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page(
            "vi/a.md",
            "title = \"A\"",
            concat!(
                "![Sơ đồ](so-do.png)\n",
                "\n",
                "<img src=\"anh.jpg\" alt=\"x\">\n",
                "\n",
                "Tai [PDF](bien-ban.pdf) hoac <a href=\"tai-lieu.pdf\">ban goc</a>.\n",
                "\n",
                "<img srcset=\"hinh.png 1x, hinh-2x.png 2x\" src=\"hinh.png\" alt=\"\">\n",
                "\n",
                "<!-- <img src=\"chua-co.png\"> -->\n",
                "\n",
                "`<img src=\"ma.png\">` ![ngoài](https://example.org/x.png) ![dữ liệu](data:image/png;base64,AAAA)\n",
            ),
        )
        .file("content/vi/hinh.png", png(4, 3))
        .file("content/vi/bien-ban-2020.pdf", "%PDF");
    let err = fails(&site);
    let expected = [
        ("content/vi/a.md:4:1", "broken image: `so-do.png`"),
        ("content/vi/a.md:6:11", "broken image: `anh.jpg`"),
        ("content/vi/a.md:8:5", "broken link: `bien-ban.pdf`"),
        ("content/vi/a.md:8:39", "broken link: `tai-lieu.pdf`"),
        ("content/vi/a.md:10:27", "broken image: `hinh-2x.png`"),
    ];
    for (at, what) in expected {
        assert!(err.contains(at), "no error at {at}:\n{err}");
        assert!(err.contains(what), "no {what:?}:\n{err}");
    }
    assert!(
        err.contains("did you mean `bien-ban-2020.pdf`?"),
        "a close file is suggested:\n{err}"
    );
    assert!(err.contains("5 errors"), "nothing else is reported:\n{err}");
    assert!(!err.contains("chua-co") && !err.contains("ma.png"), "{err}");

    // With `[links] broken = "warn"`, warnings, and the site is built.
    site.file(
        "content/site.toml",
        format!("{SITE_TOML}[links]\nbroken = \"warn\"\n"),
    );
    let run = site.build().assert_success();
    assert!(
        run.stderr.contains("warning: broken image: `so-do.png`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/vi/a.md:6:11"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_translation_shows_its_source_pages_picture_from_one_copy() {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page("en/_index.md", "title = \"Cover\"", "Intro.\n")
        .page(
            "vi/guide/a.md",
            "title = \"A\"",
            "![Sơ đồ](diagram.png)\n\n[Bảng](bang.pdf)\n",
        )
        .page(
            "en/guide/a.md",
            "title = \"A\"",
            "![Diagram](diagram.png)\n\n<img src=\"diagram.png\" alt=\"small\">\n\n[Table](bang.pdf)\n\n![Own](own.png)\n",
        )
        .file("content/vi/guide/diagram.png", png(40, 30))
        .file("content/vi/guide/bang.pdf", "%PDF")
        .file("content/en/guide/own.png", png(2, 2));
    let run = site.build().assert_success();
    let en = run.html("en/guide/a.html");
    assert_eq!(
        en.attrs("article img", "src"),
        [
            "../../vi/guide/diagram.png",
            "../../vi/guide/diagram.png",
            "own.png"
        ]
    );
    assert_eq!(en.attrs("article img", "width"), ["40", "40", "2"]);
    assert_eq!(
        en.attrs("article a[href$=\".pdf\"]", "href"),
        ["../../vi/guide/bang.pdf"]
    );
    assert!(!run.path("en/guide/diagram.png").exists(), "one copy");
    assert_eq!(
        run.html("vi/guide/a.html").attrs("article img", "src"),
        ["diagram.png"]
    );
    for rel in ["en/guide/a.html", "en/print.html", "vi/print.html"] {
        assert_urls_lead_to_files(&run, rel);
    }
}

#[test]
fn images_of_every_format_get_their_size_and_all_but_the_first_are_lazy() {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page(
            "vi/a.md",
            "title = \"A\"",
            concat!(
                "![PNG](h/a.png)\n\n",
                "<img src=\"h/b.jpg\" alt=\"JPEG\">\n\n",
                "Chữ ![GIF](h/c.gif \"tiêu đề\") và <img src='h/d.webp' alt=WebP />.\n\n",
                "![SVG](h/e.svg)\n\n",
                "<img src=\"h/f.svg\" alt=\"viewBox\" />\n\n",
                "<img src=\"h/a.png\" width=\"10\" alt=\"tự đặt\" loading=\"eager\">\n\n",
                "![Ngoài](https://example.org/x.png)\n\n",
                "Chú thích.[^1]\n\n[^1]: ![Trong chú thích](h/a.png)\n",
            ),
        )
        .file("content/vi/h/a.png", png(40, 30))
        .file("content/vi/h/b.jpg", jpeg())
        .file("content/vi/h/c.gif", gif(24, 16))
        .file("content/vi/h/d.webp", webp())
        .file(
            "content/vi/h/e.svg",
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"48\"><rect width=\"1\" height=\"1\"/></svg>\n",
        )
        .file(
            "content/vi/h/f.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 150\"></svg>",
        );
    let run = site.build().assert_success();
    let doc = run.html("vi/a.html");
    let sizes: Vec<ImgRow> = doc
        .0
        .select(&crate::common::site::selector("article img"))
        .map(|e| {
            let v = e.value();
            let get = |a: &str| v.attr(a).map(str::to_string);
            (
                v.attr("alt").unwrap_or_default().to_string(),
                get("width"),
                get("height"),
                get("loading"),
            )
        })
        .collect();
    let s = |x: &str| Some(x.to_string());
    let want = vec![
        ("PNG".to_string(), s("40"), s("30"), None),
        ("JPEG".to_string(), s("48"), s("32"), s("lazy")),
        ("GIF".to_string(), s("24"), s("16"), s("lazy")),
        ("WebP".to_string(), s("20"), s("10"), s("lazy")),
        ("SVG".to_string(), s("64"), s("48"), s("lazy")),
        ("viewBox".to_string(), s("300"), s("150"), s("lazy")),
        ("tự đặt".to_string(), s("10"), None, s("eager")),
        ("Ngoài".to_string(), None, None, s("lazy")),
        ("Trong chú thích".to_string(), s("40"), s("30"), s("lazy")),
    ];
    assert_eq!(sizes, want);
    // print.html keeps them.
    let print = run.html("vi/print.html");
    assert!(print.attrs("img", "width").iter().any(|w| w == "48"));
    assert_urls_lead_to_files(&run, "vi/print.html");
    // The HTML is well formed around the new attributes.
    let html = run.read("vi/a.html");
    assert!(
        html.contains("<img src=\"h/a.png\" alt=\"PNG\" width=\"40\" height=\"30\" />"),
        "{html}"
    );
    assert!(
        html.contains(
            "<img src='h/d.webp' alt=WebP width=\"20\" height=\"10\" loading=\"lazy\" />"
        ),
        "{html}"
    );
}

/// A site with the page bundle `vi/a-page/` (its `index.md`, a picture, a PDF) translated
/// in English, and a page linking to it in every form.
fn bundle_site() -> Site {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page("en/_index.md", "title = \"Cover\"", "Intro.\n")
        .page(
            "vi/a-page/index.md",
            "title = \"Trang gói\"\nweight = 2",
            "## Hình\n\n![Sơ đồ](so-do.png)\n\n[Bản in](tai/ban-in.pdf)\n",
        )
        .page(
            "en/a-page/index.md",
            "title = \"Bundle page\"\nweight = 2",
            "## Figure\n\n![Diagram](so-do.png)\n",
        )
        .page(
            "vi/b.md",
            "title = \"Trang B\"\nweight = 1",
            "[md](a-page/index.md#hinh) [gọn](a-page.md) [thư mục](a-page/) [không đuôi](a-page) [ảnh](a-page/so-do.png)\n",
        )
        .page("vi/c.md", "title = \"Trang C\"\nweight = 3", "Cuối.\n")
        .file("content/vi/a-page/so-do.png", png(40, 30))
        .file("content/vi/a-page/tai/ban-in.pdf", "%PDF");
    site
}

#[test]
fn a_page_bundle_is_a_page_with_its_files() {
    let site = bundle_site();
    let run = site.build().assert_success();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // The page, at its folder's index.html, where its files are, copied once.
    let page = run.html("vi/a-page/index.html");
    assert_eq!(page.texts("article h1"), ["Trang gói"]);
    assert_eq!(page.attrs("article img", "src"), ["so-do.png"]);
    assert_eq!(page.attrs("article img", "width"), ["40"]);
    assert!(run.path("vi/a-page/so-do.png").is_file());
    assert!(!run.path("en/a-page/so-do.png").exists());
    let copies = walkdir::WalkDir::new(&run.out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "so-do.png")
        .count();
    assert_eq!(copies, 1);
    // The English translation pairs with it, and shows the picture from the one copy.
    let en = run.html("en/a-page/index.html");
    assert_eq!(en.texts("article h1"), ["Bundle page"]);
    assert_eq!(
        en.attrs("article img", "src"),
        ["../../vi/a-page/so-do.png"]
    );
    assert!(run
        .html("vi/a-page/index.html")
        .attrs("[hreflang=\"en\"], a[lang=\"en\"]", "href")
        .iter()
        .any(|h| h.ends_with("en/a-page/index.html")));
    // Links to it in every form.
    let b = run.html("vi/b.html");
    let hrefs = b.attrs("article a[href]", "href");
    assert_eq!(
        hrefs,
        [
            "../vi/a-page/index.html#hinh",
            "../vi/a-page/index.html",
            "../vi/a-page/index.html",
            "../vi/a-page/index.html",
            "../vi/a-page/so-do.png"
        ]
    );
    // An ordinary page: in the navigation (between b and c), in print.html, in search.
    assert!(b
        .attrs("a[rel=\"next\"], .next a, a.next", "href")
        .iter()
        .any(|h| h.contains("a-page/index.html")));
    let print = run.html("vi/print.html");
    assert!(print
        .attrs("img", "src")
        .iter()
        .any(|s| s == "a-page/so-do.png"));
    for rel in [
        "vi/print.html",
        "en/print.html",
        "vi/a-page/index.html",
        "vi/b.html",
    ] {
        assert_urls_lead_to_files(&run, rel);
    }
    let toc = run.read("assets/toc-vi.js");
    assert!(
        toc.contains("\"vi/a-page/index.html\",\"Trang gói\",1"),
        "{toc}"
    );
    let search: String = walkdir::WalkDir::new(run.path("search/vi"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert!(search.contains("a-page/index.html"), "indexed for search");
}

#[test]
fn a_bundle_beside_a_section_page_or_holding_pages_is_an_error_naming_both() {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page("vi/x/index.md", "title = \"X\"", "Gói.\n")
        .page("vi/x/_index.md", "title = \"Phần X\"", "Phần.\n")
        .page("vi/y/index.md", "title = \"Y\"", "Gói.\n")
        .page("vi/y/z.md", "title = \"Z\"", "Trang.\n")
        .page("vi/index.md", "title = \"Sai\"", "Bìa thứ hai.\n");
    let err = fails(&site);
    for want in [
        "`content/vi/x/index.md` and `content/vi/x/_index.md` are both the page of one folder",
        "`content/vi/y/z.md` is inside the page bundle `content/vi/y/index.md`",
        "`content/vi/index.md` would be published in place of the cover page `content/vi/_index.md`",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    assert!(err.contains("3 errors"), "nothing else is reported:\n{err}");
    assert!(!err.contains("would both be published"), "{err}");
}

#[test]
fn two_files_published_at_one_path_are_both_named() {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page("vi/Đặc điểm.md", "title = \"Một\"", "Một.\n")
        .page("vi/dac-diem.md", "title = \"Hai\"", "Hai.\n")
        .page("vi/Phan/a.md", "title = \"Năm\"", "Năm.\n")
        .page("vi/phan/index.md", "title = \"Sáu\"", "Sáu.\n");
    let err = fails(&site);
    assert!(
        err.contains("`content/vi/dac-diem.md` and `content/vi/Đặc điểm.md` would both be published as `vi/dac-diem.html`"),
        "{err}"
    );
    assert!(
        err.contains("the folder `content/vi/Phan/` (its section) and `content/vi/phan/index.md` would both be published as `vi/phan/index.html`"),
        "{err}"
    );
}

#[test]
fn the_preview_follows_an_image_that_changes_size_and_new_static_files() {
    let site = bundle_site();
    site.file(
        "content/static/logo.svg",
        "<svg width=\"10\" height=\"10\"></svg>",
    )
    .page(
        "vi/c.md",
        "title = \"Trang C\"\nweight = 3",
        "![Logo](/logo.svg)\n",
    );
    let mut b = site.builder(true);
    let first = b.build().unwrap();
    let width = |out: &songngu::output::Output, page: &str| {
        let html = std::str::from_utf8(out.get(page).unwrap())
            .unwrap()
            .to_string();
        Doc::parse(&html).attrs("article img", "width")
    };
    assert_eq!(width(&first.output, "vi/a-page/index.html"), ["40"]);
    assert_eq!(width(&first.output, "en/a-page/index.html"), ["40"]);
    assert_eq!(width(&first.output, "vi/c.html"), ["10"]);

    site.file("content/vi/a-page/so-do.png", png(80, 60));
    site.file(
        "content/static/logo.svg",
        "<svg width=\"12\" height=\"10\"></svg>",
    );
    site.file("content/static/new.txt", "mới");
    let root = site.canonical_root();
    b.invalidate(&[
        root.join("content/vi/a-page/so-do.png"),
        root.join("content/static/logo.svg"),
        root.join("content/static/new.txt"),
    ]);
    let again = b.build().unwrap();
    assert_eq!(width(&again.output, "vi/a-page/index.html"), ["80"]);
    assert_eq!(width(&again.output, "en/a-page/index.html"), ["80"]);
    assert_eq!(width(&again.output, "vi/c.html"), ["12"]);
    assert_eq!(again.output.get("new.txt"), Some("mới".as_bytes()));
    b.finish_deferred();
    b.finish_pending();

    // An edit of the page's text takes the quick path and keeps the sizes.
    site.page(
        "vi/a-page/index.md",
        "title = \"Trang gói\"\nweight = 2",
        "## Hình\n\nMới.\n\n![Sơ đồ](so-do.png)\n\n[Bản in](tai/ban-in.pdf)\n",
    );
    b.invalidate(&[root.join("content/vi/a-page/index.md")]);
    let quick = b.build().unwrap();
    assert!(quick.stats.quick, "a body edit takes the quick path");
    assert_eq!(width(&quick.output, "vi/a-page/index.html"), ["80"]);
    let printed = b.finish_pending();

    // The same bytes as a clean build.
    let clean = site.clean_build().unwrap().output;
    for page in [
        "vi/a-page/index.html",
        "en/a-page/index.html",
        "vi/c.html",
        "logo.svg",
    ] {
        assert_eq!(quick.output.get(page), clean.get(page), "{page}");
    }
    for (path, bytes) in printed {
        assert_eq!(clean.get(&path), Some(&bytes[..]), "{path}");
    }
}
