//! Charts drawn at build time as inline SVG: no script, no library in the page.
//!
//! The SVG names itself for assistive technology (`role="img"`, `aria-labelledby` pointing at
//! its `<title>` and `<desc>`; the description lists every value). Colours come from CSS
//! classes (`sn-series-N`, styled in `tables.css` with custom properties) over
//! `currentColor` presentation attributes, so the chart follows the light and dark themes and
//! prints in black when the stylesheet is absent; series also differ by dash pattern and marker
//! shape, so they stay apart in greyscale.

use std::fmt::Write;

use super::format::{self, NumberFormat};
use super::model::{Chart, ChartKind, Decimal, Table};
use super::{escape, ui, TableContext};

const W: f64 = 640.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const PLOT_H: f64 = 240.0;
const CHAR_W: f64 = 7.0;
const DASHES: [&str; 4] = ["", "6 4", "2 3", "10 3 2 3"];

fn fmt_num(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// A round step for about five ticks from 0 to `max`.
fn nice_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let m = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    (m * mag).max(if max >= 1.0 { 1.0 } else { 0.0 })
}

fn tick_label(lang: &str, v: f64, step: f64) -> String {
    let f = NumberFormat::for_lang(lang);
    if step.fract() == 0.0 {
        f.integer(v.round() as i64)
    } else {
        let s = fmt_num(v);
        Decimal::parse(&s).map_or(s, |d| f.decimal_number(d))
    }
}

fn marker(out: &mut String, series: usize, x: f64, y: f64, tip: &str) {
    let cls = format!("sn-marker sn-series-{series}");
    let _ = match series % 4 {
        0 => write!(
            out,
            "<circle class=\"{cls}\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"currentColor\">",
            fmt_num(x),
            fmt_num(y)
        ),
        1 => write!(
            out,
            "<rect class=\"{cls}\" x=\"{}\" y=\"{}\" width=\"8\" height=\"8\" fill=\"currentColor\">",
            fmt_num(x - 4.0),
            fmt_num(y - 4.0)
        ),
        2 => write!(
            out,
            "<polygon class=\"{cls}\" points=\"{},{} {},{} {},{}\" fill=\"currentColor\">",
            fmt_num(x),
            fmt_num(y - 5.0),
            fmt_num(x + 5.0),
            fmt_num(y + 4.0),
            fmt_num(x - 5.0),
            fmt_num(y + 4.0)
        ),
        _ => write!(
            out,
            "<polygon class=\"{cls}\" points=\"{},{} {},{} {},{} {},{}\" fill=\"currentColor\">",
            fmt_num(x),
            fmt_num(y - 5.0),
            fmt_num(x + 5.0),
            fmt_num(y),
            fmt_num(x),
            fmt_num(y + 5.0),
            fmt_num(x - 5.0),
            fmt_num(y)
        ),
    };
    let close = match series % 4 {
        0 => "</circle>",
        1 => "</rect>",
        _ => "</polygon>",
    };
    let _ = write!(out, "<title>{}</title>{close}", escape(tip));
}

