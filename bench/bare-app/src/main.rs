//! A bare Leptos 0.8 app: one component, one signal, one button. `scripts/bench` times its
//! start-up against anf-migrate's, both to the `anf-shell-ready` mark.

use leptos::prelude::*;

#[component]
fn App() -> impl IntoView {
    let count = RwSignal::new(0);
    // The same mark as anf-migrate's shell: effects run once the view is mounted.
    Effect::new(|_| {
        if let Some(p) = window().performance() {
            let _ = p.mark("anf-shell-ready");
        }
    });
    view! {
        <main>
            <h1>"bare"</h1>
            <button on:click=move |_| count.update(|c| *c += 1)>{move || count.get()}</button>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
