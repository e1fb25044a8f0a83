//! Migration waves: many volumes from one source cluster planned, checked, created and cut
//! over together, as pure functions the wave pages only render.
//!
//! ```text
//! input         refuse what is not text (5 MB, UTF-8, no NUL)
//! ontap_output  ONTAP's `volume show -fields ...` table -> volumes, with what can't migrate
//! csv           the wave's CSV format: read (RFC 4180), write, template
//! plan          WavePlan: rows as entered + defaults, saved per tenant and user
//! row_check     one row through the single-volume wizard's own rules
//! checks        every row, then the whole wave: names, pools, subnet, clusters -> verdict
//! estimate      baseline times: formula, measured rate, the wave with shared bandwidth
//! write_budget  pacing the creates inside ARM's write bucket
//! peering       the distinct cluster peer and vserver peer accept commands of a wave
//! run           a started wave: each volume's create, peering, SVM peering and finalize
//! totals        the watch's figures: each volume's time left, the wave's totals and ETA
//! window        the cut-over window: every volume's guided cut-over as one sequence
//! saved         what the browser keeps of a user's waves: plans, settings, runs, windows
//! runbook       the wave as a Markdown runbook: ONTAP, Azure CLI, PowerShell and REST
//! ```

pub mod checks;
pub mod columns;
pub mod csv;
pub mod estimate;
pub mod input;
pub mod ontap_output;
pub mod peering;
pub mod plan;
pub mod row_check;
pub mod run;
pub mod runbook;
pub mod runbook_calls;
pub mod saved;
pub mod totals;
pub mod window;
pub mod write_budget;

pub use checks::{
    check_wave, IpNeed, PoolDemand, PoolInfo, RowProblem, RowVerdict, WaveContext, WaveVerdict,
};
pub use columns::Column;
pub use csv::{read_csv, read_csv_bytes, template, write_csv, CsvImport, CsvRefused};
pub use estimate::{
    estimate_baseline, estimate_running, measured_rate, mibps_per_tib, wave_eta, BaselineEstimate,
    DestinationQos, Limit, Link, Transfer, WaveEta,
};
pub use input::{accept_bytes, accept_text, InputRefused, MAX_INPUT_BYTES};
pub use ontap_output::{
    format_ontap_size, parse_ontap_size, parse_volume_show, LineProblem, NotMigratable,
    OntapOutput, OntapVolume, SourceFacts,
};
pub use plan::{
    quota_with_headroom, suggest_target_name, AddReport, EffectiveRow, PickedVolume, RowId,
    RowOrigin, WaveDefaults, WavePlan, WaveRow,
};
pub use row_check::ValidRow;
pub use run::{
    CallEnd, CallError, Created, ListedVolume, PeerAnswer, RunVolume, Running, WaveCall, WaveRun,
    MAX_RUNNING,
};
pub use runbook::{runbook_markdown, RunbookInput, RunbookVolume};
pub use totals::{
    plan_estimates, volume_eta, wave_counts, wave_totals, PlanEstimates, RateWatch, VolumeEta,
    VolumeFigures, WaveTotals,
};
pub use write_budget::{BudgetSettings, Dispatch, Waiting, WriteBudget};
