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
use super::{ui, TableContext};
use crate::text::escape;

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
    let d = Drawing::new(table, chart, ctx.lang);
    let legend = legend_layout(&d.series);
    let mut s = String::new();
    d.open_svg(table, chart, ctx, legend_height(&legend), &mut s);
    d.y_axis(&mut s);
    d.x_axis(table.columns[chart.x].label.get(d.lang), &mut s);
    for (si, (label, vals)) in d.series.iter().enumerate() {
        let _ = writeln!(s, "<g class=\"sn-series-group\" aria-hidden=\"true\">");
        match d.kind {
            ChartKind::Line => d.line_series(si, label, vals, &mut s),
            ChartKind::Bar => d.bar_series(si, label, vals, &mut s),
        }
        s.push_str("</g>\n");
    }
    d.legend(&legend, &mut s);
    s.push_str("</svg>\n</div>\n");
    s
}

/// A legend item: its left edge, its line (from 0) and its series.
struct LegendItem {
    x: f64,
    line: usize,
    series: usize,
}

/// The top of the legend's first line.
const LEGEND_TOP: f64 = TOP + PLOT_H + 64.0;

/// The place of each legend item: as many items per line as fit the plot's width.
fn legend_layout(series: &[(String, Vec<Option<Decimal>>)]) -> Vec<LegendItem> {
    let plot_w = W - LEFT - RIGHT;
    let mut legend = Vec::new();
    let (mut lx, mut line) = (0.0, 0);
    for (i, (label, _)) in series.iter().enumerate() {
        let w = 34.0 + label.chars().count() as f64 * CHAR_W + 16.0;
        if lx > 0.0 && lx + w > plot_w {
            lx = 0.0;
            line += 1;
        }
        legend.push(LegendItem {
            x: LEFT + lx,
            line,
            series: i,
        });
        lx += w;
    }
    legend
}

/// The height of the whole chart: the plot, the axis labels and the legend's lines.
fn legend_height(legend: &[LegendItem]) -> f64 {
    let lines = legend.last().map_or(0, |item| item.line);
    LEGEND_TOP + (lines as f64 + 1.0) * 20.0 + 4.0
}

/// The figures of a chart, and the scale they are drawn at.
struct Drawing<'a> {
    kind: ChartKind,
    lang: &'a str,
    /// The number format of the page's language.
    f: NumberFormat,
    /// The labels along the horizontal axis, one per row.
    xs: Vec<String>,
    /// Per series: its label and its value in each row.
    series: Vec<(String, Vec<Option<Decimal>>)>,
    /// The value between two ticks of the vertical axis.
    step: f64,
    /// The value at the top of the vertical axis.
    top_value: f64,
    /// The width of the horizontal space of one row.
    band: f64,
}

impl<'a> Drawing<'a> {
    fn new(table: &'a Table, chart: &Chart, lang: &'a str) -> Self {
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
        let band = (W - LEFT - RIGHT) / xs.len().max(1) as f64;
        Drawing {
            kind: chart.kind,
            lang,
            f: NumberFormat::for_lang(lang),
            xs,
            series,
            step,
            top_value,
            band,
        }
    }

    /// The vertical position of value `v`.
    fn y_of(&self, v: f64) -> f64 {
        TOP + PLOT_H - v / self.top_value * PLOT_H
    }

    /// The horizontal position of the middle of row `i`.
    fn x_of(&self, i: usize) -> f64 {
        LEFT + self.band * (i as f64 + 0.5)
    }

    /// The description read by assistive technology: the kind of chart, the range along
    /// the horizontal axis, then every value of every series.
    fn description(&self, table: &Table, chart: &Chart, ctx: &TableContext) -> String {
        let kind = match chart.kind {
            ChartKind::Line => ui(ctx.strings, "chart_line", "Line chart"),
            ChartKind::Bar => ui(ctx.strings, "chart_bar", "Bar chart"),
        };
        let x_label = table.columns[chart.x].label.get(self.lang);
        let mut desc = format!("{kind}. ");
        if let (Some(first), Some(last)) = (self.xs.first(), self.xs.last()) {
            desc.push_str(
                &ctx.strings
                    .get("table.chart_range")
                    .unwrap_or("{x}: {from} to {to}.")
                    .replace("{x}", x_label)
                    .replace("{from}", first)
                    .replace("{to}", last),
            );
        }
        for (label, vals) in &self.series {
            let parts: Vec<String> = self
                .xs
                .iter()
                .zip(vals)
                .filter_map(|(x, v)| v.map(|v| format!("{x}: {}", self.f.decimal_number(v))))
                .collect();
            let _ = write!(desc, " {label}: {}.", parts.join("; "));
        }
        desc
    }

