//! App-wide state in context: the chosen scope, operations being followed, guided cut-overs,
//! the live migrations data and the ledger behind it, migration waves, notifications.

pub mod cut_overs;
pub mod ledger_store;
pub mod live;
pub mod operations;
pub mod scope;
pub mod tab_lease;
pub mod toasts;
pub mod waves;
