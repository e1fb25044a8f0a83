//! The outcome of one check.

use serde::{Deserialize, Serialize};

/// What a check found. The UI turns it into a coloured pill *and* a word, never colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// Nothing stands in the way.
    Pass,
    /// Not blocking, but worth a look.
    Warn,
    /// Blocks the migration until fixed.
    Fail,
    /// Under way (e.g. a registration); check again later.
    InProgress,
    /// Could not be checked (no permission, nothing to look at); says why elsewhere.
    Unknown,
}

impl Verdict {
    /// The word shown in the pill.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Pass => "Ready",
            Self::Warn => "Check",
            Self::Fail => "Action needed",
            Self::InProgress => "In progress",
            Self::Unknown => "Unknown",
        }
    }

    /// Whether the migration can go ahead as far as this check knows.
    #[must_use]
    pub const fn is_ok(self) -> bool {
        matches!(self, Self::Pass | Self::Warn)
    }
}

#[cfg(test)]
mod tests {
    use super::Verdict;

    #[test]
    fn only_pass_and_warn_let_a_migration_go_ahead() {
        assert!(Verdict::Pass.is_ok());
        assert!(Verdict::Warn.is_ok());
        assert!(!Verdict::Fail.is_ok());
        assert!(!Verdict::InProgress.is_ok());
        assert!(!Verdict::Unknown.is_ok());
        assert_eq!(Verdict::Fail.label(), "Action needed");
    }
}
