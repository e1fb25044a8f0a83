//! Sorting, filtering and counting the rows of the migrations table.

use super::phase::{Phase, PhaseKind};
use std::cmp::Ordering;
use std::collections::BTreeMap;
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
}
