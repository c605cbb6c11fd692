//! The HTTP side: a tiny_http server in front of [`Receiver::handle`], and the minimal client the demo posts with.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{SystemTime, UNIX_EPOCH};

use tiny_http::{Header, Response, Server};

use crate::handler::Receiver;

/// Bodies above this size are refused (413) before they are read whole.
const MAX_BODY: u64 = 1 << 20;

/// Binds the server (use port 0 for any free port).
pub fn bind(addr: &str) -> Result<Server, String> {
    Server::http(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))
}

/// Serves requests until the server is dropped.
pub fn serve(server: &Server, receiver: &Receiver) {
    for mut request in server.incoming_requests() {
        let (status, body) = if request.url() != "/api/smartcar/webhook" {
            (404, r#"{"error":"not_found"}"#.to_owned())
        } else if *request.method() != tiny_http::Method::Post {
            (405, r#"{"error":"method_not_allowed"}"#.to_owned())
        } else {
            let headers: Vec<(String, String)> =
                request.headers().iter().map(|h| (h.field.to_string(), h.value.to_string())).collect();
            let mut body = Vec::new();
            let read = request.as_reader().take(MAX_BODY + 1).read_to_end(&mut body);
            if read.is_err() || body.len() as u64 > MAX_BODY {
                (413, r#"{"error":"body_too_large"}"#.to_owned())
            } else {
                let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
                let answer = receiver.handle(&headers, &body, now_ms);
                (answer.status, answer.body)
            }
        };
        let json = Header::from_bytes("Content-Type", "application/json").expect("static header");
        let _ = request.respond(Response::from_string(body).with_status_code(status).with_header(json));
    }
}

/// POSTs `body` with `headers` to `http://{addr}{path}`; returns (status, response body).
pub fn post(addr: &str, path: &str, headers: &[(String, String)], body: &[u8]) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr)?;
    let mut head = format!("POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    Ok((status, body))
}
