//! Figures checked against each other: a declared total against the sum of its column (an
//! error), and a stated percentage against the one computed from its counts (a warning:
//! official figures are kept as stated).

use std::ops::Range;

use super::Cx;
use crate::data::model::{Column, Decimal, Row, Value};

impl Cx<'_> {
    /// A warning for every stated percentage of a `percent_of` column that differs from
    /// `count / denominator`. `row_cells` holds the cell spans of `rows`, in order.
    pub(super) fn check_percentages(
        &mut self,
        columns: &[Column],
        rows: &[&Row],
        row_cells: &[Vec<Range<usize>>],
    ) {
        for (ri, row) in rows.iter().enumerate() {
            for (ci, col) in columns.iter().enumerate() {
                let Some(d) = col.percent_of else { continue };
                let Some(m) = percent_mismatch(row, ci, d) else {
                    continue;
                };
                let span = row_cells
                    .get(ri)
                    .and_then(|c| c.get(ci))
                    .cloned()
                    .unwrap_or(0..0);
                let (count, den) = (m.count, m.den);
                self.warning(
                    span,
                    format!(
                        "stated percentage {}% differs from the computed {}% ({} of {})",
                        m.stated, m.computed, count, den
                    ),
                    format!(
                        "the figure is kept as stated (the computed one is {count} / {den}, column `{}`); check it against the source",
                        columns[d].key
                    ),
                );
            }
        }
    }

    /// An error for every numeric value of a declared-sum total row (`cells`, at `spans`)
    /// that differs from the sum of its column over `rows`.
    pub(super) fn check_sums(
        &mut self,
        columns: &[Column],
        rows: &[&Row],
        cells: &[Value],
        spans: &[Range<usize>],
    ) {
        for (ci, col) in columns.iter().enumerate() {
            let Some(stated) = cells[ci].number() else {
                continue;
            };
            if !col.ty.is_numeric() {
                continue;
            }
            let computed = column_sum(rows, ci, stated.scale);
            if computed.units != stated.rescale(computed.scale).units {
                self.error(
                    spans[ci].clone(),
                    format!(
                        "total of column `{}` is {} but the rows add up to {}",
                        col.key, stated, computed
                    ),
                    "correct the figure, or set `sum = false` if this total is not the sum of the rows",
                );
            }
        }
    }
}

/// A stated percentage that differs from the one computed from its counts.
struct PercentMismatch {
    /// The count of the cell.
    count: i64,
    /// The percentage stated in the file.
    stated: Decimal,
    /// The denominator: the same row's value in the `percent_of` column.
    den: Decimal,
    /// `count / den`, rounded to the stated number of decimals.
    computed: Decimal,
}

/// The mismatch of cell `ci` of `row`, whose percentage is of column `d`, if its stated
/// percentage differs from the computed one. Cells without a stated percentage, and
/// denominators that are not positive whole numbers, are not checked.
fn percent_mismatch(row: &Row, ci: usize, d: usize) -> Option<PercentMismatch> {
    let (
        Some(Value::CountPercent {
            count,
            percent: Some(p),
        }),
        Some(den),
    ) = (row.cells.get(ci), row.cells.get(d).and_then(Value::number))
    else {
        return None;
    };
    if den.scale != 0 || den.units <= 0 {
        return None;
    }
    let computed = rounded_percent(*count as i128, den.units, p.scale);
    (computed != p.units).then_some(PercentMismatch {
        count: *count,
        stated: *p,
        den,
        computed: Decimal {
            units: computed,
            scale: p.scale,
        },
    })
}

/// The exact sum of column `ci` over `rows`, with the largest number of decimals among the
/// values and `scale`.
fn column_sum(rows: &[&Row], ci: usize, scale: u32) -> Decimal {
    let nums: Vec<Decimal> = rows.iter().filter_map(|r| r.cells[ci].number()).collect();
    let scale = nums.iter().map(|n| n.scale).fold(scale, u32::max);
    let units = nums.iter().map(|n| n.rescale(scale).units).sum();
    Decimal { units, scale }
}

/// `count / den` as a percentage with `scale` decimals, rounded half up, as units.
fn rounded_percent(count: i128, den: i128, scale: u32) -> i128 {
    let num = count * 100 * 10i128.pow(scale);
    (2 * num + den) / (2 * den)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounding() {
        assert_eq!(rounded_percent(1571, 1580, 2), 9943);
        assert_eq!(rounded_percent(181, 185, 1), 978);
        assert_eq!(rounded_percent(4367, 6474, 1), 675);
        assert_eq!(rounded_percent(13, 14, 1), 929);
    }
}
