//! App-wide state in context: the chosen scope, operations being followed, guided cut-overs,
//! notifications.

pub mod cut_overs;
pub mod operations;
pub mod scope;
pub mod tab_lease;
pub mod toasts;
