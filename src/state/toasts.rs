//! Short notices at the end of an operation: what finished, or what went wrong and where to look.
//!
//! A notice of success or for information leaves by itself after a few seconds (later while
//! the pointer or the focus is on the notices: nobody loses one while reading it); an error
//! stays until it is dismissed, because it says what to do next.

use leptos::prelude::*;
use std::time::Duration;

/// How long a success notice stays.
pub const SUCCESS_LIFETIME: Duration = Duration::from_secs(6);
/// How long an information notice stays.
pub const INFO_LIFETIME: Duration = Duration::from_secs(8);
/// How many notices show at once; older ones fold into "+N more".
pub const MAX_VISIBLE: usize = 3;

/// How a notice looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    /// Something finished.
    Success,
    /// Something failed.
    Error,
    /// For information.
    Info,
}

impl ToastKind {
    /// How long a notice of this kind stays by itself; `None`: until dismissed.
    #[must_use]
    pub const fn lifetime(self) -> Option<Duration> {
        match self {
            Self::Success => Some(SUCCESS_LIFETIME),
            Self::Info => Some(INFO_LIFETIME),
            Self::Error => None,
        }
    }
}

/// One notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    /// Identity, for dismissing.
    pub id: u64,
    /// Look.
    pub kind: ToastKind,
    /// The text.
    pub text: String,
}

/// The notices in context.
#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
    held: RwSignal<bool>,
}

impl Toasts {
    /// The notices shown now, oldest first.
    #[must_use]
    pub fn list(&self) -> RwSignal<Vec<Toast>> {
        self.list
    }

    /// Holds the notices while the person points at or focuses them (the region sets it).
    pub fn hold(&self, held: bool) {
        if self.held.get_untracked() != held {
            self.held.set(held);
        }
    }

    /// Shows a notice; a success or information notice goes away by itself after its
    /// lifetime, an error only when dismissed.
    pub fn push(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|l| l.push(Toast { id, kind, text: text.into() }));
        let Some(lifetime) = kind.lifetime() else { return };
        let (list, held) = (self.list, self.held);
        leptos::task::spawn_local(async move {
            crate::arm::browser_env::sleep(lifetime).await;
            // Held: look again each second until the person has moved on.
            while held.try_get_untracked().unwrap_or(false) {
                crate::arm::browser_env::sleep(Duration::from_secs(1)).await;
            }
            list.try_update(|l| l.retain(|t| t.id != id));
        });
    }

    /// Removes a notice.
    pub fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|t| t.id != id));
    }

    /// Removes every notice.
    pub fn dismiss_all(&self) {
        self.list.set(Vec::new());
        self.held.set(false);
    }
}

/// Puts the notices in context.
pub fn provide_toasts() -> Toasts {
    let toasts = Toasts {
        list: RwSignal::new(Vec::new()),
        next: StoredValue::new(1),
        held: RwSignal::new(false),
    };
    provide_context(toasts);
    toasts
}

/// The notices.
///
/// # Panics
/// Outside the app.
#[must_use]
pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}
