//! The registry's one polling loop: every running operation that is due is polled, one request
//! at a time per operation.
//!
//! An operation goes on in Azure whatever happens to this page, so nothing here ends one that
//! did not end: a poll that fails on the network, is refused for an expired sign-in or is
//! throttled leaves it Running and pauses it (longer after each failure in a row, and as long
//! as ARM's read budget says after a success), until the next poll finds out. Two bounds end the
//! wait from here: a volume create that took too long is given up with a message saying where
//! to look, and a peering that has not succeeded in an hour is offered to be run again, as
//! Microsoft's how-to says.

use super::{lease, OpState, Operations, MAX_POLL_WAIT, MIN_POLL_WAIT, STALL_BACKOFF};
use crate::arm::browser_env::now;
use crate::hooks::NextPoll;
use crate::state::tab_lease;
use crate::state::toasts::ToastKind;
use anf_core::arm::lro::OverdueAction;
use anf_core::arm::{ClientError, Poller};
use anf_core::time::Timestamp;
use leptos::prelude::*;

/// When an operation may be polled again, and why it waits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Pace {
    /// Failed polls in a row.
    pub failures: u32,
    /// Not before this time.
    pub not_before: Timestamp,
    /// The last failure was an expired sign-in: polls go on once the user signs in again.
    pub needs_sign_in: bool,
}

impl Operations {
    /// One turn of the poll loop: polls every running operation that is due and says when the
    /// next is due. Nothing runs while the tab is hidden: the polling hook pauses.
    pub(super) fn poll_due(&self) -> NextPoll {
        let t = now();
        let running: Vec<(u64, String, Poller)> = self.list.try_with_untracked(|l| {
            l.iter()
                .filter_map(|o| match &o.state {
                    OpState::Running { poller } => {
                        Some((o.id, o.target.clone(), (**poller).clone()))
                    }
                    _ => None,
                })
                .collect()
        })?;
        let mut next: Option<Timestamp> = None;
        let mut soon = |at: Timestamp| next = Some(next.map_or(at, |n: Timestamp| n.min(at)));
        let mut due_now: Vec<(Timestamp, u64, Poller)> = Vec::new();
        for (id, target, mut poller) in running {
            // Kept while it runs, so another tab can't start a second mutation on the target.
            tab_lease::renew(&lease(&target));
            if let Some(outcome) = poller.outcome() {
                self.set_state(id, OpState::Done { outcome: Box::new(outcome.clone()) });
                self.announce(id, self.toasts);
                continue;
            }
            if let Some(overdue) = poller.overdue(t) {
                match overdue.action {
                    OverdueAction::GiveUp => {
                        if let Some(outcome) = poller.give_up(t) {
                            self.set_state(id, OpState::Done { outcome: Box::new(outcome) });
                            self.announce(id, self.toasts);
                            continue;
                        }
                    }
                    OverdueAction::Rerun => {
                        if self.overdue.try_update(|o| o.insert(id)) == Some(true) {
                            self.toasts.push(ToastKind::Info, overdue.user_message());
                        }
                    }
                }
            }
            if self.in_flight.with_value(|f| f.contains(&id)) {
                continue;
            }
            // Capped: the time was kept from an earlier page, whose clock may have been ahead.
            let due = poller.next_poll_at().unwrap_or(t).min(t.plus(MAX_POLL_WAIT));
            let due = self.pace.with_value(|p| p.get(&id).map_or(due, |p| due.max(p.not_before)));
            if due <= t {
                due_now.push((due, id, poller));
            } else {
                soon(due);
            }
        }
        // The longest overdue first, as many as the pace lets go; the others at its next token.
        due_now.sort_by_key(|(due, id, _)| (*due, *id));
        let allowed = self.poll_rate.try_update_value(|p| p.take(t, due_now.len())).unwrap_or(0);
        if allowed < due_now.len() {
            soon(self.poll_rate.with_value(|p| p.next_at(t)));
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
            let t = now();
            match result {
                Ok(_) => {
                    // ARM's read budget for the subscription, read once per poll: sleeping
                    // the whole delay is what keeps the reads inside it.
                    let hold = client.budget().read_delay().unwrap_or_default();
                    this.pace.update_value(|p| {
                        p.insert(id, Pace { not_before: t.plus(hold), ..Pace::default() });
                    });
                    this.set_state(id, OpState::Running { poller: Box::new(poller) });
                }
                Err(error) => this.poll_failed(id, &error),
            }
            this.poke();
        });
    }

    /// The poll itself failed: the operation goes on in Azure, so it stays Running and is
    /// polled again after a pause that grows with each failure in a row. Said once, not at
    /// every retry; a lost network is said by the page's banner, not per operation.
    fn poll_failed(&self, id: u64, error: &ClientError) {
        let before = self.pace.with_value(|p| p.get(&id).copied().unwrap_or_default());
        let wait = STALL_BACKOFF.saturating_mul(2u32.saturating_pow(before.failures.min(6)));
        let pace = Pace {
            failures: before.failures + 1,
            not_before: now().plus(wait.min(MAX_POLL_WAIT)),
            needs_sign_in: error.needs_sign_in(),
        };
        self.pace.update_value(|p| {
            p.insert(id, pace);
        });
        let label = self.get_untracked(id).map(|o| o.label).unwrap_or_default();
        if pace.needs_sign_in && !before.needs_sign_in {
            self.toasts.push(
                ToastKind::Info,
                format!(
                    "Sign in again to go on following \"{label}\": it goes on in Azure meanwhile."
                ),
            );
        } else if before.failures == 0 && !matches!(error, ClientError::Transport(_)) {
            self.toasts.push(
                ToastKind::Error,
                format!("\"{label}\" could not be read ({}); trying again.", error.user_message()),
            );
        }
    }

    /// Polls every running operation now: the network came back, or the user signed in again.
    pub fn retry_now(&self) {
        self.pace.try_update_value(std::collections::HashMap::clear);
        self.poke();
    }

    /// Whether operation `id` has run past the time Microsoft's guidance gives it and may be
    /// started again ([`Self::supersede`]): a peering that has not succeeded in an hour.
    #[must_use]
    pub fn is_overdue(&self, id: u64) -> bool {
        self.overdue.with(|o| o.contains(&id))
    }
}
