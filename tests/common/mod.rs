//! Helpers shared by the browser tests.

pub mod sim_world;
