//! What a migration volume is doing and what may be done to it next.
//!
//! ARM reports a migration volume in pieces: the volume (provisioning state, `volumeType`, the
//! replication object with, from 2026-04-01, the set-up step, mirror state and relationship
//! status) and `replicationStatus` (health, progress, last error). Some facts only the console
//! knows: that it ran the cut-over sequence, that it finalized a volume (which then looks like
//! any other volume), that an operation is in flight. This module turns all of that into one
//! [`Phase`], the actions that make sense in it, the progress and lag to show, how often to poll,
//! and the ONTAP commands that belong to the migration. The views only render.

mod actions;
pub mod cut_over;
mod ledger;
mod ledger_sync;
mod live_row;
mod ontap;
mod operation;
mod phase;
mod polling;
mod progress;
mod read_budget;
mod table;

pub use actions::{enabled_actions, ActionState, MigrationAction};
pub use cut_over::{CutOver, CutOverBook, CutOverStep, CutOverWork, ReadOutcome};
pub use ledger::{KnownMigration, MigrationLedger};
pub use ledger_sync::OpRecord;
pub use live_row::{
    cells_of, newer_status, shown_in_table, RawRow, RowCells, StatusAnswer, UNKNOWN,
};
pub use ontap::{
    offline_command, online_command, remedy_for, source_commands, OntapCommand, AFTER_BREAK_WARNING,
};
pub use operation::{OpAction, VolumeCall};
pub use phase::{derive_phase, LocalFacts, PeeringStep, Phase, PhaseKind};
pub use polling::{motion, Motion, FAST_POLL, IDLE_STATUS_EVERY, SLOW_POLL};
pub use progress::{format_bytes, format_lag, lag_since, progress_fraction, TransferWatch};
pub use read_budget::{
    list_every, list_pages, Freshness, Plan, PollRow, ReadPlanner, Tick, LIST_PAGE_SIZE,
    READS_PER_MINUTE,
};
pub use table::{
    grouped, phase_counts, sort_rows, Paging, RowSummary, SortDir, SortKey, TableView,
    DEFAULT_PAGE_SIZE, PAGE_SIZES,
};
