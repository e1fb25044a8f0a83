//! The reads behind the live view: the list (or the one volume) and the statuses the planner
//! picks, each taken into the raw rows and the rows re-derived.

use super::row::set_if;
use super::{key, views, LiveMigrations, LiveRow, LiveTarget};
use crate::arm::browser_env::{now, steady_now};
use crate::hooks::page_hidden;
use crate::state::ledger_store::update_ledger;
use crate::state::operations::arm_error_of;
use crate::storage::{self, Area};
use anf_core::arm::retry::RequestKind;
use anf_core::arm::ClientError;
use anf_core::ids::VolumeId;
use anf_core::migration::{
    list_pages, motion, shown_in_table, Freshness, PollRow, RawRow, StatusAnswer, Tick,
    LIST_PAGE_SIZE,
};
use anf_core::migration_meta::{storage_key, MigrationMeta};
use anf_core::models::Volume;
use anf_core::time::Timestamp;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

/// A row whose operation ended this recently still goes first: the user watches its effect.
const TOUCHED_FOR: Duration = Duration::from_secs(60);

impl LiveMigrations {
    /// The planner's view of every row, in row order.
    fn poll_rows(&self) -> Vec<PollRow> {
        // The planner's times are steady; the operations' are wall-clock (they are kept).
        let t = steady_now();
        let wall = now();
        let touched: HashSet<String> = self.ops().list().with_untracked(|l| {
            l.iter()
                .filter(|o| {
                    o.is_active() || o.finished_at.is_some_and(|f| wall.since(f) < TOUCHED_FOR)
                })
                .map(|o| key(&o.target))
                .collect()
        });
        let active = self.active_actions();
        let screen: Option<HashSet<String>> = self
            .on_screen
            .with_untracked(|s| s.as_ref().map(|ids| ids.iter().map(|id| key(id)).collect()));
        self.rows.with_untracked(|rows| {
            self.data.with_value(|d| {
                rows.iter()
                    .map(|r| {
                        let k = key(&r.id);
                        let raw = d.raw.get(&k);
                        PollRow {
                            motion: r.phase.with_untracked(|p| motion(p, active.contains_key(&k))),
                            status_read_at: raw.and_then(|raw| raw.status_read_at),
                            seen_at: raw.map_or(t, |raw| raw.seen_at),
                            on_screen: screen.as_ref().is_none_or(|s| s.contains(&k)),
                            touched: touched.contains(&k),
                            busy: !raw.is_some_and(RawRow::status_readable),
                        }
                    })
                    .collect()
            })
        })
    }

