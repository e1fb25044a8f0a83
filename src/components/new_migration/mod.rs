//! The new-migration form: its fields, tabs, subnet choices and the create step.

pub mod create_status;
pub mod form_tabs;
pub mod network_tab;
pub mod review_tab;
pub mod smb_fields;
pub mod source_tab;
pub mod subnet_options;
pub mod throughput_field;
pub mod volume_tab;

use anf_core::wizard::draft::{FormCheck, NewMigrationDraft};
use anf_core::wizard::new_migration::{tab_of, FormTab};
use leptos::prelude::*;

/// The form's state, shared by its tabs.
#[derive(Clone, Copy)]
pub struct FormState {
    /// What the person typed (saved as they type).
    pub draft: RwSignal<NewMigrationDraft>,
    /// The core's verdict on it.
    pub check: Memo<FormCheck>,
}

impl FormState {
    /// The error to show at `field`: only once the field was left, or on Review.
    #[must_use]
    pub fn error(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || {
            if self.draft.with(|d| d.shows_error(field)) {
                self.check.with(|c| c.error_of(field).map(str::to_owned))
            } else {
                None
            }
        })
    }

    /// A non-blocking remark about `field`.
    #[must_use]
    pub fn warning(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.check.with(|c| c.warning_of(field).map(str::to_owned)))
    }

    /// Marks `field` as left, so its error shows.
    #[must_use]
    pub fn touch(self, field: &'static str) -> Callback<()> {
        Callback::new(move |()| {
            if !self.draft.with_untracked(|d| d.touched.contains(field)) {
                self.draft.update(|d| {
                    d.touched.insert(field.to_owned());
                });
            }
        })
    }

    /// A text of the draft.
    #[must_use]
    pub fn text(self, get: fn(&NewMigrationDraft) -> &String) -> Signal<String> {
        Signal::derive(move || self.draft.with(|d| get(d).clone()))
    }

    /// Writes a text of the draft.
    #[must_use]
    pub fn set(self, set: fn(&mut NewMigrationDraft, String)) -> Callback<String> {
        Callback::new(move |v| self.draft.update(|d| set(d, v)))
    }

    /// Opens `tab`; leaving a tab shows the errors of the fields left on it.
    pub fn go_to(self, tab: FormTab) {
        let shown: Vec<String> = self.check.with_untracked(|c| {
            let current = self.draft.with_untracked(|d| d.tab);
            c.errors
                .iter()
                .filter(|e| tab_of(e.field) == current)
                .map(|e| e.field.to_owned())
                .collect()
        });
        self.draft.update(|d| {
            d.touched.extend(shown);
            d.tab = tab;
        });
    }
}

/// The id of a field's control (hint and error ids add `-hint` and `-error`).
#[must_use]
pub fn control_id(field: &str) -> String {
    format!("nm-{field}")
}

/// `aria-describedby` for a control: its hint when there is one, and its error when shown.
#[must_use]
pub fn described_by(id: &str, hint: bool, warning: bool, error: bool) -> Option<String> {
    let parts: Vec<String> = [(hint, "hint"), (warning, "warning"), (error, "error")]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, part)| format!("{id}-{part}"))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}
