//! The front door: what the app, armsim and the tests hold. It knows the scenario and seed,
//! throttles and fails requests like ARM, keeps the request log, and hands each request that
//! gets through to the routes, which work on the engine it owns. The ONTAP CLI and the bulk
//! loaders are engine logic reached through here.

use crate::engine::operation::OpStatus;
use crate::engine::seed::{self, DefaultScope};
use crate::engine::Engine;
use crate::faults::{Faults, OperationEnd, OperationFault};
use crate::http::ApiError;
use crate::latency;
use crate::log::{LogEntry, RequestLog};
use crate::model::world::World;
use crate::routes::dispatch;
use crate::scenario::Scenario;
use crate::throttle::{Decision, Kind, Limits, Throttle};
use crate::url::ParsedUrl;
use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, ArmResponse, Method};
use serde::{Deserialize, Serialize};

/// Requests kept in the request log.
const LOG_CAPACITY: usize = 5_000;

/// The whole simulated system. Serializable, so demo state survives a page reload.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Simulator {
    scenario: Scenario,
    seed: u64,
    engine: Engine,
    throttle: Throttle,
    faults: Faults,
    log: RequestLog,
    /// The tenant the seeded subscriptions belong to, when it isn't the built-in one (armsim
    /// takes it from the identity provider, so `/tenants` names the tenant the user signed in to).
    #[serde(default)]
    home_tenant: Option<String>,
    /// Armed switches making the next operations of matching requests end `Failed` or
    /// `Canceled`, oldest first.
    #[serde(default)]
    operation_faults: Vec<OperationFault>,
}

impl Simulator {
    /// A simulator in `scenario`, with its RNG seeded by `seed`, starting at real time `now`
    /// at normal speed.
    #[must_use]
    pub fn new(scenario: Scenario, seed: u64, now: Timestamp) -> Self {
        let limits = if scenario == Scenario::Throttling { Limits::TIGHT } else { Limits::ARM };
        let faults =
            if scenario == Scenario::ServerErrors { Faults::bursts(60) } else { Faults::none() };
        let work_factor = if scenario == Scenario::SlowOperations { 10 } else { 1 };
        let mut engine = Engine::new(seed, now, work_factor);
        seed::populate(&mut engine, scenario);
        Self {
            scenario,
            seed,
            engine,
            throttle: Throttle::new(limits),
            faults,
            log: RequestLog::new(LOG_CAPACITY),
            home_tenant: None,
            operation_faults: Vec::new(),
        }
    }

    /// Starts over in `scenario` with the same seed and speed (and no armed fault switches).
    pub fn reset(&mut self, scenario: Scenario, now: Timestamp) {
        let speed = self.engine.speed();
        let home = self.home_tenant.take();
        *self = Self::new(scenario, self.seed, now);
        self.engine.set_speed(speed, now);
        if let Some(tenant) = home {
            self.set_home_tenant(&tenant);
        }
    }

    /// Moves the seeded tenant, and every subscription in it, to `tenant_id`; kept across resets.
    pub fn set_home_tenant(&mut self, tenant_id: &str) {
        let old = self.default_scope().tenant_id;
        seed::move_tenant(&mut self.engine, &old, tenant_id);
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
        self.engine.speed()
    }

    /// Changes the speed factor from real time `now` on.
    pub fn set_speed(&mut self, speed: f64, now: Timestamp) {
        self.engine.set_speed(speed, now);
    }

    /// Holds scheduled transfers (each slot passes without one) or lets them run again.
    pub fn hold_schedules(&mut self, hold: bool) {
        self.engine.hold_schedules(hold);
    }

    /// Jumps simulated time forward by `seconds` and lets everything due happen.
    pub fn advance(&mut self, seconds: u64, now: Timestamp) {
        self.engine.advance(seconds, now);
    }

    /// Simulated time at real time `now`.
    #[must_use]
    pub fn sim_time(&self, now: Timestamp) -> Timestamp {
        self.engine.sim_time(now)
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
        self.engine.world().clusters.values().map(|c| c.name.clone()).collect()
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

    /// Arms a switch: the next `fault.left` asynchronous operations started by requests it
    /// matches end as `fault.end` when their work would be done, without doing it. Switches
    /// apply oldest first; a matching request that starts no operation (a read, a refusal)
    /// leaves them armed.
    pub fn end_next_operations(&mut self, fault: OperationFault) {
        if fault.left > 0 {
            self.operation_faults.push(fault);
        }
    }

    /// The armed operation switches, oldest first, with what each has left.
    #[must_use]
    pub fn operation_faults(&self) -> &[OperationFault] {
        &self.operation_faults
    }

    /// Disarms every operation switch.
    pub fn clear_operation_faults(&mut self) {
        self.operation_faults.clear();
    }

    /// Read-only view of the world, for tests and the trainer's views.
    #[must_use]
    pub fn world(&self) -> &World {
        self.engine.world()
    }

    /// Serves one ARM request at real time `now`.
    pub fn handle(&mut self, request: &ArmRequest, now: Timestamp) -> ArmResponse {
        self.engine.catch_up(now);
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
                let r = match self.faults.next(self.engine.rng()) {
                    Some(fault) => fault,
                    None => {
                        let r = dispatch::route(&mut self.engine, request, &url, &segments)
                            .unwrap_or_else(|e| e.response());
                        self.doom_started_operation(request.method, &url.path, &r);
                        r
                    }
                };
                r.with_header(
                    format!("x-ms-ratelimit-remaining-{level}-{}", kind.as_str()),
                    remaining.to_string(),
                )
            }
        };
        let request_id = self.engine.rng().uuid();
        let correlation = request
            .header("x-ms-correlation-request-id")
            .map_or_else(|| self.engine.rng().uuid(), str::to_string);
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

