//! The reads of the driver: the pools' lists for the name check, and the cut-over window's
//! status reads (paced: a window of hundreds of volumes reads a few a second, not hundreds).

use super::drive::apply_change;
use super::sends::{start_window_call, WindowCall};
use super::{lower, Waves};
use crate::arm::browser_env::{now, steady_now};
use crate::state::ledger_store::{load_ledger, update_ledger};
use crate::state::toasts::ToastKind;
use anf_core::ids::{AccountId, VolumeId};
use anf_core::migration::cut_over::StatusRead;
use anf_core::time::Timestamp;
use anf_core::wave::window::{CutOverWindow, WindowRead};
use anf_core::wave::{BudgetSettings, ListedVolume, WriteBudget};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::time::Duration;

/// After a failed list of the pools, try again this much later.
const LIST_RETRY: Duration = Duration::from_secs(10);

type Reads = (Vec<String>, Vec<String>);

impl Waves {
    /// The window's status reads due now that the pace lets go (reads, break checks), and
    /// when the next is due (steady clock).
    pub(super) fn window_reads(
        &self,
        win: &CutOverWindow,
        wall: Timestamp,
        t: Timestamp,
    ) -> (Reads, Option<Timestamp>) {
        let work = win.work(wall);
        let mut next = work.next_at.map(|at| t.plus(at.since(wall)));
        let reading = self.driving.with_value(|d| d.reading.clone());
        let free = |id: &String| !reading.contains(&lower(id));
        let want: Vec<(String, bool)> = work
            .read
            .iter()
            .filter(|id| free(id))
            .map(|id| (id.clone(), false))
            .chain(work.check_broken.iter().filter(|id| free(id)).map(|id| (id.clone(), true)))
            .collect();
        let allowed =
            self.driving.try_update_value(|d| d.reads.take(t, want.len())).unwrap_or_default();
        if allowed < want.len() {
            let at = self.driving.with_value(|d| d.reads.next_at(t));
            next = Some(next.map_or(at, |n| n.min(at)));
        }
        let mut out: Reads = (Vec::new(), Vec::new());
        for (id, broken) in want.into_iter().take(allowed) {
            self.driving.update_value(|d| {
                d.reading.insert(lower(&id));
            });
            if broken {
                out.1.push(id);
            } else {
                out.0.push(id);
            }
        }
        (out, next)
    }

    fn done_reading(&self, id: &str) {
        self.driving.try_update_value(|d| {
            d.reading.remove(&lower(id));
        });
    }

    /// Reads a waiting volume's replication status; idle and mirrored with the breaks open
    /// sends its break at once (or its final sync again, when ARM refused that while a
    /// transfer ran), within the write budget (else the next read asks again).
    pub(super) fn read_status(&self, name: &str, id: String) {
        let Ok(vid) = VolumeId::parse(&id) else { return self.done_reading(&id) };
        let this = *self;
        let name = name.to_owned();
        leptos::task::spawn_local(async move {
            let read = this.arm.client().replication_status(&vid).await;
            // No answer (network, expired sign-in) is not a failed read: the wait goes on.
            let read = StatusRead::of(read);
            let recorded = load_ledger().get(&id).is_some_and(|k| k.cut_over_at.is_some());
            let t = steady_now();
            let in_flight = this.writes_in_flight();
            this.change_wave(&name, |w| {
                let subscription = AccountId::parse(&w.settings.account)
                    .map(|a| a.subscription.to_ascii_lowercase())
                    .unwrap_or_default();
                let (Some(run), Some(win)) = (w.run.as_mut(), w.window.as_mut()) else { return };
                match win.status_read(&id, read, recorded, now()) {
                    answer @ (WindowRead::SendBreak | WindowRead::SendSync) => {
                        let call = if answer == WindowRead::SendSync {
                            WindowCall::Sync
                        } else {
                            WindowCall::Break
                        };
                        let row = run.volumes.iter().find(|v| v.id.eq_ignore_ascii_case(&id));
                        let Some((row, vname)) = row.map(|v| (v.row, v.name.clone())) else {
                            return;
                        };
                        let go = this
                            .driving
                            .try_update_value(|d| {
                                d.budgets
                                    .entry(subscription)
                                    .or_insert_with(|| {
                                        WriteBudget::new(BudgetSettings::default(), t)
                                    })
                                    .next(t, &[row], in_flight)
                                    .send
                                    .contains(&row)
                            })
                            .unwrap_or(false);
                        if !go {
                            // No write left in the budget now: the next read asks again.
                            return;
                        }
                        match start_window_call(&this.ops, &name, &id, &vname, call) {
                            Ok(op) if call == WindowCall::Sync => {
                                win.sync_resent(&id, op);
                            }
                            Ok(op) => {
                                win.break_started(&id, op);
                            }
                            Err(busy) => {
                                let why = format!("\"{}\" is running on this volume.", busy.label);
                                if let Some(change) = win.break_refused(&id, why) {
                                    apply_change(run, &id, &change);
                                }
                            }
                        }
                    }
                    WindowRead::Moved(change) => apply_change(run, &id, &change),
                    WindowRead::Nothing => {}
                }
            });
            this.done_reading(&id);
            this.poke();
        });
    }

