//! The simulator: the world, its clock, and the ARM front door (`handle`).

use crate::clock::SimClock;
use crate::events::Event;
use crate::faults::Faults;
use crate::http::ApiError;
use crate::log::{LogEntry, RequestLog};
use crate::model::World;
use crate::ops::Operation;
use crate::rng::Rng;
use crate::scenario::Scenario;
use crate::seed::{self, DefaultScope};
use crate::throttle::{Decision, Kind, Limits, Throttle};
use crate::url::ParsedUrl;
use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, ArmResponse, Method};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Requests kept in the request log.
const LOG_CAPACITY: usize = 5_000;

/// The whole simulated system. Serializable, so demo state survives a page reload.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Simulator {
    scenario: Scenario,
    seed: u64,
    pub(crate) rng: Rng,
    pub(crate) clock: SimClock,
    pub(crate) world: World,
    pub(crate) ops: BTreeMap<String, Operation>,
    #[serde(with = "crate::events::as_list")]
    events: BTreeMap<(u64, u64), Event>,
    event_seq: u64,
    throttle: Throttle,
    faults: Faults,
    log: RequestLog,
    /// Multiplier of every operation's duration (10 in the slow-operations scenario).
    pub(crate) op_factor: u64,
    /// Simulated time of the event or request being processed, in milliseconds.
    pub(crate) now: u64,
    /// An ONTAP command waiting at a prompt for the next line.
    #[serde(default)]
    pub(crate) pending_prompt: Option<crate::ontap::cli::PendingPrompt>,
    /// The ONTAP command being run was resumed from a prompt (interactive use).
    #[serde(skip)]
    pub(crate) cli_resumed: bool,
    /// The tenant the seeded subscriptions belong to, when it isn't the built-in one (armsim
    /// takes it from the identity provider, so `/tenants` names the tenant the user signed in to).
    #[serde(default)]
    home_tenant: Option<String>,
}

impl Simulator {
    /// A simulator in `scenario`, with its RNG seeded by `seed`, starting at real time `now`
    /// at normal speed.
    #[must_use]
    pub fn new(scenario: Scenario, seed: u64, now: Timestamp) -> Self {
        let limits = if scenario == Scenario::Throttling { Limits::TIGHT } else { Limits::ARM };
        let faults =
            if scenario == Scenario::ServerErrors { Faults::bursts(60) } else { Faults::none() };
        let mut sim = Self {
            scenario,
            seed,
            rng: Rng::new(seed),
            clock: SimClock::new(now, 1.0),
            world: World::new(),
            ops: BTreeMap::new(),
            events: BTreeMap::new(),
            event_seq: 0,
            throttle: Throttle::new(limits),
            faults,
            log: RequestLog::new(LOG_CAPACITY),
            op_factor: if scenario == Scenario::SlowOperations { 10 } else { 1 },
            now: now.millis(),
            pending_prompt: None,
            cli_resumed: false,
            home_tenant: None,
        };
        seed::populate(&mut sim, scenario);
        sim
    }

    /// Starts over in `scenario` with the same seed and speed.
    pub fn reset(&mut self, scenario: Scenario, now: Timestamp) {
        let speed = self.clock.speed();
        let home = self.home_tenant.take();
        *self = Self::new(scenario, self.seed, now);
        self.clock.set_speed(now, speed);
        if let Some(tenant) = home {
            self.set_home_tenant(&tenant);
        }
    }

    /// Moves the seeded tenant, and every subscription in it, to `tenant_id`; kept across resets.
    pub fn set_home_tenant(&mut self, tenant_id: &str) {
        let old = self.default_scope().tenant_id;
        for tenant in self.world.tenants.iter_mut().filter(|t| t.id == old) {
            tenant.id = tenant_id.to_owned();
        }
        for sub in self.world.subscriptions.values_mut().filter(|s| s.tenant_id == old) {
            sub.tenant_id = tenant_id.to_owned();
        }
        self.home_tenant = Some(tenant_id.to_owned());
    }

    /// The scenario this simulator was started in.
    #[must_use]
    pub fn scenario(&self) -> Scenario {
        self.scenario
    }

    /// The seed.
    #[must_use]
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The speed factor (1 = real time; [`crate::DEMO_SPEED`] for demos).
    #[must_use]
    pub fn speed(&self) -> f64 {
        self.clock.speed()
    }

    /// Changes the speed factor from real time `now` on.
    pub fn set_speed(&mut self, speed: f64, now: Timestamp) {
        self.clock.set_speed(now, speed);
    }

    /// Jumps simulated time forward by `seconds` and lets everything due happen.
    pub fn advance(&mut self, seconds: u64, now: Timestamp) {
        self.clock.advance(seconds.saturating_mul(1000));
        self.run_until(self.clock.sim_now(now).millis());
    }

