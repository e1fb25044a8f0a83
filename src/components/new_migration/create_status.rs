//! The create operation, followed to the end: progress, then Configure Peering or the error.

use crate::components::arm_error_panel::ArmErrorPanel;
use crate::components::progress_bar::ProgressBar;
use crate::state::operations::{use_operations, OpState};
use leptos::prelude::*;

/// Where the create stands. The operation itself is followed by the app's operations (it
/// survives a reload); this only shows it.
#[component]
pub fn CreateStatus(
    /// The operation's id.
    op_id: u64,
    /// The volume's name, for the next links.
    #[prop(into)]
    volume_name: String,
    /// Puts the form back for another migration (shown once the volume is created).
    #[prop(optional)]
    on_another: Option<Callback<()>>,
) -> impl IntoView {
    let ops = use_operations();
    let op = move || ops.get(op_id);
    // The heading says what is true now, not what was asked for.
    let heading = {
        let name = volume_name.clone();
        move || match op() {
            None => name.clone(),
            Some(o) if o.is_active() => format!("Creating {name}"),
            Some(o) if o.succeeded() => format!("{name} is created"),
            Some(o) if o.outcome_unknown() => {
                format!("{name}: not known whether it was created")
            }
            Some(o) if o.error().is_some() => format!("{name} was not created"),
            Some(_) => format!("The create of {name} was canceled"),
        }
    };
    let percent = Signal::derive(move || op().and_then(|o| o.percent()).map(|p| p / 100.0));
    let peering = format!("/migrations/{volume_name}/peering");
    let details = format!("/migrations/{volume_name}");
    view! {
        <section class="card stack" aria-labelledby="nm-create-heading" aria-live="polite" data-create-status>
            <h3 id="nm-create-heading">{heading}</h3>
            {move || match op().map(|o| o.state) {
                None => view! { <p>"This operation is no longer listed; see Migrations."</p> }.into_any(),
                Some(OpState::Starting) => view! {
                    <p>"Sending the request to Azure Resource Manager…"</p>
                    <ProgressBar value=percent label="Creating the volume" />
                }.into_any(),
                Some(OpState::Running { poller }) => {
                    let status = poller.last_status().unwrap_or("Accepted").to_owned();
                    let unread = op().and_then(|o| o.unread_note());
                    view! {
                        <p>{format!("Azure NetApp Files is creating the volume (status: {status}). You can leave this page; it is followed until it ends.")}</p>
                        {unread.map(|note| view! { <p class="muted" data-unread-polls>{note}</p> })}
                        <ProgressBar value=percent label="Creating the volume" />
                    }.into_any()
                }
                Some(OpState::Unknown { lost }) => view! {
                    <p>{if lost.is_some() { "Azure's answer was lost" } else { "The page was reloaded before Azure answered" }}
                       ", so it is not known whether the volume is being created. Check "
                       <a href=details.clone()>"the migration"</a> " before creating it again."</p>
                }.into_any(),
                Some(OpState::Done { .. } | OpState::NotStarted { .. }) => {
                    let o = op();
                    if o.as_ref().is_some_and(|o| o.succeeded()) {
                        view! {
                            <p data-created>"The migration volume is created. Next, peer the source cluster with Azure NetApp Files."</p>
                            <div class="toolbar">
                                <a class="btn btn-primary" href=peering.clone()>"Configure Peering"</a>
                                <a class="btn" href=details.clone()>"View migration details"</a>
                                {on_another.map(|another| view! {
                                    <button type="button" class="btn btn-subtle" data-create-another
                                        on:click=move |_| another.run(())>"Start another migration"</button>
                                })}
                            </div>
                        }.into_any()
                    } else {
                        match o.and_then(|o| o.error().cloned()) {
                            Some(error) => view! {
                                <p>"The volume was not created. Fix what the error says and create it again; your entries are kept."</p>
                                <ArmErrorPanel error=error />
                            }.into_any(),
                            None => view! { <p>"The create was canceled."</p> }.into_any(),
                        }
                    }
                }
            }}
        </section>
    }
}
