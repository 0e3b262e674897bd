//! One client connection from start to finish: the peer check, the `hello` handshake within
//! its deadline, then read → authorize → dispatch → respond, one request at a time. Responses
//! and notifications go through one writer task. A malformed or oversized line is answered
//! with an error and ends this connection only; the daemon keeps serving everyone else.

use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::sync::mpsc;
use tokio_util::codec::{FramedRead, FramedWrite, LinesCodec, LinesCodecError};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::Daemon;
use super::handlers::{Call, EventSink};
use super::listener::{Stream, own_uid};
use super::methods;
use super::pool::{Pending, Slot};
use crate::auth::ratelimit::RateLimitMeta;
use crate::auth::{Permission, Principal, Role, authorize};
use crate::protocol::{
    ErrorKind, Hello, HelloParams, HelloResult, MAX_REQUEST_ID_LEN, Method, PROTOCOL_VERSION,
    Request, Response, ResponseMeta, RpcError, Secret,
};
use crate::store::auth::Audit;

/// Outgoing lines queued per connection before a slow reader applies back-pressure.
const OUTBOX: usize = 256;
const MAX_CLIENT_NAME: usize = 128;
/// How often a running request checks that its client is still connected.
#[cfg(unix)]
const HANGUP_CHECK: Duration = Duration::from_millis(100);

/// What to do after answering a line.
enum Next {
    Continue,
    Close,
}

/// Serves one accepted connection; `pending` is its place in the pool of connections that
/// have not said `hello` yet.
pub async fn serve(daemon: Arc<Daemon>, conn: Stream, uid: Option<u32>, pending: Pending) {
    let watch = watch_handle(&conn);
    let (read_half, write_half) = tokio::io::split(conn);
    let mut lines = FramedRead::new(
        read_half,
        LinesCodec::new_with_max_length(daemon.config().limits.max_request_bytes),
    );
    let (tx, mut rx) = mpsc::channel::<String>(OUTBOX);
    let writer = tokio::spawn(async move {
        let mut out = FramedWrite::new(write_half, LinesCodec::new());
        while let Some(line) = rx.recv().await {
            if out.send(line).await.is_err() {
                break;
            }
        }
    });
    let outbox = EventSink(tx);
    if let Some((principal, _slot)) = handshake(&daemon, &mut lines, &outbox, uid, pending).await {
        serve_requests(&daemon, &mut lines, &outbox, principal, watch.as_ref()).await;
    }
    drop(outbox);
    let _ = writer.await;
}

type Lines = FramedRead<tokio::io::ReadHalf<Stream>, LinesCodec>;

/// Checks the peer and waits for `hello`; returns the caller's principal and its connection
/// slot when it succeeded.
async fn handshake(
    daemon: &Daemon,
    lines: &mut Lines,
    out: &EventSink,
    uid: Option<u32>,
    pending: Pending,
) -> Option<(Principal, Slot)> {
    if !daemon.config().auth.allow_other_users && uid.is_some() && uid != own_uid() {
        tracing::warn!(peer_uid = ?uid, "refused a peer with another uid");
        let e = RpcError::new(ErrorKind::Forbidden, "this daemon serves only its own user");
        respond(out, Response::err(Value::Null, e, None)).await;
        return None;
    }
    let first = tokio::select! {
        l = tokio::time::timeout(daemon.config().limits.hello_timeout, lines.next()) => l,
        _ = pending.closed.cancelled() => {
            let e = RpcError::new(
                ErrorKind::Timeout,
                "closed before hello: too many connections are waiting to say hello",
            );
            respond(out, Response::err(Value::Null, e, None)).await;
            return None;
        }
        _ = daemon.shutdown.cancelled() => return None,
    };
    // Past the first line, the connection no longer waits in the pool.
    drop(pending);
    let line = match first {
        Err(_) => {
            let e = RpcError::new(ErrorKind::Timeout, "no hello within the handshake deadline");
            respond(out, Response::err(Value::Null, e, None)).await;
            return None;
        }
        Ok(None) => return None,
        Ok(Some(line)) => line,
    };
    let req = match parse_line(line) {
        Ok(req) => req,
        Err((id, e)) => {
            respond(out, Response::err(id, e, None)).await;
            return None;
        }
    };
    if req.method != Hello::NAME {
        let e = RpcError::new(
            ErrorKind::Unauthenticated,
            "the first message must be hello",
        );
        respond(out, Response::err(req.id, e, None)).await;
        return None;
    }
    let accepted = accept_hello(daemon, req.params.unwrap_or(Value::Null), uid)
        .await
        .and_then(|(principal, result)| {
            let slot = daemon
                .connections
                .authenticate(&principal, &daemon.config().limits)?;
            Ok((principal, result, slot))
        });
    match accepted {
        Ok((principal, result, slot)) => {
            tracing::debug!(key_id = %principal.key_id, role = principal.role.as_str(), "hello");
            respond(out, Response::ok(req.id, result, None)).await;
            Some((principal, slot))
        }
        Err(e) => {
            respond(out, Response::err(req.id, e, None)).await;
            None
        }
    }
}

