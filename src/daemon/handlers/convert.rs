//! The store's rows as the wire shows them: one `From` per row type the handlers return.
//!
//! The store keeps rows of its own rather than returning `protocol`'s types, although many
//! have the same fields: the wire and the database change for different reasons (a field
//! renamed on the wire must not move a column, a column added must not reach clients
//! unasked), and `scripts/check-layers` forbids `store -> protocol`. The conversions live
//! here, above both, and are field for field, so the JSON is what it was.

use crate::protocol::articles::ArticleView;
use crate::protocol::auth::{AuditEntry, KeyView, SessionView};
use crate::protocol::kb::{ChunkView, CollectionView, DocView, Removed, SearchHit};
use crate::store::articles::ArticleRow;
use crate::store::auth::{AuditRow, KeyRow, SessionRow};
use crate::store::collections::CollectionRow;
use crate::store::docs::{ChunkRow, DocRow, HitRow, RemovedRows};
use crate::timestamp::{format_ms, now_ms};

impl From<ArticleRow> for ArticleView {
    fn from(r: ArticleRow) -> Self {
        ArticleView {
            id: r.id,
            topic: r.topic,
            title: r.title,
            slug: r.slug,
            path: r.path,
            workflow: r.workflow,
            format: r.format,
            quality: r.quality,
            provider: r.provider,
            job_id: r.job_id,
            owner: r.owner,
            created_at: r.created_at,
        }
    }
}

impl From<DocRow> for DocView {
    fn from(r: DocRow) -> Self {
        DocView {
            id: r.id,
            collection: r.collection,
            source: r.source,
            title: r.title,
            format: r.format,
            bytes: r.bytes,
            chunks: r.chunks,
            content_hash: r.content_hash,
            metadata: r.metadata,
            ingested_at: r.ingested_at,
            reference: r.reference,
        }
    }
}

impl From<ChunkRow> for ChunkView {
    fn from(r: ChunkRow) -> Self {
        ChunkView {
            id: r.id,
            heading_path: r.heading_path,
            byte_start: r.byte_start,
            byte_end: r.byte_end,
            text: r.text,
            kind: r.kind,
        }
    }
}

impl From<HitRow> for SearchHit {
    fn from(r: HitRow) -> Self {
        SearchHit {
            chunk_id: r.chunk_id,
            document_id: r.document_id,
            collection: r.collection,
            source: r.source,
            title: r.title,
            heading_path: r.heading_path,
            snippet: r.snippet,
            score: r.score,
        }
    }
}

impl From<RemovedRows> for Removed {
    fn from(r: RemovedRows) -> Self {
        Removed {
            documents: r.documents,
            chunks: r.chunks,
        }
    }
}

impl From<CollectionRow> for CollectionView {
    fn from(r: CollectionRow) -> Self {
        CollectionView {
            name: r.name,
            owner: r.owner,
            shared: r.shared,
            documents: r.documents,
            chunks: r.chunks,
            vectors: r.vectors,
            bytes: r.bytes,
        }
    }
}

/// A key as the daemon shows it, its state as of now: never its secret.
impl From<&KeyRow> for KeyView {
    fn from(k: &KeyRow) -> Self {
        let now = now_ms();
        KeyView {
            id: k.id.clone(),
            name: k.name.clone(),
            role: k.role.into(),
            state: k.state(now).into(),
            created_at: format_ms(k.created_at),
            created_by: k.created_by.clone(),
            expires_at: k.expires_at.map(format_ms),
            last_used_at: k.last_used_at.map(format_ms),
            previous_secret_until: k.previous_secret_until(now).map(format_ms),
        }
    }
}

/// A session as the daemon shows it, its state as of now.
impl From<&SessionRow> for SessionView {
    fn from(s: &SessionRow) -> Self {
        SessionView {
            id: s.id.clone(),
            key_id: s.key_id.clone(),
            role: s.role.into(),
            state: s.state(now_ms()).into(),
            created_at: format_ms(s.created_at),
            expires_at: format_ms(s.expires_at),
        }
    }
}

impl From<AuditRow> for AuditEntry {
    fn from(r: AuditRow) -> Self {
        AuditEntry {
            id: r.id,
            at: r.at,
            event: r.event,
            key_id: r.key_id,
            method: r.method,
            outcome: r.outcome,
            detail: r.detail,
        }
    }
}
