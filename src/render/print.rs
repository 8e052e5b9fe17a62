//! `print.html`: the whole document of one language on one page, for printing.
//!
//! Pages follow in reading order, each in its own `<section>`. The page HTML already
//! rendered for the site is reused rather than rendered again: [`to_print`] gives every id
//! of a page its page's prefix (so ids stay unique on the one page), turns links between
//! pages into links within the file, and writes every other relative URL (images, data
//! downloads, files) for `<lang>/print.html` instead of the page's own place. The print stylesheet hides navigation,
//! starts each top-level section on a new page and keeps footnotes.

use std::collections::HashMap;
use std::sync::Arc;

use minijinja::Value;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::markdown::{print_prefix, Rendered};
use crate::model::PageKind;
use crate::output::Output;
use crate::render::pages::{Inputs, SharedFile};
use crate::render::{document_fields, template_error};
use crate::text::rebase::{rebase_attr, resolve, rewrite_attrs, write_relative, Move};

#[derive(Serialize)]
struct PrintPage<'a> {
    id: String,
    /// The id of the page's title: its prefix and the title's id on the page, so that a
    /// link to the title (`a.md#its-title`) lands on it in print too.
    title_id: String,
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

/// Rewrites the HTML of one page for the language's `print.html` (at `print`, e.g.
/// `vi/print.html`).
///
/// `page` is the page's own URL (the HTML's URLs are relative to it), `prefix` its id
/// prefix, and `targets` maps the root-relative URL of every page of the language to its
/// id prefix: ids get the prefix, links to pages and headings become links within the
/// file, and every other relative URL (images, downloads, files) is written for `print`.
pub(crate) fn to_print(
    html: &str,
    page: &str,
    print: &str,
    prefix: &str,
    targets: &HashMap<&str, String>,
) -> String {
    let mut path = String::new();
    let mut buf = [0u8; 16];
    let moved = Move::new(page, print);
    let rewritten = rewrite_attrs(html, |a, out| match a.lower_name(&mut buf) {
        // One id.
        b"id" | b"for" => {
            out.push_str(prefix);
            out.push_str(a.value);
            true
        }
        // A list of ids.
        b"headers" | b"aria-labelledby" | b"aria-describedby" | b"aria-controls" => {
            for (i, id) in a.value.split_ascii_whitespace().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(prefix);
                out.push_str(id);
            }
            true
        }
        b"href" | b"src" => print_url(a.value, page, print, prefix, targets, &mut path, out),
        // The common attributes that hold no URL, settled at once.
        b"class" | b"lang" | b"alt" | b"title" | b"role" | b"aria-label" | b"aria-hidden"
        | b"colspan" | b"rowspan" | b"width" | b"height" | b"start" | b"type" => false,
        // Table cells' alignment: a style with no `url(…)`.
        b"style" if memchr::memchr(b'(', a.value.as_bytes()).is_none() => false,
        _ => rebase_attr(a, &moved, &mut path, out),
    });
    rewritten.into_owned()
}

/// Writes to `out` the URL `value` of page `page` as `print.html` (at `print`) needs it: a
/// fragment gets the page's id `prefix`, a link to a page of `targets` (or a heading of
/// it) becomes a fragment, any other relative URL is moved to `print`. Returns `false` when
/// the URL stays as written. `path` is scratch space.
fn print_url(
    value: &str,
    page: &str,
    print: &str,
    prefix: &str,
    targets: &HashMap<&str, String>,
    path: &mut String,
    out: &mut String,
) -> bool {
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    if let Some(anchor) = value.strip_prefix('#') {
        out.push('#');
        out.push_str(prefix);
        out.push_str(anchor);
        return true;
    }
    let Some(r) = resolve(value, page, path) else {
        return false;
    };
    // A folder's page is its `index.html`.
    let folder = path.is_empty() || path.ends_with('/');
    if folder {
        path.push_str("index.html");
    }
    let target = match r.suffix.strip_prefix('#') {
        Some(anchor) => targets.get(path.as_str()).map(|p| (p, anchor)),
        None if r.suffix.is_empty() => targets.get(path.as_str()).map(|p| (p, "")),
        None => None,
    };
    match target {
        Some((p, "")) => {
            out.push('#');
            out.push_str(p.trim_end_matches('-'));
        }
        Some((p, anchor)) => {
            out.push('#');
            out.push_str(p);
            out.push_str(anchor);
        }
        None => {
            if folder {
                path.truncate(path.len() - "index.html".len());
            }
            write_relative(path, &r, print, out);
        }
    }
    true
}

