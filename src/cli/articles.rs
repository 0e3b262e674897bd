//! `cgen articles list|show|search`: the history of what was generated, from the daemon's
//! store, so "what did I write on X" has an answer without searching the disk.

use clap::Subcommand;

use super::clock::Clock;
use super::output::{Field, clip};
use super::{CmdResult, Context, Output};
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
            print_article(ctx.out, &article, Clock { utc });
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
    print_list(ctx.out, &r, Clock { utc });
    Ok(())
}

/// Where an article went: its path, or standard output.
fn place(a: &ArticleView) -> String {
    a.path.clone().unwrap_or_else(|| "(standard output)".into())
}

fn print_list(out: Output, r: &ArticlesListResult, clock: Clock) {
    if out.json {
        out.json(r);
    } else if out.quiet {
        r.articles.iter().for_each(|a| out.line(&a.id.to_string()));
    } else {
        let rows: Vec<Vec<String>> = r
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
        out.table(
            &["ID", "WRITTEN", "QUALITY", "PROVIDER", "TITLE", "PATH"],
            &rows,
        );
    }
}

fn print_article(out: Output, a: &ArticleView, clock: Clock) {
    if out.json {
        out.json(a);
        return;
    }
    if out.quiet {
        out.line(&a.id.to_string());
        return;
    }
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
    out.fields(&format!("article {}: {}", a.id, a.slug), &fields);
}
