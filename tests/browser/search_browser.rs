//! Browser tests of the search UI in headless Chromium (see tests/common/browser.rs).
//!
//! The site under test is made here: pages whose header holds the real partial
//! (theme/templates/partials/search.html rendered with minijinja and the real UI strings),
//! the real theme/static/search.{js,css} under assets/, and the index from
//! `songngu::search::build_index`.

use std::path::Path;
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{json, Value};
use songngu::search::query::Index;
use songngu::search::{build_index, SearchPage};

use crate::browser::{file_url, Browser, StaticServer};
use crate::common::site::Site;

const WAIT: Duration = Duration::from_secs(10);

struct TestPage {
    lang: &'static str,
    url: &'static str,
    title: &'static str,
    breadcrumb: &'static [&'static str],
    html: &'static str,
}

const PAGES: &[TestPage] = &[
    TestPage {
        lang: "vi",
        url: "vi/index.html",
        title: "Báo cáo tổng kết",
        breadcrumb: &[],
        html: "<p>Báo cáo tổng kết công tác năm 2020 của Tỉnh ủy.</p>",
    },
    TestPage {
        lang: "vi",
        url: "vi/1-tong-quan/dac-diem.html",
        title: "Đặc điểm tình hình",
        breadcrumb: &["Tổng quan"],
        html: "<p>Tình hình chung của tỉnh trong năm.</p>\
<h2 id=\"huong-dan\">Hướng dẫn thực hiện <a class=\"anchor\" href=\"#huong-dan\">#</a></h2>\
<p>Vận động nhân dân thực hiện hướng dẫn của cấp trên; phát triển vận tải và dịch vụ.</p>\
<h2 id=\"cong-tac-dan-van\">Công tác dân vận <a class=\"anchor\" href=\"#cong-tac-dan-van\">#</a></h2>\
<p>Công tác dân vận của hệ thống chính trị tiếp tục được tăng cường, gắn với văn hoá cơ sở.</p>",
    },
    TestPage {
        lang: "vi",
        url: "vi/2-ket-qua/khieu-nai.html",
        title: "Giải quyết khiếu nại, tố cáo",
        breadcrumb: &["Kết quả thực hiện"],
        html: "<p>Trong năm, các cơ quan đã tiếp nhận 2.272 đơn khiếu nại, tố cáo của công dân.</p>\
<h2 id=\"ket-luan\">Thực hiện Kết luận 114-KL/TW</h2>\
<p>Thực hiện Kết luận số 114-KL/TW của Ban Bí thư và Nghị định số 04/2015/NĐ-CP của Chính phủ.</p>\
<table><thead><tr><th>Chỉ số</th><th>Điểm</th></tr></thead><tbody><tr><td>PAPI</td><td>42,5</td></tr></tbody></table>",
    },
    TestPage {
        lang: "vi",
        url: "vi/2-ket-qua/noi-dung-thu.html",
        title: "Nội dung thử",
        breadcrumb: &["Kết quả thực hiện"],
        html: "<p>Mã độc &lt;script&gt;window.__xss=1&lt;/script&gt; và \
&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt; phải hiện thành chữ.</p>",
    },
    TestPage {
        lang: "en",
        url: "en/index.html",
        title: "Summary report",
        breadcrumb: &[],
        html: "<p>Summary of the work in 2020.</p>",
    },
    TestPage {
        lang: "en",
        url: "en/2-results/complaints.html",
        title: "Settling complaints and denunciations",
        breadcrumb: &["Results"],
        html: "<p>The PAPI index improved; 2,272 complaints were received.</p>",
    },
];

fn search_pages() -> Vec<SearchPage<'static>> {
    PAGES
        .iter()
        .map(|p| SearchPage {
            lang: p.lang,
            url: p.url,
            title: p.title,
            breadcrumb: p.breadcrumb.to_vec(),
            html: p.html,
            weight: 1.0,
        })
        .collect()
}

fn languages() -> Vec<String> {
    vec!["vi".into(), "en".into()]
}

