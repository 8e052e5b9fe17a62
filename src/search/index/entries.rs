//! Packed (id, weighted count) entries: what counting a run of sections produces, the
//! indexer's biggest structure until the posting lists are made.

/// (id, weighted tf) entries, most in one `u32` each (`id << 8 | tf`: ids below 2^24 - 1,
/// tf below 256), others in three (`u32::MAX`, id, tf). Half the memory of `(u32, u32)`:
/// these entries are the biggest structure of the indexer.
#[derive(Default)]
pub(super) struct Entries(Vec<u32>);

impl Entries {
    const ESCAPE: u32 = u32::MAX;

    /// Empty, with room for `n` `u32`s (entries take one or three).
    pub(super) fn with_capacity(n: usize) -> Entries {
        Entries(Vec::with_capacity(n))
    }

    /// Appends the entry (`id`, `tf`).
    #[inline]
    pub(super) fn push(&mut self, id: u32, tf: u32) {
        if id < 0xff_ffff && tf < 256 {
            self.0.push(id << 8 | tf);
        } else {
            self.0.extend_from_slice(&[Self::ESCAPE, id, tf]);
        }
    }

    /// Where the next entry goes (the `ends` of a section).
    #[inline]
    pub(super) fn end(&self) -> u32 {
        self.0.len() as u32
    }

    /// The entries stored in `from..to` (ends of earlier pushes).
    #[inline]
    pub(super) fn range(&self, from: u32, to: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut rest = &self.0[from as usize..to as usize];
        std::iter::from_fn(move || {
            let (&first, tail) = rest.split_first()?;
            if first != Self::ESCAPE {
                rest = tail;
                return Some((first >> 8, first & 0xff));
            }
            let (id, tf) = (tail[0], tail[1]);
            rest = &tail[2..];
            Some((id, tf))
        })
    }

    /// All the entries.
    #[inline]
    pub(super) fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.range(0, self.end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_big_ids_and_counts() {
        let mut e = Entries::default();
        let cases = [
            (0, 1),
            (7, 255),
            (0xff_fffe, 3),
            (0xff_ffff, 1),
            (5, 256),
            (u32::MAX, 9),
        ];
        for (id, tf) in cases {
            e.push(id, tf);
        }
        assert_eq!(e.iter().collect::<Vec<_>>(), cases.to_vec());
        let mid = e.end();
        e.push(1, 2);
        assert_eq!(e.range(mid, e.end()).collect::<Vec<_>>(), vec![(1, 2)]);
    }
}
