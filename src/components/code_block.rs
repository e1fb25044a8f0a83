//! Commands and secrets the user must copy exactly.

use crate::components::copy_button::CopyButton;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/code_block.module.css");

/// "Copy request body (JSON)" from "Request body (JSON)": the first word goes to lower case
/// unless it is an acronym (SVM, LIF, JSON stay as they are written).
#[must_use]
pub fn copy_label(label: &str) -> String {
    let mut letters =
        label.chars().take_while(|c| !c.is_whitespace()).filter(char::is_ascii_alphabetic);
    let acronym = matches!((letters.next(), letters.next()), (Some(a), Some(b)) if a.is_ascii_uppercase() && b.is_ascii_uppercase());
    if acronym {
        return format!("Copy {label}");
    }
    let mut chars = label.chars();
    let head: String = chars.next().map(|c| c.to_lowercase().collect()).unwrap_or_default();
    format!("Copy {head}{}", chars.as_str())
}

/// The text with each run of non-spaces in its own unbreakable span. `white-space: pre-wrap`
/// alone still breaks after a hyphen (`-peer-` / `addrs`); this way a line breaks only where
/// the text has a space, and selecting and copying the text gives it back unchanged.
fn words(text: &str) -> Vec<AnyView> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let gap = rest.find(|c: char| !(c == ' ' || c == '\n' || c == '\t')).unwrap_or(rest.len());
        if gap > 0 {
            out.push(rest[..gap].to_owned().into_any());
            rest = &rest[gap..];
            continue;
        }
        let end = rest.find([' ', '\n', '\t']).unwrap_or(rest.len());
        let word = rest[..end].to_owned();
        out.push(view! { <span class=style::word>{word}</span> }.into_any());
        rest = &rest[end..];
    }
    out
}

/// Monospace, never truncated, with its own copy button. Lines wrap only at spaces, so what is
/// read can be typed again as it is; a word longer than the line (an ARM id) scrolls sideways
/// instead of breaking inside.
#[component]
pub fn CodeBlock(
    /// The text.
    #[prop(into)]
    code: Signal<String>,
    /// What it is, e.g. "Cluster peering command"; labels the block and its button.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let copy_label = copy_label(&label);
    view! {
        <figure class=style::block>
            <figcaption class=style::caption>
                <span>{label.clone()}</span>
                <CopyButton text=code label=copy_label />
            </figcaption>
            <pre class=style::code aria-label=label><code>{move || words(&code.get())}</code></pre>
        </figure>
    }
}
