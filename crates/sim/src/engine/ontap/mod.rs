//! The external cluster's command line, as a trainee uses it over SSH.
//!
//! ```text
//! cli       run lines, prompts and answers, the session's waiting prompt
//! parse     words and parameters by unique prefix, positions, flags, `?`
//! commands  every command, its parameters and help
//! cmd_*     the commands (Engine methods), each show command's fields and columns
//! show      queries, -fields, -instance and the default table for every show command
//! fields    what a show command is made of; query: ONTAP's query operators
//! table     ONTAP's table, -fields and -instance formats, sizes; dates: its time formats
//! command   a parsed command; prompt: a command waiting for its answer
//! ```

pub mod cli;
pub mod cmd_cluster;
pub mod cmd_network;
pub mod cmd_peer;
pub mod cmd_snapmirror;
pub mod cmd_snapshot;
pub mod cmd_system;
pub mod cmd_volume;
pub mod cmd_vserver;
pub mod command;
pub mod commands;
pub mod dates;
pub mod fields;
pub mod parse;
pub mod prompt;
pub mod query;
pub mod show;
pub mod table;
