//! How the app reaches ARM: the transports (simulator in the page, or fetch with the user's
//! token), the activity log every call passes through, retry, and the client in context.

pub mod abort;
pub mod activity;
pub mod browser_env;
pub mod context;
pub mod fetch_transport;
pub mod link_state;
pub mod sim_transport;
pub mod throttle_gate;

use anf_core::transport::{ArmRequest, ArmResponse, Transport, TransportError};

/// The two ways out: dispatch by enum, since the trait's futures are not object-safe.
pub enum AppTransport {
    /// Demo mode: the simulator in this page.
    Sim(sim_transport::SimTransport),
    /// Azure (or armsim): `fetch` with a bearer token.
    Fetch(fetch_transport::FetchTransport),
}

impl Transport for AppTransport {
    async fn send(&self, request: ArmRequest) -> Result<ArmResponse, TransportError> {
        match self {
            Self::Sim(t) => t.send(request).await,
            Self::Fetch(t) => t.send(request).await,
        }
    }
}
