//! Light and dark theme: follows the system until the user picks one, then remembers the pick.
//!
//! The pick is a display preference, not a secret, so it lives in localStorage and is shared by
//! every tab; the tokens in `style/tokens.css` key off `data-theme` on `<html>`.

use leptos::prelude::*;

const STORAGE_KEY: &str = "anf-migrate.theme";

/// The two themes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Light neutrals.
    Light,
    /// Dark neutrals.
    Dark,
}

impl Theme {
    /// The value of `data-theme` and of the stored preference.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    /// Parses a stored preference.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            _ => None,
        }
    }

    /// The other theme.
    #[must_use]
    pub const fn flipped(self) -> Self {
        match self {
            Self::Light => Self::Dark,
            Self::Dark => Self::Light,
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The theme the user picked earlier, if any.
#[must_use]
pub fn stored_theme() -> Option<Theme> {
    local_storage()?.get_item(STORAGE_KEY).ok().flatten().as_deref().and_then(Theme::parse)
}

fn system_theme() -> Theme {
    let dark = window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// The theme in effect now: the stored pick, else the system's.
#[must_use]
pub fn current_theme() -> Theme {
    stored_theme().unwrap_or_else(system_theme)
}

/// Applies and remembers a pick.
pub fn set_theme(theme: Theme) {
    if let Some(storage) = local_storage() {
        // A full or disabled storage only means the pick is not remembered.
        let _ = storage.set_item(STORAGE_KEY, theme.as_str());
    }
    apply(Some(theme));
}

/// Sets `data-theme` on `<html>`; `None` follows the system.
pub fn apply(theme: Option<Theme>) {
    if let Some(root) = document().document_element() {
        let _ = match theme {
            Some(t) => root.set_attribute("data-theme", t.as_str()),
            None => root.remove_attribute("data-theme"),
        };
    }
}
