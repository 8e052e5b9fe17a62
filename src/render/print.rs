//! `print.html`: the whole document of one language on one page, for printing.
//!
//! Pages follow in reading order, each in its own `<section>` whose id is the page's
//! print prefix; links between pages become links within the file. The print stylesheet
//! hides navigation, starts each top-level section on a new page and keeps footnotes.

use std::sync::Arc;

use minijinja::Value;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::markdown::{print_prefix, Rendered};
use crate::model::PageKind;
use crate::render::pages::Inputs;
use crate::render::{document_fields, template_error};

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

/// Renders `<lang>/print.html` for every language from the print-mode Markdown.
pub fn render_print(
    inp: &Inputs,
    rendered: &[Vec<Arc<Rendered>>],
) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let tmpl = match inp.templates.env.get_template("print.html") {
        Ok(t) => t,
        Err(e) => return (files, vec![template_error(inp.theme, &e)]),
    };
    for (l, ls) in inp.site.languages.iter().enumerate() {
        let lang = ls.code.as_str();
        let strings = &inp.strings[lang];
        let pages: Vec<PrintPage> = ls
            .pages
            .iter()
            .zip(&rendered[l])
            .map(|(p, r)| PrintPage {
                id: print_prefix(&p.key).trim_end_matches('-').to_string(),
                title: &p.title,
                depth: p.depth,
                level: if p.kind == PageKind::Cover {
                    1
                } else {
                    (p.depth + 1).min(6)
                },
                content_lang: &p.content_lang,
                content: Value::from_safe_string(r.html.clone()),
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
            Ok(html) => files.push((format!("{lang}/print.html"), html.into_bytes())),
            Err(e) => diags.push(template_error(inp.theme, &e)),
        }
    }
    (files, diags)
}
