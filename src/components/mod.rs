//! Pieces shared by pages. One public component per file.

pub mod empty_state;
pub mod mode_badge;
pub mod nav_bar;
pub mod page_header;
pub mod shell;
pub mod theme_toggle;
pub mod toast_region;
