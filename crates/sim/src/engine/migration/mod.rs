//! What the migration assistant does behind ARM: placing volumes on storage, cluster and SVM
//! peering with the external cluster, the SnapMirror relationship, and the cut-over.

pub mod cutover;
pub mod peering;
pub mod placement;
pub mod setup_status;
pub mod transfer;