    /// If `answer` started an operation and an armed switch matches the request, the operation
    /// is armed to end as the switch says, and the switch has one fewer left.
    fn doom_started_operation(&mut self, method: Method, path: &str, answer: &ArmResponse) {
        let Some(at) = self.operation_faults.iter().position(|f| f.matches(method, path)) else {
            return;
        };
        // The operation an accepted request started is the one its polling URLs name.
        let Some(op_id) = started_operation(answer) else { return };
        let end = match self.operation_faults[at].end {
            OperationEnd::Failed => OpStatus::Failed,
            OperationEnd::Canceled => OpStatus::Canceled,
        };
        if self.engine.doom_operation(op_id, end) {
            let fault = &mut self.operation_faults[at];
            fault.left -= 1;
            if fault.left == 0 {
                self.operation_faults.remove(at);
            }
        }
    }

    /// Runs `input` on external cluster `cluster` at real time `now`; the output text. Several
    /// lines run in order; a command that prompts (the passphrase of `cluster peer create`)
    /// takes its answers from the following lines, or waits for the next call's.
    pub fn ontap_cli(&mut self, cluster: &str, input: &str, now: Timestamp) -> String {
        self.engine.ontap_cli(cluster, input, now)
    }

    /// A realistic latency for `request`, in real milliseconds, drawn from the seeded RNG, for
    /// the in-page transport to wait before handing over the response.
    pub fn latency_ms(&mut self, request: &ArmRequest) -> u64 {
        latency::draw(self.engine.rng(), request)
    }

    /// Adds `count` 100 GiB regular volumes named `bulk-00000`... to the pool with id `pool_id`
    /// (which must exist), past ARM and its throttling; returns how many were added.
    pub fn add_bulk_volumes(&mut self, pool_id: &str, count: usize, now: Timestamp) -> usize {
        self.engine.add_bulk_volumes(pool_id, count, now)
    }

    /// Adds `count` migration volumes to the pool with id `pool_id`, a quarter each waiting for
    /// peering, transferring their baseline, mirrored and broken, for load tests of the app's
    /// polling (the benchmark); returns how many were added.
    pub fn add_bulk_migrations(&mut self, pool_id: &str, count: usize, now: Timestamp) -> usize {
        self.engine.add_bulk_migrations(pool_id, count, now)
    }

    /// Clients write `bytes` to an ANF volume (possible only while it is read-write: a regular
    /// volume, or a migration volume whose replication is broken). Err says why not.
    ///
    /// # Errors
    /// The volume does not exist, or is a read-only replication destination.
    pub fn write_to_volume(
        &mut self,
        volume_id: &str,
        bytes: u64,
        now: Timestamp,
    ) -> Result<(), String> {
        self.engine.write_to_volume(volume_id, bytes, now)
    }

    /// Bytes clients wrote to a volume since it last became writable.
    #[must_use]
    pub fn volume_local_writes(&self, volume_id: &str) -> Option<u64> {
        self.engine.volume_local_writes(volume_id)
    }
}

/// The id of the operation a 201/202 answer started, from its `Azure-AsyncOperation` or
/// `Location` URL (`.../operationResults/{id}?...`).
fn started_operation(answer: &ArmResponse) -> Option<&str> {
    if answer.status != 201 && answer.status != 202 {
        return None;
    }
    let url = answer.header("Azure-AsyncOperation").or_else(|| answer.header("Location"))?;
    let (_, tail) = url.split_once("/operationResults/")?;
    tail.split(['?', '&', '/']).next().filter(|id| !id.is_empty())
}

#[cfg(test)]
mod tests {
    use super::Simulator;
    use crate::faults::{OperationEnd, OperationFault, PathPattern};
    use crate::scenario::Scenario;
    use crate::testkit::{json_of, Kit, A26};
    use anf_core::time::Timestamp;
    use anf_core::transport::Method;

    #[test]
    fn state_saved_before_the_engine_split_is_refused_so_the_app_starts_fresh() {
        // Until the engine split the world, clock, RNG and operations sat at the top level.
        let sim = Simulator::new(Scenario::HappyPath, 1, Timestamp(0));
        let mut flat = serde_json::to_value(&sim).unwrap();
        let fields = flat.as_object_mut().unwrap();
        let engine = fields.remove("engine").unwrap();
        fields.extend(engine.as_object().unwrap().clone());
        assert!(serde_json::from_value::<Simulator>(flat).is_err());
        let saved = serde_json::to_value(&sim).unwrap();
        assert_eq!(serde_json::from_value::<Simulator>(saved).unwrap().seed(), 1);
    }

