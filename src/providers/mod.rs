//! Model providers: one resilient client per configured `[providers.NAME]`. A call streams the
//! answer, hands each piece of text to the caller as it arrives, and returns the whole answer
//! only when the stream ended with the model's reason for stopping (an answer cut by
//! `max_tokens` is returned marked as cut; a stream that ends without a reason is broken). Around every attempt: the breaker, the
//! client-side rate limits, connect / idle-read / total timeouts; between attempts: retries of
//! only what can succeed on retry, never sooner than `Retry-After`, with jittered exponential
//! backoff under a cap on attempts and on total time. Every attempt is reported to the caller
//! (provider, model, status, latency, tokens, why it retried or gave up). Embeddings
//! (`embed`) are one JSON answer rather than a stream, but go through the same loop, so they get
//! the same breaker, limits, timeouts and retries.

pub mod breaker;
pub mod budget;
pub mod registry;
pub mod secrets;
pub mod settings;
pub mod wire;

use std::num::NonZeroU32;
use std::time::{Duration, Instant, SystemTime};

use futures_util::StreamExt;
use serde::Serialize;

pub use crate::protocol::providers::Usage;

use breaker::{Breaker, BreakerState};
use secrets::ProviderSecret;
use settings::ProviderSettings;
use wire::{ChatRequest, Finish, Framing, Piece};

/// The largest error body read from a provider, for the error message.
const MAX_ERROR_BODY: usize = 16 << 10;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProviderError {
    #[error("cannot reach the provider: {0}")]
    Connect(String),
    #[error("the provider did not answer in time ({0})")]
    Timeout(&'static str),
    #[error("the provider answered HTTP {status}: {message}")]
    Status {
        status: u16,
        message: String,
        retry_after: Option<Duration>,
    },
    /// A cut or malformed stream: never passed on as an answer.
    #[error("{0}")]
    Stream(String),
    #[error("the provider answered {0}, not a model response")]
    NotJson(String),
    #[error("the answer exceeds the provider's max_response_bytes ({0} bytes)")]
    TooLarge(u64),
    #[error("the model returned an empty answer")]
    Empty,
    #[error(
        "the provider's circuit breaker is open (retry in {} s)",
        .0.as_millis().div_ceil(1000)
    )]
    BreakerOpen(Duration),
    #[error("{0}")]
    UnknownModel(String),
    /// A well-formed answer that cannot be used (embeddings of the wrong count or shape).
    #[error("the provider's answer is unusable: {0}")]
    BadAnswer(String),
}

impl ProviderError {
    /// Whether trying again may succeed: connection failures, timeouts, 408, 429, 5xx that
    /// mean "later" (500, 502, 503, 504, 529), and streams cut or garbled in transit.
    pub fn is_retryable(&self) -> bool {
        match self {
            ProviderError::Connect(_) | ProviderError::Timeout(_) | ProviderError::Stream(_) => {
                true
            }
            ProviderError::Status { status, .. } => {
                matches!(status, 408 | 429 | 500 | 502 | 503 | 504 | 529)
            }
            _ => false,
        }
    }

    /// Whether the failure says the provider is unwell, for its breaker (a 400 does not).
    fn counts_against_provider(&self) -> bool {
        self.is_retryable()
    }

    /// What the provider asked for in `Retry-After`.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ProviderError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Whether the provider may answer later: a failure worth retrying, or a breaker open for
    /// now. Anything else is a refusal of the request (or of how it is configured), and sending
    /// it again cannot succeed.
    pub fn is_transient(&self) -> bool {
        self.is_retryable() || matches!(self, ProviderError::BreakerOpen(_))
    }

    /// A short label for metrics and events.
    pub fn outcome(&self) -> String {
        match self {
            ProviderError::Connect(_) => "connect_error".into(),
            ProviderError::Timeout(which) => format!("timeout_{which}"),
            ProviderError::Status { status, .. } => format!("http_{status}"),
            ProviderError::Stream(_) => "bad_stream".into(),
            ProviderError::NotJson(_) => "not_json".into(),
            ProviderError::TooLarge(_) => "too_large".into(),
            ProviderError::Empty => "empty".into(),
            ProviderError::BreakerOpen(_) => "breaker_open".into(),
            ProviderError::UnknownModel(_) => "unknown_model".into(),
            ProviderError::BadAnswer(_) => "bad_answer".into(),
        }
    }
}

