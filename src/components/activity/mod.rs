//! The pieces of the Activity page.

pub mod activity_filter;
pub mod activity_table;
pub mod export;
