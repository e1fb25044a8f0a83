//! The columns of a wave row, shared by the CSV format, the plan and the checks: one stable
//! header name each, and the sentence that says what a cell should hold.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A column of a wave row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// The ONTAP cluster (`cluster identity show`).
    SourceCluster,
    /// The SVM.
    Svm,
    /// The ONTAP volume.
    SourceVolume,
    /// The source's logical size (`logical-used`).
    LogicalSize,
    /// The ANF volume to create.
    TargetVolume,
    /// The ANF volume's quota.
    Quota,
    /// NFS version(s).
    Protocol,
    /// Capacity pool, or a service level naming the account's only pool of that level.
    Pool,
    /// Replication schedule.
    Schedule,
    /// Export policy allowed clients.
    ExportClients,
    /// ONTAP `type` (RW, DP, LS, TMP).
    OntapType,
    /// ONTAP `volume-style-extended` (flexvol, flexgroup, ...).
    OntapStyle,
    /// ONTAP `is-vserver-root` (true, false).
    OntapRoot,
}

impl Column {
    /// Every column, in the CSV's order.
    pub const ALL: [Column; 13] = [
        Self::SourceCluster,
        Self::Svm,
        Self::SourceVolume,
        Self::LogicalSize,
        Self::TargetVolume,
        Self::Quota,
        Self::Protocol,
        Self::Pool,
        Self::Schedule,
        Self::ExportClients,
        Self::OntapType,
        Self::OntapStyle,
        Self::OntapRoot,
    ];

    /// The CSV header name.
    #[must_use]
    pub const fn header(self) -> &'static str {
        match self {
            Self::SourceCluster => "source_cluster",
            Self::Svm => "svm",
            Self::SourceVolume => "source_volume",
            Self::LogicalSize => "logical_size",
            Self::TargetVolume => "target_volume",
            Self::Quota => "quota",
            Self::Protocol => "protocol",
            Self::Pool => "pool",
            Self::Schedule => "schedule",
            Self::ExportClients => "export_clients",
            Self::OntapType => "ontap_type",
            Self::OntapStyle => "ontap_style",
            Self::OntapRoot => "ontap_root",
        }
    }

    /// What a cell of this column should hold, for messages.
    #[must_use]
    pub const fn expects(self) -> &'static str {
        match self {
            Self::SourceCluster => "the ONTAP cluster's name (cluster identity show)",
            Self::Svm => "the SVM's name (vserver show)",
            Self::SourceVolume => "the ONTAP volume's name (volume show)",
            Self::LogicalSize => "the source's logical size, such as 450GB or 1.95TB (volume show -fields logical-used)",
            Self::TargetVolume => "an Azure NetApp Files volume name: a letter, then letters, digits, - and _, at most 64",
            Self::Quota => "a size such as 600 GiB",
            Self::Protocol => "NFSv3, NFSv4.1, or both as NFSv3;NFSv4.1",
            Self::Pool => "a capacity pool of the NetApp account, or the service level of its only pool of that level",
            Self::Schedule => "_10minutely, hourly or daily",
            Self::ExportClients => "IPv4 addresses, CIDRs such as 10.0.0.0/24 or ranges, separated by commas",
            Self::OntapType => "ONTAP's volume type: RW, DP, LS or TMP",
            Self::OntapStyle => "ONTAP's volume-style-extended: flexvol, flexgroup or flexgroup-constituent",
            Self::OntapRoot => "true or false (volume show -fields is-vserver-root)",
        }
    }

    /// Reads a header cell: case-insensitive, spaces and hyphens taken as underscores.
    #[must_use]
    pub fn from_header(text: &str) -> Option<Self> {
        let key = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Self::ALL.into_iter().find(|c| c.header() == key)
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.header())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_read_back_in_any_case_and_spelling() {
        for c in Column::ALL {
            assert_eq!(Column::from_header(c.header()), Some(c));
            assert_eq!(Column::from_header(&c.header().to_uppercase()), Some(c));
        }
        assert_eq!(Column::from_header(" Source Volume "), Some(Column::SourceVolume));
        assert_eq!(Column::from_header("export-clients"), Some(Column::ExportClients));
        assert_eq!(Column::from_header("volume"), None);
    }
}