    /// After a reload lost a break's answer: is the replication broken?
    pub(super) fn check_broken(&self, name: &str, id: String) {
        let Ok(vid) = VolumeId::parse(&id) else { return self.done_reading(&id) };
        let this = *self;
        let name = name.to_owned();
        leptos::task::spawn_local(async move {
            let read = this.arm.client().replication_status(&vid).await;
            let read = StatusRead::of(read);
            let t = steady_now();
            this.change_wave(&name, |w| {
                let (Some(run), Some(win)) = (w.run.as_mut(), w.window.as_mut()) else { return };
                if let Some(change) = win.broken_checked(&id, read, t) {
                    apply_change(run, &id, &change);
                }
            });
            this.done_reading(&id);
            this.poke();
        });
    }

    /// Reads the lists of the wave's pools (one read per page of 100 volumes) and gives them
    /// to the machine: the name check before the creates, and the answer to a lost create.
    /// After a failed read, nothing until the retry time, which it returns.
    pub(super) fn list_pools(&self, name: &str, t: Timestamp) -> Option<Timestamp> {
        let l = lower(name);
        let retry_at = self.driving.with_value(|d| d.list_error.get(&l).map(|(_, at)| *at));
        if let Some(at) = retry_at.filter(|at| *at > t) {
            return Some(at);
        }
        let wave = self.store.try_with_untracked(|s| s.get(name).cloned()).flatten()?;
        let account = AccountId::parse(&wave.settings.account).ok()?;
        let pools: BTreeSet<String> = wave
            .run
            .as_ref()
            .map(|r| r.volumes.iter().map(|v| v.pool.clone()).collect())
            .unwrap_or_default();
        self.driving.update_value(|d| {
            d.busy.insert(l.clone());
        });
        let this = *self;
        let name = name.to_owned();
        leptos::task::spawn_local(async move {
            let client = this.arm.client();
            let mut listed = Vec::new();
            let mut error = None;
            for pool in &pools {
                match client.list_volumes(&account.pool(pool.clone())).await {
                    Ok(volumes) => {
                        let at = now();
                        update_ledger(|ledger| {
                            for v in &volumes {
                                ledger.remember(v, at);
                            }
                        });
                        listed.extend(volumes.iter().map(|v| ListedVolume::from_volume(pool, v)));
                    }
                    Err(e) => {
                        error =
                            Some(format!("Pool {pool} could not be read: {}", e.user_message()));
                        break;
                    }
                }
            }
            match error {
                None => {
                    this.change_wave(&name, |w| {
                        if let Some(run) = w.run.as_mut() {
                            run.listed(&listed);
                        }
                    });
                    this.driving.try_update_value(|d| d.list_error.remove(&lower(&name)));
                    this.list_errors.try_update(|e| e.remove(&lower(&name)));
                }
                Some(message) => {
                    let first = this.list_errors.with_untracked(|e| !e.contains_key(&lower(&name)));
                    if first {
                        this.toasts.push(ToastKind::Error, format!("Wave {name}: {message}"));
                    }
                    let at = steady_now().plus(LIST_RETRY);
                    this.driving.try_update_value(|d| {
                        d.list_error.insert(lower(&name), (message.clone(), at));
                    });
                    this.list_errors.try_update(|e| e.insert(lower(&name), message));
                }
            }
            this.driving.try_update_value(|d| d.busy.remove(&lower(&name)));
            this.poke();
        });
        None
    }
}
