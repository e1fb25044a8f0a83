//! Sorting, filtering, counting and paging the rows of the migrations table.

use super::phase::{Phase, PhaseKind};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Range;
use std::time::Duration;

/// What the table sorts and filters on, for one migration.
#[derive(Clone, Debug, PartialEq)]
pub struct RowSummary {
    /// Stable key (the volume's ARM id).
    pub key: String,
    /// The volume's name.
    pub name: String,
    /// `cluster / SVM / volume` of the source.
    pub source: String,
    /// The phase.
    pub phase: Phase,
    /// Progress 0.0-1.0, when known.
    pub progress: Option<f64>,
    /// Time since the last transfer, when known.
    pub lag: Option<Duration>,
    /// Last error, when any.
    pub error: Option<String>,
}

impl RowSummary {
    /// Whether the row matches a free-text filter (name, source, phase or error; any case)
    /// and, when given, one of the phase kinds.
    #[must_use]
    pub fn matches(&self, text: &str, kinds: &[PhaseKind]) -> bool {
        if !kinds.is_empty() && !kinds.contains(&self.phase.kind()) {
            return false;
        }
        let needle = text.trim().to_lowercase();
        needle.is_empty()
            || [self.name.as_str(), self.source.as_str(), &self.phase.label()]
                .iter()
                .chain(self.error.as_deref().iter())
                .any(|h| h.to_lowercase().contains(&needle))
    }
}

/// The column to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortKey {
    /// Volume name.
    Name,
    /// Source path.
    Source,
    /// Phase, in the order a migration goes through them.
    Phase,
    /// Progress.
    Progress,
    /// Lag since the last transfer.
    Lag,
}

/// Sort direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortDir {
    /// Smallest first.
    Ascending,
    /// Largest first.
    Descending,
}

impl SortDir {
    /// The other direction.
    #[must_use]
    pub const fn flip(self) -> Self {
        match self {
            Self::Ascending => Self::Descending,
            Self::Descending => Self::Ascending,
        }
    }

    /// The `aria-sort` value.
    #[must_use]
    pub const fn aria(self) -> &'static str {
        match self {
            Self::Ascending => "ascending",
            Self::Descending => "descending",
        }
    }
}

/// Sorts rows in place, stably; ties and unknown values fall back to the name. Rows without a
/// value (no progress, no lag) go last in either direction.
pub fn sort_rows(rows: &mut [RowSummary], key: SortKey, dir: SortDir) {
    rows.sort_by(|a, b| {
        let primary = match key {
            SortKey::Name => Some(natural(&a.name, &b.name)),
            SortKey::Source => Some(natural(&a.source, &b.source)),
            SortKey::Phase => Some(a.phase.kind().cmp(&b.phase.kind())),
            SortKey::Progress => optional(a.progress, b.progress, |x, y| x.total_cmp(&y)),
            SortKey::Lag => optional(a.lag, b.lag, |x, y| x.cmp(&y)),
        };
        let ord = match primary {
            Some(o) if dir == SortDir::Descending => o.reverse(),
            Some(o) => o,
            None => missing_last(key, a, b),
        };
        ord.then_with(|| natural(&a.name, &b.name)).then_with(|| a.key.cmp(&b.key))
    });
}

fn optional<T: Copy>(a: Option<T>, b: Option<T>, f: impl Fn(T, T) -> Ordering) -> Option<Ordering> {
    match (a, b) {
        (Some(x), Some(y)) => Some(f(x, y)),
        _ => None,
    }
}

fn missing_last(key: SortKey, a: &RowSummary, b: &RowSummary) -> Ordering {
    let has = |r: &RowSummary| match key {
        SortKey::Progress => r.progress.is_some(),
        SortKey::Lag => r.lag.is_some(),
        _ => true,
    };
    has(b).cmp(&has(a))
}

fn natural(a: &str, b: &str) -> Ordering {
    a.to_lowercase().cmp(&b.to_lowercase())
}

/// How many rows are in each phase kind (kinds with none are left out).
#[must_use]
pub fn phase_counts<'a>(phases: impl IntoIterator<Item = &'a Phase>) -> BTreeMap<PhaseKind, usize> {
    let mut counts = BTreeMap::new();
    for p in phases {
        *counts.entry(p.kind()).or_insert(0) += 1;
    }
    counts
}

/// The page sizes the table offers. The browser lays out the whole page shown on every poll
/// tick that changes a row on it, in time proportional to its rows.
pub const PAGE_SIZES: [usize; 3] = [25, 50, 100];

/// Rows per page until the user picks another size: 25 keep a poll tick within its 4 ms
/// budget (issue 7; about 2 ms of layout for 50 rows on the shared 2-core machine, 1 ms for
/// 25), and about three screens of the table's scrolling region.
pub const DEFAULT_PAGE_SIZE: usize = 25;

