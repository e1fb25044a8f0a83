//! The pure heart of anf-migrate.
//!
//! Nothing here imports leptos or web-sys, and nothing reads the clock: time is always a
//! parameter, so every decision (polling, expiry, retry) is tested natively and deterministically.

pub mod api_version;
pub mod arm;
pub mod auth;
pub mod ids;
pub mod migration;
pub mod migration_meta;
pub mod models;
pub mod preflight;
pub mod settings;
pub mod testing;
pub mod time;
pub mod transport;
pub mod validation;
pub mod wave;
pub mod wizard;
