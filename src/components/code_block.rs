//! Commands and secrets the user must copy exactly.

use crate::components::copy_button::CopyButton;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/code_block.module.css");

/// Monospace, wrapped, never truncated, with its own copy button.
#[component]
pub fn CodeBlock(
    /// The text.
    #[prop(into)]
    code: Signal<String>,
    /// What it is, e.g. "Cluster peering command"; labels the block and its button.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let copy_label = format!("Copy {}", label.to_lowercase());
    view! {
        <figure class=style::block>
            <figcaption class=style::caption>
                <span>{label.clone()}</span>
                <CopyButton text=code label=copy_label />
            </figcaption>
            <pre class=style::code aria-label=label><code>{move || code.get()}</code></pre>
        </figure>
    }
}
