//! The engine: the simulated world and everything that changes it. It owns the world, the
//! simulated clock, the seeded RNG, the long-running operations and the queue of events due at
//! a simulated time; the operations, the migration assistant's logic and the ONTAP CLI are its
//! methods (one file each below). Route handlers and the front door reach it only through the
//! methods here: its fields are private to this module and its submodules.
//!
//! Nothing in the engine knows about HTTP routing, throttling, faults or the request log; those
//! belong to the front door (`Simulator`), which owns one engine.

pub mod bulk;
pub mod events;
pub mod migration;
pub mod ontap;
pub mod operation;
pub mod ops;
pub mod seed;
pub mod seed_netapp;
pub mod seed_wave;
pub mod wire;

use crate::clock::SimClock;
use crate::engine::events::Event;
use crate::engine::ontap::prompt::PendingPrompt;
use crate::engine::operation::Operation;
use crate::model::tenancy::FeatureState;
use crate::model::world::World;
use crate::rng::Rng;
use anf_core::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The simulated world with its clock, RNG, operations and scheduled events. Serializable, as
/// part of the saved demo state.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Engine {
    rng: Rng,
    clock: SimClock,
    world: World,
    ops: BTreeMap<String, Operation>,
    #[serde(with = "crate::engine::events::as_list")]
    events: BTreeMap<(u64, u64), Event>,
    event_seq: u64,
    /// Multiplier of every operation's duration (10 in the slow-operations scenario).
    work_factor: u64,
    /// Simulated time of the event or request being processed, in milliseconds.
    now: u64,
    /// An ONTAP command waiting at a prompt for the next line.
    pending_prompt: Option<PendingPrompt>,
    /// Scheduled transfers are held (each slot passes without one): a test that runs time
    /// fast holds them, so none lands at a moment the wall clock picks.
    #[serde(default)]
    hold_schedules: bool,
}

impl Engine {
    /// An empty world at real time `now` (normal speed), its RNG seeded by `seed`, where work
    /// takes `work_factor` times as long as usual. [`seed::populate`] fills it.
    #[must_use]
    pub(crate) fn new(seed: u64, now: Timestamp, work_factor: u64) -> Self {
        Self {
            rng: Rng::new(seed),
            clock: SimClock::new(now, 1.0),
            world: World::new(),
            ops: BTreeMap::new(),
            events: BTreeMap::new(),
            event_seq: 0,
            work_factor,
            now: now.millis(),
            pending_prompt: None,
            hold_schedules: false,
        }
    }

    /// The world, to read.
    #[must_use]
    pub(crate) fn world(&self) -> &World {
        &self.world
    }

    /// The world, to change (route handlers create and edit resources in it).
    pub(crate) fn world_mut(&mut self) -> &mut World {
        &mut self.world
    }

    /// The seeded RNG: ids, passphrases, and the front door's faults and latencies.
    pub(crate) fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    /// Simulated time of the request or event being processed, in milliseconds.
    #[must_use]
    pub(crate) fn now(&self) -> u64 {
        self.now
    }

    /// Simulated milliseconds that `base_ms` of work takes here (longer in slow-operations).
    #[must_use]
    pub(crate) fn work_ms(&self, base_ms: u64) -> u64 {
        base_ms.saturating_mul(self.work_factor)
    }

    /// The speed factor (1 = real time).
    #[must_use]
    pub(crate) fn speed(&self) -> f64 {
        self.clock.speed()
    }

    /// Changes the speed factor from real time `now` on.
    /// Holds scheduled transfers (`true`) or lets them run again at their next slot.
    pub(crate) fn hold_schedules(&mut self, hold: bool) {
        self.hold_schedules = hold;
    }

    pub(crate) fn set_speed(&mut self, speed: f64, now: Timestamp) {
        self.clock.set_speed(now, speed);
    }

    /// Simulated time at real time `now`.
    #[must_use]
    pub(crate) fn sim_time(&self, now: Timestamp) -> Timestamp {
        self.clock.sim_now(now)
    }

    /// Real seconds a client should wait for `sim_ms` of simulated time (at least 1).
    #[must_use]
    pub(crate) fn real_secs(&self, sim_ms: u64) -> u64 {
        self.clock.real_secs(sim_ms)
    }

    /// Lets everything due by real time `now` happen.
    pub(crate) fn catch_up(&mut self, now: Timestamp) {
        self.run_until(self.clock.sim_now(now).millis());
    }

    /// Jumps simulated time forward by `seconds` and lets everything due happen.
    pub(crate) fn advance(&mut self, seconds: u64, now: Timestamp) {
        self.clock.advance(seconds.saturating_mul(1000));
        self.catch_up(now);
    }

    /// Schedules `event` at simulated time `at`.
    pub(crate) fn schedule(&mut self, at: u64, event: Event) {
        self.event_seq += 1;
        self.events.insert((at, self.event_seq), event);
    }

    /// Lets every event due by simulated time `t` happen, in order, each at its own time.
    fn run_until(&mut self, t: u64) {
        while let Some(entry) = self.events.first_entry() {
            if entry.key().0 > t {
                break;
            }
            let ((at, _), event) = entry.remove_entry();
            self.now = self.now.max(at);
            self.apply(event);
        }
        self.now = self.now.max(t);
    }

    /// What an event does; the work itself is in ops, migration::peering and
    /// migration::transfer.
    fn apply(&mut self, event: Event) {
        match event {
            Event::OpDue(id) => self.complete_op(&id),
            Event::OfferExpiry { backend, cluster, issued_at } => {
                self.expire_offer(&backend, &cluster, issued_at);
            }
            Event::FeatureRegistered(sub) => {
                if let Some(s) = self.world.subscriptions.get_mut(&sub) {
                    if s.feature == FeatureState::Registering {
                        s.feature = FeatureState::Registered;
                    }
                }
            }
            Event::CreateRelationship(volume) => self.create_relationship(&volume),
            Event::TransferEnd { volume, epoch } => self.end_transfer(&volume, epoch),
            Event::Scheduled { volume, epoch } => self.scheduled_transfer(&volume, epoch),
        }
    }
}
