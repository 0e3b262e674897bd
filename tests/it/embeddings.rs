//! Embeddings and hybrid search against a local fake embedding server over real HTTP, with a
//! real daemon and its SQLite store. The fake's vectors are a bag of words hashed into
//! dimensions, where synonyms share a dimension: a query with no word in common with a
//! document still finds it by vector, which BM25 cannot. Also the faults: a provider down at
//! ingest (the ingest succeeds, a later one fills the vectors in), answers of the wrong count,
//! mixed dimensions, HTML and NaN, a model that changes dimension, a provider that hangs, and
//! the config problems. Every search says which ranking it used and, when not hybrid, why.

use std::sync::{Arc, Mutex};

use crate::common;
use crate::common::fake_http::{FakeHttp, Response};
use cgen::providers::settings::ProviderSettings;
use cgen::providers::{CallBudget, Provider, Quiet};
use serde_json::{Value, json};

const DIM: usize = 512;

/// Words that mean the same to the fake model.
fn canonical(word: &str) -> &str {
    match word {
        "automobile" | "vehicle" | "cars" => "car",
        "cycle" | "bike" => "bicycle",
        other => other,
    }
}

/// The fake model: each word (its synonym group) adds one to a hashed dimension.
fn vector(text: &str) -> Vec<f32> {
    let mut v = vec![0.0; DIM];
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        let hash = canonical(&word)
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            });
        v[(hash % DIM as u64) as usize] += 1.0;
    }
    v
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Behaviour {
    Good,
    Down,
    WrongCount,
    MixedDims,
    Html,
    NaN,
    /// Vectors of half the dimension: the model was swapped for one of another shape.
    OtherDim,
    /// Accepts the request and answers nothing for longer than any interactive wait.
    Hang,
}

struct FakeEmbedder {
    http: FakeHttp,
    behaviour: Arc<Mutex<Behaviour>>,
}

impl FakeEmbedder {
    fn set(&self, b: Behaviour) {
        *self.behaviour.lock().unwrap() = b;
    }

    fn inputs(&self) -> usize {
        self.http.bodies().iter().map(|b| texts(b).len()).sum()
    }
}

/// The texts of an embedding request of any of the three dialects.
fn texts(body: &Value) -> Vec<String> {
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect()
    };
    if let Some(requests) = body["requests"].as_array() {
        return requests
            .iter()
            .filter_map(|r| {
                r.pointer("/content/parts/0/text")?
                    .as_str()
                    .map(str::to_string)
            })
            .collect();
    }
    strings(&body["input"])
}

/// Serves embeddings in `dialect` (`ollama`, `openai` with its items in reverse order, or
/// `gemini`), misbehaving as told.
fn fake_embedder(dialect: &'static str) -> FakeEmbedder {
    let behaviour = Arc::new(Mutex::new(Behaviour::Good));
    let now = behaviour.clone();
    let http = FakeHttp::start(move |request| {
        let behaviour = *now.lock().unwrap();
        embed(dialect, behaviour, &request.json())
    });
    FakeEmbedder { http, behaviour }
}

