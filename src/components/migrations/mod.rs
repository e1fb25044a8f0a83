//! The migrations table, its rows, the actions on a migration and the live data behind them.

pub mod action_dialogs;
pub mod action_entry;
pub mod actions_menu;
pub mod after_migration;
pub mod cut_over_dialog;
pub mod lazy_action_dialogs;
pub mod migration_actions;
pub mod migrations_table;
pub mod ontap_commands;
pub mod phase_filter;
pub mod phase_pill;
pub mod replications_list;
pub mod schedule_change;
pub mod table_pager;
