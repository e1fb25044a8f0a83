//! The external cluster's command line, as a trainee uses it over SSH.

pub mod cli;
pub mod cmd_cluster;
pub mod cmd_network;
pub mod cmd_snapmirror;
pub mod cmd_volume;
pub mod cmd_vserver;
pub mod prompt;
pub mod table;
