//! Review + Create in the form's own words: what will be created, as the person chose it on the
//! tabs, before the raw request (the portal's Review + Create reads the same way).

use super::draft::CreateRequest;
use crate::models::ExportPolicyRule;
use crate::validation::quota::{format_size, GIB};

/// One line of the summary: a label of the form and what was chosen for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryLine {
    /// The form's label.
    pub label: &'static str,
    /// The choice, in words.
    pub value: String,
}

/// The summary of `request` into capacity pool `pool` (its name, when known).
#[must_use]
pub fn review_summary(request: &CreateRequest, pool: Option<&str>) -> Vec<SummaryLine> {
    let spec = &request.spec;
    let line = |label, value: String| SummaryLine { label, value };
    let source = &spec.remote_path;
    let quota_gib = spec.usage_threshold / GIB;
    let quota = if spec.is_large_volume {
        format!("{quota_gib} GiB (large volume)")
    } else {
        format!("{quota_gib} GiB")
    };
    let mut lines = vec![
        line(
            "Source",
            format!(
                "{} / {} / {}",
                source.external_host_name, source.server_name, source.volume_name
            ),
        ),
        line("Source logical size", format_size(request.source_logical_bytes)),
        line("Replication schedule", spec.replication_schedule.label().to_owned()),
        line("Volume name", request.volume_name.clone()),
        line("File path", spec.creation_token.clone()),
    ];
    if let Some(pool) = pool {
        lines.push(line("Capacity pool", pool.to_owned()));
    }
    lines.extend([
        line("Quota", quota),
        line("Service level", spec.service_level.to_string()),
        line("Protocol", spec.protocol_types.join(" and ")),
        line("Virtual network / subnet", network_words(&spec.subnet_id)),
        line(
            "Export policy rule",
            spec.export_policy
                .as_ref()
                .and_then(|p| p.rules.first())
                .map_or_else(|| "None: add export rules later".to_owned(), rule_words),
        ),
        line("Intercluster LIF addresses", request.peer_addresses.join(", ")),
    ]);
    lines
}

/// `vnet-anf / snet-anf` from a subnet's ARM id (the id itself when it has another shape).
fn network_words(subnet_id: &str) -> String {
    let parts: Vec<&str> = subnet_id.split('/').collect();
    let after = |key: &str| {
        parts.iter().position(|p| p.eq_ignore_ascii_case(key)).and_then(|i| parts.get(i + 1))
    };
    match (after("virtualNetworks"), after("subnets")) {
        (Some(vnet), Some(subnet)) => format!("{vnet} / {subnet}"),
        _ => subnet_id.to_owned(),
    }
}

/// `10.20.0.0/24: read & write, root access` as the Network tab words it.
fn rule_words(rule: &ExportPolicyRule) -> String {
    let clients = rule.allowed_clients.clone().unwrap_or_default();
    let access = if rule.unix_read_write == Some(true) { "read & write" } else { "read only" };
    let root = if rule.has_root_access == Some(false) { "no root access" } else { "root access" };
    format!("{clients}: {access}, {root}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ServiceLevel;
    use crate::wizard::draft::{FormContext, NewMigrationDraft};

    fn request(read_write: bool, clients: &str) -> CreateRequest {
        let mut d = NewMigrationDraft {
            cluster_name: "onprem-cl01".into(),
            svm_name: "svm_nfs".into(),
            source_volume: "vol_home".into(),
            service_level: "Standard".into(),
            subnet_id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-anf/subnets/snet-anf".into(),
            allowed_clients: clients.into(),
            read_write,
            peer_addresses: "192.168.10.21\n192.168.10.22".into(),
            schedule: "daily".into(),
            ..NewMigrationDraft::default()
        };
        d.set_volume_name("mig-home".into());
        d.set_source_size("42".into(), false);
        let ctx = FormContext {
            pool_service_level: Some(ServiceLevel::Standard),
            location: "eastus".into(),
            ..FormContext::default()
        };
        let check = d.check(&ctx);
        check.request.unwrap_or_else(|| panic!("{:?}", check.errors))
    }

    #[test]
    fn the_summary_reads_as_the_form() {
        let lines = review_summary(&request(true, "10.20.0.0/24"), Some("pool-standard"));
        let got: Vec<(&str, &str)> = lines.iter().map(|l| (l.label, l.value.as_str())).collect();
        assert_eq!(
            got,
            [
                ("Source", "onprem-cl01 / svm_nfs / vol_home"),
                ("Source logical size", "42 GiB"),
                ("Replication schedule", "Daily"),
                ("Volume name", "mig-home"),
                ("File path", "mig-home"),
                ("Capacity pool", "pool-standard"),
                // 20 % over the source's 42 GiB, in GiB as the Volume tab asks for it.
                ("Quota", "51 GiB"),
                ("Service level", "Standard"),
                ("Protocol", "NFSv3"),
                ("Virtual network / subnet", "vnet-anf / snet-anf"),
                ("Export policy rule", "10.20.0.0/24: read & write, root access"),
                ("Intercluster LIF addresses", "192.168.10.21, 192.168.10.22"),
            ]
        );
    }

    #[test]
    fn no_export_rule_and_read_only_say_so() {
        let none = review_summary(&request(true, ""), None);
        assert!(none.iter().all(|l| l.label != "Capacity pool"));
        let rule = none.iter().find(|l| l.label == "Export policy rule").unwrap();
        assert_eq!(rule.value, "None: add export rules later");
        let ro = review_summary(&request(false, "10.0.0.0/8"), None);
        let rule = ro.iter().find(|l| l.label == "Export policy rule").unwrap();
        assert_eq!(rule.value, "10.0.0.0/8: read only, root access");
        assert_eq!(network_words("not-an-id"), "not-an-id");
    }
}
