//! The IPspace of the source's intercluster LIFs, which ARM leaves as a placeholder in the
//! peering command: typed once, remembered for the cluster, written into the command shown and
//! copied, so what is pasted on ONTAP runs as it is.

use crate::components::field::text_field::TextField;
use crate::storage::{self, Area};
use anf_core::wizard::peering::{validate_ipspace, DEFAULT_IPSPACE};
use leptos::prelude::*;

/// Where the IPspace of a cluster is kept (localStorage: it doesn't change from one migration
/// to the next).
fn storage_key(cluster: &str) -> String {
    format!("anf-migrate.ipspace.{}", cluster.trim().to_ascii_lowercase())
}

/// The IPspace remembered for `cluster`, or `Default`.
#[must_use]
pub fn remembered_ipspace(cluster: Option<&str>) -> String {
    cluster
        .and_then(|c| storage::load::<String>(Area::Local, &storage_key(c)))
        .unwrap_or_else(|| DEFAULT_IPSPACE.to_owned())
}

/// The field; `ipspace` holds what is typed, and is kept for `cluster` whenever it is valid.
#[component]
pub fn IpspaceField(
    /// What is typed.
    ipspace: RwSignal<String>,
    /// The source cluster.
    #[prop(into)]
    cluster: Signal<Option<String>>,
) -> impl IntoView {
    let error = Signal::derive(move || ipspace.with(|i| validate_ipspace(i).err()));
    Effect::new(move |_| {
        let value = ipspace.get();
        if let (Some(c), Ok(name)) = (cluster.get(), validate_ipspace(&value)) {
            storage::save(Area::Local, &storage_key(&c), &name.to_owned());
        }
    });
    view! {
        <TextField id="pw-ipspace" label="IPspace of the intercluster LIFs" mono=true
            value=ipspace
            on_input=Callback::new(move |v: String| ipspace.set(v))
            on_blur=Callback::new(|()| ())
            error=error
            hint="Written into the command below. Most clusters use Default; check with network interface show -service-policy default-intercluster -fields ipspace." />
    }
}