    fn tick(&self, force: bool) -> Tick {
        let hidden = page_hidden();
        // A hidden view reads nothing and so claims no share of the budget.
        let views = if hidden {
            1
        } else {
            let id = self.data.with_value(|d| d.view_id.clone());
            let n = views::polling(&id);
            self.data.update_value(|d| d.views = n);
            n
        };
        Tick {
            now: steady_now(),
            hidden,
            listed: self.data.with_value(|d| d.listed),
            arm_reads_left: self.client().budget().lowest(RequestKind::Read),
            force,
            views,
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
            .data
            .try_update_value(|d| {
                if !busy && d.planner.may_force(&tick) {
                    // Asked for, the list goes now; the planner charges it, into debt if need be.
                    d.planner.take_list(&tick, &rows)
                } else {
                    d.planner.list_soon();
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

    /// One turn of the poll loop: asks the planner what to read now.
    pub(super) async fn poll_tick(self) {
        if !self.alive() || self.refreshing.get_untracked() {
            return;
        }
        if self.target.get_untracked().is_none() {
            return;
        }
        let tick = self.tick(false);
        let rows = self.poll_rows();
        let Some(plan) = self.data.try_update_value(|d| d.planner.plan(&tick, &rows)) else {
            return;
        };
        if plan.list {
            self.read_list(list_pages(tick.listed)).await;
        } else {
            self.read_statuses(&plan.statuses);
        }
    }

    /// One list call; false when it failed or the view changed meanwhile.
    async fn read_list(self, charged: u32) -> bool {
        let Some(target) = self.target.get_untracked() else { return false };
        self.refreshing.set(true);
        let client = self.client();
        let asked = steady_now();
        let mut per_pool = Vec::new();
        let listed: Result<Vec<Volume>, ClientError> = match &target {
            LiveTarget::Pool(pool) => client.list_volumes(pool).await,
            LiveTarget::Pools(pools) => {
                let mut all = Vec::new();
                let mut failed = None;
                for pool in pools {
                    match client.list_volumes(pool).await {
                        Ok(v) => {
                            per_pool.push(v.len());
                            all.extend(v);
                        }
                        Err(e) => {
                            failed = Some(e);
                            break;
                        }
                    }
                }
                failed.map_or(Ok(all), Err)
            }
            LiveTarget::Volume(id) => client.get_volume(id).await.map(|v| vec![v]),
        };
        if !self.alive() || self.target.get_untracked().as_ref() != Some(&target) {
            return false;
        }
        // Several pools cost each pool's pages: counted as as many volumes as those pages hold,
        // so the planner charges and paces exactly the reads made.
        let count = if per_pool.is_empty() {
            listed.as_ref().map_or(0, Vec::len)
        } else {
            per_pool.iter().map(|n| n.div_ceil(LIST_PAGE_SIZE).max(1) * LIST_PAGE_SIZE).sum()
        };
        self.data.update_value(|d| d.planner.list_read(steady_now(), charged, count));
        match listed {
            Ok(volumes) => {
                set_if(self.list_error, None);
                set_if(self.not_found, false);
                self.data.update_value(|d| d.listed = count);
                self.take_list(&target, &volumes, asked);
            }
            Err(e) if e.status() == Some(404) && matches!(target, LiveTarget::Volume(_)) => {
                set_if(self.list_error, None);
                set_if(self.not_found, true);
                self.take_list(&target, &[], asked);
            }
            Err(e) => {
                if e.status() == Some(429) {
                    self.data.update_value(|d| d.planner.throttled(steady_now()));
                }
                // The list failed (throttled, offline): no status reads on top of it, and
                // "last updated" keeps saying when the data shown was true.
                self.list_error.set(Some(arm_error_of(&e)));
                self.refreshing.set(false);
                return false;
            }
        }
        let rows = self.poll_rows();
        let arm_left = self.client().budget().lowest(RequestKind::Read);
        let (listed, views) = self.data.with_value(|d| (d.listed, d.views));
        set_if(self.freshness, Freshness::of(listed, &rows, arm_left, views).describe());
        self.last_updated.set(Some(now()));
        self.refreshing.set(false);
        true
    }

    fn take_list(&self, target: &LiveTarget, volumes: &[Volume], asked: Timestamp) {
        // Start from storage so writing back can't undo what another view recorded.
        let mut ledger = crate::state::ledger_store::load_ledger();
        let pool = match target {
            LiveTarget::Pool(pool) => Some(pool.to_string()),
            // The ledger forgets what a whole pool's list misses; with several pools, nothing.
            LiveTarget::Pools(_) | LiveTarget::Volume(_) => None,
        };
        if ledger.take_list(pool.as_deref(), volumes, now()) {
            let saved = ledger.clone();
            update_ledger(move |l| *l = saved);
        }
        let shown: Vec<&Volume> = volumes
            .iter()
            .filter(|v| matches!(target, LiveTarget::Volume(_)) || shown_in_table(v, &ledger))
            .collect();
        let t = steady_now();
        self.data.update_value(|d| {
            d.ledger = ledger;
            let keep: HashSet<String> =
                shown.iter().filter_map(|v| v.id.as_deref().map(key)).collect();
            d.raw.retain(|k, _| keep.contains(k));
            for v in &shown {
                let Some(id) = v.id.as_deref() else { continue };
                let entry = d
                    .raw
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
        let picked = self
            .data
            .try_update_value(|d| d.planner.take_statuses(&tick, &rows))
            .unwrap_or_default();
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
        self.data.update_value(|d| {
            if let Some(r) = d.raw.get_mut(&key(&id)) {
                r.status_busy = true;
            }
        });
        let client = self.client();
        let this = *self;
        leptos::task::spawn_local(async move {
            let asked = steady_now();
            let result = client.replication_status(&vid).await;
            if !this.alive() {
                return;
            }
            let throttled = matches!(&result, Err(e) if e.status() == Some(429));
            let answer = match result {
                Ok(s) => StatusAnswer::Read(s),
                Err(e) if matches!(e.status(), Some(404 | 409)) => StatusAnswer::NoReplication,
                Err(e) => StatusAnswer::Failed(e.user_message()),
            };
            let observed = match &answer {
                StatusAnswer::Read(s) => Some(s.clone()),
                _ => None,
            };
            let t = steady_now();
            this.data.update_value(|d| {
                if let Some(r) = d.raw.get_mut(&key(&id)) {
                    r.take_status(answer, asked, t);
                }
                if throttled {
                    d.planner.throttled(t);
                }
            });
            if let Some(s) = observed {
                // Only the observation goes to storage: the stored ledger may hold what
                // another view recorded since this one's copy was taken.
                let wall = now();
                if this.data.try_update_value(|d| d.ledger.observe(&id, &s, wall)) == Some(true) {
                    update_ledger(|l| {
                        l.observe(&id, &s, wall);
                    });
                }
            }
            this.recompute(&id);
        });
    }
}
