//! The store's rows as the wire shows them: one `From` per row type the handlers return.
//!
//! The store keeps rows of its own rather than returning `protocol`'s types, although many
//! have the same fields: the wire and the database change for different reasons (a field
//! renamed on the wire must not move a column, a column added must not reach clients
//! unasked), and `scripts/check-layers` forbids `store -> protocol`. The conversions live
//! here, above both, and are field for field, so the JSON is what it was.

use crate::protocol::articles::ArticleView;
use crate::store::articles::ArticleRow;

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