    /// The wrapper, the `<svg>` element of the given `height`, its title and description.
    fn open_svg(
        &self,
        table: &Table,
        chart: &Chart,
        ctx: &TableContext,
        height: f64,
        s: &mut String,
    ) {
        let prefix = format!("tbl-{}-chart", table.id);
        let title = chart
            .title
            .as_ref()
            .unwrap_or(&table.caption)
            .get(self.lang);
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
            escape(title),
            escape(&self.description(table, chart, ctx))
        );
    }

    /// The grid lines and the vertical axis' ticks.
    fn y_axis(&self, s: &mut String) {
        s.push_str("<g class=\"sn-axis sn-axis-y\">\n");
        let ticks = (self.top_value / self.step).round() as usize;
        for i in 0..=ticks {
            let v = self.step * i as f64;
            let y = self.y_of(v);
            let _ = writeln!(
                s,
                "<line class=\"sn-grid\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"currentColor\" stroke-opacity=\"0.2\"/>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                fmt_num(LEFT),
                fmt_num(W - RIGHT),
                fmt_num(LEFT - 8.0),
                fmt_num(y + 4.0),
                escape(&tick_label(self.lang, v, self.step)),
                y = fmt_num(y),
            );
        }
        s.push_str("</g>\n");
    }

    /// The horizontal axis: its line, a label per row and its title `x_label`.
    fn x_axis(&self, x_label: &str, s: &mut String) {
        s.push_str("<g class=\"sn-axis sn-axis-x\">\n");
        let _ = writeln!(
            s,
            "<line class=\"sn-axis-line\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"currentColor\"/>",
            fmt_num(LEFT),
            fmt_num(W - RIGHT),
            y = fmt_num(TOP + PLOT_H)
        );
        for (i, x) in self.xs.iter().enumerate() {
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                fmt_num(self.x_of(i)),
                fmt_num(TOP + PLOT_H + 18.0),
                escape(x)
            );
        }
        let _ = writeln!(
            s,
            "<text class=\"sn-axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            fmt_num(LEFT + (W - LEFT - RIGHT) / 2.0),
            fmt_num(TOP + PLOT_H + 38.0),
            escape(x_label)
        );
        s.push_str("</g>\n");
    }

    /// The tooltip of a point: series `label`, the row's `x` and the value.
    fn tip(&self, label: &str, i: usize, v: Decimal) -> String {
        format!("{label}, {}: {}", self.xs[i], self.f.decimal_number(v))
    }

    /// Series `si` as a line through its values, with a marker at each.
    fn line_series(&self, si: usize, label: &str, vals: &[Option<Decimal>], s: &mut String) {
        let pts: Vec<String> = vals
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v.map(|v| {
                    format!(
                        "{},{}",
                        fmt_num(self.x_of(i)),
                        fmt_num(self.y_of(v.to_f64()))
                    )
                })
            })
            .collect();
        let _ = writeln!(
            s,
            "<polyline class=\"sn-line sn-series-{si}\" points=\"{}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"{}/>",
            pts.join(" "),
            dash_attr(si)
        );
        for (i, v) in vals.iter().enumerate() {
            if let Some(v) = v {
                let tip = self.tip(label, i, *v);
                marker(s, si, self.x_of(i), self.y_of(v.to_f64()), &tip);
            }
        }
        s.push('\n');
    }

    /// Series `si` as one bar per value, beside the other series' bars of the same row.
    fn bar_series(&self, si: usize, label: &str, vals: &[Option<Decimal>], s: &mut String) {
        let ns = self.series.len().max(1) as f64;
        let bw = self.band * 0.8 / ns;
        for (i, v) in vals.iter().enumerate() {
            let Some(v) = v else { continue };
            let x = LEFT + self.band * i as f64 + self.band * 0.1 + bw * si as f64;
            let y = self.y_of(v.to_f64().max(0.0));
            let _ = writeln!(
                s,
                "<rect class=\"sn-bar sn-series-{si}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"currentColor\" fill-opacity=\"{}\"><title>{}</title></rect>",
                fmt_num(x),
                fmt_num(y),
                fmt_num(bw),
                fmt_num(TOP + PLOT_H - y),
                fmt_num(bar_opacity(si)),
                escape(&self.tip(label, i, *v))
            );
        }
    }

    /// The legend: per series, a sample of its line or bar and its label.
    fn legend(&self, legend: &[LegendItem], s: &mut String) {
        s.push_str("<g class=\"sn-legend\">\n");
        for item in legend {
            let (x, si) = (item.x, item.series);
            let y = LEGEND_TOP + item.line as f64 * 20.0;
            let label = &self.series[si].0;
            match self.kind {
                ChartKind::Line => {
                    let _ = write!(
                        s,
                        "<line class=\"sn-line sn-series-{si}\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"currentColor\" stroke-width=\"2\"{}/>",
                        fmt_num(x),
                        fmt_num(x + 26.0),
                        dash_attr(si),
                        y = fmt_num(y - 4.0)
                    );
                    marker(s, si, x + 13.0, y - 4.0, label);
                }
                ChartKind::Bar => {
                    let _ = write!(
                        s,
                        "<rect class=\"sn-bar sn-series-{si}\" x=\"{}\" y=\"{}\" width=\"26\" height=\"10\" fill=\"currentColor\" fill-opacity=\"{}\"/>",
                        fmt_num(x),
                        fmt_num(y - 9.0),
                        fmt_num(bar_opacity(si))
                    );
                }
            }
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                fmt_num(x + 34.0),
                fmt_num(y),
                escape(label)
            );
        }
        s.push_str("</g>\n");
    }
}

/// The `stroke-dasharray` attribute of series `si`'s line (none for the first pattern).
fn dash_attr(si: usize) -> String {
    let dash = DASHES[si % DASHES.len()];
    if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    }
}

/// The fill opacity of series `si`'s bars, so that bars differ in greyscale too.
fn bar_opacity(si: usize) -> f64 {
    1.0 - 0.25 * (si % 4) as f64
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