/// The placeholder for page `i`'s HTML in the rendered template. NUL never occurs in
/// rendered text, so a marker cannot be confused with content.
fn marker(i: usize) -> String {
    format!("\u{0}songngu-print-{i}\u{0}")
}

/// Replaces each marker in `html` with its page's HTML. The file is tens of megabytes on
/// a big site: it is measured first and copied once, into its final allocation.
fn splice(html: &str, fragments: &[(u64, Arc<str>)]) -> Arc<[u8]> {
    concat_shared(&splice_parts(html, fragments))
}

/// The pieces of `html` with each marker replaced by its page's HTML, in order.
fn splice_parts<'a>(html: &'a str, fragments: &'a [(u64, Arc<str>)]) -> Vec<&'a [u8]> {
    let mut parts: Vec<&[u8]> = Vec::with_capacity(fragments.len() * 2 + 1);
    let _ = walk_markers(html, fragments.len(), |part| -> Result<(), ()> {
        parts.push(match part {
            Part::Text(t) => t,
            Part::Page(i) => fragments[i].1.as_bytes(),
        });
        Ok(())
    });
    parts
}

/// A piece of a rendered template: text, or the place of page `i`'s HTML.
enum Part<'a> {
    Text(&'a [u8]),
    Page(usize),
}

/// Calls `f` with the pieces of `html` in order: text, and a [`Part::Page`] for each marker
/// of a page below `pages` (any other marker is text). Stops at the first error.
fn walk_markers<'a, E>(
    html: &'a str,
    pages: usize,
    mut f: impl FnMut(Part<'a>) -> Result<(), E>,
) -> Result<(), E> {
    let mut rest = html;
    while let Some(start) = rest.find("\u{0}songngu-print-") {
        f(Part::Text(&rest.as_bytes()[..start]))?;
        let after = &rest[start + 1..];
        let Some(end) = after.find('\u{0}') else {
            rest = &rest[start..];
            break;
        };
        let n = after["songngu-print-".len()..end].parse::<usize>().ok();
        match n.filter(|&n| n < pages) {
            Some(i) => f(Part::Page(i))?,
            None => f(Part::Text(&rest.as_bytes()[start..start + 2 + end]))?,
        }
        rest = &after[end + 1..];
    }
    f(Part::Text(rest.as_bytes()))
}

/// Writes `html` with each marker replaced by page `i`'s HTML, `make(i)`, made in parallel
/// batches as the writing reaches them: the pages' print HTML is never all in memory.
fn write_spliced(
    w: &mut dyn std::io::Write,
    html: &str,
    pages: usize,
    make: &(dyn Fn(usize) -> String + Sync),
) -> std::io::Result<()> {
    use rayon::prelude::*;
    const BATCH: usize = 256;
    let mut first = 0;
    let mut batch: Vec<String> = Vec::new();
    walk_markers(html, pages, |part| match part {
        Part::Text(t) => w.write_all(t),
        Part::Page(i) => {
            if !(first..first + batch.len()).contains(&i) {
                first = i;
                batch = (i..(i + BATCH).min(pages))
                    .into_par_iter()
                    .map(make)
                    .collect();
            }
            w.write_all(batch[i - first].as_bytes())
        }
    })
}