async fn accept_hello(
    daemon: &Daemon,
    params: Value,
    uid: Option<u32>,
) -> Result<(Principal, Value), RpcError> {
    let hello: HelloParams = serde_path_to_error::deserialize(params).map_err(|e| {
        RpcError::invalid_params(format!("invalid hello at {}: {}", e.path(), e.inner()))
            .with("path", e.path().to_string())
    })?;
    if hello.protocol != PROTOCOL_VERSION {
        return Err(RpcError::new(
            ErrorKind::InvalidRequest,
            format!(
                "protocol version {} is not supported; this daemon speaks {PROTOCOL_VERSION}",
                hello.protocol
            ),
        )
        .with("supported", PROTOCOL_VERSION));
    }
    if hello.client.len() > MAX_CLIENT_NAME {
        return Err(RpcError::invalid_params("client: at most 128 bytes").with("path", "client"));
    }
    let done = daemon.auth.hello(&daemon.store, hello.auth, uid).await?;
    let principal = done.principal;
    let result = HelloResult {
        daemon_version: env!("CARGO_PKG_VERSION").into(),
        instance_id: daemon.instance_id.clone(),
        daemon_id: daemon.auth.daemon_id().to_string(),
        protocol: PROTOCOL_VERSION,
        principal: principal.view(),
        bootstrap_key: done.bootstrap_key.map(Secret),
    };
    let result = serde_json::to_value(result).map_err(|e| RpcError::internal(e.to_string()))?;
    Ok((principal, result))
}

async fn serve_requests(
    daemon: &Arc<Daemon>,
    lines: &mut Lines,
    out: &EventSink,
    principal: Principal,
    watch: Option<&Watch>,
) {
    loop {
        // Read per request, so a reload's new value applies to open connections too.
        let idle = daemon.config().limits.idle_timeout;
        let line = tokio::select! {
            l = tokio::time::timeout(idle, lines.next()) => match l {
                Ok(Some(l)) => l,
                Ok(None) => return,
                Err(_) => {
                    let e = RpcError::new(
                        ErrorKind::Timeout,
                        format!(
                            "closed after {} without a request (limits.idle_timeout)",
                            humantime::format_duration(idle)
                        ),
                    );
                    respond(out, Response::err(Value::Null, e, None)).await;
                    return;
                }
            },
            _ = daemon.shutdown.cancelled() => return,
        };
        let req = match parse_line(line) {
            Ok(req) => req,
            Err((id, e)) => {
                let fatal = matches!(e.kind(), ErrorKind::ParseError | ErrorKind::PayloadTooLarge);
                respond(out, Response::err(id, e, None)).await;
                if fatal {
                    return;
                }
                continue;
            }
        };
        // A key or session revoked, rotated away or expired since the hello: this request
        // is refused and the connection ends.
        if let Err(e) = daemon.auth.still_valid(&principal) {
            respond(out, Response::err(req.id, e, None)).await;
            return;
        }
        let gone = CancellationToken::new();
        let method = req.method.clone();
        tokio::select! {
            next = dispatch(daemon, out, &principal, req, gone.clone()) => {
                if let Next::Close = next {
                    return;
                }
            }
            () = hung_up(watch) => {
                // Dropping the request's future stops its async work; blocking work watches
                // the token.
                gone.cancel();
                let label = methods::find(&method).map_or("unknown", |m| m.name);
                metrics::counter!(crate::metrics::RPC_ABANDONED, "method" => label).increment(1);
                tracing::info!(method = label, "the client left; its request was stopped");
                return;
            }
        }
    }
}

