//! The in-memory form of a data table, after loading and validation.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// A text given once per language (`{ vi = "...", en = "..." }`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`; when a table lacks that language (it was loaded for other
    /// languages), the first language it has, or `""`.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}

/// An exact decimal number as written in the source: `units / 10^scale`
/// (`99.42` is `units = 9942, scale = 2`). Keeping the written scale keeps `10.0` as `10.0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// The digits as an integer.
    pub units: i128,
    /// How many of the digits are after the decimal point.
    pub scale: u32,
}

impl Decimal {
    /// A whole number.
    pub fn from_int(n: i64) -> Decimal {
        Decimal {
            units: n as i128,
            scale: 0,
        }
    }

    /// Parses a plain decimal literal (`99.42`, `-3`, `1_095.5`); no exponent, no `inf`/`nan`.
    pub fn parse(s: &str) -> Option<Decimal> {
        let s: String = s.chars().filter(|&c| c != '_').collect();
        let (neg, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(&s)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 18 || int.len() > 18 {
            return None;
        }
        let units: i128 = format!("{int}{frac}").parse().ok()?;
        Some(Decimal {
            units: if neg { -units } else { units },
            scale: frac.len() as u32,
        })
    }

    /// The value as a float (for charts and JSON).
    pub fn to_f64(self) -> f64 {
        // Formatting then parsing gives the float nearest to the written decimal.
        self.to_plain().parse().unwrap_or(0.0)
    }

    /// The same value written with `scale` digits after the point (only widens).
    pub fn rescale(self, scale: u32) -> Decimal {
        if scale <= self.scale {
            return self;
        }
        Decimal {
            units: self.units * 10i128.pow(scale - self.scale),
            scale,
        }
    }

    /// The locale-independent form: `-`, digits, `.`, digits (`99.42`).
    pub fn to_plain(self) -> String {
        let (int, frac) = self.split();
        let sign = if self.units < 0 { "-" } else { "" };
        if frac.is_empty() {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{frac}")
        }
    }

    /// The integer and fraction digits of the absolute value.
    pub(crate) fn split(self) -> (String, String) {
        let digits = self.units.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return (digits, String::new());
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (i, f) = padded.split_at(padded.len() - scale);
        (i.to_string(), f.to_string())
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_plain())
    }
}

/// The type of a column: how its cells are written, checked, aligned and formatted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text per language; left-aligned.
    Text,
    /// A whole number; grouped by thousands in the reader's locale.
    Integer,
    /// A decimal number, shown with the digits written in the source.
    Decimal,
    /// A percentage written as its number (`99.42` for 99,42 %).
    Percent,
    /// A year: never grouped (2015).
    Year,
    /// A TOML date (`2017-03-28`).
    Date,
    /// A count with an optional stated percentage: `1571 (99,42%)`.
    CountWithPercent,
}

impl ColumnType {
    /// The name used in the TOML files.
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Integer => "integer",
            ColumnType::Decimal => "decimal",
            ColumnType::Percent => "percent",
            ColumnType::Year => "year",
            ColumnType::Date => "date",
            ColumnType::CountWithPercent => "count-with-percent",
        }
    }

    /// The type named `s` in a TOML file.
    pub fn from_name(s: &str) -> Option<ColumnType> {
        Some(match s {
            "text" => ColumnType::Text,
            "integer" => ColumnType::Integer,
            "decimal" => ColumnType::Decimal,
            "percent" => ColumnType::Percent,
            "year" => ColumnType::Year,
            "date" => ColumnType::Date,
            "count-with-percent" => ColumnType::CountWithPercent,
            _ => return None,
        })
    }

    /// All type names, for hints.
    pub const NAMES: &'static str =
        "text, integer, decimal, percent, year, date, count-with-percent";

    /// Whether cells of this type are numbers (right-aligned, can be summed and charted).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ColumnType::Integer
                | ColumnType::Decimal
                | ColumnType::Percent
                | ColumnType::CountWithPercent
        )
    }
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The key rows use for this column (`nam`, `so_doan`).
    pub key: String,
    /// The header label per language.
    pub label: Text,
    /// How the cells are typed.
    pub ty: ColumnType,
    /// For `count-with-percent`: the column (index) whose value in the same row is the
    /// denominator of the stated percentage; the build checks the stated figure against it.
    pub percent_of: Option<usize>,
}

/// A header cell spanning several adjacent columns (a second header level and above).
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderGroup {
    /// The label per language.
    pub label: Text,
    /// First column (index) under the group.
    pub start: usize,
    /// One past the last column under the group.
    pub end: usize,
    /// How many groups contain this one (0 = top level).
    pub depth: usize,
}

/// A date (from a TOML local date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// The year.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31.
    pub day: u8,
}

