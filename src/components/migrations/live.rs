//! Live status of migration volumes: the data behind the table and the details page.
//!
//! The core's [`ReadPlanner`] decides each second what to read within ARM's read budget: the
//! volume list (every page a read) on a cadence that slows with its length, and
//! `replicationStatus` only for rows in motion, those the user acts on and those on screen
//! first; rows at rest are read once to fill them in. Nothing is read while the tab is hidden,
//! never two requests at once for one volume. Each row holds one signal per cell and a refresh
//! sets only the cells whose value changed, so a tick over a thousand rows touches only the few
//! that moved.

use super::ledger_store::{load_ledger, load_recorded, save_recorded, update_ledger};
use crate::arm::browser_env::{now, sleep, steady_now};
use crate::arm::context::{use_arm, AppClient};
use crate::hooks::page_hidden;
use crate::state::operations::{arm_error_of, use_operations, Operations};
use crate::state::toasts::{use_toasts, ToastKind, Toasts};
use crate::storage::{self, Area};
use anf_core::arm::retry::RequestKind;
use anf_core::arm::{ArmError, ClientError};
use anf_core::ids::{PoolId, VolumeId};
use anf_core::migration::{
    derive_phase, format_bytes, format_lag, lag_since, list_pages, motion, progress_fraction,
    Freshness, MigrationAction, MigrationLedger, Phase, PollRow, ReadPlanner, Tick,
};
use anf_core::migration_meta::{storage_key, MigrationMeta};
use anf_core::models::{RemotePath, ReplicationStatus, Volume};
use anf_core::time::Timestamp;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::time::Duration;

/// A row whose operation ended this recently still goes first: the user watches its effect.
const TOUCHED_FOR: Duration = Duration::from_secs(60);
/// How often the planner is asked what to read.
const TICK: Duration = Duration::from_secs(1);
/// What a cell shows for a value ARM hasn't reported.
pub const UNKNOWN: &str = "—";

/// What the live view follows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiveTarget {
    /// Every migration volume of a pool.
    Pool(PoolId),
    /// One volume.
    Volume(VolumeId),
}

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

impl LiveRow {
    fn new(id: String) -> Self {
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

/// What is known of one volume, not reactive. Its times are the planner's steady clock
/// ([`steady_now`]), never kept beyond the page.
#[derive(Clone, Debug, Default)]
pub struct RawRow {
    /// The volume as last read.
    pub volume: Option<Volume>,
    /// The replication status as last read.
    pub status: Option<ReplicationStatus>,
    /// When the status was last read (successfully or not: the planner's clock).
    pub status_read_at: Option<Timestamp>,
    /// When the request that brought the status shown was sent.
    pub status_asked_at: Option<Timestamp>,
    /// When the list that last carried the volume was asked for.
    pub volume_read_at: Option<Timestamp>,
    /// When the row first appeared.
    pub seen_at: Timestamp,
    /// A status read is on its way.
    pub status_busy: bool,
    /// Why the last status read failed.
    pub status_error: Option<String>,
    /// Source size from the migration's metadata (`None` inside: not recorded).
    pub source_bytes: Option<Option<u64>>,
}

/// The live data, in context for the pages and row components below them.
#[derive(Clone, Copy)]
pub struct LiveMigrations {
    target: RwSignal<Option<LiveTarget>>,
    /// Rows in the order ARM listed them.
    pub rows: RwSignal<Vec<LiveRow>>,
    raw: StoredValue<HashMap<String, RawRow>, LocalStorage>,
    ledger: StoredValue<MigrationLedger, LocalStorage>,
    /// When the last refresh finished.
    pub last_updated: RwSignal<Option<Timestamp>>,
    /// A refresh is running.
    pub refreshing: RwSignal<bool>,
    /// The list (or get) call failed.
    pub list_error: RwSignal<Option<ArmError>>,
    /// The volume wasn't found (details page).
    pub not_found: RwSignal<bool>,
    /// Ids of the rows on screen, set by a table that knows (a virtualised one); `None` counts
    /// every row as shown. On-screen rows are read first and more often.
    pub on_screen: RwSignal<Option<Vec<String>>>,
    /// How fresh the figures are, in one sentence for the status bar.
    pub freshness: RwSignal<String>,
    planner: StoredValue<ReadPlanner>,
    /// Volumes the last list returned, every kind (what its pages cost).
    listed: StoredValue<usize>,
    client: StoredValue<Rc<AppClient>, LocalStorage>,
    ops: Operations,
    toasts: Toasts,
    owner: StoredValue<Option<Owner>>,
}

fn set_if<T: PartialEq + Send + Sync + 'static>(sig: RwSignal<T>, value: T) {
    if sig.with_untracked(|v| *v != value) {
        sig.set(value);
    }
}

fn key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

impl LiveMigrations {
    fn alive(&self) -> bool {
        self.raw.try_with_value(|_| ()).is_some()
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
        self.raw.with_value(|m| m.get(&key(id)).cloned())
    }

