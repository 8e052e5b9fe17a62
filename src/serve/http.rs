//! The HTTP side of the preview: hyper (HTTP/1.1) on a tokio runtime.
//!
//! hyper on tokio rather than a thread-per-connection server such as tiny_http: every open
//! page holds a Server-Sent Events connection for as long as it is open, and with tasks
//! instead of threads those idle connections cost a few kilobytes each and can never starve
//! the requests for pages. We use hyper directly (no axum/tower): there is one handler and no
//! routing, and this keeps the compile cost to tokio + hyper + hyper-util.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::{Body as HttpBody, Bytes, Frame, Incoming, SizeHint};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::mpsc;

use super::inject::{self, EVENTS_PATH};
use super::paths::{self, Resolved};
use super::state::{Shared, Snapshot};

/// How often an idle event stream sends a comment, so that dead connections are noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// A response body: bytes known in advance, or a stream of events.
pub(crate) enum Body {
    /// The whole body (`None` once sent, or for an empty body).
    Full(Option<Bytes>),
    /// Server-Sent Events, fed by a task per connection.
    Events(mpsc::Receiver<Bytes>),
}

impl Body {
    fn full(bytes: impl Into<Bytes>) -> Body {
        Body::Full(Some(bytes.into()))
    }

    fn empty() -> Body {
        Body::Full(None)
    }
}

impl HttpBody for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            Body::Events(rx) => rx.poll_recv(cx).map(|o| o.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(Some(b)) => SizeHint::with_exact(b.len() as u64),
            Body::Full(None) => SizeHint::with_exact(0),
            Body::Events(_) => SizeHint::default(),
        }
    }
}

/// Binds `ip:port`; when the port is taken, tries the next ones and says which it took.
/// Port 0 lets the system choose.
pub(crate) fn bind(
    ip: IpAddr,
    port: u16,
) -> std::io::Result<(std::net::TcpListener, Option<String>)> {
    match std::net::TcpListener::bind(SocketAddr::new(ip, port)) {
        Ok(l) => Ok((l, None)),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && port != 0 => {
            for next in (port.saturating_add(1)..=port.saturating_add(50)).filter(|&p| p != port) {
                if let Ok(l) = std::net::TcpListener::bind(SocketAddr::new(ip, next)) {
                    return Ok((
                        l,
                        Some(format!(
                            "port {port} is already in use; using port {next} instead"
                        )),
                    ));
                }
            }
            Err(std::io::Error::new(
                e.kind(),
                format!(
                    "port {port} and the 50 ports after it are in use; pick another with --port"
                ),
            ))
        }
        Err(e) => Err(e),
    }
}

/// Accepts connections until the runtime shuts down, one task per connection.
pub(crate) async fn accept_loop(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    loop {
        let stream = match listener.accept().await {
            Ok((s, _)) => s,
            Err(_) => {
                // Out of file descriptors or a connection reset before accept: back off
                // briefly instead of spinning, and keep serving.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        tokio::spawn(async move {
            let svc = service_fn(move |req| {
                let shared = shared.clone();
                async move {
                    wait_until_current(&req, &shared).await;
                    Ok::<_, Infallible>(handle(req, &shared))
                }
            });
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(Duration::from_secs(30))
                .serve_connection(TokioIo::new(stream), svc)
                .await;
        });
    }
}