/// Which page of the sorted, filtered rows the table shows. `index` counts from 0; the user
/// sees it from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Paging {
    /// Rows per page (at least 1).
    pub size: usize,
    /// The page, from 0.
    pub index: usize,
}

/// How the user left the table: order, filters and page, kept for the tab so that a look at a
/// migration's details (or a reload) brings them back to the same rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TableView {
    /// The column and direction.
    pub sort: (SortKey, SortDir),
    /// The text filter.
    pub text: String,
    /// The phase chips selected.
    pub phases: Vec<PhaseKind>,
    /// Page size and page.
    pub paging: Paging,
}

impl Default for TableView {
    fn default() -> Self {
        Self {
            sort: (SortKey::Name, SortDir::Ascending),
            text: String::new(),
            phases: Vec::new(),
            paging: Paging::default(),
        }
    }
}

impl Default for Paging {
    fn default() -> Self {
        Self { size: DEFAULT_PAGE_SIZE, index: 0 }
    }
}

impl Paging {
    /// The first page with `size` rows (0 counts as 1).
    #[must_use]
    pub const fn first(size: usize) -> Self {
        Self { size: if size == 0 { 1 } else { size }, index: 0 }
    }

    /// How many pages `total` rows fill; an empty table still has its one (empty) page.
    #[must_use]
    pub const fn pages(self, total: usize) -> usize {
        let size = if self.size == 0 { 1 } else { self.size };
        if total == 0 {
            1
        } else {
            total.div_ceil(size)
        }
    }

    /// The same size on a page that exists for `total` rows: rows that went away (a filter,
    /// a cancelled migration) leave the user on the last page rather than on an empty one.
    #[must_use]
    pub const fn clamped(self, total: usize) -> Self {
        let last = self.pages(total) - 1;
        let index = if self.index > last { last } else { self.index };
        Self { size: if self.size == 0 { 1 } else { self.size }, index }
    }

    /// The rows of the (clamped) page, as positions in the sorted, filtered list.
    #[must_use]
    pub const fn range(self, total: usize) -> Range<usize> {
        let p = self.clamped(total);
        let start = p.index * p.size;
        let end = if start + p.size < total { start + p.size } else { total };
        if start > end {
            end..end
        } else {
            start..end
        }
    }

    /// The page that holds the row at `position`, keeping the size.
    #[must_use]
    pub const fn showing(self, position: usize) -> Self {
        let size = if self.size == 0 { 1 } else { self.size };
        Self { size, index: position / size }
    }

    /// A step of `delta` pages, kept within the pages `total` rows fill.
    #[must_use]
    pub fn step(self, delta: isize, total: usize) -> Self {
        let last = self.pages(total) - 1;
        let index = self.clamped(total).index.saturating_add_signed(delta).min(last);
        Self { index, ..self.clamped(total) }
    }

    /// "Rows 51–100 of 1,000", or "No rows" for an empty list.
    #[must_use]
    pub fn summary(self, total: usize) -> String {
        let r = self.range(total);
        if r.is_empty() {
            return "No rows".to_owned();
        }
        format!("Rows {}–{} of {}", grouped(r.start + 1), grouped(r.end), grouped(total))
    }
}