/// The concatenation of `parts` in one new shared buffer, copied once.
fn concat_shared(parts: &[&[u8]]) -> Arc<[u8]> {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let mut buf = Arc::<[u8]>::new_uninit_slice(total);
    let Some(dst) = Arc::get_mut(&mut buf) else {
        unreachable!("a new Arc is unique");
    };
    let mut at = 0;
    for p in parts {
        // SAFETY: `dst` has `total` bytes, the sum of the parts' lengths, so
        // `at + p.len() <= total`; `p` is a different allocation from `dst`.
        unsafe {
            std::ptr::copy_nonoverlapping(
                p.as_ptr(),
                dst.as_mut_ptr().add(at).cast::<u8>(),
                p.len(),
            );
        }
        at += p.len();
    }
    debug_assert_eq!(at, total);
    // SAFETY: the loop above wrote all `total` bytes.
    unsafe { buf.assume_init() }
}

/// What `print.html` rendering keeps between builds: each page's rewritten HTML and each
/// language's finished file, with the fingerprints of their inputs.
#[derive(Default)]
pub(crate) struct PrintCache {
    fragments: HashMap<(String, String), (u64, Arc<str>)>,
    files: HashMap<String, PrintFile>,
}

/// A language's finished `print.html` and what it was assembled from, so that new HTML for
/// a page can be put in place without rendering the template again ([`update_pages`]).
#[derive(Clone)]
struct PrintFile {
    /// Fingerprint of everything the file is made from ([`file_fingerprint`]).
    fp: u64,
    bytes: Arc<[u8]>,
    /// The rendered template, with a [`marker`] where each page's HTML goes.
    template: Arc<str>,
    /// The pages' rewritten HTML with their fingerprints, in page order.
    fragments: Arc<Vec<(u64, Arc<str>)>>,
    /// Fingerprint of the language's page URLs (part of each fragment's fingerprint).
    targets_fp: u64,
}

/// Fingerprint of one language's `print.html`: the global inputs, each page's fragment,
/// title, language and depth.
fn file_fingerprint(
    global: u64,
    pages: &[crate::model::Page],
    fragments: &[(u64, Arc<str>)],
) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&global.to_le_bytes());
    for (p, (fp, _)) in pages.iter().zip(fragments) {
        h.update(&fp.to_le_bytes());
        h.update(p.title.as_bytes());
        h.update(p.content_lang.as_bytes());
        h.update(&[p.depth as u8, 0xff]);
    }
    h.digest()
}

fn fragment_fingerprint(md: u64, targets_fp: u64, url: &str) -> u64 {
    hash_parts(&[&md.to_le_bytes(), &targets_fp.to_le_bytes(), url.as_bytes()])
}

/// Page `p`'s HTML rewritten for its language's `print.html` ([`to_print`] with the page's
/// own URL and id prefix from `targets`).
fn page_print_html(p: &crate::model::Page, html: &str, targets: &HashMap<&str, String>) -> String {
    let print = [p.lang.as_str(), "/print.html"].concat();
    let out = to_print(html, &p.url, &print, &targets[p.url.as_str()], targets);
    name_footnotes(out, &p.title)
}

/// The page's list of footnotes labelled with the page's title too (`Footnotes: Title`):
/// in print every page's list is a landmark, and landmarks must have distinct names.
fn name_footnotes(mut html: String, title: &str) -> String {
    const START: &str = "role=\"doc-endnotes\" aria-label=\"";
    let Some(at) = html.find(START) else {
        return html;
    };
    let label_start = at + START.len();
    if let Some(len) = html[label_start..].find('"') {
        let name = [": ", &crate::text::escape(title)].concat();
        html.insert_str(label_start + len, &name);
    }
    html
}

fn targets_of(ls: &crate::model::LanguageSite) -> HashMap<&str, String> {
    ls.pages
        .iter()
        .map(|p| (p.url.as_str(), print_prefix(&p.key)))
        .collect()
}

