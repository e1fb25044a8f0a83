//! The registry's one polling loop: every running operation that is due is polled, one request
//! at a time per operation, and a failed poll pauses that operation a little longer each time.

use super::{OpState, Operations, MAX_POLL_WAIT, MIN_POLL_WAIT, STALL_BACKOFF};
use crate::arm::browser_env::now;
use crate::hooks::NextPoll;
use crate::state::toasts::ToastKind;
use anf_core::arm::Poller;
use anf_core::time::Timestamp;
use leptos::prelude::*;

impl Operations {
    /// One turn of the poll loop: polls every running operation that is due (one request at a
    /// time per operation) and says when the next is due. Nothing runs while the tab is
    /// hidden: the polling hook pauses.
    pub(super) fn poll_due(&self) -> NextPoll {
        let t = now();
        let running: Vec<(u64, Poller)> = self.list.try_with_untracked(|l| {
            l.iter()
                .filter_map(|o| match &o.state {
                    OpState::Running { poller } => Some((o.id, (**poller).clone())),
                    _ => None,
                })
                .collect()
        })?;
        let mut next: Option<Timestamp> = None;
        let mut soon = |at: Timestamp| next = Some(next.map_or(at, |n: Timestamp| n.min(at)));
        let mut due_now: Vec<(Timestamp, u64, Poller)> = Vec::new();
        for (id, poller) in running {
            if let Some(outcome) = poller.outcome() {
                self.set_state(id, OpState::Done { outcome: Box::new(outcome.clone()) });
                self.announce(id, self.toasts);
                continue;
            }
            if self.in_flight.with_value(|f| f.contains(&id)) {
                continue;
            }
            // Capped: the time was kept from an earlier page, whose clock may have been ahead.
            let due = poller.next_poll_at().unwrap_or(t).min(t.plus(MAX_POLL_WAIT));
            let due = self.stalled.with_value(|s| s.get(&id).map_or(due, |(_, at)| due.max(*at)));
            if due <= t {
                due_now.push((due, id, poller));
            } else {
                soon(due);
            }
        }
        // The longest overdue first, as many as the pace lets go; the others at its next token.
        due_now.sort_by_key(|(due, id, _)| (*due, *id));
        let allowed = self.pace.try_update_value(|p| p.take(t, due_now.len())).unwrap_or(0);
        if allowed < due_now.len() {
            soon(self.pace.with_value(|p| p.next_at(t)));
        }
        for (_, id, poller) in due_now.into_iter().take(allowed) {
            self.poll_one(id, poller);
        }
        // Polls in flight poke the loop when they end; otherwise sleep until the next is due.
        next.map(|n| n.since(t).max(MIN_POLL_WAIT))
    }

    /// Sends one poll of operation `id` and takes its answer.
    fn poll_one(&self, id: u64, mut poller: Poller) {
        self.in_flight.update_value(|f| {
            f.insert(id);
        });
        let client = self.arm.client();
        let this = *self;
        leptos::task::spawn_local(async move {
            let result = client.poll_once(&mut poller, now()).await;
            if this.in_flight.try_update_value(|f| f.remove(&id)).is_none() {
                return;
            }
            match result {
                Ok(_) => {
                    this.stalled.update_value(|s| {
                        s.remove(&id);
                    });
                    this.set_state(id, OpState::Running { poller: Box::new(poller) });
                }
                Err(error) => {
                    // The poll itself failed (network, not signed in): the operation goes on
                    // in Azure, so it stays Running and is polled again after a pause that
                    // grows with each failure in a row. Said once, not at every retry.
                    let failures = this.stalled.with_value(|s| s.get(&id).map_or(0, |(n, _)| *n));
                    let wait = STALL_BACKOFF.saturating_mul(2u32.saturating_pow(failures.min(6)));
                    let wait = wait.min(MAX_POLL_WAIT);
                    this.stalled.update_value(|s| {
                        s.insert(id, (failures + 1, now().plus(wait)));
                    });
                    if failures == 0 {
                        this.toasts.push(ToastKind::Error, error.user_message());
                    }
                }
            }
            this.poke();
        });
    }
}
