//! One cell's value, read by its column's type. `""` is an empty cell in any column.

use toml::de::{DeTable, DeValue};

use super::values::type_name;
use super::{Cx, SV};
use crate::data::model::{Column, ColumnType, Date, Decimal, Value};

impl Cx<'_> {
    /// The value of cell `v` in column `col`, or `None` when it is wrong (reported).
    pub(super) fn cell(&mut self, v: &SV, col: &Column) -> Option<Value> {
        if let DeValue::String(s) = v.get_ref() {
            if s.is_empty() {
                return Some(Value::Empty);
            }
        }
        match col.ty {
            ColumnType::Text => self.text_cell(v, col),
            ColumnType::Integer => self.integer_cell(v, col),
            ColumnType::Year => self.year_cell(v, col),
            ColumnType::Decimal | ColumnType::Percent => self.decimal_cell(v, col),
            ColumnType::Date => self.date_cell(v, col),
            ColumnType::CountWithPercent => self.count_percent_cell(v, col),
        }
    }

    /// The error for a cell whose TOML type does not fit its column; always `None`.
    fn wrong_type(&mut self, v: &SV, col: &Column, hint: &str) -> Option<Value> {
        self.error(
            v.span(),
            format!(
                "wrong value type for {}: found {}",
                column_what(col),
                type_name(v.get_ref())
            ),
            hint.to_string(),
        );
        None
    }

    /// A text cell: `{ vi = "...", en = "..." }`.
    fn text_cell(&mut self, v: &SV, col: &Column) -> Option<Value> {
        match v.get_ref() {
            DeValue::Table(_) => self
                .text(v, &format!("the cell of column `{}`", col.key))
                .map(Value::Text),
            _ => self.wrong_type(
                v,
                col,
                "write a text cell as { vi = \"...\", en = \"...\" }",
            ),
        }
    }

    /// A whole number.
    fn integer_cell(&mut self, v: &SV, col: &Column) -> Option<Value> {
        match v.get_ref() {
            DeValue::Integer(i) => self.integer(v, i.as_str(), i.radix()).map(Value::Integer),
            _ => self.wrong_type(v, col, "write a whole number without quotes, e.g. 1095"),
        }
    }

    /// A four-digit year.
    fn year_cell(&mut self, v: &SV, col: &Column) -> Option<Value> {
        let DeValue::Integer(i) = v.get_ref() else {
            return self.wrong_type(
                v,
                col,
                "write the year as a number without quotes, e.g. 2015",
            );
        };
        let n = self.integer(v, i.as_str(), i.radix())?;
        if !(1000..=9999).contains(&n) {
            self.error(
                v.span(),
                format!("{n} is not a year"),
                "write a four-digit year, e.g. 2015",
            );
            return None;
        }
        Some(Value::Year(n))
    }

    /// A decimal or a percentage, keeping the digits as written.
    fn decimal_cell(&mut self, v: &SV, col: &Column) -> Option<Value> {
        let d = match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => Decimal::parse(i.as_str()),
            DeValue::Float(f) => Decimal::parse(f.as_str()),
            _ => {
                return self.wrong_type(
                    v,
                    col,
                    "write the number without quotes, with a decimal point: 10.41",
                )
            }
        };
        let Some(d) = d else {
            self.error(
                v.span(),
                format!("{} cannot hold this number", column_what(col)),
                "write a plain decimal without exponent, e.g. 10.41",
            );
            return None;
        };
        Some(if col.ty == ColumnType::Percent {
            Value::Percent(d)
        } else {
            Value::Decimal(d)
        })
    }

    /// A TOML local date, without time.
    fn date_cell(&mut self, v: &SV, col: &Column) -> Option<Value> {
        let DeValue::Datetime(dt) = v.get_ref() else {
            return self.wrong_type(v, col, "write a TOML date without quotes, e.g. 2017-03-28");
        };
        match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => Some(Value::Date(Date {
                year: d.year,
                month: d.month,
                day: d.day,
            })),
            _ => self.wrong_type(v, col, "write a date without time, e.g. 2017-03-28"),
        }
    }

    /// A count (`1571`), or a count with its stated percentage
    /// (`{ count = 1571, percent = 99.42 }`).
    fn count_percent_cell(&mut self, v: &SV, col: &Column) -> Option<Value> {
        match v.get_ref() {
            DeValue::Integer(i) => {
                let count = self.integer(v, i.as_str(), i.radix())?;
                Some(Value::CountPercent {
                    count,
                    percent: None,
                })
            }
            DeValue::Table(t) => self.count_percent_table(v, t),
            _ => self.wrong_type(
                v,
                col,
                "write a count as 1571, or with its stated percentage as { count = 1571, percent = 99.42 }",
            ),
        }
    }

    /// A count-with-percent cell written as a table `t` (the value `v`).
    fn count_percent_table(&mut self, v: &SV, t: &DeTable) -> Option<Value> {
        self.check_keys(t, &["count", "percent"], "a count-with-percent cell");
        let count = match t.get("count") {
            Some(c) => self.count(c),
            None => {
                self.error(
                    v.span(),
                    "a count-with-percent cell has no `count`",
                    "write it as { count = 1571, percent = 99.42 }",
                );
                None
            }
        };
        let percent = match t.get("percent") {
            None => None,
            Some(p) => Some(self.stated_percent(p)?),
        };
        Some(Value::CountPercent {
            count: count?,
            percent,
        })
    }

    /// The `count` of a count-with-percent table.
    fn count(&mut self, c: &SV) -> Option<i64> {
        match c.get_ref() {
            DeValue::Integer(i) => self.integer(c, i.as_str(), i.radix()),
            other => {
                self.error(
                    c.span(),
                    format!("`count` must be an integer, found {}", type_name(other)),
                    "write the count without quotes, e.g. count = 1571",
                );
                None
            }
        }
    }

    /// The `percent` of a count-with-percent table: a plain number.
    fn stated_percent(&mut self, p: &SV) -> Option<Decimal> {
        let d = match p.get_ref() {
            DeValue::Float(f) => Decimal::parse(f.as_str()),
            DeValue::Integer(i) if i.radix() == 10 => Decimal::parse(i.as_str()),
            _ => None,
        };
        if d.is_none() {
            self.error(
                p.span(),
                format!(
                    "`percent` must be a plain number, found {}",
                    type_name(p.get_ref())
                ),
                "write the stated percentage as a number: percent = 99.42",
            );
        }
        d
    }
}

/// How messages name column `col`: "column `key` (type)".
fn column_what(col: &Column) -> String {
    format!("column `{}` ({})", col.key, col.ty.name())
}
