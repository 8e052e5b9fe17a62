//! `print.html`: the whole document of one language on one page, for printing.
//!
//! Pages follow in reading order, each in its own `<section>`. The page HTML already
//! rendered for the site is reused rather than rendered again: [`to_print`] gives every id
//! of a page its page's prefix (so ids stay unique on the one page), turns links between
//! pages into links within the file, and re-roots links to other files (data downloads,
//! images) from the page's folder to `<lang>/`. The print stylesheet hides navigation,
//! starts each top-level section on a new page and keeps footnotes.

use std::collections::HashMap;
use std::sync::Arc;

use minijinja::Value;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::markdown::{print_prefix, Rendered};
use crate::model::PageKind;
use crate::render::pages::{Inputs, SharedFile};
use crate::render::{document_fields, root_of, template_error};

#[derive(Serialize)]
struct PrintPage<'a> {
    id: String,
    title: &'a str,
    depth: usize,
    level: usize,
    content_lang: &'a str,
    content: Value,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    href: String,
}

/// Attributes whose value is one id.
const ID_ATTRS: &[&str] = &["id", "for"];
/// Attributes whose value is a list of ids.
const IDREF_ATTRS: &[&str] = &[
    "headers",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
];
/// Attributes whose value is a URL.
const URL_ATTRS: &[&str] = &["href", "src"];

/// Rewrites the HTML of one page for `print.html` (which sits in `<lang>/`).
///
/// `page_root` is the page's own relative prefix to the site root, `prefix` its id prefix,
/// and `targets` maps the root-relative URL of every page of the language to its id prefix.
pub fn to_print(
    html: &str,
    page_root: &str,
    prefix: &str,
    targets: &HashMap<&str, String>,
) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(eq) = rest.find("=\"") {
        let name_start = rest[..eq]
            .rfind(|c: char| c.is_ascii_whitespace())
            .map_or(eq, |i| i + 1);
        let name = &rest[name_start..eq];
        let value_start = eq + 2;
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let value = &rest[value_start..value_start + len];
        out.push_str(&rest[..value_start]);
        if ID_ATTRS.contains(&name) {
            out.push_str(prefix);
            out.push_str(value);
        } else if IDREF_ATTRS.contains(&name) {
            let ids: Vec<String> = value
                .split_ascii_whitespace()
                .map(|t| format!("{prefix}{t}"))
                .collect();
            out.push_str(&ids.join(" "));
        } else if URL_ATTRS.contains(&name) {
            out.push_str(&print_url(value, page_root, prefix, targets));
        } else {
            out.push_str(value);
        }
        out.push('"');
        rest = &rest[value_start + len + 1..];
    }
    out.push_str(rest);
    out
}

fn print_url(
    value: &str,
    page_root: &str,
    prefix: &str,
    targets: &HashMap<&str, String>,
) -> String {
    if let Some(anchor) = value.strip_prefix('#') {
        return format!("#{prefix}{anchor}");
    }
    let Some(from_root) = value
        .strip_prefix(page_root)
        .filter(|_| !page_root.is_empty())
    else {
        return value.to_string();
    };
    let (path, anchor) = match from_root.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (from_root, None),
    };
    match (targets.get(path), anchor) {
        (Some(p), Some(a)) => format!("#{p}{a}"),
        (Some(p), None) => format!("#{}", p.trim_end_matches('-')),
        // Another file (a download, an image): from print.html, one folder down.
        (None, _) => format!("../{from_root}"),
    }
}

/// The placeholder for page `i`'s HTML in the rendered template. NUL never occurs in
/// rendered text, so a marker cannot be confused with content.
fn marker(i: usize) -> String {
    format!("\u{0}songngu-print-{i}\u{0}")
}