    /// Simulated time at real time `now`.
    #[must_use]
    pub fn sim_time(&self, now: Timestamp) -> Timestamp {
        self.clock.sim_now(now)
    }

    /// Where the demo starts: subscription, resource group, account, pool, subnet, cluster.
    #[must_use]
    pub fn default_scope(&self) -> DefaultScope {
        let mut scope = seed::default_scope();
        if let Some(tenant) = &self.home_tenant {
            scope.tenant_id.clone_from(tenant);
        }
        scope
    }

    /// Names of the external ONTAP clusters.
    #[must_use]
    pub fn cluster_names(&self) -> Vec<String> {
        self.world.clusters.values().map(|c| c.name.clone()).collect()
    }

    /// The request log, oldest first.
    pub fn requests(&self) -> impl Iterator<Item = &LogEntry> {
        self.log.entries()
    }

    /// How many ARM requests were handled since start (or the last clear).
    #[must_use]
    pub fn request_count(&self) -> u64 {
        self.log.total()
    }

    /// How many requests the log keeps (5,000 by default; lower it to keep saved state small).
    pub fn set_request_log_capacity(&mut self, capacity: usize) {
        self.log.set_capacity(capacity);
    }

    /// Empties the request log.
    pub fn clear_requests(&mut self) {
        self.log.clear();
    }

    /// Read-only view of the world, for tests and the trainer's views.
    #[must_use]
    pub fn world(&self) -> &World {
        &self.world
    }

    /// Serves one ARM request at real time `now`.
    pub fn handle(&mut self, request: &ArmRequest, now: Timestamp) -> ArmResponse {
        let t = self.clock.sim_now(now).millis();
        self.run_until(t);
        let url = ParsedUrl::parse(&request.url);
        let kind = match request.method {
            Method::Get => Kind::Reads,
            Method::Delete => Kind::Deletes,
            _ => Kind::Writes,
        };
        let segments = url.segments();
        let (scope, level) = match segments.as_slice() {
            [first, sub, ..] if first.eq_ignore_ascii_case("subscriptions") => {
                (sub.clone(), "subscription")
            }
            _ => ("tenant".to_string(), "tenant"),
        };
        let mut response = match self.throttle.take(&scope, kind, now) {
            Decision::Throttled(secs) => {
                let op = if kind == Kind::Reads { "read" } else { "write" };
                ApiError::throttled(op, &scope, secs)
                    .response()
                    .with_header("Retry-After", secs.to_string())
            }
            Decision::Allowed(remaining) => {
                let r = match self.faults.next(&mut self.rng) {
                    Some(fault) => fault,
                    None => crate::routes::dispatch(self, request, &url, &segments)
                        .unwrap_or_else(|e| e.response()),
                };
                r.with_header(
                    format!("x-ms-ratelimit-remaining-{level}-{}", kind.as_str()),
                    remaining.to_string(),
                )
            }
        };
        let request_id = self.rng.uuid();
        let correlation = request
            .header("x-ms-correlation-request-id")
            .map_or_else(|| self.rng.uuid(), str::to_string);
        response = response
            .with_header("x-ms-request-id", request_id)
            .with_header("x-ms-correlation-request-id", correlation);
        self.log.push(LogEntry {
            method: request.method.as_str().to_string(),
            path: url.path.clone(),
            status: response.status,
            at: now,
        });
        response
    }

    /// Schedules `event` at simulated time `at`.
    pub(crate) fn schedule(&mut self, at: u64, event: Event) {
        self.event_seq += 1;
        self.events.insert((at, self.event_seq), event);
    }

    /// Lets every event due by simulated time `t` happen, in order, each at its own time.
    pub(crate) fn run_until(&mut self, t: u64) {
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

    fn apply(&mut self, event: Event) {
        match event {
            Event::OpDue(id) => self.complete_op(&id),
            Event::OfferExpiry { backend, cluster, issued_at } => {
                self.expire_offer(&backend, &cluster, issued_at);
            }
            Event::FeatureRegistered(sub) => {
                if let Some(s) = self.world.subscriptions.get_mut(&sub) {
                    if s.feature == crate::model::tenancy::FeatureState::Registering {
                        s.feature = crate::model::tenancy::FeatureState::Registered;
                    }
                }
            }
            Event::CreateRelationship(volume) => self.create_relationship(&volume),
            Event::TransferEnd { volume, epoch } => self.end_transfer(&volume, epoch),
            Event::Scheduled { volume, epoch } => self.scheduled_transfer(&volume, epoch),
        }
    }
}