/// A second handle on the socket, to notice a client that leaves while its request runs.
#[cfg(unix)]
type Watch = std::os::fd::OwnedFd;
#[cfg(not(unix))]
type Watch = ();

#[cfg(unix)]
fn watch_handle(conn: &Stream) -> Option<Watch> {
    use std::os::fd::AsFd;
    match conn {
        Stream::UdSocket(s) => s.as_fd().try_clone_to_owned().ok(),
    }
}

/// Elsewhere a request runs to its end whether or not its client waits.
#[cfg(not(unix))]
fn watch_handle(_: &Stream) -> Option<Watch> {
    None
}

/// Resolves once the peer has closed the connection, not merely its sending side (a client may
/// half-close after its last request and still wait for the answer). Never resolves without a
/// handle to watch.
async fn hung_up(watch: Option<&Watch>) {
    let Some(fd) = watch else {
        return std::future::pending().await;
    };
    peer_closed(fd).await;
}

#[cfg(unix)]
async fn peer_closed(fd: &Watch) {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // The first look waits a period too: most requests end before it, and `interval`'s
    // immediate first tick would cost every request a poll.
    let mut tick =
        tokio::time::interval_at(tokio::time::Instant::now() + HANGUP_CHECK, HANGUP_CHECK);
    loop {
        tick.tick().await;
        let mut fds = [PollFd::new(fd, PollFlags::empty())];
        if poll(&mut fds, Some(&now)).is_ok()
            && fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR)
        {
            return;
        }
    }
}

#[cfg(not(unix))]
async fn peer_closed(_: &Watch) {
    std::future::pending().await
}

/// Rate-limits, authorizes and runs one request, then sends its response.
async fn dispatch(
    daemon: &Arc<Daemon>,
    out: &EventSink,
    principal: &Principal,
    req: Request,
    client_gone: CancellationToken,
) -> Next {
    let (params, request_id) = split_meta(req.params);
    let span = tracing::info_span!("request", request_id = %request_id, method = %req.method);
    let started = std::time::Instant::now();
    // Only known method names become label values, so a client cannot grow the series.
    let method = methods::find(&req.method);
    let label = method.map_or("unknown", |m| m.name);
    let mut ratelimit = None;
    let result = async {
        if req.method == Hello::NAME {
            return Err(RpcError::new(
                ErrorKind::InvalidRequest,
                "hello was already accepted on this connection",
            ));
        }
        let method = method.ok_or_else(|| {
            RpcError::new(
                ErrorKind::MethodNotFound,
                format!("no method {}", req.method),
            )
        })?;
        let (meta, allowed) = check_rate(daemon, principal, method, &params);
        ratelimit = meta;
        allowed?;
        authorize(principal, method.name, method.permission)?;
        let call = Call {
            daemon: daemon.clone(),
            principal: principal.clone(),
            request_id: request_id.clone(),
            events: out.clone(),
            client_gone,
        };
        method.call(call, params).await
    }
    .instrument(span.clone())
    .await;
    record_request(label, started.elapsed(), result.as_ref().err());
    if method.is_some_and(|m| m.permission == Permission::Admin) {
        audit_admin_call(daemon, principal, label, result.as_ref().err()).await;
    }
    let meta = Some(ResponseMeta {
        request_id: Some(request_id),
        ratelimit,
    });
    let response = match result {
        Ok(v) => Response::ok(req.id, v, meta),
        Err(e) => {
            span.in_scope(
                || tracing::info!(kind = ?e.kind(), error = %e.message, "request failed"),
            );
            Response::err(req.id, e, meta)
        }
    };
    if respond(out, response).await {
        Next::Continue
    } else {
        Next::Close
    }
}

