//! The files of a site that are not pages: the table-of-contents scripts, `sitemap.xml`,
//! `404.html`, the root `index.html` and the theme's static files.

use minijinja::Value;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;
use crate::render::pages::Inputs;
use crate::render::template_error;
use crate::text::{escape, escape_into};
use crate::theme::Origin;

/// `assets/toc-<lang>.js` for every language: the whole tree as a flat list in reading
/// order, `[url, title, depth]`, registered on `window.songnguToc[lang]`. A script file
/// (not JSON fetched at run time) so that it also loads from `file://`.
pub(crate) fn toc_scripts(inp: &Inputs) -> Vec<(String, Vec<u8>)> {
    inp.site
        .languages
        .iter()
        .map(|ls| {
            let items: Vec<(&str, &str, usize)> = ls
                .pages
                .iter()
                .map(|p| (p.url.as_str(), p.title.as_str(), p.depth))
                .collect();
            let json = serde_json::to_string(&items).unwrap_or_else(|_| "[]".to_string());
            let lang = serde_json::to_string(&ls.code).unwrap_or_default();
            let js = format!("(window.songnguToc = window.songnguToc || {{}})[{lang}] = {json};\n");
            (format!("assets/toc-{}.js", ls.code), js.into_bytes())
        })
        .collect()
}

/// `sitemap.xml` with an entry per page and `xhtml:link` hreflang alternates, from the
/// theme's `templates/sitemap.xml`. URLs are absolute when site.toml has `base_url`,
/// otherwise under `base_path`.
///
/// The built-in template is not run through the template engine: [`sitemap_builtin`] writes
/// the same bytes (a test compares them) in a fraction of the time, as a 10,000-page site
/// has 20,000 entries. A site that overrides the template gets it rendered.
pub(crate) fn sitemap(inp: &Inputs) -> Result<(String, Vec<u8>), Diagnostic> {
    const NAME: &str = "sitemap.xml";
    let base = match &inp.site.config.site.base_url {
        Some(u) => format!("{}/", u.trim_end_matches('/')),
        None => inp.site.config.base_path(),
    };
    let overridden = inp
        .theme
        .files
        .get("templates/sitemap.xml")
        .is_some_and(|f| f.origin == Origin::Site);
    if !overridden {
        return Ok((NAME.to_string(), sitemap_builtin(inp, &base)));
    }
    let xml = render_sitemap(inp, &base).map_err(|e| template_error(inp.theme, &e))?;
    Ok((NAME.to_string(), xml.into_bytes()))
}

/// One page in the sitemap's template context.
#[derive(Serialize)]
struct SitemapPage<'a> {
    url: &'a str,
    alternates: Vec<SitemapAlternate<'a>>,
}

/// The same page in one language.
#[derive(Serialize)]
struct SitemapAlternate<'a> {
    lang: &'a str,
    url: &'a str,
}

/// `templates/sitemap.xml` rendered with `base` and every page (`url`, `alternates`).
fn render_sitemap(inp: &Inputs, base: &str) -> Result<String, minijinja::Error> {
    let site = inp.site;
    let pages: Vec<SitemapPage> = site
        .languages
        .iter()
        .flat_map(|ls| &ls.pages)
        .map(|p| SitemapPage {
            url: &p.url,
            alternates: site
                .languages
                .iter()
                .filter_map(|other| {
                    other.page(&p.key).map(|op| SitemapAlternate {
                        lang: &other.code,
                        url: &op.url,
                    })
                })
                .collect(),
        })
        .collect();
    inp.templates
        .env
        .get_template("sitemap.xml")?
        .render(minijinja::context! { base => base, pages => pages })
}

/// The bytes the built-in `templates/sitemap.xml` renders.
fn sitemap_builtin(inp: &Inputs, base: &str) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let base = escape(base);
    for ls in &inp.site.languages {
        for p in &ls.pages {
            xml.push_str("  <url>\n    <loc>");
            xml.push_str(&base);
            escape_into(&mut xml, &p.url);
            xml.push_str("</loc>\n");
            for other in &inp.site.languages {
                if let Some(op) = other.page(&p.key) {
                    xml.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
                    escape_into(&mut xml, &other.code);
                    xml.push_str("\" href=\"");
                    xml.push_str(&base);
                    escape_into(&mut xml, &op.url);
                    xml.push_str("\"/>\n");
                }
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml.into_bytes()
}

#[derive(Serialize)]
struct LangEntry {
    code: String,
    name: String,
    title: String,
    href: String,
    strings: Value,
}

fn lang_entries(inp: &Inputs, prefix: &str) -> Vec<LangEntry> {
    inp.site
        .languages
        .iter()
        .map(|ls| {
            let cfg = inp.site.config.language(&ls.code);
            LangEntry {
                code: ls.code.clone(),
                name: cfg.name.clone(),
                title: cfg.title.clone(),
                href: format!("{prefix}{}/index.html", ls.code),
                strings: Value::from_serialize(
                    inp.strings[&ls.code]
                        .merged()
                        .get("ui")
                        .cloned()
                        .unwrap_or(toml::Value::Table(Default::default())),
                ),
            }
        })
        .collect()
}

/// `404.html` (links under `base_path`, since it is served at any depth) and the root
/// `index.html` (the source language's cover, see [`super::pages::render_root`], from the
/// build's rendering of it, `cover`, when there is one).
pub(crate) fn special_pages(
    inp: &Inputs,
    cover: Option<&Rendered>,
) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let src = inp.site.config.source_language();
    let src_cfg = inp.site.config.language(src);
    let i18n = inp.strings[src].template_value();
    let base = inp.site.config.base_path();
    let site = minijinja::context! { title => &src_cfg.title, description => &src_cfg.description };

    match inp.templates.env.get_template("404.html") {
        Ok(t) => match t.render(minijinja::context! {
            lang => src, base => &base, site => site.clone(), i18n => i18n.clone(),
            languages => lang_entries(inp, &base),
        }) {
            Ok(html) => files.push(("404.html".to_string(), html.into_bytes())),
            Err(e) => diags.push(template_error(inp.theme, &e)),
        },
        Err(e) => diags.push(template_error(inp.theme, &e)),
    }
    // A source language with no pages has no cover to show at the root; the model said why.
    if inp
        .site
        .languages
        .first()
        .is_some_and(|ls| !ls.pages.is_empty())
    {
        match super::pages::render_root(inp, cover) {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    (files, diags)
}

/// The theme's static files under `assets/`; without a search index (`[search] enabled =
/// false`), not the search box's script and styles.
pub(crate) fn static_files(inp: &Inputs) -> Vec<(String, Vec<u8>)> {
    let search = inp.site.config.search_enabled();
    inp.theme
        .statics()
        .filter(|(rel, _)| search || !SEARCH_ASSETS.contains(rel))
        .map(|(rel, f)| (format!("assets/{rel}"), f.bytes.to_vec()))
        .collect()
}

/// The theme's static files that only the search box uses.
const SEARCH_ASSETS: [&str; 2] = ["search.js", "search.css"];
