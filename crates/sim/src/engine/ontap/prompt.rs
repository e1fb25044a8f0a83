//! The CLI's memory between calls: a command stopped at a prompt (an interactive terminal sends
//! one line at a time) and the answers it already got.

use serde::{Deserialize, Serialize};

/// Ends the output of a command that stopped at a prompt with no answer yet.
pub const AWAIT_INPUT: &str = "\u{0}awaiting input";

/// A command waiting at a prompt for the next call's input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingPrompt {
    pub cluster: String,
    pub line: String,
    pub answers: Vec<String>,
    /// Output already shown for it.
    pub shown: usize,
}
