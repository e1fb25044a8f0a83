//! The simulator of ANF, ARM's async operations and the source ONTAP cluster.
//!
//! Pure Rust on an injected clock and a seeded RNG: the same inputs always give the same answers.
//! [`Simulator::handle`] serves ARM's wire format (both supported Microsoft.NetApp
//! api-versions, with their own response shapes), [`Simulator::ontap_cli`] is the source
//! cluster's command line, and the whole state serializes so demo state survives a reload.
//!
//! Layers, each importing only those below it (README, "Module layers"): the front door
//! ([`simulator`], with throttling, faults, the request log and latency), the ARM [`routes`],
//! the [`engine`] (world, clock, RNG, operations, events, the migration logic, the ONTAP CLI,
//! seeding and bulk loading), and the model with its leaves ([`model`], [`http`] errors,
//! [`api`], [`scenario`], [`rng`], [`clock`], [`timefmt`], [`url`]).

pub mod api;
pub mod clock;
pub mod engine;
pub mod faults;
pub mod http;
pub mod latency;
pub mod log;
pub mod model;
pub mod rng;
pub mod routes;
pub mod scenario;
pub mod simulator;
pub mod throttle;
pub mod timefmt;
pub mod url;

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
pub use engine::seed::DefaultScope;
pub use log::LogEntry;
pub use scenario::Scenario;
pub use simulator::Simulator;
