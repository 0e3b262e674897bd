//! Owns how a page's text reaches html5ever's tree builder: html5gum's tokenizer (the HTML
//! standard's tokenizer, which reads runs of text and attribute values in bulk where
//! html5ever's own reads a character at a time) turns the page into tokens, and the tree
//! builder's answers switch the tokenizer's state as the standard says (`<title>` to RCDATA,
//! `<style>` to RAWTEXT, `<script>` to script data, `<plaintext>` to PLAINTEXT).
//!
//! Why not html5ever's tokenizer: on the std docs it was about 45 % of the ingest's
//! instructions, and html5gum tokenizes the same pages in less than half its time. The tree is
//! the same: a test builds pages both ways and compares the trees node for node.
//!
//! A start tag keeps only the attributes its caller asks for and those the tree builder itself
//! reads; making atoms and tendrils of every `href` and `title` on a page is most of what is left
//! of the tokenizer's cost once the text is read in bulk.

use std::convert::Infallible;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{Attribute, LocalName, QualName, ns};
use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, State, Tokenizer};

/// Attributes the tree builder reads on start tags (`<input type=hidden>` in tables, `<font
/// color>` in foreign content, `<meta charset>`, form association, declarative shadow roots).
const TREE_BUILDER_ATTRIBUTES: [&[u8]; 10] = [
    b"type",
    b"color",
    b"face",
    b"size",
    b"charset",
    b"http-equiv",
    b"content",
    b"form",
    b"shadowrootmode",
    b"encoding",
];

/// Tokenizes `text` and builds its tree in `sink`, keeping of each start tag's attributes those
/// `keeps` names and those the tree builder reads. The first attribute of a name wins, as in
/// html5ever's tokenizer.
pub fn build<S: TreeSink>(text: &str, sink: S, keeps: fn(&[u8]) -> bool) -> S::Output
where
    S::Handle: Clone,
{
    // html5ever's tokenizer drops a byte order mark at the start; html5gum reads it as text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
    let feeder = Feeder {
        builder: &builder,
        keeps,
        tag: None,
        keeping_value: false,
        next_state: None,
    };
    let emitter = TokenEmitter(CallbackEmitter::new(feeder));
    let Ok(()) = Tokenizer::new_with_emitter(text, emitter).finish();
    builder.sink.finish()
}

/// Turns html5gum's events into html5ever's tokens and hands them to the tree builder.
struct Feeder<'a, S: TreeSink> {
    builder: &'a TreeBuilder<S::Handle, S>,
    keeps: fn(&[u8]) -> bool,
    /// The start tag being read.
    tag: Option<Tag>,
    /// Whether the attribute being read is kept, so its value goes with it.
    keeping_value: bool,
    /// The tokenizer state the tree builder asked for after the last start tag.
    next_state: Option<State>,
}

impl<S: TreeSink> Feeder<'_, S>
where
    S::Handle: Clone,
{
    fn process(&mut self, token: Token) {
        // The line is for error messages, which the tree has no use for.
        self.next_state = match self.builder.process_token(token, 1) {
            TokenSinkResult::Plaintext => Some(State::PlainText),
            TokenSinkResult::RawData(RawKind::Rcdata) => Some(State::RcData),
            TokenSinkResult::RawData(RawKind::Rawtext) => Some(State::RawText),
            TokenSinkResult::RawData(RawKind::ScriptData | RawKind::ScriptDataEscaped(_)) => {
                Some(State::ScriptData)
            }
            // A script is never run, and the encoding is already known: the text is a `str`.
            TokenSinkResult::Continue
            | TokenSinkResult::Script(_)
            | TokenSinkResult::EncodingIndicator(_) => None,
        };
    }

    fn keeps(&self, name: &[u8]) -> bool {
        (self.keeps)(name) || TREE_BUILDER_ATTRIBUTES.contains(&name)
    }
}

impl<S: TreeSink> Callback<Infallible, ()> for Feeder<'_, S>
where
    S::Handle: Clone,
{
    fn handle_event(&mut self, event: CallbackEvent<'_>, _span: Span<()>) -> Option<Infallible> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag = Some(tag(TagKind::StartTag, name));
            }
            CallbackEvent::AttributeName { name } => {
                self.keeping_value = false;
                let kept = self.keeps(name);
                if let Some(tag) = self.tag.as_mut().filter(|_| kept) {
                    let name = QualName::new(None, ns!(), LocalName::from(as_text(name)));
                    if tag.attrs.iter().any(|a| a.name == name) {
                        tag.had_duplicate_attributes = true;
                    } else {
                        tag.attrs.push(Attribute {
                            name,
                            value: StrTendril::new(),
                        });
                        self.keeping_value = true;
                    }
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if self.keeping_value
                    && let Some(attr) = self.tag.as_mut().and_then(|t| t.attrs.last_mut())
                {
                    attr.value.push_slice(&as_text(value));
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                self.keeping_value = false;
                if let Some(mut tag) = self.tag.take() {
                    tag.self_closing = self_closing;
                    self.process(Token::TagToken(tag));
                }
            }
            CallbackEvent::EndTag { name } => {
                self.process(Token::TagToken(tag(TagKind::EndTag, name)));
            }
            CallbackEvent::String { value } => {
                // html5ever's tokenizer gives a NUL in text as a token of its own, which the
                // tree builder drops in body text.
                for (i, run) in value.split(|&b| b == 0).enumerate() {
                    if i > 0 {
                        self.process(Token::NullCharacterToken);
                    }
                    if !run.is_empty() {
                        self.process(Token::CharacterTokens(tendril(run)));
                    }
                }
            }
            CallbackEvent::Comment { value } => self.process(Token::CommentToken(tendril(value))),
            CallbackEvent::Doctype {
                name,
                public_identifier,
                system_identifier,
                force_quirks,
            } => self.process(Token::DoctypeToken(Doctype {
                name: Some(name).filter(|n| !n.is_empty()).map(tendril),
                public_id: public_identifier.map(tendril),
                system_id: system_identifier.map(tendril),
                force_quirks,
            })),
            // Pages are read as browsers read them, errors and all.
            CallbackEvent::Error(_) => {}
        }
        None
    }
}

fn tag(kind: TagKind, name: &[u8]) -> Tag {
    Tag {
        kind,
        name: LocalName::from(as_text(name)),
        self_closing: false,
        attrs: Vec::new(),
        had_duplicate_attributes: false,
    }
}

/// The tokenizer's bytes as text: it reads a `str` and splits it only at ASCII characters, so
/// its pieces are UTF-8 (a lossy copy covers what cannot happen).
fn as_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

fn tendril(bytes: &[u8]) -> StrTendril {
    StrTendril::from_slice(&as_text(bytes))
}

/// html5gum's callback emitter, with the tree builder deciding the tokenizer's next state and
/// answering whether CDATA sections are allowed.
struct TokenEmitter<'a, S: TreeSink>(CallbackEmitter<Feeder<'a, S>>);

impl<S: TreeSink> ForwardingEmitter for TokenEmitter<'_, S>
where
    S::Handle: Clone,
{
    type Token = Infallible;

    fn inner(&mut self) -> &mut impl Emitter<Token = Infallible> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        // The callback emitter chooses no state of its own (it switches states only when told to
        // guess them from tag names).
        let _none = self.0.emit_current_tag();
        self.0.callback_mut().next_state.take()
    }

    fn emit_eof(&mut self) {
        self.0.emit_eof();
        let feeder = self.0.callback_mut();
        feeder.process(Token::EOFToken);
        feeder.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        self.0
            .callback_mut()
            .builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}