/// Writes the test site into `dir`: pages with the real partial, assets, index.
fn make_site(dir: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let partial = std::fs::read_to_string(repo.join("theme/templates/partials/search.html"))
        .expect("partial");
    let mut env = minijinja::Environment::new();
    env.add_template("search.html", &partial)
        .expect("partial parses");
    let tmpl = env.get_template("search.html").unwrap();
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    for f in ["search.js", "search.css"] {
        std::fs::copy(
            repo.join("theme/static").join(f),
            dir.join("assets").join(f),
        )
        .unwrap();
    }
    for p in PAGES {
        let strings: toml::Table = toml::from_str(
            &std::fs::read_to_string(repo.join(format!("theme/i18n/{}.toml", p.lang))).unwrap(),
        )
        .unwrap();
        let depth = p.url.matches('/').count();
        let root = "../".repeat(depth);
        let header = tmpl
            .render(minijinja::context! {
                root => root,
                lang => p.lang,
                languages => vec![
                    json!({"code": "vi", "name": "Tiếng Việt"}),
                    json!({"code": "en", "name": "English"}),
                ],
                i18n => minijinja::Value::from_serialize(&strings),
                site => json!({"vietnamese": true}),
            })
            .expect("partial renders");
        let page = format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
             <link rel=\"stylesheet\" href=\"{root}assets/search.css\"></head><body>\
             <header class=\"site-header\">{header}</header><main><article><h1>{title}</h1>{html}</article></main>\
             </body></html>",
            lang = p.lang,
            title = p.title,
            html = p.html,
        );
        let path = dir.join(p.url);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, page).unwrap();
    }
    for (path, bytes) in build_index(&search_pages(), &languages()) {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

async fn wait_ready(b: &Browser) {
    b.wait_for(
        "document.querySelector('.sn-search') && document.querySelector('.sn-search').getAttribute('data-ready') === 'true'",
        WAIT,
        "search UI ready",
    )
    .await;
}

/// A fresh browser on `page` of the test site served under `prefix`, the search UI ready.
/// `None` when the browser tests are skipped. Keep the folder and the server while the
/// browser needs them.
async fn open_test_site(
    prefix: &str,
    page: &str,
) -> Option<(Browser, tempfile::TempDir, StaticServer)> {
    let b = Browser::start().await?;
    let dir = tempfile::tempdir().unwrap();
    make_site(dir.path());
    let server = StaticServer::start(dir.path(), prefix);
    b.goto(&server.url(page)).await;
    wait_ready(&b).await;
    Some((b, dir, server))
}

/// Types `q` into the search box (after clearing it) and waits for the results.
async fn type_query(b: &Browser, q: &str) {
    b.eval(
        "var i = document.querySelector('.sn-search-input'); i.value = ''; \
         document.querySelector('.sn-search').removeAttribute('data-state');",
        vec![],
    )
    .await;
    let input = b.find(".sn-search-input").await;
    input.click().await.expect("click search box");
    input.send_keys(q).await.expect("type query");
    b.wait_for(
        "document.querySelector('.sn-search').getAttribute('data-state') === 'done'",
        WAIT,
        &format!("results for {q:?}"),
    )
    .await;
}

/// The results as [{href, title, crumb, snippet, marks: [...]}].
async fn results(b: &Browser) -> Vec<Value> {
    let v = b
        .eval(
            "return Array.from(document.querySelectorAll('.sn-search-result')).map(function (li) {\
               var a = li.querySelector('a');\
               return { href: a.getAttribute('href'), title: li.querySelector('.sn-search-title').textContent,\
                 crumb: (li.querySelector('.sn-search-crumb') || {}).textContent || '',\
                 snippet: li.querySelector('.sn-search-snippet').textContent,\
                 marks: Array.from(li.querySelectorAll('mark')).map(function (m) { return m.textContent; }),\
                 selected: li.getAttribute('aria-selected'), lang: li.getAttribute('lang') };\
             });",
            vec![],
        )
        .await;
    v.as_array().cloned().unwrap_or_default()
}

async fn status(b: &Browser) -> String {
    b.eval(
        "return document.querySelector('.sn-search-status').textContent;",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or("")
    .to_string()
}

async fn press(b: &Browser, keys: &[char], modifier: Option<char>) {
    let mut a = KeyActions::new("keyboard".into());
    if let Some(m) = modifier {
        a = a.then(KeyAction::Down { value: m });
    }
    for &k in keys {
        a = a
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
    }
    if let Some(m) = modifier {
        a = a.then(KeyAction::Up { value: m });
    }
    b.client.perform_actions(a).await.expect("key actions");
}

fn marks(r: &Value) -> Vec<String> {
    r["marks"]
        .as_array()
        .map(|m| {
            m.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn harness_serves_http_and_file_urls() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a")).unwrap();
    std::fs::write(
        dir.path().join("a/page.html"),
        "<!doctype html><meta charset=utf-8><title>t</title><script src=\"../s.js\"></script>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("s.js"),
        "document.title = 'loaded ' + location.protocol;",
    )
    .unwrap();

    let server = StaticServer::start(dir.path(), "/sub/path/");
    browser.goto(&server.url("a/page.html")).await;
    browser
        .wait_for(
            "document.title === 'loaded http:'",
            Duration::from_secs(5),
            "script over http",
        )
        .await;
    assert!(server
        .served()
        .iter()
        .any(|s| s.path == "/sub/path/s.js" && s.status == 200));

    browser
        .goto(&file_url(&dir.path().join("a/page.html")))
        .await;
    browser
        .wait_for(
            "document.title === 'loaded file:'",
            Duration::from_secs(5),
            "script over file://",
        )
        .await;
    browser.close().await;
}

/// http:// at `/`: a query without diacritics finds and highlights the Vietnamese words;
/// the count is announced; loading is lazy.
#[tokio::test]
async fn finds_vietnamese_without_diacritics_over_http_at_root() {
    let Some((b, _dir, server)) = open_test_site("/", "vi/index.html").await else {
        return;
    };
    // Nothing of the index is loaded before the reader searches.
    assert!(!server.served().iter().any(|s| s.path.contains("/search/")));

    type_query(&b, "khieu nai").await;
    let r = results(&b).await;
    assert!(!r.is_empty(), "no results");
    assert_eq!(r[0]["href"], "../vi/2-ket-qua/khieu-nai.html");
    assert_eq!(r[0]["title"], "Giải quyết khiếu nại, tố cáo");
    assert_eq!(r[0]["crumb"], "Kết quả thực hiện");
    let m = marks(&r[0]);
    assert!(
        m.contains(&"khiếu".to_string()) && m.contains(&"nại".to_string()),
        "{m:?}"
    );
    assert!(
        status(&b).await.ends_with("kết quả"),
        "{}",
        status(&b).await
    );
    // The listbox is wired to the combobox.
    let aria = b
        .eval(
            "var i = document.querySelector('.sn-search-input'); \
             var c = i.closest('[role=combobox]'); \
             return [c.getAttribute('role'), c.getAttribute('aria-expanded'), \
             document.getElementById(i.getAttribute('aria-controls')).getAttribute('role'), \
             document.querySelector('.sn-search-status').getAttribute('aria-live')];",
            vec![],
        )
        .await;
    assert_eq!(aria, json!(["combobox", "true", "listbox", "polite"]));
    // Only the manifest, a few term shards and document shards were fetched.
    let fetched: Vec<String> = server
        .served()
        .iter()
        .filter(|s| s.path.starts_with("/search/"))
        .map(|s| s.path.clone())
        .collect();
    assert!(fetched.contains(&"/search/vi/manifest.js".to_string()));
    assert!(
        !fetched.iter().any(|p| p.starts_with("/search/en/")),
        "{fetched:?}"
    );

    // No results: a clear message.
    type_query(&b, "zzqqxx").await;
    assert!(results(&b).await.is_empty());
    assert_eq!(status(&b).await, "Không tìm thấy kết quả nào cho “zzqqxx”.");
    b.close().await;
}

/// Under a sub-path: adjacent syllables first, highlighted as typed, and the keyboard flow
/// (arrows, Enter) opens the section.
#[tokio::test]
async fn keyboard_flow_under_a_sub_path() {
    let Some((b, _dir, server)) =
        open_test_site("/docs/bao-cao/", "vi/1-tong-quan/dac-diem.html").await
    else {
        return;
    };

    // Ctrl-K focuses the search box.
    b.eval("document.activeElement.blur();", vec![]).await;
    press(&b, &['k'], Some(Key::Control.into())).await;
    b.wait_for(
        "document.activeElement === document.querySelector('.sn-search-input')",
        WAIT,
        "Ctrl-K focus",
    )
    .await;

    type_query(&b, "dan van").await;
    let r = results(&b).await;
    assert!(r.len() >= 2, "{r:?}");
    assert_eq!(
        r[0]["href"],
        "../../vi/1-tong-quan/dac-diem.html#cong-tac-dan-van"
    );
    assert_eq!(r[0]["title"], "Công tác dân vận");
    assert_eq!(r[0]["crumb"], "Tổng quan › Đặc điểm tình hình");
    let m = marks(&r[0]);
    assert!(
        m.contains(&"dân".to_string()) && m.contains(&"vận".to_string()),
        "{m:?}"
    );
    // The section where the syllables are scattered ranks lower.
    let scattered = r
        .iter()
        .position(|x| x["href"] == "../../vi/1-tong-quan/dac-diem.html#huong-dan")
        .expect("scattered section found");
    assert!(scattered > 0);

    // Arrows move the selection, Enter opens it.
    press(
        &b,
        &[Key::Down.into(), Key::Down.into(), Key::Up.into()],
        None,
    )
    .await;
    let r = results(&b).await;
    assert_eq!(r[0]["selected"], "true");
    assert_eq!(r[1]["selected"], "false");
    let active = b
        .eval(
            "return document.querySelector('.sn-search-input').getAttribute('aria-activedescendant');",
            vec![],
        )
        .await;
    assert_eq!(active, "sn-search-result-0");
    press(&b, &[Key::Enter.into()], None).await;
    b.wait_for(
        "location.hash === '#cong-tac-dan-van'",
        WAIT,
        "navigation to the section",
    )
    .await;
    let url = b.client.current_url().await.unwrap();
    assert_eq!(
        url.as_str(),
        server.url("vi/1-tong-quan/dac-diem.html#cong-tac-dan-van")
    );
    b.close().await;
}

/// From file://: the index loads as scripts; `/` focuses; identifiers and numbers as typed;
/// Esc closes.
#[tokio::test]
async fn works_from_file_urls() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    make_site(dir.path());
    b.goto(&file_url(&dir.path().join("vi/2-ket-qua/khieu-nai.html")))
        .await;
    wait_ready(&b).await;
    press(&b, &['/'], None).await;
    b.wait_for(
        "document.activeElement === document.querySelector('.sn-search-input')",
        WAIT,
        "/ focus",
    )
    .await;
    let value = b
        .eval(
            "return document.querySelector('.sn-search-input').value;",
            vec![],
        )
        .await;
    assert_eq!(value, "", "the / key must not be typed into the box");

    type_query(&b, "114-KL/TW").await;
    let r = results(&b).await;
    assert_eq!(r[0]["href"], "../../vi/2-ket-qua/khieu-nai.html#ket-luan");
    assert!(marks(&r[0]).contains(&"114-KL/TW".to_string()), "{r:?}");

    type_query(&b, "04/2015/NĐ-CP").await;
    assert_eq!(
        results(&b).await[0]["href"],
        "../../vi/2-ket-qua/khieu-nai.html#ket-luan"
    );
    type_query(&b, "2272").await;
    let r = results(&b).await;
    assert_eq!(r[0]["href"], "../../vi/2-ket-qua/khieu-nai.html");
    assert!(marks(&r[0]).contains(&"2.272".to_string()), "{r:?}");

    press(&b, &[Key::Escape.into()], None).await;
    let hidden = b
        .eval(
            "return [document.querySelector('.sn-search-panel').hidden, \
             document.querySelector('.sn-search-combo').getAttribute('aria-expanded')];",
            vec![],
        )
        .await;
    assert_eq!(hidden, json!([true, "false"]));

    // Enter opens the first result from file:// too.
    type_query(&b, "dân vận").await;
    press(&b, &[Key::Enter.into()], None).await;
    b.wait_for(
        "location.hash === '#cong-tac-dan-van'",
        WAIT,
        "navigation from file://",
    )
    .await;
    let url = b.client.current_url().await.unwrap();
    assert!(url.as_str().starts_with("file:///"), "{url}");
    assert!(url
        .as_str()
        .ends_with("vi/1-tong-quan/dac-diem.html#cong-tac-dan-van"));
    b.close().await;
}

/// Indexed text that looks like markup is shown as text, never run.
#[tokio::test]
async fn markup_in_indexed_text_stays_text() {
    let Some((b, _dir, _server)) = open_test_site("/", "vi/index.html").await else {
        return;
    };
    type_query(&b, "onerror").await;
    let r = results(&b).await;
    assert_eq!(r.len(), 1, "{r:?}");
    let snippet = r[0]["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("<script>window.__xss=1</script>"),
        "{snippet}"
    );
    assert!(
        snippet.contains("<img src=x onerror=\"window.__xss=2\">"),
        "{snippet}"
    );
    let check = b
        .eval(
            "return [document.querySelectorAll('.sn-search-results img, .sn-search-results script').length, \
             typeof window.__xss];",
            vec![],
        )
        .await;
    assert_eq!(check, json!([0, "undefined"]));
    b.close().await;
}

/// The switch searches both languages; results from the other language are marked.
#[tokio::test]
async fn searches_both_languages_on_request() {
    let Some((b, _dir, _server)) = open_test_site("/", "vi/index.html").await else {
        return;
    };
    type_query(&b, "papi").await;
    let r = results(&b).await;
    assert!(r.iter().all(|x| x["lang"].is_null()), "{r:?}");
    let n_vi = r.len();
    b.find(".sn-search-both").await.click().await.unwrap();
    b.wait_for(
        "document.querySelectorAll('.sn-search-result[lang=en]').length > 0",
        WAIT,
        "English results",
    )
    .await;
    let r = results(&b).await;
    assert!(r.len() > n_vi);
    let en = r.iter().find(|x| x["lang"] == "en").unwrap();
    assert_eq!(en["href"], "../en/2-results/complaints.html");
    assert!(en["title"].as_str().unwrap().starts_with("EN"));
    b.close().await;
}

/// The client ranks exactly like the Rust twin used by the unit tests.
#[tokio::test]
async fn client_ranking_matches_the_rust_twin() {
    let Some((b, _dir, _server)) = open_test_site("/", "vi/index.html").await else {
        return;
    };
    let files = build_index(&search_pages(), &languages());
    for (lang, q) in [
        ("vi", "dan van"),
        ("vi", "dân"),
        ("vi", "dẫn"),
        ("vi", "khieu nai"),
        ("vi", "khiếu n"),
        ("vi", "114-KL/TW"),
        ("vi", "04/2015/NĐ-CP"),
        ("vi", "2.272"),
        ("vi", "văn hóa"),
        ("vi", "uỷ"),
        ("vi", "thực hiện kết lu"),
        ("vi", "thực hiện k"),
        ("en", "complaint"),
        ("en", "Settl"),
    ] {
        let ix = Index::load(&files, lang).unwrap();
        let want: Vec<String> = ix.search(q, 10).into_iter().map(|h| h.href).collect();
        let got = b
            .client
            .execute_async(
                "var done = arguments[arguments.length - 1];\
                 SongnguSearch.search(arguments[0], {langs: [arguments[1]], limit: 10})\
                   .then(function (r) { done(r.top.map(function (h) { return h.href; })); },\
                         function (e) { done(String(e)); });",
                vec![json!(q), json!(lang)],
            )
            .await
            .unwrap();
        assert_eq!(got, json!(want), "query {q:?} ({lang})");
        assert!(!want.is_empty() || q == "zz", "query {q:?} found nothing");
    }
    b.close().await;
}

#[path = "../../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

/// A real site built by `songngu::build` from a generated corpus: the header partial is in
/// every page, and a query typed into it lands on the right section, over http:// under a
/// sub-path and from file://.
#[tokio::test]
async fn real_built_site_over_http_and_file() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let site = Site::empty();
    gen_corpus::generate(site.root(), 24, 1).expect("corpus");
    let built = site
        .clean_build()
        .unwrap_or_else(|e| panic!("build failed: {}", e.render(false)));
    let out = site.path("public");
    built.output.write_into(&out).expect("write site");
    assert!(out.join("search/vi/manifest.js").is_file());
    assert!(out.join("assets/search.js").is_file());

    let server = StaticServer::start(&out, "/intranet/bao-cao/");
    for url in [
        server.url("vi/index.html"),
        file_url(&out.join("vi/index.html")),
    ] {
        b.goto(&url).await;
        wait_ready(&b).await;
        type_query(&b, "khieu nai").await;
        let r = results(&b).await;
        assert!(!r.is_empty(), "no results for khieu nai at {url}");
        let m = marks(&r[0]);
        assert!(
            m.iter().any(|x| x.to_lowercase() == "khiếu"),
            "marks {m:?} at {url}"
        );
        let href = r[0]["href"].as_str().unwrap().to_string();
        press(&b, &[Key::Enter.into()], None).await;
        b.wait_for(
            "document.readyState === 'complete' && !!document.querySelector('.sn-search')",
            WAIT,
            "result page",
        )
        .await;
        let here = b.client.current_url().await.unwrap().to_string();
        let path = href.trim_start_matches("../");
        assert!(here.ends_with(path), "{here} vs {href}");
        if let Some((_, anchor)) = path.split_once('#') {
            let found = b
                .eval(
                    "return !!document.getElementById(arguments[0]);",
                    vec![json!(anchor)],
                )
                .await;
            assert_eq!(found, json!(true), "anchor {anchor} missing on {here}");
        }
    }
    b.close().await;
}
