//! The driver: what the machine of each running sequence asks for, carried out (the lease,
//! the operation's end, the status reads, the break).

use super::{lease, CutOvers, LEASE_WAIT, MIN_WAIT};
use crate::arm::browser_env::now;
use crate::hooks::NextPoll;
use crate::state::ledger_store::load_ledger;
use crate::state::tab_lease;
use anf_core::arm::ClientError;
use anf_core::ids::VolumeId;
use anf_core::migration::cut_over::{OpEnd, StatusRead};
use anf_core::migration::{CutOverBook, CutOverWork, OpAction, ReadOutcome, VolumeCall};
use anf_core::models::ReplicationStatus;
use anf_core::time::Timestamp;
use leptos::prelude::*;
use std::time::Duration;

impl CutOvers {
    /// How an operation the sequence waits for ended; `None` while it runs.
    fn op_end(&self, op: u64) -> Option<OpEnd> {
        let o = self.ops.list().with_untracked(|l| l.iter().find(|o| o.id == op).cloned());
        match o {
            Some(o) if o.is_active() => None,
            Some(o) if o.succeeded() => Some(OpEnd::Succeeded),
            Some(o) if o.outcome_unknown() => Some(OpEnd::Unknown),
            // ARM refused it: nothing started, and the machine may send it again.
            Some(o) if o.not_started() => Some(OpEnd::Refused(
                o.error().map_or_else(|| "Azure refused it.".to_owned(), |e| e.user_message()),
            )),
            Some(o) => Some(OpEnd::Failed(
                o.error()
                    .map_or_else(|| "The operation was canceled.".to_owned(), |e| e.user_message()),
            )),
            None => Some(OpEnd::Failed("The operation is no longer known.".into())),
        }
    }

    /// One turn of the driver: for each running sequence this tab drives, does what the
    /// machine asks; says when to look again.
    pub(super) fn drive(&self) -> NextPoll {
        let t = now();
        let running = self.book.try_with_untracked(CutOverBook::running)?;
        let mut next: Option<Timestamp> = None;
        let mut soon = |at: Timestamp| next = Some(next.map_or(at, |n: Timestamp| n.min(at)));
        for id in running {
            if self.driving.with_value(|d| d.busy.contains(&id)) {
                continue;
            }
            if !self.driving.with_value(|d| d.held.contains(&id)) {
                let retry = self.driving.with_value(|d| d.lease_retry.get(&id).copied());
                match retry {
                    Some(at) if at > t => soon(at),
                    _ => self.take_lease(id),
                }
                continue;
            }
            // Lost to another tab (this one was throttled past the lease): it drives now.
            if !tab_lease::renew(&lease(&id)) {
                self.driving.update_value(|d| {
                    d.held.remove(&id);
                    d.lease_retry.insert(id.clone(), t.plus(LEASE_WAIT));
                });
                soon(t.plus(LEASE_WAIT));
                continue;
            }
            self.change(&id, "", |c| c.tick(t));
            let work = self.book.with_untracked(|b| b.get(&id).map(|c| c.work(t)));
            match work {
                Some(CutOverWork::AwaitOp(op)) => {
                    if let Some(end) = self.op_end(op) {
                        self.change(&id, "", |c| c.op_ended(op, end, t));
                        soon(t);
                    } else {
                        soon(t.plus(Duration::from_secs(1)));
                    }
                }
                Some(CutOverWork::ReadStatus { at }) => {
                    let at = at.max(self.driving.with_value(|d| d.read_hold));
                    if at <= t {
                        self.read_status(id);
                    } else {
                        soon(at);
                    }
                }
                Some(CutOverWork::CheckBroken { at }) => {
                    let at = at.max(self.driving.with_value(|d| d.read_hold));
                    if at <= t {
                        self.check_broken(id);
                    } else {
                        soon(at);
                    }
                }
                Some(CutOverWork::SendForcedBreak) => {
                    if let Ok(vid) = VolumeId::parse(&id) {
                        self.send_break(&id, vid);
                    }
                }
                Some(CutOverWork::Idle) | None => {}
            }
        }
        next.map(|n| n.since(t).max(MIN_WAIT))
    }

    fn busy(&self, id: &str, busy: bool) {
        self.driving.try_update_value(|d| {
            if busy {
                d.busy.insert(id.to_owned());
            } else {
                d.busy.remove(id);
            }
        });
    }

