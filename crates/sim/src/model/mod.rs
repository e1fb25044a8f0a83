//! The simulated world: Azure's side (tenancy, NetApp resources, networks and the storage
//! systems that back volumes) and the external ONTAP clusters.
//!
//! Maps are keyed by the lower-cased resource id (ARM ids are case-insensitive) and ordered, so
//! lookups are logarithmic, pool listings are range scans and saved state is stable.

pub mod netapp;
pub mod network;
pub mod ontap;
pub mod replication;
pub mod tenancy;
pub mod world;

/// The map key of a resource id.
#[must_use]
pub fn key(id: &str) -> String {
    id.to_ascii_lowercase()
}