fn text(status: StatusCode, msg: &str) -> Response<Body> {
    let mut r = Response::new(Body::full(msg.to_string()));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// Waits, at most a few seconds, while the file a request asks for is one the rebuild
/// thread is still finishing (see [`crate::serve::SiteSource::pending_paths`]), so that a
/// page reloading at once never gets its previous version.
async fn wait_until_current(req: &Request<Incoming>, shared: &Shared) {
    if shared.pending.borrow().is_empty() {
        return;
    }
    let mut rx = shared.pending.subscribe();
    let Resolved::File(key) = paths::resolve(req.uri().path()) else {
        return;
    };
    let _ = tokio::time::timeout(
        Duration::from_secs(10),
        rx.wait_for(|pending| !pending.contains(&key)),
    )
    .await;
}

/// Answers one request from the current snapshot.
pub(crate) fn handle(req: Request<Incoming>, shared: &Shared) -> Response<Body> {
    let head = req.method() == Method::HEAD;
    if req.method() != Method::GET && !head {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let raw_path = req.uri().path();
    if raw_path == EVENTS_PATH {
        return events(shared, head);
    }
    let key = match paths::resolve(raw_path) {
        Resolved::File(k) => k,
        Resolved::Forbidden => return text(StatusCode::FORBIDDEN, "forbidden\n"),
    };
    let snap = shared.snapshot();
    if snap.gen == 0 {
        return not_built_yet(&req, shared, &snap, head);
    }
    if let Some(bytes) = snap.output.get_shared(&key) {
        let body = if paths::content_type(&key).starts_with("text/html") {
            Bytes::from(inject::inject(
                bytes,
                &shared.instance,
                snap.gen,
                &snap.strings,
            ))
        } else {
            // Shared with the build's output: no copy.
            Bytes::from_owner(bytes.clone())
        };
        return finish(&req, StatusCode::OK, &key, body, head);
    }
    if let Some(r) = folder_redirect(&req, &key, &snap) {
        return r;
    }
    not_found(&req, shared, &snap, head)
}

/// Nothing has ever built: a page that shows the errors and reloads once it builds.
fn not_built_yet(
    req: &Request<Incoming>,
    shared: &Shared,
    snap: &Snapshot,
    head: bool,
) -> Response<Body> {
    let page = format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>songngu</title></head><body></body></html>\n",
        shared.source_lang()
    );
    let body = Bytes::from(inject::inject(
        page.as_bytes(),
        &shared.instance,
        0,
        &snap.strings,
    ));
    finish(
        req,
        StatusCode::SERVICE_UNAVAILABLE,
        "index.html",
        body,
        head,
    )
}

/// A folder asked for without its trailing slash (`key` is not a file, `key/index.html`
/// is): the redirect to it with the slash, so that relative links resolve.
fn folder_redirect(req: &Request<Incoming>, key: &str, snap: &Snapshot) -> Option<Response<Body>> {
    let raw_path = req.uri().path();
    if raw_path.ends_with('/') || !snap.output.contains(&format!("{key}/index.html")) {
        return None;
    }
    let mut location = format!("{raw_path}/");
    if let Some(q) = req.uri().query() {
        location.push('?');
        location.push_str(q);
    }
    let mut r = text(StatusCode::MOVED_PERMANENTLY, "moved\n");
    if let Ok(v) = HeaderValue::from_str(&location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    Some(r)
}

/// The site's `404.html` with status 404, or a plain text one.
fn not_found(
    req: &Request<Incoming>,
    shared: &Shared,
    snap: &Snapshot,
    head: bool,
) -> Response<Body> {
    match snap.output.get("404.html") {
        Some(bytes) => {
            let body = Bytes::from(inject::inject(
                bytes,
                &shared.instance,
                snap.gen,
                &snap.strings,
            ));
            finish(req, StatusCode::NOT_FOUND, "404.html", body, head)
        }
        None => text(StatusCode::NOT_FOUND, "not found\n"),
    }
}

fn finish(
    req: &Request<Incoming>,
    status: StatusCode,
    key: &str,
    body: Bytes,
    head: bool,
) -> Response<Body> {
    let etag = format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(&body));
    let not_modified = status == StatusCode::OK
        && req
            .headers()
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let len = body.len();
    let mut r = if not_modified || head {
        Response::new(Body::empty())
    } else {
        Response::new(Body::full(body))
    };
    *r.status_mut() = if not_modified {
        StatusCode::NOT_MODIFIED
    } else {
        status
    };
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(paths::content_type(key)),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if status == StatusCode::OK {
            "no-cache"
        } else {
            "no-store"
        }),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if head && !not_modified {
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    r
}

/// The event stream: a `hello` with the current state at once, then `reload` after each
/// good build and `build-error` after each failed one.
fn events(shared: &Shared, head: bool) -> Response<Body> {
    let mut status_rx = shared.status.subscribe();
    let (tx, rx) = mpsc::channel::<Bytes>(8);
    let mut r = Response::new(if head {
        Body::empty()
    } else {
        Body::Events(rx)
    });
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if head {
        return r;
    }
    tokio::spawn(async move {
        let first = status_rx.borrow_and_update().clone();
        let hello = format!("retry: 500\n{}", first.event("hello"));
        if tx.send(Bytes::from(hello)).await.is_err() {
            return;
        }
        loop {
            let msg = match tokio::time::timeout(KEEPALIVE, status_rx.changed()).await {
                Ok(Ok(())) => {
                    let st = status_rx.borrow_and_update().clone();
                    st.event(if st.errors.is_empty() {
                        "reload"
                    } else {
                        "build-error"
                    })
                }
                // The server is stopping.
                Ok(Err(_)) => return,
                Err(_) => ": keepalive\n\n".to_string(),
            };
            if tx.send(Bytes::from(msg)).await.is_err() {
                // The page went away.
                return;
            }
        }
    });
    r
}
