//! The one fake HTTP server of the tests: a loopback listener that stands in for every upstream
//! cgen talks to (model providers, embedding servers, web pages, proxies, an OTLP receiver). A
//! test scripts the answers (per request, by its place in the sequence or by what it says),
//! and reads back every request as it was received. Plain HTTP/1.1 on threads: each connection
//! carries one request and is closed after its answer, so what a test scripts is what is sent.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A running fake server. Clones share its record of requests; the server itself lives as long
/// as the test process.
#[derive(Clone)]
pub struct FakeHttp {
    /// `http://IP:PORT`, without a trailing slash.
    pub url: String,
    requests: Arc<Mutex<Vec<Request>>>,
}

/// One request as the server received it.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// Its place among the server's requests, from 0, in the order they were received.
    pub n: usize,
    /// When it was received in full.
    pub at: Instant,
    /// Request line, head and body, as sent.
    pub text: String,
}

impl Request {
    /// The request target: `/v1/chat/completions?x=1`.
    pub fn path(&self) -> &str {
        self.text.split_whitespace().nth(1).unwrap_or_default()
    }

    pub fn body(&self) -> &str {
        self.text
            .split_once("\r\n\r\n")
            .map(|(_, body)| body)
            .unwrap_or_default()
    }

    /// The body as JSON; `null` when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(self.body()).unwrap_or_default()
    }
}

/// What the server does with one request.
#[derive(Clone)]
pub struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Body,
    /// Before anything is written: a slow upstream.
    delay: Duration,
    /// After the last byte, with the connection still open: a stream that stalls.
    hold: Duration,
}

#[derive(Clone)]
enum Body {
    /// Sent whole, with its length.
    Whole(String),
    /// Sent piece by piece, each after its pause, with no length: the closed connection ends it.
    Pieces(Vec<(Duration, String)>),
    /// No answer at all, not even a status line.
    Nothing,
}

impl Response {
    /// An answer with `status` and a `content_type` body sent whole.
    pub fn new(status: u16, content_type: &str, body: impl Into<String>) -> Response {
        Response {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: Body::Whole(body.into()),
            delay: Duration::ZERO,
            hold: Duration::ZERO,
        }
    }

    /// A 200 whose `content_type` body is streamed: each piece written after its pause.
    pub fn stream(content_type: &str, pieces: Vec<(Duration, String)>) -> Response {
        Response {
            body: Body::Pieces(pieces),
            ..Response::new(200, content_type, "")
        }
    }

    /// A server that reads the request and says nothing for `time`, then hangs up.
    pub fn silence(time: Duration) -> Response {
        Response {
            status: 0,
            headers: Vec::new(),
            body: Body::Nothing,
            delay: Duration::ZERO,
            hold: time,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Waits this long before answering.
    pub fn delay(mut self, time: Duration) -> Response {
        self.delay = time;
        self
    }

    /// Keeps the connection open this long after the last byte, before closing it.
    pub fn hold(mut self, time: Duration) -> Response {
        self.hold = time;
        self
    }

    /// Writes the answer, then holds the connection; a client that hung up ends it early.
    fn send(self, stream: &mut TcpStream) {
        std::thread::sleep(self.delay);
        if self.write(stream).is_ok() {
            std::thread::sleep(self.hold);
        }
    }

    fn write(&self, stream: &mut TcpStream) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        match &self.body {
            Body::Nothing => Ok(()),
            Body::Whole(body) => stream.write_all(
                format!(
                    "{head}content-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            ),
            Body::Pieces(pieces) => {
                stream.write_all(format!("{head}connection: close\r\n\r\n").as_bytes())?;
                for (pause, piece) in pieces {
                    std::thread::sleep(*pause);
                    // Flushed piece by piece: the client sees each when the test means it to.
                    stream.write_all(piece.as_bytes())?;
                    stream.flush()?;
                }
                Ok(())
            }
        }
    }
}

/// The reason phrase clients expect beside a status (they read only the number).
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        404 => "Not Found",
        _ => "Status",
    }
}

impl FakeHttp {
    /// Serves on 127.0.0.1, answering each request with `respond`.
    pub fn start(respond: impl Fn(&Request) -> Response + Send + Sync + 'static) -> FakeHttp {
        FakeHttp::start_on("127.0.0.1", respond)
    }

    /// Serves `responses[n]` to the n-th request; the last one answers every request after it.
    pub fn sequence(responses: Vec<Response>) -> FakeHttp {
        FakeHttp::start(move |request| responses[request.n.min(responses.len() - 1)].clone())
    }

    /// Serves on `ip` (a loopback address: tests reach nothing else), answering with `respond`.
    pub fn start_on(
        ip: &str,
        respond: impl Fn(&Request) -> Response + Send + Sync + 'static,
    ) -> FakeHttp {
        let listener = TcpListener::bind((ip, 0)).expect("bind the fake HTTP server");
        let address = listener.local_addr().unwrap();
        assert!(address.ip().is_loopback(), "{address} is not loopback");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let record = requests.clone();
        let respond = Arc::new(respond);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (record, respond) = (record.clone(), respond.clone());
                std::thread::spawn(move || {
                    let text = read_request(&mut stream);
                    // A connection closed before it asked anything is not a request.
                    if text.is_empty() {
                        return;
                    }
                    let request = {
                        let mut record = record.lock().unwrap();
                        let request = Request {
                            n: record.len(),
                            at: Instant::now(),
                            text,
                        };
                        record.push(request.clone());
                        request
                    };
                    // Outside the lock: an answer may wait for the test, which reads the record.
                    respond(&request).send(&mut stream);
                });
            }
        });
        FakeHttp {
            url: format!("http://{address}"),
            requests,
        }
    }

    /// Every request so far, in the order received.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    /// The JSON body of every request so far (`null` for one that is not JSON), in order.
    pub fn bodies(&self) -> Vec<Value> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .map(Request::json)
            .collect()
    }
}

/// Reads one HTTP/1.1 request, head and body (by its content-length), as text; what arrived
/// before the client closed if it closed early.
fn read_request(stream: &mut TcpStream) -> String {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).unwrap_or(0);
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        let Some(head_end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&buf[..head_end]);
        let length = head
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.trim()
                    .eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            })
            .unwrap_or(0);
        if buf.len() >= head_end + 4 + length {
            break;
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}
