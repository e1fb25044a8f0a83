//! Where notices appear: at the foot of the navigation column, which holds nothing a person
//! works with, so a notice never covers a page's controls (on a narrow screen, where the
//! navigation is a bar, they take their own place above the page instead).

use crate::state::toasts::{use_toasts, Toast, ToastKind, MAX_VISIBLE};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/toast_region.module.css");

/// The notices, announced politely to screen readers, each dismissible; the newest
/// [`MAX_VISIBLE`] show, older ones fold into "+N more".
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    let expanded = RwSignal::new(false);
    let count = Memo::new(move |_| toasts.list().with(Vec::len));
    // Folded again once there is nothing left to unfold.
    Effect::new(move |_| {
        if count.get() <= MAX_VISIBLE && expanded.get_untracked() {
            expanded.set(false);
        }
    });
    let hidden =
        Memo::new(
            move |_| if expanded.get() { 0 } else { count.get().saturating_sub(MAX_VISIBLE) },
        );
    let shown = Memo::new(move |_| {
        let skip = hidden.get();
        toasts.list().with(|l| l.iter().skip(skip).cloned().collect::<Vec<Toast>>())
    });
    let more = move || {
        let n = hidden.get();
        (count.get() > MAX_VISIBLE).then(|| {
            view! {
                <div class=style::more data-toasts-more>
                    {if n > 0 {
                        view! {
                            <button type="button" class=style::more_button aria-expanded="false"
                                on:click=move |_| expanded.set(true)>{format!("+{n} more")}</button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class=style::more_button aria-expanded="true"
                                on:click=move |_| expanded.set(false)>"Show fewer"</button>
                        }.into_any()
                    }}
                    <button type="button" class=style::more_button on:click=move |_| toasts.dismiss_all()>"Dismiss all"</button>
                </div>
            }
        })
    };
    view! {
        <section class=style::region aria-label="Notifications" data-toasts
            on:pointerenter=move |_| toasts.hold(true)
            on:pointerleave=move |_| toasts.hold(false)
            on:focusin=move |_| toasts.hold(true)
            on:focusout=move |_| toasts.hold(false)>
            {more}
            <div class=style::list role="status" aria-live="polite">
                <For each=move || shown.get() key=|t| t.id let:toast>
                    <div class=move || {
                        let kind = match toast.kind {
                            ToastKind::Success => style::success,
                            ToastKind::Error => style::error,
                            ToastKind::Info => style::info,
                        };
                        format!("{} {kind}", style::toast)
                    } data-toast=match toast.kind { ToastKind::Success => "success", ToastKind::Error => "error", ToastKind::Info => "info" }>
                        <span class=style::text>{toast.text.clone()}</span>
                        {(toast.kind == ToastKind::Error)
                            .then(|| view! { <a class=style::link href="/activity">"Activity"</a> })}
                        <button type="button" class=style::close aria-label="Dismiss"
                            on:click=move |_| toasts.dismiss(toast.id)>"×"</button>
                    </div>
                </For>
            </div>
        </section>
    }
}
