//! armsim: the simulator of `anf-sim` served over HTTP as ARM's wire format, with CORS for the
//! app's origin, bearer tokens checked against an OpenID provider's keys, and a control API for
//! tests and trainers, with fault switches that break the next calls at the HTTP layer or in
//! ARM's semantics, and a request log of what the wire saw.

pub mod args;
pub mod arm;
pub mod auth;
pub mod connection;
pub mod control;
pub mod cors;
pub mod fault_answers;
pub mod fault_control;
pub mod faults;
pub mod request_log;

use anf_core::time::Timestamp;
use anf_sim::{Scenario, Simulator};
use args::Args;
use axum::routing::{get, post};
use axum::Router;
use connection::{Connection, Listener};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Everything the handlers share.
pub struct Shared {
    pub sim: Mutex<Simulator>,
    /// The armed fault switches of the HTTP layer (the simulator holds the operation ones).
    pub switches: Mutex<faults::Switches>,
    /// ARM calls received, as the wire saw them (the simulator's own log is not kept).
    pub log: Mutex<request_log::RequestLog>,
    /// Tokens issued before this time (seconds) were revoked by a claims challenge, as
    /// continuous access evaluation does: they keep getting the challenge, so only a new token
    /// (asked for with the challenge's claims) gets through.
    pub revoked_before: Mutex<Option<u64>>,
    /// `None` with `--no-auth`.
    pub verifier: Option<auth::Verifier>,
    /// The `authorization_uri` of `WWW-Authenticate` challenges.
    pub authority: String,
    pub origins: Vec<String>,
}

/// The app's shared state.
pub type AppState = Arc<Shared>;

/// The real clock.
#[must_use]
pub fn now() -> Timestamp {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    Timestamp(u64::try_from(ms).unwrap_or(u64::MAX))
}

/// The HTTP routes. ARM's calls extract their [`Connection`] (so a fault can cut it): serve
/// the router with `into_make_service_with_connect_info::<Connection>()` on a [`Listener`].
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/_sim/ontap/{cluster}/cli", post(control::cli))
        .route("/_sim/clock/advance", post(control::advance))
        .route("/_sim/speed", post(control::speed))
        .route("/_sim/schedules", post(control::schedules))
        .route("/_sim/reset", post(control::reset))
        .route("/_sim/fault/{kind}", post(fault_control::arm))
        .route("/_sim/faults", get(fault_control::list).delete(fault_control::clear))
        .route("/_sim/bulk-migrations", post(control::bulk_migrations))
        .route("/_sim/requests", get(control::requests))
        .route("/_sim/scenarios", get(control::scenarios))
        .route("/_sim/scope", get(control::scope))
        .fallback(arm::handle)
        .layer(axum::middleware::from_fn_with_state(state.clone(), cors::layer))
        .layer(axum::middleware::map_response(close_connection))
        .with_state(state)
}

/// Every answer closes its connection, so each call comes on a fresh one. A browser resends a
/// request, a POST too, once when a connection it reused closes before any answer (it takes the
/// server for having closed an idle connection): on a reused connection a dropped call would
/// reach the app as the answer to a second, silent copy of it, never as the network error the
/// fault is for, and the simulator would see the mutation twice.
async fn close_connection(mut response: axum::response::Response) -> axum::response::Response {
    response
        .headers_mut()
        .insert(axum::http::header::CONNECTION, axum::http::HeaderValue::from_static("close"));
    response
}

/// Builds the state from the flags, binds, prints the ready line and serves until stopped.
///
/// # Errors
/// A bad flag, an unreachable OpenID provider or an address that can't be bound.
pub async fn serve(args: Args) -> Result<(), String> {
    let scenario: Scenario =
        args.scenario.parse().map_err(|e: anf_sim::scenario::UnknownScenario| e.to_string())?;
    let (verifier, authority) = match (&args.issuer, args.no_auth) {
        (Some(issuer), _) => {
            let v = auth::Verifier::discover(issuer).await?;
            let authority = v.authority();
            (Some(v), authority)
        }
        (None, true) => (None, "https://login.microsoftonline.com/common".to_string()),
        (None, false) => {
            return Err("choose --issuer URL (check tokens) or --no-auth (local play)".into())
        }
    };
    let mut sim = Simulator::new(scenario, args.seed, now());
    sim.set_speed(args.speed, now());
    sim.set_request_log_capacity(0);
    if let Some(tenant) = args.issuer.as_deref().and_then(auth::tenant_of_issuer) {
        sim.set_home_tenant(&tenant);
    }
    let state = Arc::new(Shared {
        sim: Mutex::new(sim),
        switches: Mutex::new(faults::Switches::default()),
        log: Mutex::new(request_log::RequestLog::default()),
        revoked_before: Mutex::new(None),
        verifier,
        authority,
        origins: args.allow_origins.clone(),
    });
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .map_err(|e| format!("can't listen on {}: {e}", args.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("armsim listening on http://{addr}");
    let _ = std::io::stdout().flush();
    // Through armsim's own listener, so a fault can cut the connection a call came on.
    let app = router(state).into_make_service_with_connect_info::<Connection>();
    axum::serve(Listener::new(listener), app).await.map_err(|e| e.to_string())
}