/// Puts new HTML for the pages `changed` (indexes into language `l`'s pages) into that
/// language's cached `print.html` and returns the new file. For rebuilds in which only
/// those pages' bodies changed: the pages, their titles, order and URLs are as when the
/// cache was filled. `None` when the cache holds no file for the language (then
/// [`render_print`] renders it whole).
pub(crate) fn update_pages(
    inp: &Inputs,
    l: usize,
    changed: &[usize],
    rendered: &[Vec<Arc<Rendered>>],
    md_fps: &dyn Fn(&str, &str) -> u64,
    global: u64,
    cache: &mut PrintCache,
) -> Option<SharedFile> {
    let ls = &inp.site.languages[l];
    let lang = ls.code.as_str();
    let file = cache.files.get_mut(lang)?;
    if file.fragments.len() != ls.pages.len() {
        return None;
    }
    let targets = targets_of(ls);
    let fragments = Arc::make_mut(&mut file.fragments);
    for &i in changed {
        let p = &ls.pages[i];
        let fp = fragment_fingerprint(md_fps(&p.lang, &p.key), file.targets_fp, &p.url);
        let text: Arc<str> = Arc::from(page_print_html(p, &rendered[l][i].html, &targets));
        fragments[i] = (fp, text.clone());
        cache
            .fragments
            .insert((p.lang.clone(), p.key.clone()), (fp, text));
    }
    file.fp = file_fingerprint(global, &ls.pages, fragments);
    file.bytes = splice(&file.template, fragments);
    Some((format!("{lang}/print.html"), file.bytes.clone()))
}

fn hash_parts(parts: &[&[u8]]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in parts {
        h.update(p);
        h.update(&[0xff]);
    }
    h.digest()
}

/// A page's rewritten HTML with its fingerprint, by (language, key).
type KeyedFragment = ((String, String), (u64, Arc<str>));

/// What [`render_print`] makes for one language.
#[derive(Default)]
struct LangPrint {
    fragments: Vec<KeyedFragment>,
    file: Option<(String, PrintFile)>,
    out: Option<SharedFile>,
    diag: Option<Diagnostic>,
}

/// Renders `<lang>/print.html` for every language from the pages' rendered HTML,
/// reusing what `cache` holds for inputs that did not change. With a streaming `sink`, each
/// file is written from its pieces, never joined in memory, and neither returned nor
/// cached.
pub(crate) fn render_print(
    inp: &Inputs,
    rendered: &[Vec<Arc<Rendered>>],
    md_fps: &(dyn Fn(&str, &str) -> u64 + Sync),
    global: u64,
    cache: &PrintCache,
    sink: Option<&Output>,
) -> (Vec<SharedFile>, PrintCache, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let mut new_cache = PrintCache::default();
    let tmpl = match inp.templates.env.get_template("print.html") {
        Ok(t) => t,
        Err(e) => return (files, new_cache, vec![template_error(inp.theme, &e)]),
    };
    let job = PrintJob {
        inp,
        rendered,
        md_fps,
        global,
        cache,
        sink: sink.filter(|s| s.is_streaming()),
        tmpl,
    };
    // The languages in parallel too: the template and the assembly of each file are serial.
    let results: Vec<LangPrint> = {
        use rayon::prelude::*;
        inp.site
            .languages
            .par_iter()
            .enumerate()
            .map(|(l, ls)| job.language(l, ls))
            .collect()
    };
    for r in results {
        new_cache.fragments.extend(r.fragments);
        if let Some((lang, file)) = r.file {
            new_cache.files.insert(lang, file);
        }
        files.extend(r.out);
        diags.extend(r.diag);
    }
    (files, new_cache, diags)
}

/// What [`render_print`] reads for each language.
struct PrintJob<'a> {
    inp: &'a Inputs<'a>,
    rendered: &'a [Vec<Arc<Rendered>>],
    md_fps: &'a (dyn Fn(&str, &str) -> u64 + Sync),
    global: u64,
    cache: &'a PrintCache,
    sink: Option<&'a Output>,
    tmpl: minijinja::Template<'a, 'a>,
}

