//! One row of the live table as signals: one per cell, so a poll that changes one cell of one
//! row re-renders that cell only.

use anf_core::migration::{Phase, RowCells, UNKNOWN};
use anf_core::models::RemotePath;
use leptos::prelude::*;
use std::time::Duration;

/// One row: a signal per cell.
#[derive(Clone, Debug)]
pub struct LiveRow {
    /// The volume's ARM id (the row key).
    pub id: String,
    /// Volume name.
    pub name: RwSignal<String>,
    /// The source, when known.
    pub source: RwSignal<Option<RemotePath>>,
    /// The phase.
    pub phase: RwSignal<Phase>,
    /// Mirror state as ARM says it, or "—".
    pub mirror: RwSignal<String>,
    /// Relationship status, or "—".
    pub relationship: RwSignal<String>,
    /// Health, when read.
    pub healthy: RwSignal<Option<bool>>,
    /// Progress 0-1, when it can be told.
    pub progress: RwSignal<Option<f64>>,
    /// Progress in words (bytes).
    pub progress_text: RwSignal<String>,
    /// Time since the last transfer seen.
    pub lag: RwSignal<Option<Duration>>,
    /// Lag in words.
    pub lag_text: RwSignal<String>,
    /// Last error.
    pub error: RwSignal<Option<String>>,
}

impl PartialEq for LiveRow {
    fn eq(&self, other: &Self) -> bool {
        // A row keeps its signals for its whole life: the id says which row it is.
        self.id == other.id
    }
}

/// Sets `sig` only when `value` differs: a set wakes every reader, even with the same value.
pub(super) fn set_if<T: PartialEq + Send + Sync + 'static>(sig: RwSignal<T>, value: T) {
    if sig.with_untracked(|v| *v != value) {
        sig.set(value);
    }
}

impl LiveRow {
    /// A row with nothing known yet.
    #[must_use]
    pub fn new(id: String) -> Self {
        Self {
            id,
            name: RwSignal::new(String::new()),
            source: RwSignal::new(None),
            phase: RwSignal::new(Phase::Unknown),
            mirror: RwSignal::new(UNKNOWN.into()),
            relationship: RwSignal::new(UNKNOWN.into()),
            healthy: RwSignal::new(None),
            progress: RwSignal::new(None),
            progress_text: RwSignal::new(String::new()),
            lag: RwSignal::new(None),
            lag_text: RwSignal::new(UNKNOWN.into()),
            error: RwSignal::new(None),
        }
    }

    /// A row showing `cells` (benchmarks and tests build rows this way).
    #[must_use]
    pub fn from_cells(id: String, cells: RowCells) -> Self {
        let row = Self::new(id);
        row.show(cells);
        row
    }

    /// Shows `cells`, setting only the signals whose value changed.
    pub fn show(&self, cells: RowCells) {
        set_if(self.name, cells.name);
        set_if(self.source, cells.source);
        set_if(self.phase, cells.phase);
        set_if(self.mirror, cells.mirror);
        set_if(self.relationship, cells.relationship);
        set_if(self.healthy, cells.healthy);
        set_if(self.progress, cells.progress);
        set_if(self.progress_text, cells.progress_text);
        set_if(self.lag, cells.lag);
        set_if(self.lag_text, cells.lag_text);
        set_if(self.error, cells.error);
    }

    /// The source as `cluster / SVM / volume`.
    #[must_use]
    pub fn source_text(&self) -> String {
        self.source.with(|s| {
            s.as_ref().map_or_else(
                || UNKNOWN.to_owned(),
                |s| format!("{} / {} / {}", s.external_host_name, s.server_name, s.volume_name),
            )
        })
    }
}
