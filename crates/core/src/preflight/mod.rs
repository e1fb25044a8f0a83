//! Pre-flight: everything that must hold before the first migration, and how to tell.
//!
//! Some checks ARM can answer (the feature and provider registrations, the delegated subnet's
//! free addresses, network features, other subscriptions' migrations from the same cluster,
//! the account's Active Directory connection for SMB);
//! they are evaluated here from the ARM payloads, so every verdict is tested natively. The rest
//! only the person at the ONTAP console can confirm: [`checklist`] lists them, and a
//! [`checklist::ConfirmedChecklist`] records who-confirmed-what for each migration to keep.
//!
//! Choosing the scope is the first step of the pre-flight, so the scope picker's pure helpers
//! (filtering, paging, portal links) live here too, in [`listing`].

pub mod active_directory;
pub mod checklist;
pub mod clusters;
pub mod feature;
pub mod listing;
pub mod network_features;
pub mod subnets;
mod verdict;

pub use verdict::Verdict;
