//! The simulator of ANF, ARM's async operations and the source ONTAP cluster.
//!
//! Pure Rust on an injected clock and a seeded RNG: the same inputs always give the same answers.