/// Counts the request against the caller's quota for its class and the daemon's: the quota
/// left (for the response meta), and a `rate_limited` error that says when to come back if
/// none is.
fn check_rate(
    daemon: &Daemon,
    principal: &Principal,
    method: &methods::Entry,
    params: &Value,
) -> (Option<RateLimitMeta>, Result<(), RpcError>) {
    let class = methods::rate_class(method, params);
    let cost = methods::rate_cost(method, params);
    let is_admin = principal.role == Role::Admin;
    match daemon
        .rate_limits()
        .check(&principal.key_id, class, cost, is_admin)
    {
        None => (None, Ok(())),
        Some(Ok(meta)) => (Some(meta), Ok(())),
        Some(Err(refusal)) => {
            metrics::counter!(crate::metrics::RATE_LIMITED, "class" => class.as_str(), "scope" => refusal.scope)
                .increment(1);
            if refusal.too_large {
                let error = RpcError::invalid_params(format!(
                    "{cost} jobs in one submit exceed {} quota of {} {} jobs; submit fewer at once",
                    if refusal.scope == "global" {
                        "the daemon's"
                    } else {
                        "this key's"
                    },
                    refusal.meta.limit,
                    class.as_str()
                ))
                .with("path", "jobs");
                return (Some(refusal.meta), Err(error));
            }
            let retry_after_ms = refusal.retry_after.as_millis().max(1) as u64;
            let error = RpcError::new(
                ErrorKind::RateLimited,
                format!(
                    "rate limit of {} {} requests reached; retry in {retry_after_ms} ms",
                    if refusal.scope == "global" {
                        "the daemon's"
                    } else {
                        "this key's"
                    },
                    class.as_str()
                ),
            )
            .with("retry_after_ms", retry_after_ms);
            (Some(refusal.meta), Err(error))
        }
    }
}

/// Every call of an admin method goes to the audit log, with its outcome.
async fn audit_admin_call(
    daemon: &Daemon,
    principal: &Principal,
    method: &'static str,
    error: Option<&RpcError>,
) {
    let outcome = error.map_or_else(|| "ok".to_string(), |e| kind_name(e.kind()));
    let key_id = principal.key_id.clone();
    let session = principal.session_id.clone();
    let written = daemon
        .store
        .write(move |c| {
            crate::store::auth::audit(
                c,
                &Audit {
                    event: "admin_call",
                    key_id: Some(&key_id),
                    method: Some(method),
                    outcome: &outcome,
                    detail: session.map_or(Value::Null, |s| serde_json::json!({"session": s})),
                },
            )
        })
        .await;
    if let Err(e) = written {
        tracing::error!(error = %e, "cannot write the audit log");
    }
}