    /// Takes the lease of a sequence resumed by itself (another tab may resume it too).
    fn take_lease(&self, id: String) {
        self.busy(&id, true);
        let this = *self;
        leptos::task::spawn_local(async move {
            let held = tab_lease::take(&lease(&id)).await;
            this.driving.try_update_value(|d| {
                if held {
                    d.held.insert(id.clone());
                    d.lease_retry.remove(&id);
                } else {
                    d.lease_retry.insert(id.clone(), now().plus(LEASE_WAIT));
                }
                d.busy.remove(&id);
            });
            this.poke();
        });
    }

    /// Reads the replication status of `id` in a task (the sequence is busy meanwhile, so the
    /// driver takes no other step for it), then hands the answer to `then`, unless the app
    /// went away meanwhile; the driver looks again after.
    fn with_status(
        &self,
        id: String,
        then: impl FnOnce(CutOvers, &str, VolumeId, Result<ReplicationStatus, ClientError>) + 'static,
    ) {
        let Ok(vid) = VolumeId::parse(&id) else { return };
        self.busy(&id, true);
        let this = *self;
        leptos::task::spawn_local(async move {
            let read = this.arm.client().replication_status(&vid).await;
            if this.book.try_with_untracked(|_| ()).is_none() {
                return;
            }
            then(this, &id, vid, read);
            this.busy(&id, false);
            this.poke();
        });
    }

    /// Reads the replication status for a waiting sequence; an idle, mirrored answer sends the
    /// break at once, with nothing awaited in between.
    fn read_status(&self, id: String) {
        self.with_status(id, |this, id, vid, read| {
            let read = StatusRead::of(read);
            // These reads count against ARM's read budget like every other: when the
            // subscription's reads run low, the next one waits as long as the budget says.
            let hold = this.arm.client().budget().read_delay().unwrap_or_default();
            this.driving.try_update_value(|d| d.read_hold = now().plus(hold));
            let recorded = load_ledger().get(id).is_some_and(|k| k.cut_over_at.is_some());
            let outcome = this
                .book
                .try_update(|b| b.get_mut(id).map(|c| c.status_read(read, recorded, now())))
                .flatten();
            match outcome {
                Some(ReadOutcome::SendBreak) if tab_lease::renew(&lease(id)) => {
                    this.send_break(id, vid);
                }
                Some(ReadOutcome::SendSync) if tab_lease::renew(&lease(id)) => {
                    this.send_sync_again(id, vid);
                }
                Some(ReadOutcome::Moved(change)) => this.apply(id, &change),
                _ => this.save(),
            }
        });
    }

    /// Sends the final sync again: ARM refused it while a transfer ran, which is over now.
    fn send_sync_again(&self, id: &str, vid: VolumeId) {
        let name = self.book.with_untracked(|b| b.get(id).map(|c| c.name.clone()));
        let label = format!("Cut over: final sync on {}", name.unwrap_or_default());
        let started = self.ops.start(id, OpAction::CutOverSync, label, move |c, t| async move {
            VolumeCall::Transfer.send(&c, &vid, t).await
        });
        match started {
            Ok(op) => self.change(id, "", |c| c.sync_resent(op)),
            Err(busy) => {
                let why = format!("\"{}\" is running on this volume.", busy.label);
                self.change(id, "", |c| c.break_refused(why));
            }
        }
    }

    fn send_break(&self, id: &str, vid: VolumeId) {
        let (name, force) = self.book.with_untracked(|b| {
            b.get(id).map(|c| (c.name.clone(), c.is_forced())).unwrap_or_default()
        });
        let label = if force {
            format!("Cut over: forced break on {name}")
        } else {
            format!("Cut over: break on {name}")
        };
        let started = self.ops.start(id, OpAction::CutOverBreak, label, move |c, t| async move {
            VolumeCall::Break { force }.send(&c, &vid, t).await
        });
        match started {
            Ok(op) => self.change(id, "", |c| c.break_started(op)),
            Err(busy) => {
                let why = format!("\"{}\" is running on this volume.", busy.label);
                self.change(id, "", |c| c.break_refused(why));
            }
        }
    }

    /// The break's answer was lost (a reload, a dropped connection): is the replication broken?
    fn check_broken(&self, id: String) {
        self.with_status(id, |this, id, _, read| {
            let hold = this.arm.client().budget().read_delay().unwrap_or_default();
            this.driving.try_update_value(|d| d.read_hold = now().plus(hold));
            let read = StatusRead::of(read);
            let change = this
                .book
                .try_update(|b| b.get_mut(id).and_then(|c| c.broken_checked(read, now())))
                .flatten();
            // Still checking: kept, so a reload goes on with the same window.
            match change {
                Some(change) => this.apply(id, &change),
                None => this.save(),
            }
        });
    }
}