/// A complete answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Completion {
    pub text: String,
    pub model: String,
    pub usage: Usage,
    /// In the currency of the configured prices; `None` without prices.
    pub cost: Option<f64>,
    pub attempts: u32,
    /// The model ran into `max_tokens`: the end of `text` is unfinished.
    pub cut: bool,
}

/// The vectors of one `embed` call, one per input, in input order, all of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Embedded {
    pub vectors: Vec<Vec<f32>>,
    pub model: String,
    pub usage: Usage,
    pub attempts: u32,
}

/// One attempt, as reported to the caller (job events, metrics).
#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    pub provider: String,
    pub model: String,
    pub attempt: u32,
    /// `ok`, or the failure's label (`http_429`, `timeout_idle`, `bad_stream`, ...).
    pub outcome: String,
    pub latency_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
    /// What happens next: `done`, `retry in 1200 ms (backoff)`, or why it gave up.
    pub next: String,
    /// The wait before the next attempt, when there is one; `next` says why that long.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_ms: Option<u64>,
}

impl std::fmt::Display for Attempt {
    /// One line for a job's events:
    /// `cloud gpt-4o attempt 2: http_503 in 812 ms; retry in 400 ms (backoff)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} attempt {}: {} in {} ms; {}",
            self.provider, self.model, self.attempt, self.outcome, self.latency_ms, self.next
        )
    }
}

/// A wait the client's own rate limits impose before an attempt, reported as it begins (a
/// wait between attempts is in the `Attempt` before it).
#[derive(Debug, Clone, Serialize)]
pub struct Wait {
    pub provider: String,
    pub model: String,
    /// The attempt that waits.
    pub attempt: u32,
    pub wait_ms: u64,
    /// The limit that imposes it (`requests_per_minute`, `tokens_per_minute`).
    pub limit: &'static str,
}

impl std::fmt::Display for Wait {
    /// `cloud gpt-4o attempt 1: waiting 1500 ms for the provider's tokens_per_minute`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} attempt {}: waiting {} ms for the provider's {}",
            self.provider, self.model, self.attempt, self.wait_ms, self.limit
        )
    }
}

/// What a call reports while it runs.
pub trait Observer: Send {
    /// A piece of the answer; `restart` first when an attempt starts over after a failure,
    /// so what was shown so far is discarded.
    fn text(&mut self, piece: &str, restart: bool);
    fn attempt(&mut self, attempt: &Attempt);
    /// A wait for the client-side rate limits; most observers need not know.
    fn waiting(&mut self, _wait: &Wait) {}
}

/// An observer that ignores everything (tests, one-off calls).
pub struct Quiet;

impl Observer for Quiet {
    fn text(&mut self, _: &str, _: bool) {}
    fn attempt(&mut self, _: &Attempt) {}
}

type Limiter = governor::DefaultDirectRateLimiter;

/// One configured provider.
pub struct Provider {
    pub name: String,
    pub settings: ProviderSettings,
    secret: Option<ProviderSecret>,
    http: reqwest::Client,
    breaker: Breaker,
    requests: Option<Limiter>,
    tokens: Option<Limiter>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("name", &self.name)
            .field("kind", &self.settings.kind)
            .field("base_url", &self.settings.base_url)
            .field("secret", &self.secret)
            .finish()
    }
}

fn per_minute(n: Option<u32>) -> Option<Limiter> {
    let n = NonZeroU32::new(n?)?;
    Some(governor::RateLimiter::direct(governor::Quota::per_minute(
        n,
    )))
}

/// `Retry-After`: seconds, or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// An admitted call whose verdict on the provider's health is still to come. Dropped without
/// one (the error was this request's own, or the caller stopped waiting and dropped the call)
/// while it is the half-open breaker's probe, it releases the probe, which would otherwise
/// block every later call until a restart.
struct VerdictPending<'a> {
    breaker: &'a Breaker,
    probe: bool,
}

