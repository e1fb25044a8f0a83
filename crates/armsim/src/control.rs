//! The control API beside ARM's routes, for tests and for trainers scripting a workshop.

use crate::request_log::Entry;
use crate::{now, AppState};
use anf_sim::timefmt::iso8601;
use anf_sim::Scenario;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;

pub(crate) type Params = Query<HashMap<String, String>>;

pub(crate) fn bad(msg: String) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": msg }))).into_response()
}

/// The simulator's lock was poisoned by a panic.
pub(crate) struct Poisoned;

impl IntoResponse for Poisoned {
    fn into_response(self) -> Response {
        (StatusCode::INTERNAL_SERVER_ERROR, "simulator state poisoned").into_response()
    }
}

pub(crate) fn locked<T>(
    state: &AppState,
    f: impl FnOnce(&mut anf_sim::Simulator) -> T,
) -> Result<T, Poisoned> {
    state.sim.lock().map(|mut s| f(&mut s)).map_err(|_| Poisoned)
}

/// `POST /_sim/ontap/{cluster}/cli`: command lines in, ONTAP's output out.
pub async fn cli(
    State(state): State<AppState>,
    Path(cluster): Path<String>,
    body: String,
) -> Response {
    let known =
        locked(&state, |s| s.cluster_names().iter().any(|c| c.eq_ignore_ascii_case(&cluster)));
    match known {
        Ok(false) => {
            (StatusCode::NOT_FOUND, format!("Error: no external cluster named \"{cluster}\".\n"))
                .into_response()
        }
        Ok(true) => match locked(&state, |s| s.ontap_cli(&cluster, &body, now())) {
            Ok(out) => ([("content-type", "text/plain; charset=utf-8")], out).into_response(),
            Err(p) => p.into_response(),
        },
        Err(p) => p.into_response(),
    }
}

/// `POST /_sim/clock/advance?seconds=N`.
pub async fn advance(State(state): State<AppState>, Query(q): Params) -> Response {
    let Some(secs) = q.get("seconds").and_then(|s| s.parse::<u64>().ok()) else {
        return bad("seconds=N (a whole number) is required".into());
    };
    locked(&state, |s| {
        s.advance(secs, now());
        Json(json!({ "simTime": iso8601(s.sim_time(now())) })).into_response()
    })
    .unwrap_or_else(IntoResponse::into_response)
}

/// `POST /_sim/schedules?hold=true|false`.
pub async fn schedules(State(state): State<AppState>, Query(q): Params) -> Response {
    let Some(hold) = q.get("hold").and_then(|s| s.parse::<bool>().ok()) else {
        return bad("hold=true or hold=false is required".into());
    };
    locked(&state, |s| {
        s.hold_schedules(hold);
        Json(json!({ "holdSchedules": hold })).into_response()
    })
    .unwrap_or_else(IntoResponse::into_response)
}

/// `POST /_sim/speed?factor=F`.
pub async fn speed(State(state): State<AppState>, Query(q): Params) -> Response {
    let Some(f) =
        q.get("factor").and_then(|s| s.parse::<f64>().ok()).filter(|f| *f > 0.0 && f.is_finite())
    else {
        return bad("factor=F (a positive number) is required".into());
    };
    locked(&state, |s| {
        s.set_speed(f, now());
        Json(json!({ "speed": s.speed() })).into_response()
    })
    .unwrap_or_else(IntoResponse::into_response)
}

/// `POST /_sim/reset?scenario=NAME` (the current scenario if none is given): the world, the
/// request log and every fault switch start over.
pub async fn reset(State(state): State<AppState>, Query(q): Params) -> Response {
    let scenario = match q.get("scenario") {
        Some(name) => match name.parse::<Scenario>() {
            Ok(s) => Some(s),
            Err(e) => return bad(e.to_string()),
        },
        None => None,
    };
    let answer = locked(&state, |s| {
        let target = scenario.unwrap_or_else(|| s.scenario());
        s.reset(target, now());
        // armsim keeps the request log itself (see lib.rs).
        s.set_request_log_capacity(0);
        Json(json!({ "scenario": target.name() })).into_response()
    })
    .unwrap_or_else(IntoResponse::into_response);
    // Starting over: no calls seen, no switch armed (the simulator's went with its reset).
    clear_log(&state);
    if let Ok(mut switches) = state.switches.lock() {
        switches.clear();
    }
    answer
}

/// `POST /_sim/bulk-migrations?count=N`: N migration volumes in mixed phases in the default
/// pool (a quarter each waiting for peering, in baseline, mirrored, broken), for load tests; the
/// request log is cleared so it then holds only what the client does.
pub async fn bulk_migrations(State(state): State<AppState>, Query(q): Params) -> Response {
    let Some(count) = q.get("count").and_then(|s| s.parse::<usize>().ok()).filter(|n| *n <= 10_000)
    else {
        return bad("count=N (a whole number up to 10000) is required".into());
    };
    let answer = locked(&state, |s| {
        let d = s.default_scope();
        let pool = format!(
            "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.NetApp/netAppAccounts/{}/capacityPools/{}",
            d.subscription_id, d.resource_group, d.account, d.pool
        );
        let added = s.add_bulk_migrations(&pool, count, now());
        Json(json!({ "added": added, "pool": pool })).into_response()
    })
    .unwrap_or_else(IntoResponse::into_response);
    clear_log(&state);
    answer
}

/// `GET /_sim/requests`: the calls armsim received, oldest first, each with its method, path,
/// status (`null` when none was sent), time, the fault switches that acted on it and whether
/// the simulator handled it.
pub async fn requests(State(state): State<AppState>) -> Response {
    match state.log.lock() {
        Ok(log) => {
            let items: Vec<Value> = log.entries().map(Entry::to_json).collect();
            Json(json!({ "total": log.total(), "requests": items })).into_response()
        }
        Err(_) => Poisoned.into_response(),
    }
}

fn clear_log(state: &AppState) {
    if let Ok(mut log) = state.log.lock() {
        log.clear();
    }
}

/// `GET /_sim/scenarios`.
pub async fn scenarios() -> Response {
    let items: Vec<Value> = Scenario::all()
        .iter()
        .map(|s| json!({ "name": s.name(), "title": s.title(), "description": s.description() }))
        .collect();
    Json(json!(items)).into_response()
}

/// `GET /_sim/scope`.
pub async fn scope(State(state): State<AppState>) -> Response {
    locked(&state, |s| {
        Json(json!({ "scope": s.default_scope(), "clusters": s.cluster_names(), "scenario": s.scenario().name(), "speed": s.speed() }))
            .into_response()
    })
    .unwrap_or_else(IntoResponse::into_response)
}
