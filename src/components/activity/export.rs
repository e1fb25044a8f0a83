//! Saving the Activity log as a file, for a support case.

use crate::arm::activity::ActivityEntry;
use crate::download::download_text;

/// Downloads `rows` as `anf-migrate-activity-<time>.json`. Request bodies and tokens are never
/// in the log, so the file is safe to attach to a ticket.
pub fn export_json(rows: &[ActivityEntry]) {
    let Ok(text) = serde_json::to_string_pretty(rows) else { return };
    let stamp = crate::arm::browser_env::now().secs();
    download_text(&format!("anf-migrate-activity-{stamp}.json"), "application/json", &text);
}
