//! Issue 13, points 4 and 5: a key's data belongs to its owner (a session never sees more
//! than its key; documents and collections have owners like jobs), and a rotated, revoked or
//! logged-out credential stops working at once, on connections already open too.

use std::time::Duration;

use serde_json::{Value, json};

use super::{hello_session, ok, session};
use crate::common::{Conn, Env, error_kind, sample_kb};

fn key_id(env: &Env, key: &str) -> String {
    let me = env.run_as(key, &["-q", "whoami"]);
    assert_eq!(me.code, 0, "{}", me.stderr);
    me.stdout.trim().to_string()
}

fn open_session(env: &Env, token: &str) -> Conn {
    let mut c = Conn::open(&env.socket());
    ok(&c.hello(json!({"session": token})));
    c
}

/// The next request of a connection whose credential has gone is refused, and the daemon
/// closes the connection.
fn assert_ended(conn: &mut Conn, what: &str) {
    let r = conn.call("status", json!({}));
    assert_eq!(error_kind(&r), Some("unauthenticated"), "{what}: {r}");
    assert!(conn.is_closed(), "{what}: the connection stayed open");
}

#[test]
fn rotation_without_grace_ends_open_connections_and_earlier_sessions() {
    let env = Env::with_config("[auth]\nfailure_burst = 1000\n");
    let _daemon = env.start_daemon();
    let ops = env.make_key("ops", "admin");
    let id = key_id(&env, &ops);
    let mut on_old_secret = env.connect_with(&ops);
    let token = session(&env, &ops, &[]);
    let mut on_session = open_session(&env, &token);
    ok(&on_old_secret.call("status", json!({})));

    let out = env.run(&["-q", "keys", "rotate", &id, "--grace", "0s"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let fresh = out.stdout.trim().to_string();

    // What the review did: the session minted before the rotation made a new admin key.
    let make = json!({"name": "backdoor", "role": "admin"});
    let r = on_session.call("keys.create", make);
    assert_eq!(error_kind(&r), Some("unauthenticated"), "{r}");
    assert!(on_session.is_closed());
    assert_ended(&mut on_old_secret, "connection on the old secret");
    assert_eq!(
        error_kind(&hello_session(&env, &token)),
        Some("unauthenticated")
    );
    let sessions = env.json(&["sessions", "list"]);
    let states: Vec<&str> = sessions["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["key_id"] == id.as_str())
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["revoked"]);
    // The new secret works, and so does a session minted from it.
    let mut current = env.connect_with(&fresh);
    ok(&current.call("status", json!({})));
    let after = session(&env, &fresh, &[]);
    ok(&open_session(&env, &after).call("status", json!({})));
}

#[test]
fn a_grace_period_keeps_old_connections_and_sessions_until_it_ends() {
    let env = Env::with_config("[auth]\nfailure_burst = 1000\n");
    let _daemon = env.start_daemon();

    // A long grace: everything made before keeps working.
    let patient = env.make_key("patient", "user");
    let id = key_id(&env, &patient);
    let mut old_conn = env.connect_with(&patient);
    let token = session(&env, &patient, &[]);
    let mut old_session = open_session(&env, &token);
    env.json(&["keys", "rotate", &id, "--grace", "1h"]);
    ok(&old_conn.call("status", json!({})));
    ok(&old_session.call("status", json!({})));
    ok(&hello_session(&env, &token));
    // A session minted on the old secret during the grace period ends with it.
    let minted = old_conn.call("sessions.create", json!({"ttl_ms": 7 * 86_400_000u64}));
    let until = ok(&minted)["session"]["expires_at"].as_str().unwrap();
    let list = env.json(&["keys", "list"]);
    let grace_end = list["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id.as_str())
        .unwrap()["previous_secret_until"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(until <= grace_end.as_str(), "{until} > {grace_end}");
    // Rotating again without grace ends them all.
    env.json(&["keys", "rotate", &id, "--grace", "0s"]);
    assert_ended(&mut old_conn, "connection after the second rotation");
    assert_ended(&mut old_session, "session after the second rotation");

    // A short grace: the connection and the session end when it does.
    let brief = env.make_key("brief", "user");
    let id = key_id(&env, &brief);
    let mut old_conn = env.connect_with(&brief);
    let token = session(&env, &brief, &[]);
    let mut old_session = open_session(&env, &token);
    env.json(&["keys", "rotate", &id, "--grace", "2s"]);
    std::thread::sleep(Duration::from_millis(3000));
    assert_ended(&mut old_conn, "connection after the grace period");
    assert_ended(&mut old_session, "session after the grace period");
    assert_eq!(
        error_kind(&hello_session(&env, &token)),
        Some("unauthenticated")
    );
}

#[test]
fn revoking_a_key_closes_its_open_connections() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let user = env.make_key("u", "user");
    let id = key_id(&env, &user);
    let mut live = env.connect_with(&user);
    let mut via_session = open_session(&env, &session(&env, &user, &[]));
    assert_eq!(env.run(&["keys", "revoke", &id]).code, 0);
    assert_ended(&mut live, "connection of a revoked key");
    assert_ended(&mut via_session, "session of a revoked key");
}

#[test]
fn logout_session_revokes_the_session_on_the_daemon() {
    let env = Env::with_config("[auth]\nfailure_burst = 1000\n");
    let _daemon = env.start_daemon();
    env.admin_key();
    let out = env.run(&["--json", "sessions", "create", "--role", "viewer", "--save"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let token = serde_json::from_str::<Value>(&out.stdout).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let mut copied = open_session(&env, &token);
    let out = env.run(&["logout", "--session"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // A copy of the token is worth nothing now, also on a connection already open.
    assert_eq!(
        error_kind(&hello_session(&env, &token)),
        Some("unauthenticated")
    );
    assert_ended(&mut copied, "connection on a logged-out session");
    assert_eq!(env.json(&["whoami"])["principal"]["role"], "admin");
    // Logging out again with nothing kept is fine.
    assert_eq!(env.run(&["logout", "--session"]).code, 0);
}

/// Lengths of a few list results, read through one connection.
fn count(conn: &mut Conn, method: &str, params: Value, field: &str) -> usize {
    let r = conn.call(method, params);
    ok(&r)[field]
        .as_array()
        .unwrap_or_else(|| panic!("{method}: {r}"))
        .len()
}

#[test]
fn a_key_sees_and_removes_only_its_own_documents_and_jobs() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let alice = env.make_key("alice", "user");
    let bob = env.make_key("bob", "user");
    let watcher = env.make_key("watch", "viewer");

    // Alice's ingest makes `default` hers. Its source is a loopback port nothing listens on
    // (the job fails, no packet leaves the machine); the admin then fills her collection
    // with the sample knowledge base, which becomes hers with the collection.
    let mut a = env.connect_with(&alice);
    let submit = json!({"jobs": [{"spec": {"kind": "ingest",
        "params": {"sources": ["http://127.0.0.1:1/notes.md"]}}}]});
    let alice_job = ok(&a.call("jobs.submit", submit))["jobs"][0]["id"]
        .as_i64()
        .unwrap();
    let kb = sample_kb();
    let out = env.run(&[
        "ingest",
        kb.to_str().unwrap(),
        "--collection",
        "default",
        "--wait",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let docs = env.json(&["docs", "list"]);
    let ids: Vec<i64> = docs["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_i64().unwrap())
        .collect();
    assert!(ids.len() > 5, "{docs}");
    let listed = env.json(&["collections", "list"]);
    let alice_id = key_id(&env, &alice);
    assert_eq!(
        listed["collections"][0]["owner"],
        alice_id.as_str(),
        "{listed}"
    );

    // Bob, through a viewer session minted from his key, and through his key.
    let token = session(&env, &bob, &["--role", "viewer"]);
    let mut b_view = open_session(&env, &token);
    let mut b = env.connect_with(&bob);
    for conn in [&mut b_view, &mut b] {
        assert_eq!(count(conn, "jobs.list", json!({}), "jobs"), 0);
        assert_eq!(
            error_kind(&conn.call("jobs.get", json!({"id": alice_job}))),
            Some("not_found")
        );
        assert_eq!(count(conn, "docs.list", json!({}), "documents"), 0);
        let search = json!({"query": "restic snapshots"});
        assert_eq!(count(conn, "kb.search", search, "hits"), 0);
        // Her collection does not exist to him, and the error names none of hers.
        let pinned = json!({"query": "restic", "collection": "default"});
        let r = conn.call("kb.search", pinned);
        assert_eq!(error_kind(&r), Some("not_found"), "{r}");
        assert!(
            r["error"]["message"]
                .as_str()
                .unwrap()
                .ends_with("readable: none"),
            "{r}"
        );
        assert_eq!(
            error_kind(&conn.call("docs.get", json!({"id": ids[0]}))),
            Some("not_found")
        );
        assert_eq!(count(conn, "collections.list", json!({}), "collections"), 0);
        assert_eq!(count(conn, "topics.list", json!({}), "topics"), 0);
    }
    // Generation retrieval as bob finds none of her passages to quote.
    let spec = json!({"topic": "restic backups", "out_dir": "/nonexistent", "format": "md"});
    let retrieve = json!({"name": "retrieve", "input": {"spec": spec}});
    let r = b.call("agents.run", retrieve.clone());
    assert_eq!(
        r["error"]["data"]["kind_detail"], "not_enough_material",
        "{r}"
    );
    assert!(!r.to_string().contains("backups-with-restic"), "{r}");
    let mine = a.call("agents.run", retrieve);
    assert!(
        ok(&mine).to_string().contains("backups-with-restic"),
        "{mine}"
    );
    // What the review did: `collections rm default` and `docs rm ID` as bob.
    let out = env.run_as(&bob, &["collections", "rm", "default"]);
    assert_ne!(out.code, 0, "{}", out.stdout);
    let out = env.run_as(&bob, &["docs", "rm", &ids[0].to_string()]);
    assert_ne!(out.code, 0, "{}", out.stdout);
    // Nor can he add to her collection.
    let into_hers = json!({"jobs": [{"spec": {"kind": "ingest",
        "params": {"sources": ["http://127.0.0.1:1/x.md"], "collection": "default"}}}]});
    assert_eq!(
        error_kind(&b.call("jobs.submit", into_hers)),
        Some("conflict")
    );

    // Alice's documents are intact and hers to see, also through a viewer session.
    let mut a_view = open_session(&env, &session(&env, &alice, &["--role", "viewer"]));
    assert_eq!(
        count(&mut a_view, "docs.list", json!({}), "documents"),
        ids.len()
    );
    assert!(count(&mut a_view, "kb.search", json!({"query": "restic"}), "hits") > 0);
    assert!(count(&mut a_view, "topics.list", json!({}), "topics") > 0);
    ok(&a_view.call("docs.get", json!({"id": ids[0]})));
    assert_eq!(count(&mut a_view, "jobs.list", json!({}), "jobs"), 1);
    // The admin and an admin-made viewer key see everything.
    let mut w = env.connect_with(&watcher);
    assert_eq!(
        count(&mut w, "docs.list", json!({}), "documents"),
        ids.len()
    );
    assert!(count(&mut w, "jobs.list", json!({}), "jobs") >= 2);
    assert_eq!(env.json(&["docs", "list"])["documents"], docs["documents"]);
}

#[test]
fn a_shared_collection_is_read_by_every_key_and_changed_by_its_owner() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let bob = env.make_key("bob", "user");
    let kb = sample_kb();
    let out = env.run(&[
        "ingest",
        kb.to_str().unwrap(),
        "--collection",
        "handbook",
        "--wait",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut b = env.connect_with(&bob);
    assert_eq!(
        count(&mut b, "kb.search", json!({"query": "restic"}), "hits"),
        0
    );
    // Sharing is an admin's decision.
    let out = env.run_as(&bob, &["collections", "share", "handbook"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert_eq!(env.run(&["collections", "share", "handbook"]).code, 0);
    let mut b = env.connect_with(&bob);
    assert!(count(&mut b, "kb.search", json!({"query": "restic"}), "hits") > 0);
    assert!(count(&mut b, "docs.list", json!({}), "documents") > 0);
    // Read, not changed.
    assert_eq!(
        error_kind(&b.call("collections.rm", json!({"name": "handbook"}))),
        Some("forbidden")
    );
    assert_eq!(
        env.run(&["collections", "share", "handbook", "--off"]).code,
        0
    );
    let mut b = env.connect_with(&bob);
    assert_eq!(count(&mut b, "docs.list", json!({}), "documents"), 0);
    assert_eq!(env.run(&["collections", "rm", "handbook"]).code, 0);
    assert_eq!(
        count(&mut b, "collections.list", json!({}), "collections"),
        0
    );
}
