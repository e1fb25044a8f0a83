//! Live status of migration volumes: the data behind the table and the details page.
//!
//! The core's [`ReadPlanner`] decides each second what to read within ARM's read budget: the
//! volume list (every page a read) on a cadence that slows with its length, and
//! `replicationStatus` only for rows in motion, those the user acts on and those on screen
//! first; rows at rest are read once to fill them in. Nothing is read while the tab is hidden
//! (the polling hook pauses), never two requests at once for one volume. Each row holds one
//! signal per cell and a refresh sets only the cells whose value changed, so a tick over a
//! thousand rows touches only the few that moved. What a cell shows is decided in the core
//! ([`cells_of`]); this module only reads ARM and keeps the signals.

mod finished;
mod reads;
mod row;
pub mod views;

pub use row::LiveRow;

use crate::arm::browser_env::now;
use crate::arm::context::{use_arm, AppClient};
use crate::hooks::use_polled;
use crate::state::ledger_store::{load_ledger, update_ledger};
use crate::state::operations::{use_operations, Operations};
use crate::state::toasts::{use_toasts, Toasts};
use anf_core::arm::ArmError;
use anf_core::ids::{PoolId, VolumeId};
use anf_core::migration::{cells_of, MigrationLedger, OpAction, RawRow, ReadPlanner};
use anf_core::time::Timestamp;
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

pub use anf_core::migration::UNKNOWN;

/// How often the planner is asked what to read.
const TICK: Duration = Duration::from_secs(1);

/// What the live view follows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiveTarget {
    /// Every migration volume of a pool.
    Pool(PoolId),
    /// Every migration volume of these pools (a wave's): one list per pool, each page read.
    Pools(Vec<PoolId>),
    /// One volume.
    Volume(VolumeId),
}

/// What is known and planned, not reactive.
struct LiveData {
    /// By lower-cased volume id.
    raw: HashMap<String, RawRow>,
    /// This view's copy of the stored ledger, to render from.
    ledger: MigrationLedger,
    planner: ReadPlanner,
    /// Volumes the last list returned, every kind (what its pages cost).
    listed: usize,
    /// This view's entry among the browser's live views (see [`views`]).
    view_id: String,
    /// Live views polling in this browser when this one last polled, this one included.
    views: u32,
}

/// What the reads go through; kept, because tasks run without a reactive owner.
struct Services {
    client: Rc<AppClient>,
    ops: Operations,
    toasts: Toasts,
}

/// The live data, in context for the pages and row components below them.
#[derive(Clone, Copy)]
pub struct LiveMigrations {
    /// Rows in the order ARM listed them.
    pub rows: RwSignal<Vec<LiveRow>>,
    /// When the last refresh finished.
    pub last_updated: RwSignal<Option<Timestamp>>,
    /// A refresh is running.
    pub refreshing: RwSignal<bool>,
    /// The list (or get) call failed.
    pub list_error: RwSignal<Option<ArmError>>,
    /// The volume wasn't found (details page).
    pub not_found: RwSignal<bool>,
    /// Ids of the rows on screen, set by a table that knows (a paged one); `None` counts
    /// every row as shown. On-screen rows are read first and more often.
    pub on_screen: RwSignal<Option<Vec<String>>>,
    /// How fresh the figures are, in one sentence for the status bar.
    pub freshness: RwSignal<String>,
    target: RwSignal<Option<LiveTarget>>,
    data: StoredValue<LiveData, LocalStorage>,
    services: StoredValue<Services, LocalStorage>,
}

/// The key rows and raw data are kept under: ARM varies the case of ids.
fn key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

impl LiveMigrations {
    fn alive(&self) -> bool {
        self.data.try_with_value(|_| ()).is_some()
    }

    /// The row of a volume id.
    #[must_use]
    pub fn row(&self, id: &str) -> Option<LiveRow> {
        let k = key(id);
        self.rows.with_untracked(|r| r.iter().find(|r| key(&r.id) == k).cloned())
    }

    /// The raw data of a volume (untracked).
    #[must_use]
    pub fn raw(&self, id: &str) -> Option<RawRow> {
        self.data.with_value(|d| d.raw.get(&key(id)).cloned())
    }

    /// What `f` reads from the raw data of the row with this id, without copying the row (a
    /// view over hundreds of rows reads them at every tick).
    /// An id already trimmed and lower-cased is looked up as it is (no copy per row).
    pub fn with_raw<R>(&self, id: &str, f: impl FnOnce(&RawRow) -> R) -> Option<R> {
        let normal = id.trim().len() == id.len() && !id.bytes().any(|b| b.is_ascii_uppercase());
        self.data.with_value(|d| if normal { d.raw.get(id) } else { d.raw.get(&key(id)) }.map(f))
    }