impl VerdictPending<'_> {
    fn success(mut self) {
        self.breaker.success();
        self.probe = false;
    }

    fn failure(mut self) {
        self.breaker.failure();
        self.probe = false;
    }
}

impl Drop for VerdictPending<'_> {
    fn drop(&mut self) {
        if self.probe {
            self.breaker.release_probe();
        }
    }
}

/// How much one call may try: attempts, each attempt's timeout, and the time for all of them.
/// A call gets its provider's settings, unless its caller has someone waiting on it and asks
/// for less (a search's query embedding, `interactive`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallBudget {
    pub max_attempts: u32,
    pub attempt_timeout: Duration,
    pub max_retry_time: Duration,
}

impl CallBudget {
    /// The budget the provider's settings give every call.
    pub fn of(s: &ProviderSettings) -> CallBudget {
        CallBudget {
            max_attempts: s.max_attempts,
            attempt_timeout: s.total_timeout,
            max_retry_time: s.max_retry_time,
        }
    }

    /// One attempt of at most `timeout` (and never more than the settings allow): a person
    /// waiting on the answer is better served by a quick fallback than by backoff and retries.
    pub fn interactive(s: &ProviderSettings, timeout: Duration) -> CallBudget {
        CallBudget {
            max_attempts: 1,
            attempt_timeout: timeout.min(s.total_timeout),
            max_retry_time: Duration::ZERO,
        }
    }
}

