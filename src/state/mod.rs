//! App-wide state in context: the chosen scope, operations being followed, notifications.

pub mod operations;
pub mod scope;
pub mod toasts;
