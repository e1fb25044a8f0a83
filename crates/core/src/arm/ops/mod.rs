//! One typed method per ARM operation, grouped by area.

pub mod discovery;
pub mod features;
pub mod metrics;
pub mod network;
pub mod replication;
pub mod volume_update;
pub mod volumes;