/// Takes `n` cells of `limiter`, at once when it can, else after telling `on_wait` how long it
/// waits for `limit`; refused when `n` is more than the quota ever holds.
async fn take(
    limiter: &Limiter,
    n: NonZeroU32,
    on_wait: &(dyn Fn(Duration, &'static str) + Sync),
    limit: &'static str,
) -> Result<(), governor::InsufficientCapacity> {
    if let Err(later) = limiter.check_n(n)? {
        let now = governor::clock::Clock::now(&governor::clock::DefaultClock::default());
        on_wait(later.wait_time_from(now), limit);
        limiter.until_n_ready(n).await?;
    }
    Ok(())
}

/// A rough token count for text a provider gave no usage for: about four bytes a token.
pub fn estimate_tokens(text: &str) -> u64 {
    tokens_for_bytes(text.len())
}

fn tokens_for_bytes(bytes: usize) -> u64 {
    (bytes as u64).div_ceil(4)
}

impl Provider {
    pub fn new(
        name: &str,
        settings: ProviderSettings,
        secret: Option<ProviderSecret>,
    ) -> Result<Provider, String> {
        let http = crate::http::client_builder()
            .connect_timeout(settings.connect_timeout)
            .read_timeout(settings.idle_timeout)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Provider {
            name: name.to_string(),
            breaker: Breaker::new(settings.breaker_failures, settings.breaker_cooldown),
            requests: per_minute(settings.requests_per_minute),
            tokens: per_minute(settings.tokens_per_minute),
            settings,
            secret,
            http,
        })
    }

    /// Whether this provider was built from `settings` and `secret`, so a reload can keep it.
    pub fn runs_with(&self, settings: &ProviderSettings, secret: Option<&ProviderSecret>) -> bool {
        self.settings == *settings && self.secret.as_ref() == secret
    }

    pub fn has_secret(&self) -> bool {
        self.secret.is_some()
    }

    pub fn breaker_state(&self) -> BreakerState {
        self.breaker.state()
    }

    /// How long until this provider may answer again after a call failed with `e`, and what
    /// says so: its breaker's next probe while open (the failure may just have opened it),
    /// else what it asked for in `Retry-After`; `None` when it may be asked at once.
    pub fn ready_in(&self, e: &ProviderError) -> Option<(Duration, &'static str)> {
        let breaker = self
            .breaker
            .retry_in()
            .map(|w| (w, "its breaker's next probe"));
        breaker
            .or_else(|| e.retry_after().map(|w| (w, "its Retry-After")))
            .filter(|(wait, _)| !wait.is_zero())
    }

    /// Completes `req` with `model` (an alias or a model id; the default when `None`), in a
    /// `provider_call` span.
    pub async fn complete(
        &self,
        model: Option<&str>,
        req: &ChatRequest,
        observer: &mut dyn Observer,
    ) -> Result<Completion, ProviderError> {
        let model = self
            .settings
            .resolve_model(model)
            .map_err(ProviderError::UnknownModel)?;
        let span = tracing::info_span!("provider_call", provider = %self.name, model = %model);
        tracing::Instrument::instrument(self.call(model, req, observer), span).await
    }

    async fn call(
        &self,
        model: String,
        req: &ChatRequest,
        observer: &mut dyn Observer,
    ) -> Result<Completion, ProviderError> {
        // The attempt streams text to the observer and the loop reports attempts to it; they
        // never run at the same time, so the lock is never contended.
        let observer = std::sync::Mutex::new(observer);
        let expected = req.prompt_tokens() + u64::from(req.max_tokens.unwrap_or(0));
        let ((text, usage, finish), attempts) = self
            .retrying(
                &model,
                expected,
                &observer,
                CallBudget::of(&self.settings),
                |restart| self.attempt(&model, req, &observer, restart),
                |(_, usage, _)| *usage,
            )
            .await?;
        Ok(Completion {
            cost: self.cost(&usage),
            text,
            model,
            usage,
            attempts,
            cut: finish == Finish::Cut,
        })
    }

    /// Embeds `texts` with the provider's `embedding_model`, in one request: one vector per
    /// text, in order, checked (count, one dimension at most `MAX_EMBEDDING_DIM`, finite),
    /// trying within `budget`.
    pub async fn embed(
        &self,
        texts: &[String],
        budget: CallBudget,
        observer: &mut dyn Observer,
    ) -> Result<Embedded, ProviderError> {
        let model = self.settings.embedding_model.clone().ok_or_else(|| {
            ProviderError::UnknownModel(format!("provider '{}' has no embedding_model", self.name))
        })?;
        let span = tracing::info_span!("provider_embed", provider = %self.name, model = %model);
        let observer = std::sync::Mutex::new(observer);
        let expected = texts.iter().map(|t| estimate_tokens(t)).sum();
        let run = self.retrying(
            &model,
            expected,
            &observer,
            budget,
            |_| self.embed_attempt(&model, texts),
            |(_, usage)| *usage,
        );
        let ((vectors, usage), attempts) = tracing::Instrument::instrument(run, span).await?;
        Ok(Embedded {
            vectors,
            model,
            usage,
            attempts,
        })
    }

    /// The loop around every call: the breaker and the quotas before each attempt, the
    /// budget's timeout around it, then success, or a retry after the backoff (never sooner than
    /// `Retry-After`) while the error is retryable and the budget's attempts and time last. Each
    /// attempt is reported to `observer`. Returns the answer and the attempts it took.
    async fn retrying<T, F, Fut>(
        &self,
        model: &str,
        expected_tokens: u64,
        observer: &std::sync::Mutex<&mut dyn Observer>,
        budget: CallBudget,
        mut attempt_once: F,
        usage_of: impl Fn(&T) -> Usage,
    ) -> Result<(T, u32), ProviderError>
    where
        F: FnMut(bool) -> Fut,
        Fut: std::future::Future<Output = Result<T, ProviderError>>,
    {
        let report_to = |a: &Attempt| {
            observer
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .attempt(a);
        };
        let started = Instant::now();
        let s = &self.settings;
        let mut attempt = 0;
        // The breaker admits the call, not each attempt: it counts failed calls.
        let verdict = VerdictPending {
            breaker: &self.breaker,
            probe: self.breaker.admit().map_err(ProviderError::BreakerOpen)?,
        };
        loop {
            attempt += 1;
            let on_wait = |wait: Duration, limit: &'static str| {
                let wait = Wait {
                    provider: self.name.clone(),
                    model: model.to_string(),
                    attempt,
                    wait_ms: wait.as_millis() as u64,
                    limit,
                };
                observer
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .waiting(&wait);
            };
            self.wait_for_quota(expected_tokens, &on_wait).await;
            let t = Instant::now();
            let result =
                match tokio::time::timeout(budget.attempt_timeout, attempt_once(attempt > 1)).await
                {
                    Ok(r) => r,
                    Err(_) => Err(ProviderError::Timeout("total")),
                };
            let latency_ms = t.elapsed().as_millis() as u64;
            let report = |outcome: String, usage: Option<Usage>, next: String| Attempt {
                provider: self.name.clone(),
                model: model.to_string(),
                attempt,
                outcome,
                latency_ms,
                usage,
                next,
                wait_ms: None,
            };
            match result {
                Ok(answer) => {
                    verdict.success();
                    report_to(&report("ok".into(), Some(usage_of(&answer)), "done".into()));
                    return Ok((answer, attempt));
                }
                Err(e) => {
                    let backoff =
                        crate::backoff::backoff(attempt, s.retry_base_delay, s.retry_max_delay);
                    let (delay, why) = match e.retry_after() {
                        Some(asked) if asked >= backoff => (asked, "the provider's Retry-After"),
                        _ => (backoff, "backoff"),
                    };
                    let give_up = if !e.is_retryable() {
                        Some("not retryable".to_string())
                    } else if attempt >= budget.max_attempts {
                        Some(format!("gave up after {attempt} attempts"))
                    } else if started.elapsed() + delay > budget.max_retry_time {
                        Some("gave up: the retry time budget is spent".to_string())
                    } else {
                        None
                    };
                    // Reported before the wait, so a watcher learns of it as it begins.
                    let mut report = report(e.outcome(), None, String::new());
                    match &give_up {
                        Some(why) => report.next = why.clone(),
                        None => {
                            report.next = format!("retry in {} ms ({why})", delay.as_millis());
                            report.wait_ms = Some(delay.as_millis() as u64);
                        }
                    }
                    report_to(&report);
                    if give_up.is_some() {
                        if e.counts_against_provider() {
                            verdict.failure();
                        }
                        return Err(e);
                    }
                    tokio::time::sleep(delay).await;
                }
            }
        }
    }

    /// Waits for the client-side request and token quotas, telling `on_wait` how long and
    /// for which limit before each wait begins.
    async fn wait_for_quota(
        &self,
        expected: u64,
        on_wait: &(dyn Fn(Duration, &'static str) + Sync),
    ) {
        if let Some(limiter) = &self.requests {
            // One cell is always within the quota's capacity.
            let _ = take(limiter, NonZeroU32::MIN, on_wait, "requests_per_minute").await;
        }
        if let Some(limiter) = &self.tokens {
            let n = NonZeroU32::new(expected.clamp(1, u64::from(u32::MAX)) as u32)
                .unwrap_or(NonZeroU32::MIN);
            // A call larger than a minute's budget waits for the whole budget, then goes.
            if take(limiter, n, on_wait, "tokens_per_minute")
                .await
                .is_err()
            {
                let all = NonZeroU32::new(self.settings.tokens_per_minute.unwrap_or(1))
                    .unwrap_or(NonZeroU32::MIN);
                let _ = take(limiter, all, on_wait, "tokens_per_minute").await;
            }
        }
    }

    fn cost(&self, usage: &Usage) -> Option<f64> {
        let s = &self.settings;
        if s.price_input_per_mtok.is_none() && s.price_output_per_mtok.is_none() {
            return None;
        }
        let input = usage.input_tokens as f64 * s.price_input_per_mtok.unwrap_or(0.0);
        let output = usage.output_tokens as f64 * s.price_output_per_mtok.unwrap_or(0.0);
        Some((input + output) / 1_000_000.0)
    }

    /// Sends one request and checks the answer's status and type: a failure status is an
    /// error with the provider's message (and its `Retry-After`), HTML or XML is no answer.
    async fn send(
        &self,
        url: &str,
        headers: reqwest::header::HeaderMap,
        body: &serde_json::Value,
    ) -> Result<reqwest::Response, ProviderError> {
        let response = self
            .http
            .post(url)
            .headers(headers)
            .json(body)
            .send()
            .await
            .map_err(|e| transport_error(&e))?;
        let status = response.status();
        if !status.is_success() {
            let retry_after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_retry_after);
            let body = read_bounded(response, MAX_ERROR_BODY).await;
            return Err(ProviderError::Status {
                status: status.as_u16(),
                message: error_message(&body),
                retry_after,
            });
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if content_type.starts_with("text/html") || content_type.starts_with("application/xml") {
            return Err(ProviderError::NotJson(content_type));
        }
        Ok(response)
    }

    /// The next piece of a body, under the idle timeout and the response size cap.
    async fn next_bytes<B: AsRef<[u8]>>(
        &self,
        stream: &mut (impl futures_util::Stream<Item = reqwest::Result<B>> + Unpin),
        received: &mut u64,
    ) -> Result<Option<B>, ProviderError> {
        let s = &self.settings;
        match tokio::time::timeout(s.idle_timeout, stream.next()).await {
            Err(_) => Err(ProviderError::Timeout("idle")),
            Ok(None) => Ok(None),
            Ok(Some(Err(e))) => Err(transport_error(&e)),
            Ok(Some(Ok(chunk))) => {
                *received += chunk.as_ref().len() as u64;
                if *received > s.max_response_bytes {
                    return Err(ProviderError::TooLarge(s.max_response_bytes));
                }
                Ok(Some(chunk))
            }
        }
    }

    /// One embedding attempt: send, read the whole (bounded) JSON answer, check the vectors.
    async fn embed_attempt(
        &self,
        model: &str,
        texts: &[String],
    ) -> Result<(Vec<Vec<f32>>, Usage), ProviderError> {
        let s = &self.settings;
        let secret = self.secret.as_ref().map(ProviderSecret::expose);
        let (url, headers, body) = wire::embed_request(s.kind, &s.base_url, model, secret, texts)
            .map_err(ProviderError::UnknownModel)?;
        let response = self.send(&url, headers, &body).await?;
        let mut stream = response.bytes_stream();
        let (mut received, mut answer) = (0, Vec::new());
        while let Some(chunk) = self.next_bytes(&mut stream, &mut received).await? {
            answer.extend_from_slice(&chunk);
        }
        let value: serde_json::Value = serde_json::from_slice(&answer)
            .map_err(|e| ProviderError::BadAnswer(format!("not JSON ({e})")))?;
        let (vectors, input) = wire::decode_embeddings(s.kind, &value, texts.len())
            .map_err(ProviderError::BadAnswer)?;
        let usage = Usage {
            input_tokens: input.unwrap_or_else(|| texts.iter().map(|t| estimate_tokens(t)).sum()),
            output_tokens: 0,
            estimated: input.is_none(),
        };
        Ok((vectors, usage))
    }

    /// One chat attempt: send, check the status and type, read the stream to its end, which
    /// must come after the model's reason for stopping.
    async fn attempt(
        &self,
        model: &str,
        req: &ChatRequest,
        observer: &std::sync::Mutex<&mut dyn Observer>,
        restart: bool,
    ) -> Result<(String, Usage, Finish), ProviderError> {
        let s = &self.settings;
        let (url, headers, body) = wire::request(
            s.kind,
            &s.base_url,
            model,
            self.secret.as_ref().map(ProviderSecret::expose),
            req,
            s.structured(),
        );
        let response = self.send(&url, headers, &body).await?;
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("no content type")
            .to_string();
        // Before the first event, a failure says what the 200 answer was instead of a stream
        // (a plain JSON completion, text/plain, invalid JSON).
        let streamed_type = match wire::framing(s.kind) {
            Framing::Sse => "text/event-stream",
            Framing::Ndjson => "application/x-ndjson",
        };
        let typed_as_stream = content_type.to_ascii_lowercase().starts_with(streamed_type);
        let mut events = 0usize;
        let not_a_stream = |events: usize, why: String| {
            if events == 0 && !typed_as_stream {
                ProviderError::NotJson(format!("{content_type} that is not a stream ({why})"))
            } else {
                ProviderError::Stream(why)
            }
        };
        let mut finish = None;
        let mut text = String::new();
        let (mut input, mut output) = (None, None);
        let mut frames = Frames::new(wire::framing(s.kind));
        let mut stream = response.bytes_stream();
        let mut received: u64 = 0;
        let mut first = true;
        while let Some(chunk) = self.next_bytes(&mut stream, &mut received).await? {
            for data in frames.push(&chunk).map_err(|e| not_a_stream(events, e))? {
                let pieces = wire::decode(s.kind, &data).map_err(|e| not_a_stream(events, e))?;
                events += 1;
                for piece in pieces {
                    match piece {
                        Piece::Text(t) => {
                            let mut observer = observer.lock().unwrap_or_else(|e| e.into_inner());
                            observer.text(&t, restart && first);
                            first = false;
                            text.push_str(&t);
                        }
                        Piece::Usage {
                            input: i,
                            output: o,
                        } => {
                            input = i.or(input);
                            output = o.or(output);
                        }
                        Piece::Finish(why) => finish = Some(why),
                        Piece::Done => {
                            // llama.cpp's Python server ends a running stream this way when a
                            // second request arrives: what came so far is not the answer.
                            let Some(why) = finish else {
                                return Err(ProviderError::Stream(
                                    "the stream ended without the model's reason for stopping \
                                     (finish_reason): it was broken off"
                                        .into(),
                                ));
                            };
                            let (text, usage) = complete(text, input, output, req)?;
                            return Ok((text, usage, why));
                        }
                    }
                }
            }
        }
        Err(not_a_stream(
            events,
            "the stream ended without its finish marker".into(),
        ))
    }
}

fn complete(
    text: String,
    input: Option<u64>,
    output: Option<u64>,
    req: &ChatRequest,
) -> Result<(String, Usage), ProviderError> {
    if text.trim().is_empty() {
        return Err(ProviderError::Empty);
    }
    let estimated = input.is_none() || output.is_none();
    let usage = Usage {
        input_tokens: input.unwrap_or_else(|| req.prompt_tokens()),
        output_tokens: output.unwrap_or_else(|| estimate_tokens(&text)),
        estimated,
    };
    Ok((text, usage))
}

fn transport_error(e: &reqwest::Error) -> ProviderError {
    if e.is_timeout() {
        ProviderError::Timeout(if e.is_connect() { "connect" } else { "idle" })
    } else if e.is_connect() {
        ProviderError::Connect(crate::kb::sources::root_cause(e))
    } else {
        ProviderError::Stream(format!(
            "the connection failed mid-answer: {}",
            crate::kb::sources::root_cause(e)
        ))
    }
}

async fn read_bounded(response: reqwest::Response, max: usize) -> String {
    let mut out = Vec::new();
    let mut stream = response.bytes_stream();
    while let Some(Ok(chunk)) = stream.next().await {
        out.extend_from_slice(&chunk);
        if out.len() >= max {
            out.truncate(max);
            break;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The message of a provider's JSON error body, or the start of whatever it sent.
fn error_message(body: &str) -> String {
    let parsed: Option<serde_json::Value> = serde_json::from_str(body).ok();
    let message = parsed.as_ref().and_then(|v| {
        v.get("error")
            .and_then(wire::error_text)
            .or_else(|| v.get("message").and_then(|m| m.as_str()))
            .map(str::to_string)
    });
    message.unwrap_or_else(|| {
        body.chars()
            .take(200)
            .collect::<String>()
            .trim()
            .to_string()
    })
}

/// Splits a byte stream into events: SSE `data:` payloads (joined per event; comments and
/// other fields skipped) or NDJSON lines. A line longer than the cap is an error.
struct Frames {
    framing: Framing,
    buf: Vec<u8>,
    data: Vec<String>,
}

/// The longest single line accepted in a stream.
const MAX_LINE: usize = 4 << 20;

impl Frames {
    fn new(framing: Framing) -> Frames {
        Frames {
            framing,
            buf: Vec::new(),
            data: Vec::new(),
        }
    }

    fn push(&mut self, chunk: &[u8]) -> Result<Vec<String>, String> {
        self.buf.extend_from_slice(chunk);
        let mut out = Vec::new();
        while let Some(pos) = self.buf.iter().position(|&b| b == b'\n') {
            let raw: Vec<u8> = self.buf.drain(..=pos).collect();
            let line = String::from_utf8(raw)
                .map_err(|_| "malformed stream chunk (not UTF-8)".to_string())?;
            let line = line.trim_end_matches(['\n', '\r']);
            match self.framing {
                Framing::Ndjson => {
                    if !line.trim().is_empty() {
                        out.push(line.to_string());
                    }
                }
                Framing::Sse => {
                    if line.is_empty() {
                        if !self.data.is_empty() {
                            out.push(self.data.join("\n"));
                            self.data.clear();
                        }
                    } else if let Some(d) = line.strip_prefix("data:") {
                        self.data.push(d.strip_prefix(' ').unwrap_or(d).to_string());
                    }
                    // `event:`, `id:`, `retry:` and `:` comments carry nothing we need: the
                    // payloads name their own type.
                }
            }
        }
        if self.buf.len() > MAX_LINE {
            return Err("malformed stream chunk (a line longer than 4 MiB)".into());
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        let later = SystemTime::now() + Duration::from_secs(30);
        let d = parse_retry_after(&httpdate::fmt_http_date(later)).unwrap();
        assert!(
            d > Duration::from_secs(25) && d <= Duration::from_secs(30),
            "{d:?}"
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn an_interactive_budget_is_one_attempt_within_the_settings() {
        let settings = |total: &str| -> ProviderSettings {
            toml::from_str(&format!(
                "kind = \"ollama\"\nbase_url = \"http://h\"\nmodel = \"m\"\n\
                 total_timeout = \"{total}\"\n"
            ))
            .unwrap()
        };
        let s = settings("600s");
        let full = CallBudget::of(&s);
        assert_eq!(full.max_attempts, s.max_attempts);
        assert_eq!(full.attempt_timeout, Duration::from_secs(600));
        let quick = CallBudget::interactive(&s, Duration::from_secs(2));
        assert_eq!(quick.max_attempts, 1);
        assert_eq!(quick.attempt_timeout, Duration::from_secs(2));
        assert_eq!(quick.max_retry_time, Duration::ZERO);
        // Never longer than the provider allows any call.
        let short = CallBudget::interactive(&settings("1s"), Duration::from_secs(2));
        assert_eq!(short.attempt_timeout, Duration::from_secs(1));
    }

    #[test]
    fn only_what_can_succeed_is_retried() {
        let status = |s| ProviderError::Status {
            status: s,
            message: String::new(),
            retry_after: None,
        };
        for s in [408, 429, 500, 502, 503, 504, 529] {
            assert!(status(s).is_retryable(), "{s}");
        }
        for s in [400, 401, 403, 404, 422] {
            assert!(!status(s).is_retryable(), "{s}");
        }
        assert!(ProviderError::Stream("cut".into()).is_retryable());
        assert!(!ProviderError::Empty.is_retryable());
        assert!(!ProviderError::TooLarge(1).is_retryable());
    }

    #[test]
    fn frames_split_sse_events_and_ndjson_lines_across_chunks() {
        let mut sse = Frames::new(Framing::Sse);
        assert!(sse.push(b"event: x\ndata: {\"a\"").unwrap().is_empty());
        assert_eq!(
            sse.push(b":1}\n\n: ping\n\ndata: [DONE]\n\n").unwrap(),
            vec!["{\"a\":1}", "[DONE]"]
        );
        let mut nd = Frames::new(Framing::Ndjson);
        assert_eq!(nd.push(b"{\"a\":1}\n\n{\"b\"").unwrap(), vec!["{\"a\":1}"]);
        assert_eq!(nd.push(b":2}\r\n").unwrap(), vec!["{\"b\":2}"]);
    }
}
