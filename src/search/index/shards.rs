//! Writing the files: the document shards (`d/<j>.js`), the term shards (`t/<i>.js`) cut
//! from the sorted dictionary, and the manifest that lists the term shards' separators.

use rayon::prelude::*;
use serde_json::json;

use super::dictionary::Entry;
use super::encode::{front_code, push_json_str, push_num, script_end, script_start};
use super::order::separator;
use super::sections::Doc;
use super::{Emit, DOCS_PER_SHARD, FORMAT_VERSION, MAX_TEXT_BYTES, TERM_SHARD_BYTES};
use crate::search::SearchPage;

/// Writes the document shards of `docs`, [`DOCS_PER_SHARD`] sections each, in parallel.
pub(super) fn write_doc_shards(docs: &[Doc], pages: &[&SearchPage], lang: &str, emit: Emit) {
    let breadcrumbs: Vec<String> = pages.iter().map(|p| p.breadcrumb.join(" › ")).collect();
    docs.par_chunks(DOCS_PER_SHARD)
        .enumerate()
        .for_each(|(i, chunk)| {
            let k = format!("{lang}/d/{i}");
            // Page fields once per shard: [[title, breadcrumb, url], …], then the sections.
            let mut out = script_start(&k, chunk.len() * (MAX_TEXT_BYTES + 128));
            out.push_str("[[");
            push_doc_pages(&mut out, chunk, pages, &breadcrumbs);
            out.push_str("],[");
            push_doc_sections(&mut out, chunk);
            out.push_str("]]");
            emit(format!("search/{k}.js"), script_end(out));
        });
}

/// Appends `[title, breadcrumb, url]` of each page of the sections `chunk`, once a page.
fn push_doc_pages(out: &mut String, chunk: &[Doc], pages: &[&SearchPage], breadcrumbs: &[String]) {
    let mut first = true;
    let mut last = u32::MAX;
    for d in chunk {
        if d.page != last {
            last = d.page;
            let p = pages[d.page as usize];
            if !first {
                out.push(',');
            }
            first = false;
            out.push('[');
            push_json_str(out, p.title);
            out.push(',');
            push_json_str(out, &breadcrumbs[d.page as usize]);
            out.push(',');
            push_json_str(out, p.url);
            out.push(']');
        }
    }
}

/// Appends `[page, anchor, heading trail, text]` of each section of `chunk`, `page` being
/// the index of its page in the shard's list.
fn push_doc_sections(out: &mut String, chunk: &[Doc]) {
    let (mut pi, mut last) = (0usize, chunk[0].page);
    for (j, d) in chunk.iter().enumerate() {
        if d.page != last {
            last = d.page;
            pi += 1;
        }
        if j > 0 {
            out.push(',');
        }
        out.push('[');
        push_num(out, pi);
        out.push(',');
        push_json_str(out, d.anchor.as_deref().unwrap_or(""));
        out.push(',');
        push_json_str(out, &d.trail);
        out.push(',');
        push_json_str(out, &d.text);
        out.push(']');
    }
}

/// Writes the term shards: the sorted `items` with their `encoded` entries (as
/// [`TermEncoder::encode_all`](super::terms::TermEncoder::encode_all) made them), a shard
/// closed once past [`TERM_SHARD_BYTES`]. Returns each shard's separator.
pub(super) fn write_term_shards(
    items: &[Entry],
    encoded: &[(String, Vec<usize>)],
    lang: &str,
    emit: Emit,
) -> Vec<String> {
    let mut seps: Vec<String> = Vec::new();
    let mut shard = String::new();
    let mut shard_keys = String::new();
    let mut last_key: &str = "";
    let flush = |keys: &mut String, entries: &mut String, idx: usize| {
        let k = format!("{lang}/t/{idx}");
        let mut body = script_start(&k, keys.len() + entries.len() + 8);
        body.push_str("[[");
        body.push_str(keys);
        body.push_str("],[");
        body.push_str(entries);
        body.push_str("]]");
        keys.clear();
        entries.clear();
        emit(format!("search/{k}.js"), script_end(body));
    };
    for ((key, _, _), entry) in items.iter().zip(entries_of(encoded)) {
        if shard_keys.is_empty() {
            seps.push(if seps.is_empty() {
                String::new()
            } else {
                separator(last_key, key)
            });
        } else {
            shard_keys.push(',');
            shard.push(',');
        }
        push_json_str(&mut shard_keys, key);
        shard.push_str(entry);
        last_key = key;
        if shard.len() + shard_keys.len() >= TERM_SHARD_BYTES {
            flush(&mut shard_keys, &mut shard, seps.len() - 1);
        }
    }
    if !shard_keys.is_empty() {
        flush(&mut shard_keys, &mut shard, seps.len() - 1);
    }
    seps
}

/// The encoded entries one by one, in order.
fn entries_of(encoded: &[(String, Vec<usize>)]) -> impl Iterator<Item = &str> {
    encoded.iter().flat_map(|(text, ends)| {
        ends.iter().scan(0, move |start, &end| {
            let e = &text[*start..end];
            *start = end;
            Some(e)
        })
    })
}

/// Writes the manifest of a language of `sections` sections whose term shards have the
/// separators `seps`.
pub(super) fn write_manifest(lang: &str, stem: bool, sections: usize, seps: &[String], emit: Emit) {
    let manifest = json!({
        "v": FORMAT_VERSION,
        "lang": lang,
        "stem": stem,
        "docs": sections,
        "per": DOCS_PER_SHARD,
        "shards": seps.len(),
        "sep": front_code(seps),
    });
    let k = format!("{lang}/manifest");
    let mut body = script_start(&k, 0);
    body.push_str(&manifest.to_string());
    emit(format!("search/{k}.js"), script_end(body));
}
