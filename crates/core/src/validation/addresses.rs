//! Intercluster LIF addresses of the source cluster, as pasted: one per line, or separated by
//! commas, semicolons or spaces.

use super::{fields, FieldError};
use std::net::IpAddr;

/// Parses the intercluster addresses (IPv4 or IPv6), in order, written canonically.
///
/// # Errors
/// A [`FieldError`] on `peerIpAddresses` naming every entry that is not an address, any
/// address listed twice, addresses that cannot be intercluster LIFs, or an empty list.
pub fn parse_intercluster_addresses(text: &str) -> Result<Vec<String>, FieldError> {
    let mut seen: Vec<IpAddr> = Vec::new();
    let mut problems = Vec::new();
    for token in
        text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|t| !t.is_empty())
    {
        // Tolerate "[fd00::1]" as copied from URLs.
        let bare = token.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(token);
        let Ok(ip) = bare.parse::<IpAddr>() else {
            problems.push(format!("\"{token}\" is not an IPv4 or IPv6 address"));
            continue;
        };
        if let Some(why) = unusable(ip) {
            problems.push(format!("{ip} cannot be an intercluster address ({why})"));
        } else if seen.contains(&ip) {
            problems.push(format!("{ip} is listed twice"));
        } else {
            seen.push(ip);
        }
    }
    if !problems.is_empty() {
        return Err(FieldError::new(fields::PEER_ADDRESSES, format!("{}.", problems.join("; "))));
    }
    if seen.is_empty() {
        return Err(FieldError::new(
            fields::PEER_ADDRESSES,
            "Enter at least one intercluster LIF address of the source cluster (network interface show -service-policy default-intercluster).",
        ));
    }
    Ok(seen.iter().map(IpAddr::to_string).collect())
}

/// The most nodes an ONTAP cluster has (NAS).
pub const MAX_NODES: u32 = 24;

/// Reads the number of nodes of the source cluster as typed: empty is "not said".
///
/// # Errors
/// A [`FieldError`] on `nodeCount` for text that is not a whole number from 1 to 24.
pub fn parse_node_count(text: &str) -> Result<Option<u32>, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u32>() {
        Ok(n) if (1..=MAX_NODES).contains(&n) => Ok(Some(n)),
        Ok(_) => Err(FieldError::new(
            fields::NODE_COUNT,
            format!("An ONTAP cluster has 1 to {MAX_NODES} nodes."),
        )),
        Err(_) => Err(FieldError::new(
            fields::NODE_COUNT,
            "Enter the number of nodes as a whole number (system node show lists them), or leave it empty.",
        )),
    }
}

/// Whether `addresses` can cover every node of the source cluster, before the peering offer is
/// issued: the how-to says every node needs an intercluster LIF and each one must be listed.
/// With the node count known (`nodes`), fewer addresses than nodes is an error; unknown, a
/// reminder (`Ok(Some(..))`). More addresses than nodes is fine: a node may have several.
///
/// # Errors
/// A [`FieldError`] on `peerIpAddresses` when fewer addresses than nodes are listed.
pub fn check_node_coverage(
    addresses: usize,
    nodes: Option<u32>,
) -> Result<Option<FieldError>, FieldError> {
    let listed = match addresses {
        1 => "1 address is listed".to_owned(),
        n => format!("{n} addresses are listed"),
    };
    match nodes {
        Some(n) if u32::try_from(addresses).unwrap_or(u32::MAX) < n => Err(FieldError::new(
            fields::PEER_ADDRESSES,
            format!(
                "The source cluster has {n} nodes and {listed}: every node needs an intercluster LIF, and each one must be listed here (network interface show -service-policy default-intercluster shows them with their home nodes)."
            ),
        )),
        Some(_) => Ok(None),
        None => Ok(Some(FieldError::new(
            fields::PEER_ADDRESSES,
            format!(
                "{listed}. Every node of the source cluster needs an intercluster LIF and each one must be listed: one address per node at least (system node show lists the nodes)."
            ),
        ))),
    }
}

fn unusable(ip: IpAddr) -> Option<&'static str> {
    if ip.is_unspecified() {
        return Some("unspecified address");
    }
    if ip.is_loopback() {
        return Some("loopback");
    }
    if ip.is_multicast() {
        return Some("multicast");
    }
    match ip {
        IpAddr::V4(v4) if v4.is_broadcast() => Some("broadcast"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_lines_commas_and_spaces_of_both_families() {
        let got =
            parse_intercluster_addresses("10.0.0.1\n10.0.0.2, 10.0.0.3;fd00::4  [fd00::5]\r\n")
                .unwrap();
        assert_eq!(got, ["10.0.0.1", "10.0.0.2", "10.0.0.3", "fd00::4", "fd00::5"]);
        assert_eq!(parse_intercluster_addresses("FD00:0:0::1").unwrap(), ["fd00::1"]);
    }

    #[test]
    fn rejects_duplicates_garbage_and_empty() {
        let e = parse_intercluster_addresses("10.0.0.1 10.0.0.1").unwrap_err();
        assert_eq!(e.field, fields::PEER_ADDRESSES);
        assert!(e.message.contains("10.0.0.1 is listed twice"), "{}", e.message);
        // Same address in two spellings is still a duplicate.
        assert!(parse_intercluster_addresses("fd00::1, fd00:0::1")
            .unwrap_err()
            .message
            .contains("twice"));
        let e = parse_intercluster_addresses("10.0.0.300, cluster1").unwrap_err();
        assert!(
            e.message.contains("\"10.0.0.300\"") && e.message.contains("\"cluster1\""),
            "{}",
            e.message
        );
        assert!(parse_intercluster_addresses(" \n , ")
            .unwrap_err()
            .message
            .contains("at least one"));
        for bad in ["127.0.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1"] {
            assert!(
                parse_intercluster_addresses(bad).unwrap_err().message.contains("cannot be"),
                "{bad}"
            );
        }
    }

    #[test]
    fn every_node_needs_a_listed_address() {
        let e = check_node_coverage(1, Some(2)).unwrap_err();
        assert_eq!(e.field, fields::PEER_ADDRESSES);
        assert!(e.message.starts_with("The source cluster has 2 nodes and 1 address is listed"));
        assert_eq!(check_node_coverage(2, Some(2)), Ok(None));
        assert_eq!(check_node_coverage(4, Some(2)), Ok(None), "two LIFs per node is fine");
        let reminder = check_node_coverage(3, None).unwrap().unwrap();
        assert!(reminder.message.starts_with("3 addresses are listed. Every node"));
    }

    #[test]
    fn the_node_count_is_a_small_whole_number_or_nothing() {
        assert_eq!(parse_node_count(" "), Ok(None));
        assert_eq!(parse_node_count("4"), Ok(Some(4)));
        for bad in ["0", "25", "two", "2.5", "-1"] {
            let e = parse_node_count(bad).unwrap_err();
            assert_eq!(e.field, fields::NODE_COUNT, "{bad}");
        }
    }
}
