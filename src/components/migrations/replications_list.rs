//! The volume's replications as ARM lists them (`listReplications`, what
//! `az netappfiles volume replication list` shows): for a migration, the one relationship from
//! the ONTAP source.

use crate::arm::context::use_arm;
use crate::local_time::local_time;
use crate::state::operations::use_operations;
use anf_core::ids::VolumeId;
use anf_core::models::Replication;
use leptos::prelude::*;

/// The replications table of one volume.
#[component]
pub fn ReplicationsList(
    /// The volume's id.
    id: String,
) -> impl IntoView {
    let arm = use_arm();
    let ops = use_operations();
    let id = StoredValue::new(id);
    let list = LocalResource::new(move || {
        let _ = ops.generation();
        let client = arm.client();
        let vid = VolumeId::parse(&id.get_value()).ok();
        async move {
            let vid = vid?;
            Some(client.list_replications(&vid, None).await.map_err(|e| e.user_message()))
        }
    });
    let row = |r: Replication| {
        let remote = r
            .remote_volume_resource_id
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "the ONTAP source (remotePath)".to_owned());
        view! {
            <tr>
                <td class="mono">{r.replication_id.clone().unwrap_or_default()}</td>
                <td>{r.endpoint_type.as_ref().map(|e| e.to_string()).unwrap_or_default()}</td>
                <td>{remote}</td>
                <td>{r.replication_schedule.as_ref().map(|s| s.label().to_owned()).unwrap_or_default()}</td>
                <td>{r.mirror_state.as_ref().map(ToString::to_string).unwrap_or_else(|| "—".into())}</td>
                <td>{r.replication_creation_time.clone().unwrap_or_default()}</td>
            </tr>
        }
    };
    view! {
        <div data-replications>
            {move || match list.get().flatten() {
                None => view! { <p class="muted" role="status">"Reading the replications…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="muted">"The replications could not be read: " {e}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">"No replication: the volume is a regular volume."</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <table class="table">
                        <caption class="visually-hidden">"Replications of the volume"</caption>
                        <thead><tr><th scope="col">"Replication id"</th><th scope="col">"Endpoint"</th><th scope="col">"Remote"</th><th scope="col">"Schedule"</th><th scope="col">"Mirror state"</th><th scope="col">"Created"</th></tr></thead>
                        <tbody>{list.into_iter().map(row).collect_view()}</tbody>
                    </table>
                    <p class="muted">"Read at " {local_time(crate::arm::browser_env::now())} "."</p>
                }.into_any(),
            }}
        </div>
    }
}
