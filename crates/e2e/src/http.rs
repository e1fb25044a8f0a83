//! The smallest HTTP client that can check what a server sends: status, headers, body.

/// A response as it came over the wire.
#[derive(Debug)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Header names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// The first header of that name.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }

    /// The body as text.
    #[must_use]
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// GETs `url` (`http://host:port/path`) with HTTP/1.0, so the server closes when done.
///
/// # Panics
/// When the URL is not plain http or the server cannot be reached.
pub async fn get(url: &str) -> Response {
    request("GET", url, None, "text/plain").await
}

/// POSTs `body` as plain text to `url`.
///
/// # Panics
/// As [`get`].
pub async fn post(url: &str, body: &str) -> Response {
    request("POST", url, Some(body), "text/plain").await
}

/// Sends `method` to `url` with `body` of `content_type`.
///
/// # Panics
/// As [`get`].
pub async fn request(method: &str, url: &str, body: Option<&str>, content_type: &str) -> Response {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let addr = authority.replace("localhost", "127.0.0.1");
    let mut stream = tokio::net::TcpStream::connect(&addr).await.expect("connect");
    let body = body.unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.0\r\nHost: {authority}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    super::write_all(&mut stream, request.as_bytes()).await;
    let raw = super::read_all(&mut stream).await;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Response { status, headers, body: raw[split + 4..].to_vec() }
}
