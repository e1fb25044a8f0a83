//! The items a migration offers, as both the row's menu and the details page's toolbar show
//! them: the actions the core allows (with why the others are not), and the pages to go to.

use anf_core::migration::{ActionState, MigrationAction, OpAction, Phase, PhaseKind};

/// What an item does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// One of the migration assistant's actions.
    Action(MigrationAction),
    /// A page of the app.
    Link(String),
}

/// One item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionEntry {
    /// Stable key (`sync`, `cancel`, `details`...), also `data-action` / `data-menu-link`.
    pub key: &'static str,
    /// The portal's label.
    pub label: &'static str,
    /// What it does, in one sentence.
    pub description: &'static str,
    /// What it does.
    pub kind: EntryKind,
    /// Why it can't be started now; `None` when it can.
    pub reason: Option<String>,
    /// It loses something that can't be had back (Cancel, Finalize).
    pub danger: bool,
    /// Its operation is running now.
    pub busy: bool,
}

/// The items for a migration in `phase` named `name`: its actions as `states` says (none once
/// finalized: nothing is left to do to a regular volume), Configure Peering while it peers,
/// and (`details`) the link to its page.
#[must_use]
pub fn action_entries(
    states: &[ActionState],
    running: Option<OpAction>,
    phase: &Phase,
    name: &str,
    details: bool,
) -> Vec<ActionEntry> {
    let mut list: Vec<ActionEntry> = if phase.kind() == PhaseKind::Finalized {
        Vec::new()
    } else {
        states
            .iter()
            .map(|s| ActionEntry {
                key: s.action.key(),
                label: s.action.label(),
                description: s.action.description(),
                kind: EntryKind::Action(s.action),
                reason: s.disabled_reason.clone(),
                danger: matches!(s.action, MigrationAction::Cancel | MigrationAction::Finalize),
                busy: running.is_some_and(|op| op == s.action.op_action()),
            })
            .collect()
    };
    let link = |key, label, description, href: String| ActionEntry {
        key,
        label,
        description,
        kind: EntryKind::Link(href),
        reason: None,
        danger: false,
        busy: false,
    };
    if phase.kind() == PhaseKind::Peering {
        list.push(link(
            "peering",
            "Configure Peering",
            "Peers the source cluster and SVM, step by step, until the baseline transfer starts.",
            format!("/migrations/{name}/peering"),
        ));
    }
    if details {
        list.push(link(
            "details",
            "View migration details",
            "Everything known about the migration: replication, volume, operations and ONTAP commands.",
            format!("/migrations/{name}"),
        ));
    }
    list
}
