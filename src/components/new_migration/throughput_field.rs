//! The throughput of a volume in a manual-QoS capacity pool, which ANF needs there (and
//! refuses in an auto-QoS pool, where it follows from the quota).

use super::{control_id, FormState};
use crate::components::field::text_field::TextField;
use anf_core::validation::fields;
use anf_core::validation::throughput::PoolQos;
use leptos::prelude::*;

/// Shown only when the chosen pool is a manual-QoS one, with what the pool has left.
#[component]
pub fn ThroughputField(
    /// The form.
    form: FormState,
    /// The pool's quality of service, once read.
    #[prop(into)]
    qos: Signal<Option<PoolQos>>,
) -> impl IntoView {
    let manual = Signal::derive(move || qos.with(|q| q.as_ref().is_some_and(|q| q.manual)));
    let hint = Signal::derive(move || {
        let left = qos.with(|q| q.as_ref().and_then(PoolQos::hint));
        Some(format!(
            "The pool uses manual QoS: each volume is given its own throughput. {}",
            left.unwrap_or_default()
        ))
    });
    view! {
        <Show when=move || manual.get()>
            <TextField id=control_id(fields::THROUGHPUT) label="Throughput (MiB/s)"
                value=form.text(|d| &d.throughput)
                on_input=form.set(|d, v| d.throughput = v)
                on_blur=form.touch(fields::THROUGHPUT)
                error=form.error(fields::THROUGHPUT)
                hint=hint />
        </Show>
    }
}