/// The chart of `table` as an inline `<svg>` inside a `<div class="sn-chart">`.
pub(crate) fn svg(table: &Table, chart: &Chart, ctx: &TableContext) -> String {
    let lang = ctx.lang;
    let prefix = format!("tbl-{}-chart", table.id);
    let rows: Vec<_> = table.rows().collect();
    let xs: Vec<String> = rows
        .iter()
        .map(|r| format::value(lang, &r.cells[chart.x]))
        .collect();
    let series: Vec<(String, Vec<Option<Decimal>>)> = chart
        .y
        .iter()
        .map(|&c| {
            (
                table.columns[c].label.get(lang).to_string(),
                rows.iter().map(|r| r.cells[c].number()).collect(),
            )
        })
        .collect();
    let max = series
        .iter()
        .flat_map(|(_, v)| v.iter().flatten())
        .map(|d| d.to_f64())
        .fold(0.0f64, f64::max);
    let step = nice_step(max);
    let top_value = if max <= 0.0 {
        step
    } else {
        (max / step).ceil() * step
    };

    // Legend layout: as many items per line as fit.
    let plot_w = W - LEFT - RIGHT;
    let mut legend: Vec<(f64, usize, usize)> = Vec::new(); // (x, line, series)
    let (mut lx, mut line) = (0.0, 0);
    for (i, (label, _)) in series.iter().enumerate() {
        let w = 34.0 + label.chars().count() as f64 * CHAR_W + 16.0;
        if lx > 0.0 && lx + w > plot_w {
            lx = 0.0;
            line += 1;
        }
        legend.push((LEFT + lx, line, i));
        lx += w;
    }
    let legend_top = TOP + PLOT_H + 64.0;
    let height = legend_top + (line as f64 + 1.0) * 20.0 + 4.0;

    let title = chart
        .title
        .as_ref()
        .unwrap_or(&table.caption)
        .get(lang)
        .to_string();
    let kind = match chart.kind {
        ChartKind::Line => ui(ctx.strings, "chart_line", "Line chart"),
        ChartKind::Bar => ui(ctx.strings, "chart_bar", "Bar chart"),
    };
    let x_label = table.columns[chart.x].label.get(lang);
    let mut desc = format!("{kind}. ");
    if let (Some(first), Some(last)) = (xs.first(), xs.last()) {
        desc.push_str(
            &ctx.strings
                .get("table.chart_range")
                .unwrap_or("{x}: {from} to {to}.")
                .replace("{x}", x_label)
                .replace("{from}", first)
                .replace("{to}", last),
        );
    }
    let f = NumberFormat::for_lang(lang);
    for (label, vals) in &series {
        let parts: Vec<String> = xs
            .iter()
            .zip(vals)
            .filter_map(|(x, v)| v.map(|v| format!("{x}: {}", f.decimal_number(v))))
            .collect();
        let _ = write!(desc, " {label}: {}.", parts.join("; "));
    }

    let mut s = String::new();
    let _ = write!(
        s,
        "<div class=\"sn-chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sn-chart-svg sn-chart-{}\" \
         viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{prefix}-title {prefix}-desc\" \
         fill=\"currentColor\" stroke=\"none\" font-size=\"13\">\n\
         <title id=\"{prefix}-title\">{}</title>\n<desc id=\"{prefix}-desc\">{}</desc>\n",
        match chart.kind {
            ChartKind::Line => "line",
            ChartKind::Bar => "bar",
        },
        fmt_num(W),
        fmt_num(height),
        escape(&title),
        escape(&desc)
    );

    let y_of = |v: f64| TOP + PLOT_H - v / top_value * PLOT_H;
    // Grid and y ticks.
    s.push_str("<g class=\"sn-axis sn-axis-y\">\n");
    let ticks = (top_value / step).round() as usize;
    for i in 0..=ticks {
        let v = step * i as f64;
        let y = y_of(v);
        let _ = writeln!(
            s,
            "<line class=\"sn-grid\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"currentColor\" stroke-opacity=\"0.2\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            fmt_num(LEFT),
            fmt_num(W - RIGHT),
            fmt_num(LEFT - 8.0),
            fmt_num(y + 4.0),
            escape(&tick_label(lang, v, step)),
            y = fmt_num(y),
        );
    }
    s.push_str("</g>\n");

    // X axis.
    let n = xs.len().max(1) as f64;
    let band = plot_w / n;
    let x_of = |i: usize| LEFT + band * (i as f64 + 0.5);
    s.push_str("<g class=\"sn-axis sn-axis-x\">\n");
    let _ = writeln!(
        s,
        "<line class=\"sn-axis-line\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"currentColor\"/>",
        fmt_num(LEFT),
        fmt_num(W - RIGHT),
        y = fmt_num(TOP + PLOT_H)
    );
    for (i, x) in xs.iter().enumerate() {
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            fmt_num(x_of(i)),
            fmt_num(TOP + PLOT_H + 18.0),
            escape(x)
        );
    }
    let _ = writeln!(
        s,
        "<text class=\"sn-axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        fmt_num(LEFT + plot_w / 2.0),
        fmt_num(TOP + PLOT_H + 38.0),
        escape(x_label)
    );
    s.push_str("</g>\n");

    // Series.
    let ns = series.len().max(1) as f64;
    for (si, (label, vals)) in series.iter().enumerate() {
        let _ = writeln!(s, "<g class=\"sn-series-group\" aria-hidden=\"true\">");
        match chart.kind {
            ChartKind::Line => {
                let pts: Vec<String> = vals
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| {
                        v.map(|v| format!("{},{}", fmt_num(x_of(i)), fmt_num(y_of(v.to_f64()))))
                    })
                    .collect();
                let dash = DASHES[si % DASHES.len()];
                let dash_attr = if dash.is_empty() {
                    String::new()
                } else {
                    format!(" stroke-dasharray=\"{dash}\"")
                };
                let _ = writeln!(
                    s,
                    "<polyline class=\"sn-line sn-series-{si}\" points=\"{}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"{dash_attr}/>",
                    pts.join(" ")
                );
                for (i, v) in vals.iter().enumerate() {
                    if let Some(v) = v {
                        let tip = format!("{label}, {}: {}", xs[i], f.decimal_number(*v));
                        marker(&mut s, si, x_of(i), y_of(v.to_f64()), &tip);
                    }
                }
                s.push('\n');
            }
            ChartKind::Bar => {
                let bw = band * 0.8 / ns;
                for (i, v) in vals.iter().enumerate() {
                    let Some(v) = v else { continue };
                    let x = LEFT + band * i as f64 + band * 0.1 + bw * si as f64;
                    let y = y_of(v.to_f64().max(0.0));
                    let tip = format!("{label}, {}: {}", xs[i], f.decimal_number(*v));
                    let _ = writeln!(
                        s,
                        "<rect class=\"sn-bar sn-series-{si}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"currentColor\" fill-opacity=\"{}\"><title>{}</title></rect>",
                        fmt_num(x),
                        fmt_num(y),
                        fmt_num(bw),
                        fmt_num(TOP + PLOT_H - y),
                        fmt_num(1.0 - 0.25 * (si % 4) as f64),
                        escape(&tip)
                    );
                }
            }
        }
        s.push_str("</g>\n");
    }

    // Legend.
    s.push_str("<g class=\"sn-legend\">\n");
    for (x, line, si) in legend {
        let y = legend_top + line as f64 * 20.0;
        match chart.kind {
            ChartKind::Line => {
                let dash = DASHES[si % DASHES.len()];
                let dash_attr = if dash.is_empty() {
                    String::new()
                } else {
                    format!(" stroke-dasharray=\"{dash}\"")
                };
                let _ = write!(
                    s,
                    "<line class=\"sn-line sn-series-{si}\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"currentColor\" stroke-width=\"2\"{dash_attr}/>",
                    fmt_num(x),
                    fmt_num(x + 26.0),
                    y = fmt_num(y - 4.0)
                );
                marker(&mut s, si, x + 13.0, y - 4.0, &series[si].0);
            }
            ChartKind::Bar => {
                let _ = write!(
                    s,
                    "<rect class=\"sn-bar sn-series-{si}\" x=\"{}\" y=\"{}\" width=\"26\" height=\"10\" fill=\"currentColor\" fill-opacity=\"{}\"/>",
                    fmt_num(x),
                    fmt_num(y - 9.0),
                    fmt_num(1.0 - 0.25 * (si % 4) as f64)
                );
            }
        }
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            fmt_num(x + 34.0),
            fmt_num(y),
            escape(&series[si].0)
        );
    }
    s.push_str("</g>\n</svg>\n</div>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(97.0), 20.0);
        assert_eq!(nice_step(48.0), 10.0);
        assert_eq!(nice_step(4.0), 1.0);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(fmt_num(12.5), "12.5");
        assert_eq!(fmt_num(40.0), "40");
    }
}
