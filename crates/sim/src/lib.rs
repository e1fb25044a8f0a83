//! The simulator of ANF, ARM's async operations and the source ONTAP cluster.
//!
//! Pure Rust on an injected clock and a seeded RNG: the same inputs always give the same answers.
//! [`Simulator::handle`] serves ARM's wire format (both supported Microsoft.NetApp
//! api-versions, with their own response shapes), [`Simulator::ontap_cli`] is the source
//! cluster's command line, and the whole state serializes so demo state survives a reload.

pub mod api;
pub mod bulk;
pub mod clock;
pub mod events;
pub mod faults;
pub mod http;
pub mod latency;
pub mod log;
pub mod migration;
pub mod model;
pub mod ontap;
pub mod ops;
pub mod rng;
pub mod routes;
pub mod scenario;
pub mod seed;
pub mod simulator;
pub mod throttle;
pub mod timefmt;
pub mod url;
pub mod volume_body;
pub mod wire;

#[cfg(test)]
mod behaviours;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod wire_shapes;
#[cfg(test)]
mod workflow;

pub use api::ApiVersion;
pub use clock::DEMO_SPEED;
pub use log::LogEntry;
pub use scenario::Scenario;
pub use seed::DefaultScope;
pub use simulator::Simulator;
