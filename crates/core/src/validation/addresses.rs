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
}
