//! Short notices at the end of an operation: what finished, or what went wrong and where to look.

use leptos::prelude::*;

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
}

impl Toasts {
    /// The notices shown now.
    #[must_use]
    pub fn list(&self) -> RwSignal<Vec<Toast>> {
        self.list
    }

    /// Shows a notice; it goes away by itself after a while, or when dismissed.
    pub fn push(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|l| l.push(Toast { id, kind, text: text.into() }));
        let list = self.list;
        let secs = if kind == ToastKind::Error { 12 } else { 6 };
        leptos::task::spawn_local(async move {
            crate::arm::browser_env::sleep(std::time::Duration::from_secs(secs)).await;
            list.try_update(|l| l.retain(|t| t.id != id));
        });
    }

    /// Removes a notice.
    pub fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|t| t.id != id));
    }
}

/// Puts the notices in context.
pub fn provide_toasts() -> Toasts {
    let toasts = Toasts { list: RwSignal::new(Vec::new()), next: StoredValue::new(1) };
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
