//! armsim: the simulator of `anf-sim` served over HTTP as ARM's wire format, with CORS for the
//! app's origin, bearer tokens checked against an OpenID provider's keys, and a control API for
//! tests and trainers.

pub mod args;
pub mod arm;
pub mod auth;
pub mod control;
pub mod cors;

use anf_core::time::Timestamp;
use anf_sim::{Scenario, Simulator};
use args::Args;
use axum::routing::{get, post};
use axum::Router;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Everything the handlers share.
pub struct Shared {
    pub sim: Mutex<Simulator>,
    /// ARM calls still to answer with a claims challenge.
    pub claims_challenges: Mutex<u32>,
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

/// The HTTP routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/_sim/ontap/{cluster}/cli", post(control::cli))
        .route("/_sim/clock/advance", post(control::advance))
        .route("/_sim/speed", post(control::speed))
        .route("/_sim/reset", post(control::reset))
        .route("/_sim/fault/claims-challenge", post(control::claims_challenge))
        .route("/_sim/bulk-migrations", post(control::bulk_migrations))
        .route("/_sim/requests", get(control::requests))
        .route("/_sim/scenarios", get(control::scenarios))
        .route("/_sim/scope", get(control::scope))
        .fallback(arm::handle)
        .layer(axum::middleware::from_fn_with_state(state.clone(), cors::layer))
        .with_state(state)
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
    if let Some(tenant) = args.issuer.as_deref().and_then(auth::tenant_of_issuer) {
        sim.set_home_tenant(&tenant);
    }
    let state = Arc::new(Shared {
        sim: Mutex::new(sim),
        claims_challenges: Mutex::new(0),
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
    axum::serve(listener, router(state)).await.map_err(|e| e.to_string())
}