impl PrintJob<'_> {
    /// The print file of language `l` (`ls`).
    fn language(&self, l: usize, ls: &crate::model::LanguageSite) -> LangPrint {
        let mut res = LangPrint::default();
        let lang = ls.code.as_str();
        let targets = targets_of(ls);
        let targets_fp = urls_fingerprint(ls);
        let path = format!("{lang}/print.html");
        // The pages' print HTML, reused from the cache where it can be. A streaming build
        // keeps no cache and makes each page's as the file is written (below).
        let (mut fragments, mut file_fp) = (Vec::new(), 0);
        if self.sink.is_none() {
            fragments = self.fragments(l, ls, &targets, targets_fp);
            file_fp = file_fingerprint(self.global, &ls.pages, &fragments);
            res.fragments = ls
                .pages
                .iter()
                .zip(&fragments)
                .map(|(p, f)| ((p.lang.clone(), p.key.clone()), f.clone()))
                .collect();
            if let Some(old) = self.cache.files.get(lang).filter(|old| old.fp == file_fp) {
                res.out = Some((path, old.bytes.clone()));
                res.file = Some((lang.to_string(), old.clone()));
                return res;
            }
        }
        let html = match self.tmpl.render(self.context(ls, &targets)) {
            Ok(html) => html,
            Err(e) => {
                res.diag = Some(template_error(self.inp.theme, &e));
                return res;
            }
        };
        if let Some(out) = self.sink {
            let make =
                |i: usize| page_print_html(&ls.pages[i], &self.rendered[l][i].html, &targets);
            out.write_with_now(&path, |w| write_spliced(w, &html, ls.pages.len(), &make));
            return res;
        }
        let bytes: Arc<[u8]> = splice(&html, &fragments);
        res.file = Some((
            lang.to_string(),
            PrintFile {
                fp: file_fp,
                bytes: bytes.clone(),
                template: Arc::from(html),
                fragments: Arc::new(fragments),
                targets_fp,
            },
        ));
        res.out = Some((path, bytes));
        res
    }

    /// Each page's print HTML with its fingerprint, from the cache where its inputs did not
    /// change.
    fn fragments(
        &self,
        l: usize,
        ls: &crate::model::LanguageSite,
        targets: &HashMap<&str, String>,
        targets_fp: u64,
    ) -> Vec<(u64, Arc<str>)> {
        use rayon::prelude::*;
        ls.pages
            .par_iter()
            .zip(&self.rendered[l])
            .map(|(p, r)| {
                let md = (self.md_fps)(&p.lang, &p.key);
                let fp = fragment_fingerprint(md, targets_fp, &p.url);
                let ck = (p.lang.clone(), p.key.clone());
                if let Some((old, text)) = self.cache.fragments.get(&ck) {
                    if *old == fp {
                        return (fp, text.clone());
                    }
                }
                (fp, Arc::from(page_print_html(p, &r.html, targets)))
            })
            .collect()
    }

    /// The print template's context for language `ls`: the pages carry markers in place
    /// of their HTML.
    fn context(&self, ls: &crate::model::LanguageSite, targets: &HashMap<&str, String>) -> Value {
        let inp = self.inp;
        let lang = ls.code.as_str();
        let strings = &inp.strings[lang];
        let pages: Vec<PrintPage> = ls
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| PrintPage {
                id: targets[p.url.as_str()].trim_end_matches('-').to_string(),
                title_id: [
                    targets[p.url.as_str()].as_str(),
                    &crate::markdown::title_id(&p.title),
                ]
                .concat(),
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
        minijinja::context! {
            lang => lang,
            root => "../",
            site => minijinja::context! { title => &cfg.title, description => &cfg.description, extra => &inp.site.config.site.extra },
            i18n => strings.template_value(),
            document => document_fields(&inp.site.config, lang, strings),
            alternates => alternates,
            pages => pages,
        }
    }
}

