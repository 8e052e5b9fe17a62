//! The build pipeline: load -> model -> render -> output.
//!
//! [`Builder`] runs the pipeline and keeps what it can between runs (parsed files,
//! rendered Markdown), so that `serve` can call [`Builder::build`] after every save and
//! pay only for what changed. The result is an [`Output`] in memory; `songngu build`
//! writes it to disk atomically, `serve` serves it from memory.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::data;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Loader;
use crate::markdown::Mode;
use crate::model;
use crate::output::Output;
use crate::render::pages::{self, Inputs, MdCache};
use crate::render::{extras, print, Templates};
use crate::search::{self, SearchPage};
use crate::theme::Theme;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: the folder holding `content/` (and optionally `theme/`).
    pub root: PathBuf,
    /// Whether to include pages marked `draft = true`.
    pub drafts: bool,
}

/// Figures about one build, for the summary line and benchmarks.
#[derive(Debug, Clone, Default)]
pub struct BuildStats {
    /// Pages per language, in the configured order.
    pub pages: Vec<(String, usize)>,
    /// Number of data tables.
    pub tables: usize,
    /// Number of files written.
    pub files: usize,
    /// Total bytes of output.
    pub bytes: u64,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Time spent building the search index.
    pub search_time: Duration,
    /// Markdown renderings reused from the previous build.
    pub reused: usize,
}

impl BuildStats {
    /// The one-line summary printed after a build.
    pub fn summary(&self) -> String {
        let pages: Vec<String> = self.pages.iter().map(|(l, n)| format!("{n} {l}")).collect();
        format!(
            "built {} pages ({}), {} tables, {} files, {} in {}",
            self.pages.iter().map(|(_, n)| n).sum::<usize>(),
            pages.join(", "),
            self.tables,
            self.files,
            human_bytes(self.bytes),
            human_duration(self.elapsed)
        )
    }
}

/// A successful build.
#[derive(Debug, Clone)]
pub struct Built {
    /// Every output file.
    pub output: Output,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
    /// Figures.
    pub stats: BuildStats,
}

/// Runs the pipeline, keeping caches between runs.
pub struct Builder {
    opts: BuildOptions,
    loader: Loader,
    md_cache: MdCache,
    print_cache: MdCache,
}

impl Builder {
    /// A builder for `opts` with empty caches.
    pub fn new(opts: BuildOptions) -> Builder {
        Builder {
            opts,
            loader: Loader::new(),
            md_cache: MdCache::new(),
            print_cache: MdCache::new(),
        }
    }

