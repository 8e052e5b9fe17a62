//! Numbers and dates in the reader's locale.
//!
//! Vietnamese groups thousands with `.` and writes the decimal comma (`1.095`, `10,41`,
//! `99,42%`); English groups with `,` and writes the decimal point (`1,095`, `10.41`,
//! `99.42%`). Any other language uses the English conventions. Years are never grouped.

use super::model::{Date, Decimal, Value};

/// Separators of a locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberFormat {
    /// Between groups of three digits.
    pub group: char,
    /// Between the integer and the fraction.
    pub decimal: char,
}

impl NumberFormat {
    /// The conventions of `lang` (`vi` or anything else, which reads as English).
    pub fn for_lang(lang: &str) -> NumberFormat {
        if lang == "vi" {
            NumberFormat {
                group: '.',
                decimal: ',',
            }
        } else {
            NumberFormat {
                group: ',',
                decimal: '.',
            }
        }
    }

    /// A whole number with grouped thousands.
    pub fn integer(self, n: i64) -> String {
        self.decimal_number(Decimal::from_int(n))
    }

    /// A decimal with grouped thousands and the written number of decimals.
    pub fn decimal_number(self, d: Decimal) -> String {
        let (int, frac) = d.split();
        let mut out = String::new();
        if d.units < 0 {
            out.push('-');
        }
        let len = int.len();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (len - i) % 3 == 0 {
                out.push(self.group);
            }
            out.push(ch);
        }
        if !frac.is_empty() {
            out.push(self.decimal);
            out.push_str(&frac);
        }
        out
    }

    /// A percentage: the number and `%` with no space (`99,42%`).
    pub fn percent(self, d: Decimal) -> String {
        format!("{}%", self.decimal_number(d))
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as the reader writes it: `28/3/2017` in Vietnamese, `28 March 2017` in English.
pub(super) fn date(lang: &str, d: Date) -> String {
    if lang == "vi" {
        format!("{}/{}/{}", d.day, d.month, d.year)
    } else {
        let m = MONTHS_EN
            .get(usize::from(d.month).saturating_sub(1))
            .copied()
            .unwrap_or("");
        format!("{} {} {}", d.day, m, d.year)
    }
}

/// A cell's value as shown to a reader of `lang`.
pub(super) fn value(lang: &str, v: &Value) -> String {
    let f = NumberFormat::for_lang(lang);
    match v {
        Value::Empty => String::new(),
        Value::Text(t) => t.get(lang).to_string(),
        Value::Integer(n) => f.integer(*n),
        Value::Decimal(d) => f.decimal_number(*d),
        Value::Percent(d) => f.percent(*d),
        Value::Year(y) => y.to_string(),
        Value::Date(d) => date(lang, *d),
        Value::CountPercent { count, percent } => match percent {
            Some(p) => format!("{} ({})", f.integer(*count), f.percent(*p)),
            None => f.integer(*count),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn vietnamese_and_english_numbers() {
        let vi = NumberFormat::for_lang("vi");
        let en = NumberFormat::for_lang("en");
        assert_eq!(vi.integer(1095), "1.095");
        assert_eq!(en.integer(1095), "1,095");
        assert_eq!(vi.integer(2272), "2.272");
        assert_eq!(vi.integer(1234567), "1.234.567");
        assert_eq!(en.integer(-1234567), "-1,234,567");
        assert_eq!(vi.integer(98), "98");
        assert_eq!(vi.decimal_number(dec("10.41")), "10,41");
        assert_eq!(en.decimal_number(dec("10.41")), "10.41");
        assert_eq!(vi.percent(dec("99.42")), "99,42%");
        assert_eq!(en.percent(dec("99.42")), "99.42%");
        assert_eq!(vi.decimal_number(dec("1095.5")), "1.095,5");
        assert_eq!(vi.decimal_number(dec("0.58")), "0,58");
    }

    #[test]
    fn years_and_counts() {
        assert_eq!(value("vi", &Value::Year(2015)), "2015");
        assert_eq!(value("en", &Value::Year(2015)), "2015");
        let cp = Value::CountPercent {
            count: 1571,
            percent: Some(dec("99.42")),
        };
        assert_eq!(value("vi", &cp), "1.571 (99,42%)");
        assert_eq!(value("en", &cp), "1,571 (99.42%)");
        let d = Date {
            year: 2017,
            month: 3,
            day: 28,
        };
        assert_eq!(value("vi", &Value::Date(d)), "28/3/2017");
        assert_eq!(value("en", &Value::Date(d)), "28 March 2017");
    }
}