/// A count with thousands separators, as the portal writes them (1,000).
#[must_use]
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, phase: Phase, progress: Option<f64>, lag: Option<u64>) -> RowSummary {
        RowSummary {
            key: format!("/v/{name}"),
            name: name.into(),
            source: format!("cl01 / svm / {name}"),
            phase,
            progress,
            lag: lag.map(Duration::from_secs),
            error: None,
        }
    }

    fn names(rows: &[RowSummary]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn the_view_round_trips_and_fills_gaps_with_defaults() {
        let v = TableView {
            sort: (SortKey::Progress, SortDir::Descending),
            text: "home".into(),
            phases: vec![PhaseKind::Baseline],
            paging: Paging { size: 50, index: 3 },
        };
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<TableView>(&text).unwrap(), v);
        // An older or partial record keeps what it has.
        let partial: TableView = serde_json::from_str(r#"{"text":"x"}"#).unwrap();
        assert_eq!(partial, TableView { text: "x".into(), ..TableView::default() });
    }

    #[test]
    fn sorts_by_each_column() {
        let mut rows = vec![
            row("b", Phase::CutOver, Some(1.0), Some(10)),
            row("A", Phase::Baseline, Some(0.2), None),
            row("c", Phase::Mirrored { transferring: false }, None, Some(5)),
        ];
        sort_rows(&mut rows, SortKey::Name, SortDir::Ascending);
        assert_eq!(names(&rows), ["A", "b", "c"]);
        sort_rows(&mut rows, SortKey::Name, SortDir::Descending);
        assert_eq!(names(&rows), ["c", "b", "A"]);
        sort_rows(&mut rows, SortKey::Phase, SortDir::Ascending);
        assert_eq!(names(&rows), ["A", "c", "b"]);
        sort_rows(&mut rows, SortKey::Progress, SortDir::Descending);
        assert_eq!(names(&rows), ["b", "A", "c"], "unknown progress last");
        sort_rows(&mut rows, SortKey::Progress, SortDir::Ascending);
        assert_eq!(names(&rows), ["A", "b", "c"], "unknown progress last");
        sort_rows(&mut rows, SortKey::Lag, SortDir::Ascending);
        assert_eq!(names(&rows), ["c", "b", "A"]);
        sort_rows(&mut rows, SortKey::Source, SortDir::Ascending);
        assert_eq!(names(&rows), ["A", "b", "c"]);
    }

    #[test]
    fn filters_by_text_and_phase() {
        let mut r =
            row("mig-home", Phase::Failed("Last transfer error: locking".into()), None, None);
        r.error = Some("Last transfer error: locking".into());
        assert!(r.matches("", &[]));
        assert!(r.matches("HOME", &[]));
        assert!(r.matches("cl01", &[]));
        assert!(r.matches("locking", &[]));
        assert!(r.matches("failed", &[PhaseKind::Failed]));
        assert!(!r.matches("", &[PhaseKind::Mirrored]));
        assert!(!r.matches("scratch", &[]));
    }

    #[test]
    fn counts_per_phase() {
        let phases = [
            Phase::Baseline,
            Phase::Mirrored { transferring: true },
            Phase::Mirrored { transferring: false },
        ];
        let c = phase_counts(&phases);
        assert_eq!(c.get(&PhaseKind::Mirrored), Some(&2));
        assert_eq!(c.get(&PhaseKind::Baseline), Some(&1));
        assert_eq!(c.get(&PhaseKind::CutOver), None);
        assert_eq!(SortDir::Ascending.flip(), SortDir::Descending);
        assert_eq!(SortDir::Descending.aria(), "descending");
    }

    #[test]
    fn pages_of_a_thousand_rows() {
        assert_eq!(Paging::default(), Paging { size: 25, index: 0 });
        assert_eq!(Paging::default().pages(1000), 40);
        let p = Paging::first(50);
        assert_eq!(p.pages(1000), 20);
        assert_eq!(p.pages(1001), 21);
        assert_eq!(p.pages(0), 1, "an empty table still has its page");
        assert_eq!(p.range(1000), 0..50);
        assert_eq!(Paging { size: 50, index: 19 }.range(1000), 950..1000);
        assert_eq!(Paging { size: 50, index: 20 }.range(1001), 1000..1001);
        assert_eq!(Paging::default().range(0), 0..0);
        assert_eq!(Paging::default().range(7), 0..7);
        assert_eq!(Paging::first(0), Paging::first(1), "a page holds one row at least");
    }

    #[test]
    fn row_900_is_on_page_18_of_50_rows() {
        let p = Paging::first(50).showing(899);
        assert_eq!(p.index, 17, "row 900 (position 899) of 50-row pages");
        assert!(p.range(1000).contains(&899));
        assert_eq!(Paging::first(100).showing(899).range(1000), 800..900);
        assert_eq!(Paging::first(25).showing(0).index, 0);
        assert_eq!(Paging::default().showing(899).range(1000), 875..900);
    }

    #[test]
    fn a_page_that_went_away_is_clamped_to_the_last() {
        let p = Paging { size: 50, index: 19 };
        // A filter leaves 120 rows: three pages, the user lands on the last.
        assert_eq!(p.clamped(120), Paging { size: 50, index: 2 });
        assert_eq!(p.range(120), 100..120);
        assert_eq!(p.clamped(0).index, 0);
        assert_eq!(Paging { size: 0, index: 3 }.clamped(2), Paging { size: 1, index: 1 });
    }

    #[test]
    fn steps_stay_within_the_pages() {
        let p = Paging::first(50);
        assert_eq!(p.step(-1, 1000).index, 0);
        assert_eq!(p.step(1, 1000).index, 1);
        assert_eq!(p.step(100, 1000).index, 19);
        assert_eq!(Paging { size: 50, index: 19 }.step(1, 1000).index, 19);
        assert_eq!(Paging { size: 50, index: 19 }.step(-1, 120).index, 1, "clamped first");
        assert_eq!(Paging::first(50).step(isize::MIN, 10).index, 0);
    }

    #[test]
    fn says_which_rows_are_shown() {
        assert_eq!(Paging::default().summary(1000), "Rows 1–25 of 1,000");
        assert_eq!(Paging::first(50).summary(1000), "Rows 1–50 of 1,000");
        assert_eq!(Paging { size: 50, index: 1 }.summary(1000), "Rows 51–100 of 1,000");
        assert_eq!(Paging { size: 50, index: 19 }.summary(999), "Rows 951–999 of 999");
        assert_eq!(Paging::default().summary(3), "Rows 1–3 of 3");
        assert_eq!(Paging::default().summary(0), "No rows");
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert!(PAGE_SIZES.contains(&DEFAULT_PAGE_SIZE));
    }
}