/// The stable snake_case name of an error kind.
fn kind_name(kind: ErrorKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn record_request(method: &'static str, elapsed: std::time::Duration, error: Option<&RpcError>) {
    use crate::metrics as m;
    metrics::counter!(m::RPC_REQUESTS, "method" => method).increment(1);
    metrics::histogram!(m::RPC_DURATION, "method" => method).record(elapsed.as_secs_f64());
    if let Some(e) = error {
        let kind = kind_name(e.kind());
        metrics::counter!(m::RPC_ERRORS, "method" => method, "kind" => kind).increment(1);
    }
}

/// Decodes one line into a request, or the error to answer it with (and the id, if known).
fn parse_line(line: Result<String, LinesCodecError>) -> Result<Request, (Value, RpcError)> {
    let line = line.map_err(|e| {
        let err = match e {
            LinesCodecError::MaxLineLengthExceeded => RpcError::new(
                ErrorKind::PayloadTooLarge,
                "request line exceeds the size limit",
            ),
            LinesCodecError::Io(e) => {
                RpcError::new(ErrorKind::ParseError, format!("unreadable request: {e}"))
            }
        };
        (Value::Null, err)
    })?;
    let value: Value = serde_json::from_str(&line).map_err(|e| {
        (
            Value::Null,
            RpcError::new(ErrorKind::ParseError, format!("invalid JSON: {e}")),
        )
    })?;
    // An id that cannot be echoed exactly is answered with a null id, as JSON-RPC says for an
    // id the server could not read.
    let id = value
        .get("id")
        .filter(|id| exact_id(id))
        .cloned()
        .unwrap_or(Value::Null);
    let req: Request = serde_json::from_value(value).map_err(|e| {
        (
            id.clone(),
            RpcError::new(
                ErrorKind::InvalidRequest,
                format!("not a JSON-RPC request: {e}"),
            ),
        )
    })?;
    if req.jsonrpc != "2.0" {
        return Err((
            id,
            RpcError::new(ErrorKind::InvalidRequest, "jsonrpc must be \"2.0\""),
        ));
    }
    if !exact_id(&req.id) {
        return Err((
            id,
            RpcError::new(
                ErrorKind::InvalidRequest,
                "id must be a string or an integer between -2^63 and 2^64-1",
            ),
        ));
    }
    Ok(req)
}

/// A string, or an integer that JSON round-trips exactly: 2^64, 1.5 and 1e300 would come back
/// as floats that a client could not match to its request.
fn exact_id(id: &Value) -> bool {
    id.is_string() || id.is_i64() || id.is_u64()
}

/// Takes `_meta` out of the params and returns the correlation id: the client's when it is a
/// short printable string, a fresh one otherwise.
fn split_meta(params: Option<Value>) -> (Value, String) {
    let mut params = params.unwrap_or_else(|| Value::Object(Default::default()));
    let client_id = params
        .as_object_mut()
        .and_then(|o| o.remove("_meta"))
        .and_then(|m| {
            m.get("request_id")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .filter(|id| {
            !id.is_empty()
                && id.len() <= MAX_REQUEST_ID_LEN
                && id.bytes().all(|b| b.is_ascii_graphic())
        });
    let id = client_id.unwrap_or_else(|| format!("r-{}", hex::encode(rand::random::<[u8; 6]>())));
    (params, id)
}

/// Queues a response; false when the client has gone.
async fn respond(out: &EventSink, response: Response) -> bool {
    match serde_json::to_string(&response) {
        Ok(line) => out.0.send(line).await.is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_is_removed_and_bad_ids_replaced() {
        let (p, id) = split_meta(Some(
            serde_json::json!({"a": 1, "_meta": {"request_id": "abc-1"}}),
        ));
        assert_eq!(p, serde_json::json!({"a": 1}));
        assert_eq!(id, "abc-1");
        let (_, id) = split_meta(Some(
            serde_json::json!({"_meta": {"request_id": "has space\n"}}),
        ));
        assert!(id.starts_with("r-"));
        let (p, _) = split_meta(None);
        assert_eq!(p, serde_json::json!({}));
    }

    #[test]
    fn lines_are_checked_for_shape() {
        assert_eq!(
            parse_line(Ok("{".into())).unwrap_err().1.kind(),
            ErrorKind::ParseError
        );
        let (id, e) = parse_line(Ok(r#"{"jsonrpc":"2.0","id":3}"#.into())).unwrap_err();
        assert_eq!(
            (id, e.kind()),
            (serde_json::json!(3), ErrorKind::InvalidRequest)
        );
        let (_, e) = parse_line(Ok(r#"{"jsonrpc":"1.0","id":3,"method":"x"}"#.into())).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidRequest);
        let (_, e) = parse_line(Ok(
            r#"{"jsonrpc":"2.0","id":3,"method":"x","extra":1}"#.into()
        ))
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidRequest);
        assert!(parse_line(Ok(r#"{"jsonrpc":"2.0","id":"a","method":"status"}"#.into())).is_ok());
        for bad in [
            "18446744073709551616",
            "1.5",
            "1e300",
            "-9223372036854775809",
        ] {
            let line = format!(r#"{{"jsonrpc":"2.0","id":{bad},"method":"status"}}"#);
            let (id, e) = parse_line(Ok(line)).unwrap_err();
            assert_eq!(
                (id, e.kind()),
                (Value::Null, ErrorKind::InvalidRequest),
                "{bad}"
            );
        }
        let max = r#"{"jsonrpc":"2.0","id":18446744073709551615,"method":"status"}"#;
        assert_eq!(
            parse_line(Ok(max.into())).unwrap().id,
            serde_json::json!(u64::MAX)
        );
    }
}
