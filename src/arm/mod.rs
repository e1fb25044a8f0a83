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
use futures::future::LocalBoxFuture;

/// The two ways out: dispatch by enum, since the trait's futures are not object-safe.
pub enum AppTransport {
    /// Demo mode: the simulator in this page, behind a trait object. Boxed so that nothing in
    /// the code every mode runs names the simulator: the split build (src/lazy.rs) can then keep
    /// it, with demo mode's start, in a chunk that Azure mode never downloads. Only the code
    /// that builds the box (demo mode's start) reaches `SimTransport::send`.
    Sim(Box<dyn DynTransport>),
    /// Azure (or armsim): `fetch` with a bearer token.
    Fetch(fetch_transport::FetchTransport),
}

impl Transport for AppTransport {
    async fn send(&self, request: ArmRequest) -> Result<ArmResponse, TransportError> {
        match self {
            Self::Sim(t) => t.send_boxed(request).await,
            Self::Fetch(t) => t.send(request).await,
        }
    }
}

/// [`Transport`] as a trait object (its `async fn` is not object-safe): the future boxed.
pub trait DynTransport {
    /// [`Transport::send`], boxed.
    fn send_boxed(
        &self,
        request: ArmRequest,
    ) -> LocalBoxFuture<'_, Result<ArmResponse, TransportError>>;
}

impl<T: Transport> DynTransport for T {
    fn send_boxed(
        &self,
        request: ArmRequest,
    ) -> LocalBoxFuture<'_, Result<ArmResponse, TransportError>> {
        Box::pin(self.send(request))
    }
}