    /// The ARM client.
    #[must_use]
    pub fn client(&self) -> Rc<AppClient> {
        self.client.get_value()
    }

    /// Runs `f` under the page's owner, so code started from an event handler or a task can
    /// reach the contexts (the operations registry reads the client from context).
    pub fn in_page<R>(&self, f: impl FnOnce() -> R) -> R {
        match self.owner.try_get_value().flatten() {
            Some(o) => o.with(f),
            None => f(),
        }
    }

    /// The ledger (untracked).
    #[must_use]
    pub fn ledger(&self) -> MigrationLedger {
        self.ledger.get_value()
    }

    /// Changes the ledger, saves it and re-derives the rows.
    pub fn update_ledger(&self, f: impl FnOnce(&mut MigrationLedger)) {
        let ledger = update_ledger(|l| {
            f(l);
            l.clone()
        });
        self.ledger.set_value(ledger);
        self.recompute_all();
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

    /// The action key of the operation in motion on each target (lower-cased id): computed once
    /// per batch, not once per row.
    fn active_actions(&self) -> HashMap<String, String> {
        self.ops.list().with_untracked(|l| {
            l.iter().filter(|o| o.is_active()).map(|o| (key(&o.target), o.action.clone())).collect()
        })
    }

    fn recompute_row(&self, row: &LiveRow, active: &HashMap<String, String>) {
        let k = key(&row.id);
        let Some(cells) = self.raw.with_value(|raw| {
            let raw = raw.get(&k)?;
            Some(self.ledger.with_value(|ledger| cells_of(&row.id, raw, ledger, active.get(&k))))
        }) else {
            return;
        };
        set_if(row.name, cells.name);
        set_if(row.source, cells.source);
        set_if(row.phase, cells.phase);
        set_if(row.mirror, cells.mirror);
        set_if(row.relationship, cells.relationship);
        set_if(row.healthy, cells.healthy);
        set_if(row.progress, cells.progress);
        set_if(row.progress_text, cells.progress_text);
        set_if(row.lag, cells.lag);
        set_if(row.lag_text, cells.lag_text);
        set_if(row.error, cells.error);
    }

    /// Records in the ledger what finished operations did that ARM won't tell later
    /// ([`MigrationLedger::record_finished`]), each once, in the order they ran, and announces
    /// a finalize. The cut-over sequence records its break too, for when no view is open.
    fn note_finished(&self, ops: Operations) {
        let mut recorded = load_recorded();
        /// (operation id, target, action, finished at).
        type Finished = (u64, String, MigrationAction, Timestamp);
        let (ids, done): (HashSet<u64>, Vec<Finished>) = ops.list().with_untracked(|l| {
            let ids = l.iter().map(|o| o.id).collect();
            let done = l
                .iter()
                .filter(|o| o.succeeded() && !recorded.contains(&o.id))
                .filter_map(|o| {
                    let action = MigrationAction::ALL.into_iter().find(|a| a.key() == o.action)?;
                    Some((o.id, o.target.clone(), action, o.finished_at.unwrap_or_default()))
                })
                .collect();
            (ids, done)
        });
        // From storage, not this view's copy: another view (the table, a details page) may have
        // recorded the same finish already, and it must be announced once.
        let stored = load_ledger();
        let mut ledger = stored.clone();
        let mut finalized = Vec::new();
        for (op, target, action, at) in done {
            recorded.insert(op);
            let name = ledger.get(&target).map(|k| k.name.clone());
            if ledger.record_finished(&target, action, at) && action == MigrationAction::Finalize {
                finalized.push(name.unwrap_or_default());
            }
        }
        // Ids the registry no longer has (forgotten, or a demo reset restarting the count) go.
        recorded.retain(|id| ids.contains(id));
        save_recorded(&recorded);
        if ledger == stored {
            self.ledger.set_value(ledger);
            return;
        }
        for name in finalized {
            self.toasts.push(
                ToastKind::Info,
                format!("{name} is finalized. On the source cluster, run \"cluster peer show\"; if the Azure NetApp Files peer is still listed, run \"cluster peer delete -cluster <name>\"."),
            );
        }
        self.update_ledger(|l| *l = ledger);
    }

    /// The planner's view of every row, in row order.
    fn poll_rows(&self) -> Vec<PollRow> {
        // The planner's times are steady; the operations' are wall-clock (they are kept).
        let t = steady_now();
        let wall = now();
        let touched: std::collections::HashSet<String> = self.ops.list().with_untracked(|l| {
            l.iter()
                .filter(|o| {
                    o.is_active() || o.finished_at.is_some_and(|f| wall.since(f) < TOUCHED_FOR)
                })
                .map(|o| key(&o.target))
                .collect()
        });
        let active = self.active_actions();
        let screen: Option<std::collections::HashSet<String>> = self
            .on_screen
            .with_untracked(|s| s.as_ref().map(|ids| ids.iter().map(|id| key(id)).collect()));
        self.rows.with_untracked(|rows| {
            self.raw.with_value(|raws| {
                rows.iter()
                    .map(|r| {
                        let k = key(&r.id);
                        let raw = raws.get(&k);
                        let can_read = raw.and_then(|raw| raw.volume.as_ref()).is_some_and(|v| {
                            let migration = v.is_migration()
                                || v.replication().is_some_and(|x| x.remote_path.is_some());
                            let busy = v
                                .properties
                                .provisioning_state
                                .as_ref()
                                .is_some_and(|p| p.is_busy());
                            migration && !busy
                        });
                        PollRow {
                            motion: r.phase.with_untracked(|p| motion(p, active.contains_key(&k))),
                            status_read_at: raw.and_then(|raw| raw.status_read_at),
                            seen_at: raw.map_or(t, |raw| raw.seen_at),
                            on_screen: screen.as_ref().is_none_or(|s| s.contains(&k)),
                            touched: touched.contains(&k),
                            busy: !can_read || raw.is_some_and(|raw| raw.status_busy),
                        }
                    })
                    .collect()
            })
        })
    }

    fn tick(&self, force: bool) -> Tick {
        Tick {
            now: steady_now(),
            hidden: page_hidden(),
            listed: self.listed.get_value(),
            arm_reads_left: self.client.get_value().budget().lowest(RequestKind::Read),
            force,
        }
    }

    /// Reads the list (or the volume) now and then the statuses due. `force` (the Refresh
    /// button, an operation that ended, a new target) also reads the on-screen rows that aren't
    /// fresh, at rest or not, up to a screenful beyond the budget. While the tab is hidden, reads
    /// pause after a 429, a list is already on its way or earlier refreshes borrowed a bucketful,
    /// the list is only made due: the poll loop reads it as soon as it may.
    pub async fn refresh(self, force: bool) {
        if !self.alive() {
            return;
        }
        let tick = self.tick(true);
        let rows = self.poll_rows();
        let charged = list_pages(tick.listed);
        let busy = self.refreshing.get_untracked();
        let now_ok = self
            .planner
            .try_update_value(|p| {
                if !busy && p.may_force(&tick) {
                    // Asked for, the list goes now; the planner charges it, into debt if need be.
                    p.take_list(&tick, &rows)
                } else {
                    p.list_soon();
                    false
                }
            })
            .unwrap_or(false);
        if !now_ok {
            return;
        }
        if self.read_list(charged).await {
            self.start_status_reads(force);
        }
    }

    /// One list call; false when it failed or the view changed meanwhile.
    async fn read_list(self, charged: u32) -> bool {
        let Some(target) = self.target.get_untracked() else { return false };
        self.refreshing.set(true);
        let client = self.client.get_value();
        let asked = steady_now();
        let listed: Result<Vec<Volume>, ClientError> = match &target {
            LiveTarget::Pool(pool) => client.list_volumes(pool).await,
            LiveTarget::Volume(id) => client.get_volume(id).await.map(|v| vec![v]),
        };
        if !self.alive() || self.target.get_untracked().as_ref() != Some(&target) {
            return false;
        }
        let count = listed.as_ref().map_or(0, Vec::len);
        self.planner.update_value(|p| p.list_read(steady_now(), charged, count));
        match listed {
            Ok(volumes) => {
                set_if(self.list_error, None);
                set_if(self.not_found, false);
                self.listed.set_value(volumes.len());
                self.take_list(&target, volumes, asked);
            }
            Err(e) if e.status() == Some(404) && matches!(target, LiveTarget::Volume(_)) => {
                set_if(self.list_error, None);
                set_if(self.not_found, true);
                self.take_list(&target, Vec::new(), asked);
            }
            Err(e) => {
                if e.status() == Some(429) {
                    self.planner.update_value(|p| p.throttled(steady_now()));
                }
                // The list failed (throttled, offline): no status reads on top of it, and
                // "last updated" keeps saying when the data shown was true.
                self.list_error.set(Some(arm_error_of(&e)));
                self.refreshing.set(false);
                return false;
            }
        }
        let rows = self.poll_rows();
        let arm_left = self.client.get_value().budget().lowest(RequestKind::Read);
        set_if(self.freshness, Freshness::of(self.listed.get_value(), &rows, arm_left).describe());
        self.last_updated.set(Some(now()));
        self.refreshing.set(false);
        true
    }

    fn take_list(&self, target: &LiveTarget, volumes: Vec<Volume>, asked: Timestamp) {
        // Start from storage so writing back can't undo what another view recorded.
        let mut ledger = load_ledger();
        let mut changed = false;
        let seen = now();
        for v in &volumes {
            changed |= ledger.remember(v, seen);
        }
        let present: Vec<String> = volumes.iter().filter_map(|v| v.id.clone()).collect();
        if let LiveTarget::Pool(pool) = target {
            // Known migrations gone from the pool were deleted: nothing left to show.
            let gone: Vec<String> = ledger
                .missing_from(&pool.to_string(), &present)
                .iter()
                .map(|m| m.id.clone())
                .collect();
            for id in gone {
                ledger.forget(&id);
                changed = true;
            }
        }
        if changed {
            let saved = ledger.clone();
            update_ledger(move |l| *l = saved);
        }
        let shown: Vec<&Volume> = volumes
            .iter()
            .filter(|v| {
                matches!(target, LiveTarget::Volume(_))
                    || v.is_migration()
                    || v.replication().is_some_and(|r| r.remote_path.is_some())
                    || v.id.as_deref().is_some_and(|id| ledger.knows(id))
            })
            .collect();
        self.ledger.set_value(ledger);
        let t = steady_now();
        self.raw.update_value(|raw| {
            let keep: std::collections::HashSet<String> =
                shown.iter().filter_map(|v| v.id.as_deref().map(key)).collect();
            raw.retain(|k, _| keep.contains(k));
            for v in &shown {
                let Some(id) = v.id.as_deref() else { continue };
                let entry = raw
                    .entry(key(id))
                    .or_insert_with(|| RawRow { seen_at: t, ..RawRow::default() });
                entry.volume = Some((*v).clone());
                entry.volume_read_at = Some(asked);
                if entry.source_bytes.is_none() {
                    let meta: Option<MigrationMeta> = storage::load(Area::Local, &storage_key(id));
                    entry.source_bytes = Some(meta.and_then(|m| m.source_logical_bytes));
                }
            }
        });
        let ids: Vec<String> = shown.iter().filter_map(|v| v.id.clone()).collect();
        let same = self.rows.with_untracked(|rows| {
            rows.len() == ids.len() && rows.iter().zip(&ids).all(|(r, id)| key(&r.id) == key(id))
        });
        if !same {
            let mut old: HashMap<String, LiveRow> =
                self.rows.get_untracked().into_iter().map(|r| (key(&r.id), r)).collect();
            let next: Vec<LiveRow> = ids
                .iter()
                .map(|id| old.remove(&key(id)).unwrap_or_else(|| LiveRow::new(id.clone())))
                .collect();
            self.rows.set(next);
        }
        self.recompute_all();
    }

    fn start_status_reads(&self, force: bool) {
        let tick = self.tick(force);
        let rows = self.poll_rows();
        let picked =
            self.planner.try_update_value(|p| p.take_statuses(&tick, &rows)).unwrap_or_default();
        self.read_statuses(&picked);
    }

    /// Starts the status reads of the rows at `indices` (in [`Self::poll_rows`] order).
    fn read_statuses(&self, indices: &[usize]) {
        let ids: Vec<String> = self.rows.with_untracked(|rows| {
            indices.iter().filter_map(|i| rows.get(*i).map(|r| r.id.clone())).collect()
        });
        for id in ids {
            self.read_status(id);
        }
    }

    fn read_status(&self, id: String) {
        let Ok(vid) = VolumeId::parse(&id) else { return };
        self.raw.update_value(|m| {
            if let Some(r) = m.get_mut(&key(&id)) {
                r.status_busy = true;
            }
        });
        let client = self.client.get_value();
        let this = *self;
        leptos::task::spawn_local(async move {
            let asked = steady_now();
            let result = client.replication_status(&vid).await;
            if !this.alive() {
                return;
            }
            let t = steady_now();
            let mut observed = None;
            let mut throttled = false;
            this.raw.update_value(|m| {
                let Some(r) = m.get_mut(&key(&id)) else { return };
                r.status_busy = false;
                r.status_read_at = Some(t);
                match result {
                    Ok(s) => {
                        r.status_error = None;
                        observed = Some(s.clone());
                        r.status = Some(s);
                        r.status_asked_at = Some(asked);
                    }
                    // No replication (finalized meanwhile): nothing to read.
                    Err(e) if e.status() == Some(409) || e.status() == Some(404) => {
                        r.status = None;
                        r.status_error = None;
                    }
                    Err(e) => {
                        throttled = e.status() == Some(429);
                        r.status_error = Some(format!("Status not read: {}", e.user_message()));
                    }
                }
            });
            if throttled {
                this.planner.update_value(|p| p.throttled(t));
            }
            if let Some(s) = observed {
                let mut ledger = this.ledger.get_value();
                if ledger.observe(&id, &s, now()) {
                    this.ledger.set_value(ledger.clone());
                    update_ledger(move |l| *l = ledger);
                } else {
                    this.ledger.set_value(ledger);
                }
            }
            this.recompute(&id);
        });
    }

    /// Asks the planner each second what to read: the list alone when its time has come (the
    /// statuses follow at the next tick, against the fresh phases), else the statuses due.
    fn poll_loop(self) {
        leptos::task::spawn_local(async move {
            loop {
                sleep(TICK).await;
                if !self.alive() {
                    return;
                }
                if self.refreshing.get_untracked() || self.target.get_untracked().is_none() {
                    continue;
                }
                let tick = self.tick(false);
                let rows = self.poll_rows();
                let Some(plan) = self.planner.try_update_value(|p| p.plan(&tick, &rows)) else {
                    return;
                };
                if plan.list {
                    self.read_list(list_pages(tick.listed)).await;
                } else {
                    self.read_statuses(&plan.statuses);
                }
            }
        });
    }
}

/// Follows `target` live and puts the data in context; the polling stops with the caller.
pub fn use_live_migrations(target: Signal<Option<LiveTarget>>) -> LiveMigrations {
    let live = LiveMigrations {
        target: RwSignal::new(None),
        rows: RwSignal::new(Vec::new()),
        raw: StoredValue::new_local(HashMap::new()),
        ledger: StoredValue::new_local(load_ledger()),
        last_updated: RwSignal::new(None),
        refreshing: RwSignal::new(false),
        list_error: RwSignal::new(None),
        not_found: RwSignal::new(false),
        on_screen: RwSignal::new(None),
        freshness: RwSignal::new(String::new()),
        planner: StoredValue::new(ReadPlanner::new()),
        listed: StoredValue::new(0),
        client: StoredValue::new_local(use_arm().client()),
        ops: use_operations(),
        toasts: use_toasts(),
        owner: StoredValue::new(Owner::current()),
    };
    provide_context(live);
    let ops = live.ops;
    Effect::new(move |_| {
        let t = target.get();
        if live.target.get_untracked() != t {
            live.target.set(t);
            live.rows.set(Vec::new());
            live.raw.update_value(HashMap::clear);
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
            live.note_finished(ops);
        }
        live.recompute_all();
        if prev.is_some_and(|p| p != generation) {
            leptos::task::spawn_local(live.refresh(true));
        }
        generation
    });
    live.poll_loop();
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

/// The cells of one row, derived from what is known of it.
struct Cells {
    name: String,
    source: Option<RemotePath>,
    phase: Phase,
    mirror: String,
    relationship: String,
    healthy: Option<bool>,
    progress: Option<f64>,
    progress_text: String,
    lag: Option<Duration>,
    lag_text: String,
    error: Option<String>,
}

fn cells_of(id: &str, raw: &RawRow, ledger: &MigrationLedger, active: Option<&String>) -> Cells {
    let mut facts = ledger.facts(id);
    facts.deleting = active.is_some_and(|a| a == MigrationAction::Cancel.key());
    let newer = newer_status(raw);
    let status = newer.as_ref().or(raw.status.as_ref());
    let phase = derive_phase(raw.volume.as_ref(), status, &facts);
    let known = ledger.get(id);
    let volume = raw.volume.as_ref();
    let replication = volume.and_then(Volume::replication);
    let name = volume
        .and_then(Volume::short_name)
        .map(str::to_owned)
        .or_else(|| known.map(|k| k.name.clone()))
        .unwrap_or_default();
    let source = replication
        .and_then(|r| r.remote_path.clone())
        .or_else(|| known.and_then(|k| k.source.clone()));
    let mirror = status
        .and_then(|s| s.mirror_state.clone())
        .or_else(|| replication?.mirror_state.clone())
        .map_or_else(|| UNKNOWN.to_owned(), |m| m.to_string());
    let relationship = status
        .and_then(|s| s.relationship_status.clone())
        .or_else(|| replication?.relationship_status.clone())
        .map_or_else(|| UNKNOWN.to_owned(), |m| m.to_string());
    let quota = volume.map_or(0, |v| v.properties.usage_threshold);
    let source_bytes = raw.source_bytes.flatten();
    let progress = progress_fraction(&phase, status, quota, source_bytes);
    let progress_text = match (&phase, status.and_then(ReplicationStatus::total_progress_bytes)) {
        (Phase::Baseline, Some(b)) => {
            let total = source_bytes.filter(|b| *b > 0).unwrap_or(quota);
            format!("{} of about {}", format_bytes(b), format_bytes(total))
        }
        (_, Some(b)) if b > 0 => format!("{} transferred", format_bytes(b)),
        _ => String::new(),
    };
    let lag = lag_since(known.and_then(|k| k.watch.last_transfer_at), now());
    let lag_text = match (lag, &phase) {
        (Some(d), _) => format_lag(d),
        (None, Phase::Mirrored { .. }) => "not seen yet".to_owned(),
        (None, _) => UNKNOWN.to_owned(),
    };
    let error = match &phase {
        Phase::Failed(e) => Some(e.clone()),
        _ => status.and_then(|s| s.error().map(str::to_owned)),
    }
    .or_else(|| raw.status_error.clone());
    Cells {
        name,
        source,
        phase,
        mirror,
        relationship,
        healthy: status.and_then(|s| s.healthy),
        progress,
        progress_text,
        lag,
        lag_text,
        error,
    }
}

/// The status with the mirror state and relationship status of a list read after it: statuses
/// of most rows are read far less often than the list, and the newer word wins (a transfer the
/// list shows starting makes the row move, and so its status polled).
fn newer_status(raw: &RawRow) -> Option<ReplicationStatus> {
    let status = raw.status.as_ref()?;
    // By when each request was sent: a failed status read, or a status that was asked for
    // before the list and answered after it, doesn't make an old status look newer.
    let listed_later = match (raw.volume_read_at, raw.status_asked_at) {
        (Some(v), Some(s)) => v > s,
        _ => false,
    };
    let replication = raw.volume.as_ref().and_then(Volume::replication).filter(|_| listed_later)?;
    if replication.mirror_state.is_none() && replication.relationship_status.is_none() {
        return None;
    }
    let mut merged = status.clone();
    if replication.mirror_state.is_some() {
        merged.mirror_state.clone_from(&replication.mirror_state);
    }
    if replication.relationship_status.is_some() {
        merged.relationship_status.clone_from(&replication.relationship_status);
    }
    Some(merged)
}