/// Fingerprint of the URLs of a language's pages (the targets of its links in print).
fn urls_fingerprint(ls: &crate::model::LanguageSite) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in &ls.pages {
        h.update(p.url.as_bytes());
        h.update(&[0xff]);
    }
    h.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_spliced_gives_the_file_splicing_in_memory_gives() {
        // More pages than one batch, a page twice, and a marker of no page (kept as text).
        let n = 600;
        let mut html = String::from("<head>");
        for i in (0..n).chain([3]) {
            html.push_str(&marker(i));
            html.push('|');
        }
        html.push_str(&marker(n + 5));
        html.push_str("</html>");
        let fragment = |i: usize| format!("<p>{i}</p>");
        let fragments: Vec<(u64, Arc<str>)> = (0..n).map(|i| (0, Arc::from(fragment(i)))).collect();
        let joined = splice(&html, &fragments);
        let mut written = Vec::new();
        write_spliced(&mut written, &html, n, &fragment).unwrap();
        assert_eq!(written, joined.to_vec());
        let text = String::from_utf8(written).unwrap();
        assert!(text.starts_with("<head><p>0</p>|<p>1</p>|"));
        assert!(text.contains("<p>599</p>|<p>3</p>|"));
        assert!(text.ends_with(&format!("{}</html>", marker(n + 5))));
    }

    #[test]
    fn ids_links_and_files_are_rewritten_for_the_one_page() {
        let mut targets = HashMap::new();
        targets.insert("vi/c/d.html", "c-d--".to_string());
        targets.insert("vi/c/index.html", "c--".to_string());
        targets.insert("vi/a/b.html", "a-b--".to_string());
        let html = concat!(
            "<h2 id=\"mot\">Một <a class=\"anchor\" href=\"#mot\">#</a></h2>\n",
            "<p><a href=\"../../vi/c/d.html#hai\">x</a> <a href=\"../../vi/c/d.html\">y</a>",
            " <a href=\"https://example.org/\">z</a> <a href=\"../../data/vi/t.csv\" download>csv</a></p>\n",
            "<table><tr><th id=\"h1\">A</th><td headers=\"h1 h2\">1</td></tr></table>",
            "<p>id=&quot;not-an-attribute&quot;</p>",
            "<p><img src=\"hinh.png\" srcset=\"hinh-2x.png 2x\"> <a href=\"../c/\">c</a>",
            " <a href='../c/d.html?in=1'>q</a> <a href=\"tai/x.pdf#page=2\">pdf</a></p>"
        );
        let out = to_print(html, "vi/a/b.html", "vi/print.html", "a-b--", &targets);
        assert!(out.contains("<h2 id=\"a-b--mot\">"), "{out}");
        assert!(out.contains("href=\"#a-b--mot\""), "{out}");
        assert!(out.contains("href=\"#c-d--hai\""), "{out}");
        assert!(out.contains("href=\"#c-d\""), "{out}");
        assert!(out.contains("href=\"https://example.org/\""), "{out}");
        assert!(out.contains("href=\"../data/vi/t.csv\" download"), "{out}");
        assert!(out.contains("<th id=\"a-b--h1\">"), "{out}");
        assert!(out.contains("headers=\"a-b--h1 a-b--h2\""), "{out}");
        assert!(out.contains("id=&quot;not-an-attribute&quot;"), "{out}");
        // Files beside the page, from print.html's folder; a folder's page is its section.
        assert!(
            out.contains("src=\"a/hinh.png\" srcset=\"a/hinh-2x.png 2x\""),
            "{out}"
        );
        assert!(out.contains("href=\"#c\""), "{out}");
        assert!(out.contains("href='c/d.html?in=1'"), "{out}");
        assert!(out.contains("href=\"a/tai/x.pdf#page=2\""), "{out}");
    }
}