/// The fake's answer to the embedding request `body`, misbehaving as `behaviour` says.
fn embed(dialect: &str, behaviour: Behaviour, body: &Value) -> Response {
    let mut vecs: Vec<Vec<f32>> = texts(body).iter().map(|t| vector(t)).collect();
    let answer = match behaviour {
        Behaviour::Hang => return Response::silence(std::time::Duration::from_secs(30)),
        Behaviour::Down => return Response::new(503, "application/json", r#"{"error":"busy"}"#),
        Behaviour::Html => return Response::new(200, "text/html", "<html>login</html>"),
        Behaviour::NaN => {
            return Response::new(200, "application/json", r#"{"embeddings":[[NaN,1.0]]}"#);
        }
        other => {
            if other == Behaviour::WrongCount {
                vecs.pop();
            }
            if other == Behaviour::OtherDim {
                // Folded, so that a word still has a dimension of its own.
                vecs.iter_mut().for_each(|v| {
                    let upper = v.split_off(DIM / 2);
                    v.iter_mut().zip(upper).for_each(|(a, b)| *a += b);
                });
            }
            if other == Behaviour::MixedDims {
                vecs.iter_mut().skip(1).for_each(|v| {
                    v.pop();
                });
            }
            match dialect {
                "openai" => {
                    let data: Vec<Value> = vecs
                        .iter()
                        .enumerate()
                        .rev()
                        .map(|(i, v)| json!({"index": i, "embedding": v}))
                        .collect();
                    json!({"data": data, "usage": {"prompt_tokens": 7}})
                }
                "gemini" => {
                    let e: Vec<Value> = vecs.iter().map(|v| json!({"values": v})).collect();
                    json!({"embeddings": e})
                }
                _ => json!({"embeddings": vecs, "prompt_eval_count": 5}),
            }
        }
    };
    Response::new(200, "application/json", answer.to_string())
}

/// The fake's bag-of-words vectors give related notes low cosines (0.1 to 0.4) and unrelated
/// ones 0, so the similarity floor sits just above 0.
fn config(url: &str) -> String {
    format!(
        "[providers.local]\nkind = \"ollama\"\nbase_url = \"{url}\"\nmodel = \"chat-test\"\n\
         embedding_model = \"embed-test\"\nmax_attempts = 2\nretry_base_delay = \"10ms\"\n\
         retry_max_delay = \"20ms\"\nbreaker_failures = 100\n\n[kb]\nembeddings = \"local\"\n\
         min_similarity = 0.05\n"
    )
}

/// Three small documents: cars, bicycles, a garden.
fn write_corpus(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).unwrap();
    let files = [
        (
            "cars.md",
            "# Car care\n\nChange the oil of your car every year. A car engine lasts longer with clean oil.\n",
        ),
        (
            "bikes.md",
            "# Bicycle repair\n\nFix a flat tyre on your bicycle with a patch kit and a pump.\n",
        ),
        (
            "garden.md",
            "# Garden\n\nWater the tomatoes and the roses in the morning, before the sun is high.\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

fn start(url: &str) -> (common::Env, common::Daemon, String) {
    let env = common::Env::with_config(&config(url));
    let daemon = env.start_daemon();
    env.admin_key();
    let corpus = env.home().join("corpus");
    write_corpus(&corpus);
    (env, daemon, corpus.display().to_string())
}

fn ingest(env: &common::Env, path: &str, collection: &str) -> Value {
    ingest_job(env, path, collection)["result"].clone()
}

/// The finished ingest job.
fn ingest_job(env: &common::Env, path: &str, collection: &str) -> Value {
    let job = env.json(&["ingest", path, "--collection", collection, "--wait"]);
    assert_eq!(job["state"], "succeeded", "{job}");
    job
}

/// The events a job recorded, as `jobs watch --json` replays them.
fn events(env: &common::Env, job: &Value) -> Vec<Value> {
    let id = job["id"].as_i64().unwrap().to_string();
    env.run(&["--json", "jobs", "watch", &id])
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|e| e.get("kind").is_some())
        .collect()
}

fn search(env: &common::Env, query: &str, mode: &str) -> Value {
    env.json(&["search", query, "--mode", mode])
}

fn sources(result: &Value) -> Vec<String> {
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let s = h["source"].as_str().unwrap();
            s.rsplit('/').next().unwrap().to_string()
        })
        .collect()
}

fn stored_vectors(env: &common::Env) -> i64 {
    let db = rusqlite::Connection::open_with_flags(
        env.database(),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    db.query_row("SELECT count(*) FROM chunk_embeddings", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn hybrid_search_finds_by_meaning_what_bm25_misses() {
    let fake = fake_embedder("ollama");
    let (env, _daemon, corpus) = start(&fake.http.url);
    let result = ingest(&env, &corpus, "default");
    assert_eq!(result["chunks"], 3, "{result}");
    assert_eq!(result["embedded"], 3, "{result}");
    assert_eq!(result["missing_vectors"], 0, "{result}");
    assert_eq!(stored_vectors(&env), 3);
    let first = fake.http.bodies()[0].clone();
    assert_eq!(first["model"], "embed-test");

    // No document says "automobile": BM25 finds nothing, the vectors find the car document.
    let bm25 = search(&env, "automobile upkeep", "bm25");
    assert_eq!(bm25["mode"], "bm25");
    assert!(sources(&bm25).is_empty(), "{bm25}");
    let hybrid = search(&env, "automobile upkeep", "hybrid");
    assert_eq!(hybrid["mode"], "hybrid", "{hybrid}");
    assert_eq!(sources(&hybrid)[0], "cars.md", "{hybrid}");
    assert_eq!(search(&env, "automobile upkeep", "auto")["mode"], "hybrid");

    // Fused: the bicycle page is in both rankings (first by BM25), the car page only in the
    // vector one, so its score is at most 1/61 and the bicycle page's at least 1/61 + 1/62.
    let fused = search(&env, "bicycle automobile", "hybrid");
    assert_eq!(sources(&fused)[..2], ["bikes.md", "cars.md"], "{fused}");
    let score = |i: usize| fused["hits"][i]["score"].as_f64().unwrap();
    assert!(score(0) >= 1.0 / 61.0 + 1.0 / 62.0 - 1e-12, "{fused}");
    assert!(score(1) <= 1.0 / 61.0 + 1e-12, "{fused}");

    // Vector hits less similar than kb.min_similarity are not fused in: a topic the knowledge
    // base does not cover finds nothing rather than its nearest unrelated chunks.
    let uncovered = search(&env, "quantum chromodynamics", "hybrid");
    assert_eq!(uncovered["mode"], "hybrid", "{uncovered}");
    assert!(sources(&uncovered).is_empty(), "{uncovered}");

    // The text output says how it ranked; BM25's looks as before.
    let text = env.run(&["search", "automobile upkeep"]).stdout;
    assert!(
        text.contains("cars.md") && text.contains("(hybrid"),
        "{text}"
    );
    let text = env.run(&["search", "bicycle", "--mode", "bm25"]).stdout;
    assert!(
        !text.contains("hybrid") && !text.contains("BM25 only"),
        "{text}"
    );

    // Re-ingesting a changed file replaces its chunk and its vector; unchanged ones keep theirs.
    let before = fake.inputs();
    std::fs::write(
        std::path::Path::new(&corpus).join("garden.md"),
        "# Garden\n\nPlant a vehicle-free lawn.\n",
    )
    .unwrap();
    let result = ingest(&env, &corpus, "default");
    assert_eq!(result["embedded"], 1, "{result}");
    assert_eq!(stored_vectors(&env), 3);
    // Only the new chunk was sent.
    assert_eq!(fake.inputs(), before + 1);

    // Generation retrieves the same way, and its manifest says so: with more notes on cars,
    // none of them saying "automobile", the topic has enough related passages.
    let fleet = env.home().join("fleet");
    std::fs::create_dir_all(&fleet).unwrap();
    for (name, text) in [
        (
            "tyres.md",
            "# Tyres\n\nCheck the tyre pressure of each vehicle every month, cold.\n",
        ),
        (
            "wash.md",
            "# Washing\n\nWash the cars by hand in the shade to keep the paint.\n",
        ),
    ] {
        std::fs::write(fleet.join(name), text).unwrap();
    }
    ingest(&env, &fleet.display().to_string(), "fleet");
    let out_dir = env.home().join("out").display().to_string();
    let job = env.json(&[
        "generate",
        "automobile upkeep",
        "--out",
        &out_dir,
        "--force",
    ]);
    assert_eq!(job["state"], "succeeded", "{job}");
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(job["result"]["manifest"].as_str().unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["retrieval"], "hybrid", "{manifest}");
    let cited: Vec<&str> = manifest["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["source"].as_str().unwrap())
        .collect();
    assert!(
        cited.iter().all(|s| !s.ends_with("bikes.md")),
        "unrelated notes stay out: {cited:?}"
    );
}

#[test]
fn a_provider_down_at_ingest_leaves_bm25_working_and_a_later_ingest_fills_the_vectors() {
    let fake = fake_embedder("ollama");
    fake.set(Behaviour::Down);
    let (env, _daemon, corpus) = start(&fake.http.url);
    let result = ingest(&env, &corpus, "default");
    assert_eq!(result["ingested"], 3, "{result}");
    assert_eq!(result["embedded"], 0, "{result}");
    assert_eq!(result["missing_vectors"], 3, "{result}");
    let error = result["embedding_error"].as_str().unwrap();
    assert!(error.contains("503") && error.contains("local"), "{error}");
    assert_eq!(stored_vectors(&env), 0);

    // Search still answers, with BM25, and says why.
    let r = search(&env, "bicycle", "auto");
    assert_eq!(r["mode"], "bm25");
    assert_eq!(sources(&r), ["bikes.md"]);
    let why = r["fallback"].as_str().unwrap();
    assert!(
        why.contains("no chunk of the knowledge base has a vector of embed-test"),
        "{r}"
    );

    // The provider is back: the same ingest skips the unchanged files and embeds their chunks.
    fake.set(Behaviour::Good);
    let result = ingest(&env, &corpus, "default");
    assert_eq!(result["unchanged"], 3, "{result}");
    assert_eq!(result["embedded"], 3, "{result}");
    assert_eq!(result["missing_vectors"], 0, "{result}");
    assert!(result["embedding_error"].is_null(), "{result}");
    assert_eq!(search(&env, "automobile", "auto")["mode"], "hybrid");

    // Down again: the query cannot be embedded, the search falls back and never fails.
    fake.set(Behaviour::Down);
    let r = search(&env, "bicycle", "hybrid");
    assert_eq!(r["mode"], "bm25", "{r}");
    assert_eq!(sources(&r), ["bikes.md"]);
    let why = r["fallback"].as_str().unwrap();
    assert!(
        why.contains("could not be embedded") && why.contains("503"),
        "{why}"
    );
    let text = env.run(&["search", "bicycle"]);
    assert_eq!(text.code, 0);
    assert!(text.stdout.contains("(BM25 only:"), "{}", text.stdout);
    // The attempts count in the provider's stats.
    let status = env.json(&["providers", "show", "local"]);
    assert!(
        status["stats"]["failures"].as_u64().unwrap() >= 4,
        "{status}"
    );
}

#[test]
fn unusable_answers_are_errors_that_do_not_break_the_ingest() {
    let fake = fake_embedder("ollama");
    let (env, _daemon, corpus) = start(&fake.http.url);
    for (i, (behaviour, expected)) in [
        (Behaviour::WrongCount, "2 vectors for 3 inputs"),
        (Behaviour::MixedDims, "dimensions"),
        (Behaviour::Html, "text/html"),
        (Behaviour::NaN, "not JSON"),
    ]
    .into_iter()
    .enumerate()
    {
        fake.set(behaviour);
        let requests = fake.http.count();
        let result = ingest(&env, &corpus, &format!("c{i}"));
        assert_eq!(result["ingested"], 3, "{behaviour:?}: {result}");
        assert_eq!(result["missing_vectors"], 3, "{behaviour:?}: {result}");
        let error = result["embedding_error"].as_str().unwrap();
        assert!(error.contains(expected), "{behaviour:?}: {error}");
        // Not retried: the same request would get the same answer.
        assert_eq!(fake.http.count(), requests + 1, "{behaviour:?}");
    }
    assert_eq!(stored_vectors(&env), 0);
    // A search of those collections is BM25's, with the reason.
    let r = search(&env, "bicycle", "auto");
    assert_eq!(r["mode"], "bm25");
    assert!(!sources(&r).is_empty());
}

#[test]
fn embedding_settings_are_validated_with_the_key() {
    let env = common::Env::with_config("[kb]\nembeddings = \"nope\"\n");
    let out = env.run(&["config", "validate"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("kb.embeddings") && out.stderr.contains("no provider 'nope'"),
        "{}",
        out.stderr
    );
    env.write_config(
        "[providers.a]\nkind = \"anthropic\"\nbase_url = \"http://h\"\nmodel = \"m\"\n\
         embedding_model = \"e\"\n[kb]\nembeddings = \"a\"\n",
    );
    let out = env.run(&["config", "validate"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("providers.a.embedding_model")
            && out.stderr.contains("no embeddings API")
            && out.stderr.contains("kb.embeddings"),
        "{}",
        out.stderr
    );
    env.write_config(
        "[providers.x]\nkind = \"ollama\"\nbase_url = \"http://h\"\nmodel = \"m\"\n[kb]\nembeddings = \"x\"\n",
    );
    let out = env.run(&["config", "validate"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("providers.x.embedding_model"),
        "{}",
        out.stderr
    );

    // Without kb.embeddings, asking for hybrid search is refused; auto is BM25.
    let env = common::Env::new();
    let _daemon = env.start_daemon();
    env.admin_key();
    let out = env.run(&["search", "anything", "--mode", "hybrid"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("kb.embeddings"), "{}", out.stderr);
    let r = search(&env, "anything", "auto");
    assert_eq!(r["mode"], "bm25");
    assert!(r.get("fallback").is_none(), "{r}");
}

fn provider(dialect: &str, url: &str) -> Provider {
    let base = match dialect {
        "openai" => format!("{url}/v1"),
        "gemini" => format!("{url}/v1beta"),
        _ => url.to_string(),
    };
    let settings: ProviderSettings = toml::from_str(&format!(
        "kind = \"{dialect}\"\nbase_url = \"{base}\"\nmodel = \"m\"\nembedding_model = \"e\"\n"
    ))
    .unwrap();
    Provider::new("p", settings, None).unwrap()
}

/// The budget the provider's own settings give a call.
fn budget(p: &Provider) -> CallBudget {
    CallBudget::of(&p.settings)
}

#[test]
fn each_dialect_returns_the_vectors_in_input_order() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let inputs = vec![
        "car".to_string(),
        "bicycle".to_string(),
        "garden".to_string(),
    ];
    for dialect in ["ollama", "openai", "gemini"] {
        let fake = fake_embedder(dialect);
        let p = provider(dialect, &fake.http.url);
        let got = rt
            .block_on(p.embed(&inputs, budget(&p), &mut Quiet))
            .unwrap();
        let expected: Vec<Vec<f32>> = inputs.iter().map(|t| vector(t)).collect();
        assert_eq!(got.vectors, expected, "{dialect}");
        assert_eq!(got.model, "e");
        assert_eq!(got.attempts, 1);
        assert_eq!(texts(&fake.http.bodies()[0]), inputs, "{dialect}");
    }
    let fake = fake_embedder("openai");
    let p = provider("openai", &fake.http.url);
    let got = rt
        .block_on(p.embed(&inputs, budget(&p), &mut Quiet))
        .unwrap();
    assert_eq!(got.usage.input_tokens, 7);
    assert!(!got.usage.estimated);
    // A provider with no embedding model refuses before any request.
    let settings: ProviderSettings =
        toml::from_str("kind = \"ollama\"\nbase_url = \"http://127.0.0.1:9\"\nmodel = \"m\"\n")
            .unwrap();
    let p = Provider::new("bare", settings, None).unwrap();
    let err = rt
        .block_on(p.embed(&inputs, budget(&p), &mut Quiet))
        .unwrap_err();
    assert!(err.to_string().contains("no embedding_model"), "{err}");
}

#[test]
fn embedding_spends_the_daily_budget_of_the_key_it_works_for() {
    let fake = fake_embedder("ollama");
    // The reader is not an admin: it ingests only under the roots the admin allows.
    let env = common::Env::new();
    let roots = format!("allowed_roots = [\"{}\"]\n", env.home().display());
    env.write_config(&(config(&fake.http.url) + &roots));
    let _daemon = env.start_daemon();
    let corpus = env.home().join("corpus");
    write_corpus(&corpus);
    let corpus = corpus.display().to_string();
    let reader = env.make_key("reader", "user");
    let reader_id = reader.split('_').nth(1).unwrap().to_string();
    // The fake counts 5 tokens a call: one call passes a budget of 3, the next is refused.
    env.json(&["keys", "budget", &reader_id, "--daily-tokens", "3"]);
    let as_reader = |args: &[&str]| -> Value {
        let all = [&["--json"][..], args].concat();
        let out = env.run_as(&reader, &all);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        serde_json::from_str(&out.stdout).unwrap()
    };

    let job = as_reader(&["ingest", &corpus, "--collection", "mine", "--wait"]);
    assert_eq!(job["result"]["embedded"], 3, "{job}");
    let spent = as_reader(&["keys", "budget"]);
    assert_eq!(spent["tokens_today"], 5, "{spent}");
    assert_eq!(spent["calls_today"], 1, "{spent}");

    // Over its budget, the key's searches fall back to BM25 and say why; another key's do not.
    let calls = fake.http.count();
    let refused = as_reader(&["search", "automobile upkeep", "--mode", "hybrid"]);
    assert_eq!(refused["mode"], "bm25", "{refused}");
    let why = refused["fallback"].as_str().unwrap_or_default();
    assert!(why.contains("daily token budget"), "{refused}");
    assert_eq!(fake.http.count(), calls, "no call over budget");
    assert_eq!(
        search(&env, "automobile upkeep", "hybrid")["mode"],
        "hybrid"
    );

    // And its ingests store the chunks without vectors, saying why.
    let more = env.home().join("more");
    std::fs::create_dir_all(&more).unwrap();
    std::fs::write(
        more.join("boats.md"),
        "# Boats\n\nSand the hull before painting.\n",
    )
    .unwrap();
    let job = as_reader(&[
        "ingest",
        more.to_str().unwrap(),
        "--collection",
        "more",
        "--wait",
    ]);
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(job["result"]["embedded"], 0, "{job}");
    assert_eq!(job["result"]["missing_vectors"], 1, "{job}");
    let error = job["result"]["embedding_error"]
        .as_str()
        .unwrap_or_default();
    assert!(error.contains("daily token budget"), "{job}");
}

fn dims_stored(env: &common::Env) -> Vec<i64> {
    let db = rusqlite::Connection::open_with_flags(
        env.database(),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mut stmt = db
        .prepare("SELECT DISTINCT dim FROM chunk_embeddings ORDER BY dim")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn the_fallback_looks_at_the_collections_searched_and_collections_show_coverage() {
    let fake = fake_embedder("ollama");
    let (env, _daemon, corpus) = start(&fake.http.url);
    ingest(&env, &corpus, "embedded");
    // A second collection ingested while the provider is down has no vector at all, though
    // the knowledge base as a whole has some.
    fake.set(Behaviour::Down);
    let late = env.home().join("late");
    std::fs::create_dir_all(&late).unwrap();
    std::fs::write(
        late.join("tandem.md"),
        "# Tandem\n\nA tandem bicycle seats two riders.\n",
    )
    .unwrap();
    let result = ingest(&env, late.to_str().unwrap(), "late");
    assert_eq!(result["missing_vectors"], 1, "{result}");
    fake.set(Behaviour::Good);

    let r = env.json(&["search", "bicycle", "--collection", "late"]);
    assert_eq!(r["mode"], "bm25", "{r}");
    assert_eq!(sources(&r), ["tandem.md"], "{r}");
    let why = r["fallback"].as_str().unwrap_or_default();
    assert!(
        why.contains("no chunk of collection 'late' has a vector"),
        "{r}"
    );
    let text = env
        .run(&["search", "bicycle", "--collection", "late"])
        .stdout;
    assert!(
        text.contains("(BM25 only: no chunk of collection 'late'"),
        "{text}"
    );
    let r = env.json(&["search", "automobile", "--collection", "embedded"]);
    assert_eq!(r["mode"], "hybrid", "{r}");
    assert!(r.get("fallback").is_none(), "{r}");
    assert_eq!(search(&env, "automobile", "auto")["mode"], "hybrid");

    // Coverage per collection, in JSON and in the table.
    let list = env.json(&["collections", "list"]);
    let find = |name: &str| {
        list["collections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        (
            find("embedded")["vectors"].clone(),
            find("embedded")["chunks"].clone()
        ),
        (json!(3), json!(3)),
        "{list}"
    );
    assert_eq!(find("late")["vectors"], 0, "{list}");
    let table = env.run(&["collections", "list"]).stdout;
    assert!(table.contains("VECTORS"), "{table}");
    let row = |name: &str| {
        table
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("embedded").contains("3/3"), "{table}");
    assert!(row("late").contains("0/1"), "{table}");

    // Once the provider is back, the next ingest fills the collection in.
    let result = ingest(&env, late.to_str().unwrap(), "late");
    assert_eq!(result["embedded"], 1, "{result}");
    let r = env.json(&["search", "bicycle", "--collection", "late"]);
    assert_eq!(r["mode"], "hybrid", "{r}");

    // Without kb.embeddings there is no coverage to show.
    let plain = common::Env::new();
    let _d = plain.start_daemon();
    plain.admin_key();
    plain.json(&["ingest", &corpus, "--wait"]);
    let list = plain.json(&["collections", "list"]);
    assert!(list["collections"][0].get("vectors").is_none(), "{list}");
    let table = plain.run(&["collections", "list"]).stdout;
    assert!(
        table.lines().nth(1).unwrap_or_default().contains(" - "),
        "{table}"
    );
}

#[test]
fn a_model_that_changes_dimension_falls_back_until_an_ingest_embeds_again() {
    let fake = fake_embedder("ollama");
    let (env, _daemon, corpus) = start(&fake.http.url);
    ingest(&env, &corpus, "default");
    assert_eq!(dims_stored(&env), [DIM as i64]);

    // The model now answers vectors of another size: the search says so instead of
    // silently ranking by BM25.
    fake.set(Behaviour::OtherDim);
    let r = search(&env, "automobile upkeep", "auto");
    assert_eq!(r["mode"], "bm25", "{r}");
    let why = r["fallback"].as_str().unwrap_or_default();
    assert!(
        why.contains("256-dimension") && why.contains("512") && why.contains("ingest again"),
        "{r}"
    );

    // Re-ingesting the unchanged files embeds every chunk again, in the new dimension.
    let job = ingest_job(&env, &corpus, "default");
    let result = &job["result"];
    assert_eq!(result["unchanged"], 3, "{result}");
    assert_eq!(result["embedded"], 3, "{result}");
    assert_eq!(result["missing_vectors"], 0, "{result}");
    assert_eq!(dims_stored(&env), [(DIM / 2) as i64]);
    let log = events(&env, &job);
    assert!(
        log.iter().any(|e| e["kind"] == "warning"
            && e["message"]
                .as_str()
                .unwrap_or_default()
                .contains("now answers 256-dimension vectors")),
        "{log:?}"
    );
    let r = search(&env, "automobile upkeep", "auto");
    assert_eq!(r["mode"], "hybrid", "{r}");
    assert_eq!(sources(&r)[0], "cars.md", "{r}");

    // With the dimension unchanged and nothing to embed, an ingest asks with one chunk and
    // embeds nothing.
    let before = fake.inputs();
    let result = ingest(&env, &corpus, "default");
    assert_eq!(result["embedded"], 0, "{result}");
    assert_eq!(fake.inputs(), before + 1);
}

#[test]
fn ingest_reports_embedding_progress() {
    let fake = fake_embedder("ollama");
    let (env, _daemon, corpus) = start(&fake.http.url);
    let job = ingest_job(&env, &corpus, "default");
    let progress: Vec<Value> = events(&env, &job)
        .into_iter()
        .filter(|e| e["kind"] == "progress" && e["data"]["phase"] == "embedding")
        .collect();
    let last = progress.last().cloned().unwrap_or_default();
    assert_eq!(last["data"]["done"], 3, "{progress:?}");
    assert_eq!(last["data"]["total"], 3, "{progress:?}");
    assert!(
        last["message"]
            .as_str()
            .unwrap_or_default()
            .contains("embedded 3 of 3 chunks with local"),
        "{last}"
    );
}

#[test]
fn a_search_tries_its_query_embedding_once_and_briefly() {
    let fake = fake_embedder("ollama");
    let (env, _daemon, corpus) = start(&fake.http.url);
    ingest(&env, &corpus, "default");

    // A job retries as the provider's settings say (max_attempts = 2); a search does not.
    fake.set(Behaviour::Down);
    let more = env.home().join("more");
    std::fs::create_dir_all(&more).unwrap();
    std::fs::write(more.join("boats.md"), "# Boats\n\nSand the hull.\n").unwrap();
    let requests = fake.http.count();
    ingest(&env, more.to_str().unwrap(), "more");
    assert_eq!(fake.http.count(), requests + 2);
    let requests = fake.http.count();
    let r = search(&env, "bicycle", "auto");
    assert_eq!(r["mode"], "bm25", "{r}");
    assert!(
        r["fallback"].as_str().unwrap_or_default().contains("503"),
        "{r}"
    );
    assert_eq!(fake.http.count(), requests + 1, "one attempt");

    // A provider that accepts and never answers (its total_timeout is the default 600 s) costs
    // a search its short interactive wait, then BM25 answers.
    fake.set(Behaviour::Hang);
    let r = search(&env, "bicycle", "hybrid");
    assert_eq!(r["mode"], "bm25", "{r}");
    assert_eq!(sources(&r), ["bikes.md"], "{r}");
    let why = r["fallback"].as_str().unwrap_or_default();
    assert!(why.contains("did not answer in time"), "{r}");
}

#[test]
fn providers_list_and_show_name_the_embedding_model() {
    let fake = fake_embedder("ollama");
    let (env, _daemon, _corpus) = start(&fake.http.url);
    let list = env.json(&["providers", "list"]);
    assert_eq!(
        list["providers"][0]["embedding_model"], "embed-test",
        "{list}"
    );
    let table = env.run(&["providers", "list"]).stdout;
    assert!(
        table.contains("EMBEDDING MODEL") && table.contains("embed-test"),
        "{table}"
    );
    let show = env.json(&["providers", "show", "local"]);
    assert_eq!(show["embedding_model"], "embed-test", "{show}");
    let text = env.run(&["providers", "show", "local"]).stdout;
    assert!(text.contains("embedding model: embed-test"), "{text}");

    // A provider without one shows none.
    let plain = common::Env::with_config(
        "[providers.chat]\nkind = \"ollama\"\nbase_url = \"http://127.0.0.1:9\"\nmodel = \"m\"\n",
    );
    let _d = plain.start_daemon();
    plain.admin_key();
    let show = plain.json(&["providers", "show", "chat"]);
    assert!(show.get("embedding_model").is_none(), "{show}");
    let text = plain.run(&["providers", "show", "chat"]).stdout;
    assert!(!text.contains("embedding model"), "{text}");
}