    /// The ARM client.
    #[must_use]
    pub fn client(&self) -> Rc<AppClient> {
        self.services.with_value(|s| s.client.clone())
    }

    /// This view's copy of the ledger (untracked).
    #[must_use]
    pub fn ledger(&self) -> MigrationLedger {
        self.data.with_value(|d| d.ledger.clone())
    }

    /// Changes the stored ledger, keeps the result and re-derives the rows.
    pub fn update_ledger(&self, f: impl FnOnce(&mut MigrationLedger)) {
        let ledger = update_ledger(|l| {
            f(l);
            l.clone()
        });
        self.data.update_value(|d| d.ledger = ledger);
        self.recompute_all();
    }

    fn ops(&self) -> Operations {
        self.services.with_value(|s| s.ops)
    }

    /// Re-derives every row's cells from what is known (after an operation starts or ends).
    pub fn recompute_all(&self) {
        if !self.alive() {
            return;
        }
        let active = self.active_actions();
        self.rows.with_untracked(|rows| {
            for row in rows {
                self.recompute_row(row, &active);
            }
        });
    }

    fn recompute(&self, id: &str) {
        if let Some(row) = self.row(id) {
            let active = self.active_actions();
            self.recompute_row(&row, &active);
        }
    }

    /// The operation in motion on each target (lower-cased id): computed once per batch, not
    /// once per row.
    fn active_actions(&self) -> HashMap<String, OpAction> {
        self.ops().list().with_untracked(|l| {
            l.iter().filter(|o| o.is_active()).map(|o| (key(&o.target), o.action)).collect()
        })
    }

    fn recompute_row(&self, row: &LiveRow, active: &HashMap<String, OpAction>) {
        let k = key(&row.id);
        let at = now();
        let cells = self.data.with_value(|d| {
            let raw = d.raw.get(&k)?;
            Some(cells_of(&row.id, raw, &d.ledger, active.get(&k).copied(), at))
        });
        if let Some(cells) = cells {
            row.show(cells);
        }
    }
}

/// Follows `target` live and puts the data in context; the polling stops with the caller.
pub fn use_live_migrations(target: Signal<Option<LiveTarget>>) -> LiveMigrations {
    let live = LiveMigrations {
        rows: RwSignal::new(Vec::new()),
        last_updated: RwSignal::new(None),
        refreshing: RwSignal::new(false),
        list_error: RwSignal::new(None),
        not_found: RwSignal::new(false),
        on_screen: RwSignal::new(None),
        freshness: RwSignal::new(String::new()),
        target: RwSignal::new(None),
        data: StoredValue::new_local(LiveData {
            raw: HashMap::new(),
            ledger: load_ledger(),
            planner: ReadPlanner::new(),
            listed: 0,
            view_id: views::new_id(),
            views: 1,
        }),
        services: StoredValue::new_local(Services {
            client: use_arm().client(),
            ops: use_operations(),
            toasts: use_toasts(),
        }),
    };
    provide_context(live);
    let ops = live.ops();
    Effect::new(move |_| {
        let t = target.get();
        if live.target.get_untracked() != t {
            live.target.set(t);
            live.rows.set(Vec::new());
            live.data.update_value(|d| d.raw.clear());
            live.last_updated.set(None);
            live.refreshing.set(false);
            leptos::task::spawn_local(live.refresh(true));
        }
    });
    // The operations changed: phases and buttons follow at once; when one ended (the generation
    // moved), its effect is read. At first, what ended while no view was open is recorded.
    Effect::new(move |prev: Option<u64>| {
        ops.list().track();
        let generation = ops.generation();
        if prev.is_none_or(|p| p != generation) {
            live.note_finished();
        }
        live.recompute_all();
        if prev.is_some_and(|p| p != generation) {
            leptos::task::spawn_local(live.refresh(true));
        }
        generation
    });
    // Each second the planner says what to read: the list alone when its time has come (the
    // statuses follow at the next tick, against the fresh phases), else the statuses due.
    use_polled(move || async move {
        live.poll_tick().await;
        Some(TICK)
    });
    // The other views' share grows back at once, not when this entry goes stale.
    let id = live.data.with_value(|d| d.view_id.clone());
    on_cleanup(move || views::left(&id));
    live
}

/// The live data in context.
///
/// # Panics
/// Outside a page that called [`use_live_migrations`].
#[must_use]
pub fn use_live() -> LiveMigrations {
    expect_context::<LiveMigrations>()
}
