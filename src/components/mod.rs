//! Pieces shared by pages. One public component per file.

pub mod account_menu;
pub mod activity;
pub mod arm_error_panel;
pub mod code_block;
pub mod confirm_dialog;
pub mod copy_button;
pub mod demo;
pub mod empty_state;
pub mod field;
pub mod link_banner;
pub mod migrations;
pub mod mode_badge;
pub mod nav_bar;
pub mod new_migration;
pub mod page_header;
pub mod peering;
pub mod preflight;
pub mod progress_bar;
pub mod scope_summary;
pub mod shell;
pub mod sign_in_notice;
pub mod status_pill;
pub mod theme_toggle;
pub mod toast_region;
pub mod waves;
