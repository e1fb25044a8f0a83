//! The two guided flows of the console, as pure state: the new-migration form's tabs and size
//! suggestion, and the Configure peering wizard's steps and offer countdown.
//!
//! The views only render what these functions decide, so every transition is tested natively.

pub mod countdown;
pub mod draft;
pub mod new_migration;
pub mod peering;
pub mod summary;
