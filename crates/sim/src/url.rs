//! Splitting an ARM URL into path segments and query parameters. The host is ignored: the same
//! engine answers for management.azure.com, a regional endpoint or armsim on loopback.

/// A request URL taken apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedUrl {
    /// The path without the query, as sent (e.g. `/subscriptions/x/...`).
    pub path: String,
    /// Decoded query pairs in order.
    pub query: Vec<(String, String)>,
}

impl ParsedUrl {
    /// Parses an absolute or path-only URL.
    #[must_use]
    pub fn parse(url: &str) -> Self {
        let rest = match url.find("://") {
            Some(i) => {
                let after = &url[i + 3..];
                after.find(['/', '?']).map_or("", |j| &after[j..])
            }
            None => url,
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let query = query
            .split('&')
            .filter(|kv| !kv.is_empty())
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (decode(k), decode(v))
            })
            .collect();
        Self { path: if path.is_empty() { "/".into() } else { path.to_string() }, query }
    }

    /// The non-empty path segments, percent-decoded.
    #[must_use]
    pub fn segments(&self) -> Vec<String> {
        self.path.split('/').filter(|s| !s.is_empty()).map(decode).collect()
    }

    /// A query parameter by name; ARM treats names case-insensitively.
    #[must_use]
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Percent-decoding (and `+` as space, as form encoding does).
#[must_use]
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encoding for a query value.
#[must_use]
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_host_and_decodes_query() {
        let u = ParsedUrl::parse("https://management.azure.com/subscriptions/a%20b/x?api-version=2025-12-01&%24skipToken=v%2F1");
        assert_eq!(u.path, "/subscriptions/a%20b/x");
        assert_eq!(u.segments(), vec!["subscriptions", "a b", "x"]);
        assert_eq!(u.query("API-VERSION"), Some("2025-12-01"));
        assert_eq!(u.query("$skiptoken"), Some("v/1"));
        assert_eq!(ParsedUrl::parse("http://h:1?x=1").path, "/");
        assert_eq!(decode(&encode("a/b c%")), "a/b c%");
        assert_eq!(decode("50%"), "50%");
    }
}