/// Replaces each marker in `html` with its page's HTML.
fn splice(html: &str, fragments: &[(u64, Arc<str>)]) -> String {
    let total: usize = fragments.iter().map(|(_, f)| f.len()).sum();
    let mut out = String::with_capacity(html.len() + total);
    let mut rest = html;
    while let Some(start) = rest.find("\u{0}songngu-print-") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('\u{0}') else {
            break;
        };
        let n = after["songngu-print-".len()..end].parse::<usize>().ok();
        match n.and_then(|n| fragments.get(n)) {
            Some((_, f)) => out.push_str(f),
            None => out.push_str(&rest[start..start + 2 + end]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// What `print.html` rendering keeps between builds: each page's rewritten HTML and each
/// language's finished file, with the fingerprints of their inputs.
#[derive(Default)]
pub struct PrintCache {
    fragments: HashMap<(String, String), (u64, Arc<str>)>,
    files: HashMap<String, (u64, Arc<[u8]>)>,
}

fn hash_parts(parts: &[&[u8]]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in parts {
        h.update(p);
        h.update(&[0xff]);
    }
    h.digest()
}

/// Renders `<lang>/print.html` for every language from the pages' rendered HTML,
/// reusing what `cache` holds for inputs that did not change.
pub fn render_print(
    inp: &Inputs,
    rendered: &[Vec<Arc<Rendered>>],
    md_fps: &(dyn Fn(&str, &str) -> u64 + Sync),
    global: u64,
    cache: &PrintCache,
) -> (Vec<SharedFile>, PrintCache, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let mut new_cache = PrintCache::default();
    let tmpl = match inp.templates.env.get_template("print.html") {
        Ok(t) => t,
        Err(e) => return (files, new_cache, vec![template_error(inp.theme, &e)]),
    };
    for (l, ls) in inp.site.languages.iter().enumerate() {
        let lang = ls.code.as_str();
        let strings = &inp.strings[lang];
        let targets: HashMap<&str, String> = ls
            .pages
            .iter()
            .map(|p| (p.url.as_str(), print_prefix(&p.key)))
            .collect();
        let targets_fp = {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            for p in &ls.pages {
                h.update(p.url.as_bytes());
                h.update(&[0xff]);
            }
            h.digest()
        };
        let fragments: Vec<(u64, Arc<str>)> = {
            use rayon::prelude::*;
            ls.pages
                .par_iter()
                .zip(&rendered[l])
                .map(|(p, r)| {
                    let md = md_fps(&p.lang, &p.key);
                    let fp = hash_parts(&[
                        &md.to_le_bytes(),
                        &targets_fp.to_le_bytes(),
                        p.url.as_bytes(),
                    ]);
                    let ck = (p.lang.clone(), p.key.clone());
                    if let Some((old, text)) = cache.fragments.get(&ck) {
                        if *old == fp {
                            return (fp, text.clone());
                        }
                    }
                    let prefix = &targets[p.url.as_str()];
                    let text = to_print(&r.html, &root_of(&p.url), prefix, &targets);
                    (fp, Arc::from(text))
                })
                .collect()
        };
        let file_fp = {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(&global.to_le_bytes());
            for (p, (fp, _)) in ls.pages.iter().zip(&fragments) {
                h.update(&fp.to_le_bytes());
                h.update(p.title.as_bytes());
                h.update(p.content_lang.as_bytes());
                h.update(&[p.depth as u8, 0xff]);
            }
            h.digest()
        };
        for (p, f) in ls.pages.iter().zip(&fragments) {
            new_cache
                .fragments
                .insert((p.lang.clone(), p.key.clone()), f.clone());
        }
        let path = format!("{lang}/print.html");
        if let Some((old, bytes)) = cache.files.get(lang) {
            if *old == file_fp {
                new_cache
                    .files
                    .insert(lang.to_string(), (file_fp, bytes.clone()));
                files.push((path, bytes.clone()));
                continue;
            }
        }
        let pages: Vec<PrintPage> = ls
            .pages
            .iter()
            .zip(&fragments)
            .enumerate()
            .map(|(i, (p, _))| {
                let prefix = &targets[p.url.as_str()];
                PrintPage {
                    id: prefix.trim_end_matches('-').to_string(),
                    title: &p.title,
                    depth: p.depth,
                    level: if p.kind == PageKind::Cover {
                        1
                    } else {
                        (p.depth + 1).min(6)
                    },
                    content_lang: &p.content_lang,
                    // A marker the finished file gets the page's HTML in place of: the
                    // template then handles short strings only, and the long text is copied once.
                    content: Value::from_safe_string(marker(i)),
                }
            })
            .collect();
        let alternates: Vec<Alternate> = inp
            .site
            .languages
            .iter()
            .map(|o| Alternate {
                lang: o.code.clone(),
                href: format!("../{}/print.html", o.code),
            })
            .collect();
        let cfg = inp.site.config.language(lang);
        let ctx = minijinja::context! {
            lang => lang,
            root => "../",
            site => minijinja::context! { title => &cfg.title, description => &cfg.description },
            i18n => Value::from_serialize(strings.merged()),
            document => document_fields(&inp.site.config, lang, strings),
            alternates => alternates,
            pages => pages,
        };
        match tmpl.render(ctx) {
            Ok(html) => {
                let bytes: Arc<[u8]> = Arc::from(splice(&html, &fragments).into_bytes());
                new_cache
                    .files
                    .insert(lang.to_string(), (file_fp, bytes.clone()));
                files.push((path, bytes));
            }
            Err(e) => diags.push(template_error(inp.theme, &e)),
        }
    }
    (files, new_cache, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_links_and_files_are_rewritten_for_the_one_page() {
        let mut targets = HashMap::new();
        targets.insert("vi/c/d.html", "c-d--".to_string());
        targets.insert("vi/a/b.html", "a-b--".to_string());
        let html = concat!(
            "<h2 id=\"mot\">Một <a class=\"anchor\" href=\"#mot\">#</a></h2>\n",
            "<p><a href=\"../../vi/c/d.html#hai\">x</a> <a href=\"../../vi/c/d.html\">y</a>",
            " <a href=\"https://example.org/\">z</a> <a href=\"../../data/vi/t.csv\" download>csv</a></p>\n",
            "<table><tr><th id=\"h1\">A</th><td headers=\"h1 h2\">1</td></tr></table>",
            "<p>id=&quot;not-an-attribute&quot;</p>"
        );
        let out = to_print(html, "../../", "a-b--", &targets);
        assert!(out.contains("<h2 id=\"a-b--mot\">"), "{out}");
        assert!(out.contains("href=\"#a-b--mot\""), "{out}");
        assert!(out.contains("href=\"#c-d--hai\""), "{out}");
        assert!(out.contains("href=\"#c-d\""), "{out}");
        assert!(out.contains("href=\"https://example.org/\""), "{out}");
        assert!(out.contains("href=\"../data/vi/t.csv\" download"), "{out}");
        assert!(out.contains("<th id=\"a-b--h1\">"), "{out}");
        assert!(out.contains("headers=\"a-b--h1 a-b--h2\""), "{out}");
        assert!(out.contains("id=&quot;not-an-attribute&quot;"), "{out}");
    }
}
