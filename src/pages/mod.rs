//! One page per route; page components end in `Page`.

pub mod activity_page;
pub mod demo_page;
pub mod migration_details_page;
pub mod migrations_page;
pub mod new_migration_page;
pub mod new_wave_page;
pub mod not_found_page;
pub mod peering_page;
pub mod preflight_page;
pub mod scope_page;
pub mod settings_error_page;
pub mod wave_page;
pub mod wave_runbook_page;
pub mod waves_page;
