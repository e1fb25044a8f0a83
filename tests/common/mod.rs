//! Helpers shared by the browser tests.

pub mod dom;
pub mod sim_world;
pub mod styles;
