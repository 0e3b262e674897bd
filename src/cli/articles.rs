//! `cgen articles list|show|search`: the history of what was generated, from the daemon's
//! store, so "what did I write on X" has an answer without searching the disk.

use clap::Subcommand;

use super::clock::Clock;
use super::output::clip;
use super::render::{Field, Page, Render, Timed};
use super::{CmdResult, Context};
use crate::protocol;
use crate::protocol::articles::{ArticleId, ArticleView, ArticlesListParams, ArticlesListResult};

/// Most characters of a title in a list row.
const TITLE_WIDTH: usize = 60;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ArticlesCommand {
    /// Articles generated, newest first (a user key sees its own).
    List {
        /// Show at most this many articles (1 to 1000).
        #[arg(long, short = 'n', default_value_t = 50)]
        limit: u32,
        /// Show times as UTC timestamps instead of "3 min ago".
        #[arg(long)]
        utc: bool,
    },
    /// One article: where it went, how it was made and its quality verdict.
    Show {
        id: i64,
        /// Show times as UTC timestamps instead of "3 min ago".
        #[arg(long)]
        utc: bool,
    },
    /// Articles whose topic or title holds every one of WORDS, best match first.
    Search {
        /// The words to look for (quoting them is not needed).
        #[arg(required = true)]
        words: Vec<String>,
        /// Show at most this many articles (1 to 1000).
        #[arg(long, short = 'n', default_value_t = 20)]
        limit: u32,
        /// Show times as UTC timestamps instead of "3 min ago".
        #[arg(long)]
        utc: bool,
    },
}

pub async fn run(ctx: &Context, command: ArticlesCommand) -> CmdResult {
    let mut client = ctx.connect().await?;
    let (params, utc) = match command {
        ArticlesCommand::Show { id, utc } => {
            let article: ArticleView = client
                .call::<protocol::articles::Get>(&ArticleId { id })
                .await?;
            ctx.out.emit(&Timed {
                value: &article,
                clock: Clock { utc },
            });
            return Ok(());
        }
        ArticlesCommand::List { limit, utc } => (
            ArticlesListParams {
                query: None,
                limit: Some(limit),
            },
            utc,
        ),
        ArticlesCommand::Search { words, limit, utc } => (
            ArticlesListParams {
                query: Some(words.join(" ")),
                limit: Some(limit),
            },
            utc,
        ),
    };
    let r: ArticlesListResult = client.call::<protocol::articles::List>(&params).await?;
    ctx.out.emit(&Timed {
        value: &r,
        clock: Clock { utc },
    });
    Ok(())
}

/// Where an article went: its path, or standard output.
fn place(a: &ArticleView) -> String {
    a.path.clone().unwrap_or_else(|| "(standard output)".into())
}

/// A table of articles; `-q` lists their ids.
impl Render for Timed<'_, ArticlesListResult> {
    fn human(&self, page: &mut Page) {
        let clock = self.clock;
        let rows: Vec<Vec<String>> = self
            .value
            .articles
            .iter()
            .map(|a| {
                vec![
                    a.id.to_string(),
                    clock.show(&a.created_at),
                    a.quality.clone().unwrap_or_else(|| "-".into()),
                    a.provider.clone().unwrap_or_else(|| "-".into()),
                    clip(&a.title, TITLE_WIDTH),
                    place(a),
                ]
            })
            .collect();
        page.table(
            &["ID", "WRITTEN", "QUALITY", "PROVIDER", "TITLE", "PATH"],
            &rows,
        );
    }

    fn quiet(&self, page: &mut Page) {
        page.ids(self.value.articles.iter().map(|a| a.id));
    }
}

/// One article as labelled fields; `-q` prints its id.
impl Render for Timed<'_, ArticleView> {
    fn human(&self, page: &mut Page) {
        article_fields(page, self.value, self.clock);
    }

    fn quiet(&self, page: &mut Page) {
        page.line(&self.value.id.to_string());
    }
}

fn article_fields(page: &mut Page, a: &ArticleView, clock: Clock) {
    let mut fields: Vec<Field> = vec![
        ("title", a.title.clone()),
        ("topic", a.topic.clone()),
        ("path", place(a)),
        ("written", clock.show(&a.created_at)),
        ("workflow", a.workflow.clone()),
        ("format", a.format.clone()),
        (
            "quality",
            a.quality.clone().unwrap_or_else(|| "not checked".into()),
        ),
        (
            "provider",
            a.provider.clone().unwrap_or_else(|| "not recorded".into()),
        ),
    ];
    if let Some(job) = a.job_id {
        fields.push(("job", job.to_string()));
    }
    if let Some(owner) = &a.owner {
        fields.push(("key", owner.clone()));
    }
    page.fields(&format!("article {}: {}", a.id, a.slug), &fields);
}
