//! The pre-flight page's checks: one component per check, the hook that re-reads a registration
//! while it runs, and the confirmed checklist's storage (read by the New migration page).

pub mod active_directory_check;
pub mod check_item;
pub mod checklist_store;
pub mod cluster_check;
pub mod feature_check;
pub mod manual_checklist;
pub mod network_features_check;
pub mod provider_check;
pub mod subnet_check;
pub mod use_poll_while;

pub use checklist_store::{load_confirmed_checklist, save_confirmed_checklist};