/// The value of one cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An empty cell (`""` in the TOML file).
    Empty,
    /// Text per language.
    Text(Text),
    /// A whole number.
    Integer(i64),
    /// A decimal number.
    Decimal(Decimal),
    /// A percentage (the number before `%`).
    Percent(Decimal),
    /// A year.
    Year(i64),
    /// A date.
    Date(Date),
    /// A count and, when the source states one, its percentage.
    CountPercent {
        /// The count.
        count: i64,
        /// The stated percentage.
        percent: Option<Decimal>,
    },
}

impl Value {
    /// The value as a number, for sums and charts (a count-with-percent gives its count).
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Value::Integer(n) | Value::Year(n) => Some(Decimal::from_int(*n)),
            Value::CountPercent { count, .. } => Some(Decimal::from_int(*count)),
            Value::Decimal(d) | Value::Percent(d) => Some(*d),
            _ => None,
        }
    }
}

/// One body row: one value per column, in column order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The cells, as many as there are columns.
    pub cells: Vec<Value>,
}

/// Rows under an optional group label (a row-group header row in the HTML).
#[derive(Debug, Clone, PartialEq)]
pub struct RowGroup {
    /// The label, when the table has row groups.
    pub label: Option<Text>,
    /// The rows.
    pub rows: Vec<Row>,
}

/// The total row (`Cộng` / `Total`), shown in `<tfoot>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    /// The label; `None` uses the UI string `table.total`.
    pub label: Option<Text>,
    /// Whether the values are declared sums of the rows (then checked at load).
    pub sum: bool,
    /// One value per column ([`Value::Empty`] where the source gives none).
    pub cells: Vec<Value>,
}

/// The kind of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Grouped vertical bars.
    Bar,
    /// One line per series.
    Line,
}

/// A chart declared by a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Bar or line.
    pub kind: ChartKind,
    /// The column (index) along the horizontal axis.
    pub x: usize,
    /// The columns (indices) drawn as series.
    pub y: Vec<usize>,
    /// A title; the table's caption when absent.
    pub title: Option<Text>,
}

/// A validated data table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The id used by placements and download file names.
    pub id: String,
    /// The file it was defined in (display path).
    pub file: PathBuf,
    /// The caption per language.
    pub caption: Text,
    /// Notes shown under the table.
    pub notes: Vec<Text>,
    /// Where the figures come from, shown under the table.
    pub source: Option<Text>,
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// Header groups above the column labels.
    pub header_groups: Vec<HeaderGroup>,
    /// The column whose cells head their row (`<th scope="row">`).
    pub row_header: Option<usize>,
    /// The body: one group without label, or the labelled row groups.
    pub groups: Vec<RowGroup>,
    /// The total row.
    pub total: Option<Total>,
    /// The chart, if declared.
    pub chart: Option<Chart>,
}

impl Table {
    /// How many header rows the `<thead>` has (group levels plus the column labels).
    pub fn header_levels(&self) -> usize {
        self.header_groups
            .iter()
            .map(|g| g.depth + 1)
            .max()
            .unwrap_or(0)
            + 1
    }

    /// How many groups contain column `c`.
    pub fn column_depth(&self, c: usize) -> usize {
        self.header_groups
            .iter()
            .filter(|g| g.start <= c && c < g.end)
            .count()
    }

    /// All body rows, in order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.groups.iter().flat_map(|g| g.rows.iter())
    }

    /// Whether the body has labelled row groups.
    pub fn has_row_groups(&self) -> bool {
        self.groups.iter().any(|g| g.label.is_some())
    }

    /// The column holding the total row's label: the row-header column, else the first
    /// column that has no value in the total row.
    pub fn total_label_column(&self) -> usize {
        if let Some(h) = self.row_header {
            return h;
        }
        self.total
            .as_ref()
            .and_then(|t| t.cells.iter().position(|c| *c == Value::Empty))
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_their_written_digits() {
        let d = Decimal::parse("99.42").unwrap();
        assert_eq!((d.units, d.scale), (9942, 2));
        assert_eq!(d.to_plain(), "99.42");
        assert_eq!(Decimal::parse("0.58").unwrap().to_plain(), "0.58");
        assert_eq!(Decimal::parse("-0.5").unwrap().to_plain(), "-0.5");
        assert_eq!(Decimal::parse("10.0").unwrap().to_plain(), "10.0");
        assert_eq!(Decimal::parse("1_095").unwrap().to_plain(), "1095");
        assert!(Decimal::parse("1e3").is_none());
        assert!(Decimal::parse("nan").is_none());
        assert_eq!(Decimal::parse("7.2").unwrap().to_f64(), 7.2);
    }
}