    fn fault(end: OperationEnd, path: &str, methods: Vec<Method>, left: u32) -> OperationFault {
        OperationFault { end, path: Some(PathPattern::new(path)), methods, left }
    }

    #[test]
    fn an_armed_create_fails_after_running_and_leaves_the_volume_failed() {
        let mut k = Kit::new();
        k.sim.end_next_operations(fault(OperationEnd::Failed, "*/volumes/*", vec![Method::Put], 1));
        // A read of a matching path starts nothing: the switch stays armed.
        let reads = k.get(&format!("{}?api-version={A26}", k.pool_path()));
        assert_eq!(reads.status, 200);
        assert_eq!(k.sim.operation_faults().len(), 1);
        let path = k.volume_path("doomed");
        let r = k.put(
            &format!("{path}?api-version={A26}"),
            k.migration_body("doomed", "vol_scratch", 100),
        );
        assert_eq!(r.status, 201, "the request itself is accepted: {}", r.body);
        assert!(k.sim.operation_faults().is_empty(), "used up");
        let url = r
            .header("Azure-AsyncOperation")
            .unwrap()
            .trim_start_matches("https://management.azure.com")
            .to_string();
        assert_eq!(json_of(&k.get(&url))["status"], "InProgress", "running before it fails");
        let done = k.finish(&r);
        assert_eq!(done["status"], "Failed", "{done}");
        assert_eq!(done["error"]["code"], "InternalServerError", "{done}");
        let v = json_of(&k.get(&format!("{path}?api-version={A26}")));
        assert_eq!(v["properties"]["provisioningState"], "Failed", "{v}");
        // The next create is not touched.
        let ok = k.create_migration("fine", "vol_home", 100, A26);
        let v = json_of(&k.get(&format!("{ok}?api-version={A26}")));
        assert_eq!(v["properties"]["provisioningState"], "Succeeded", "{v}");
    }

    #[test]
    fn an_armed_action_is_canceled_without_its_work_and_other_paths_pass() {
        let mut k = Kit::new();
        let path = k.create_migration("mig", "vol_scratch", 100, A26);
        k.sim.end_next_operations(fault(
            OperationEnd::Canceled,
            "authorizeExternalReplication",
            Vec::new(),
            1,
        ));
        let peered = k.peer(&path, A26);
        assert_eq!(peered["status"], "Succeeded", "a path the switch doesn't match: {peered}");
        let out = k.accept_peering(&peered);
        assert!(!out.contains("Error"), "{out}");
        let r = k.post(&format!("{path}/authorizeExternalReplication?api-version={A26}"), None);
        assert_eq!(r.status, 202, "{}", r.body);
        let done = k.finish(&r);
        assert_eq!(done["status"], "Canceled", "{done}");
        assert_eq!(done["error"]["code"], "OperationCanceled", "{done}");
        assert!(
            done["properties"].is_null(),
            "no SVM peering command: the work wasn't done: {done}"
        );
        let v = json_of(&k.get(&format!("{path}?api-version={A26}")));
        assert_eq!(
            v["properties"]["provisioningState"], "Succeeded",
            "an action leaves the volume as it was: {v}"
        );
        // The volume is free again: authorizing once more works.
        let r = k.post(&format!("{path}/authorizeExternalReplication?api-version={A26}"), None);
        assert_eq!(k.finish(&r)["status"], "Succeeded");
    }

    #[test]
    fn a_switch_counts_down_and_survives_a_save_but_not_a_reset() {
        let mut k = Kit::new();
        k.sim.end_next_operations(fault(OperationEnd::Failed, "*", vec![Method::Put], 2));
        k.sim.end_next_operations(fault(OperationEnd::Failed, "*", Vec::new(), 0));
        assert_eq!(k.sim.operation_faults().len(), 1, "a switch with nothing left is not armed");
        let path = k.volume_path("a");
        let r =
            k.put(&format!("{path}?api-version={A26}"), k.migration_body("a", "vol_scratch", 100));
        assert_eq!(k.finish(&r)["status"], "Failed");
        assert_eq!(k.sim.operation_faults()[0].left, 1);
        let saved = serde_json::to_string(&k.sim).unwrap();
        k.sim = serde_json::from_str(&saved).unwrap();
        assert_eq!(k.sim.operation_faults()[0].left, 1, "kept in saved demo state");
        k.sim.reset(Scenario::HappyPath, Timestamp(k.now));
        assert!(k.sim.operation_faults().is_empty());
        k.sim.end_next_operations(fault(OperationEnd::Failed, "*", Vec::new(), 1));
        k.sim.clear_operation_faults();
        assert!(k.sim.operation_faults().is_empty());
    }
}