    /// The options this builder was made with.
    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Builds the site. `Err` holds every diagnostic (at least one error, and the
    /// warnings) when the site has errors; nothing is returned half-built.
    pub fn build(&mut self) -> Result<Built, Diagnostics> {
        let start = Instant::now();
        let mut diags: Vec<Diagnostic> = Vec::new();
        let root = self.opts.root.clone();

        let (content, load_diags) = self.loader.load(&root);
        diags.extend(load_diags);
        let (theme, theme_diags) = Theme::load(&root);
        diags.extend(theme_diags);
        let Some(content) = content else {
            return Err(diags.into());
        };
        let languages = content.config.languages.clone();
        let (dataset, data_diags) = data::load(&root, &languages);
        diags.extend(data_diags);
        let (strings, string_diags) = theme.strings(&languages);
        diags.extend(string_diags);
        let (templates, tmpl_diags) = Templates::new(&theme);
        diags.extend(tmpl_diags);
        let (site, model_diags) = model::build(&content, self.opts.drafts);
        diags.extend(model_diags);

        let inp = Inputs {
            site: &site,
            data: &dataset,
            theme: &theme,
            templates: &templates,
            strings: &strings,
        };
        let (rendered, md_cache) = pages::render_markdown(&inp, Mode::Pages, &self.md_cache);
        let reused = count_reused(&self.md_cache, &md_cache);
        for (l, ls) in site.languages.iter().enumerate() {
            for (p, r) in ls.pages.iter().zip(&rendered[l]) {
                // A fallback page shows the source file; its problems are reported once,
                // for the source language.
                if p.content_lang == p.lang {
                    diags.extend(r.diagnostics.iter().cloned());
                }
            }
        }
        diags.extend(pages::check_links(&site, &rendered));

        let mut output = Output::new();
        let (page_files, page_diags) = pages::render_pages(&inp, &rendered);
        diags.extend(page_diags);
        output.extend(page_files);

        let (printed, print_cache) = pages::render_markdown(&inp, Mode::Print, &self.print_cache);
        let (print_files, print_diags) = print::render_print(&inp, &printed);
        diags.extend(print_diags);
        output.extend(print_files);

        let (special, special_diags) = extras::special_pages(&inp);
        diags.extend(special_diags);
        output.extend(special);
        output.extend(extras::toc_scripts(&inp));
        let (path, bytes) = extras::sitemap(&inp);
        output.insert(path, bytes);
        output.extend(extras::static_files(&inp));
        output.extend(dataset.outputs(&languages));
        for a in &content.assets {
            let url = crate::model::url_for(&a.lang, &a.rel);
            // Assets keep their own file name; only the folders are slugged like pages.
            let dir = url.rsplit_once('/').map_or("", |(d, _)| d);
            let name = a.rel.rsplit('/').next().unwrap_or(&a.rel);
            output.insert(format!("{dir}/{name}"), a.bytes.to_vec());
        }

        let search_start = Instant::now();
        let search_pages: Vec<SearchPage> = site
            .languages
            .iter()
            .enumerate()
            .flat_map(|(l, ls)| {
                let rendered = &rendered;
                ls.pages.iter().enumerate().filter_map(move |(i, p)| {
                    // A page shown in place of a missing translation is not in the
                    // language's index: its text is in the other language.
                    if p.content_lang != p.lang {
                        return None;
                    }
                    Some(SearchPage {
                        lang: &p.lang,
                        url: &p.url,
                        title: &p.title,
                        breadcrumb: ls
                            .ancestors(i)
                            .into_iter()
                            .skip(1)
                            .map(|a| ls.pages[a].title.as_str())
                            .collect(),
                        html: &rendered[l][i].html,
                    })
                })
            })
            .collect();
        output.extend(search::build_index(&search_pages, &languages));
        let search_time = search_start.elapsed();

        let all: Diagnostics = diags.into();
        if all.has_errors() {
            return Err(all);
        }
        self.md_cache = md_cache;
        self.print_cache = print_cache;
        let stats = BuildStats {
            pages: site
                .languages
                .iter()
                .map(|l| (l.code.clone(), l.pages.len()))
                .collect(),
            tables: dataset.len(),
            files: output.len(),
            bytes: output.total_bytes(),
            elapsed: start.elapsed(),
            search_time,
            reused,
        };
        Ok(Built {
            output,
            warnings: all,
            stats,
        })
    }
}

fn count_reused(old: &MdCache, new: &MdCache) -> usize {
    new.iter()
        .filter(|(k, (_, r))| {
            old.get(*k)
                .is_some_and(|(_, o)| std::sync::Arc::ptr_eq(o, r))
        })
        .count()
}

/// Builds once, without keeping caches.
pub fn build_once(opts: BuildOptions) -> Result<Built, Diagnostics> {
    Builder::new(opts).build()
}

/// `1.2 MB`, `340 kB`, `12 B`.
pub fn human_bytes(n: u64) -> String {
    if n >= 1_000_000 {
        format!("{:.1} MB", n as f64 / 1e6)
    } else if n >= 1_000 {
        format!("{:.0} kB", n as f64 / 1e3)
    } else {
        format!("{n} B")
    }
}

/// `1.23 s`, `45 ms`.
pub fn human_duration(d: Duration) -> String {
    if d.as_secs_f64() >= 1.0 {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// Pages per language of a built site, as a map.
pub fn pages_per_language(stats: &BuildStats) -> BTreeMap<String, usize> {
    stats.pages.iter().cloned().collect()
}
