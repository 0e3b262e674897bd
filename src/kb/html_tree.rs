//! Owns the tree of an HTML page as `kb::parse` reads it: html5ever's tree builder (the HTML
//! standard's parsing algorithm) builds it through the `TreeSink` here, which keeps every node
//! and all text but only the few attributes `kb::parse` asks about.
//!
//! Why a sink of our own: a general DOM (scraper's, before this) keeps every attribute, sorts
//! each element's attributes and carries per-element caches, none of which the walk uses, and
//! building it was most of the parse. The tree builder and the tree's shape are those of that
//! DOM, node for node: text runs merged the same way, a `template`'s contents a fragment node
//! under it, comments, doctypes and processing instructions kept as nodes (the walk's bounds
//! count nodes), and the same answers to the tree builder's questions.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use ego_tree::{NodeId, Tree};
use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, QualName, expanded_name, local_name, ns};

use super::html_tokens;

/// A node of the page.
pub enum Node {
    Document,
    /// A `template` element's contents, its only child.
    Fragment,
    Element(Element),
    Text(StrTendril),
    /// A comment, doctype or processing instruction: nothing reads them, but they are nodes.
    Other,
}

impl Node {
    pub fn as_element(&self) -> Option<&Element> {
        match self {
            Node::Element(element) => Some(element),
            _ => None,
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Node::Text(text) => Some(text),
            _ => None,
        }
    }
}

/// An element: its name, and of its attributes only those `kb::parse` reads.
pub struct Element {
    name: QualName,
    /// The attributes of `Attr`, without namespace or prefix (the tokenizer never gives two
    /// of one name).
    attrs: Vec<Attribute>,
    /// Whether the element has a `hidden` attribute, in any namespace.
    hidden: bool,
}

impl Element {
    fn new(name: QualName, mut attrs: Vec<Attribute>) -> Self {
        let hidden = attrs.iter().any(|a| a.name.local == local_name!("hidden"));
        attrs.retain(|a| a.name.prefix.is_none() && a.name.ns == ns!() && is_read(&a.name.local));
        Element {
            name,
            attrs,
            hidden,
        }
    }

    /// The element's local name (`div`, `a`), whatever its namespace.
    pub fn name(&self) -> &str {
        &self.name.local
    }

    /// The value of the attribute `name` (no namespace, no prefix).
    pub fn attr(&self, name: Attr) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| name.is(&a.name.local))
            .map(|a| &*a.value)
    }

    pub fn id(&self) -> Option<&str> {
        self.attr(Attr::Id)
    }

    pub fn is_hidden(&self) -> bool {
        self.hidden
    }
}

/// The attributes `kb::parse` reads; the tree keeps no other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attr {
    Class,
    Id,
    Role,
    Href,
    Rel,
    HttpEquiv,
    Name,
    Content,
    DataLang,
    /// An ordered list's first number.
    Start,
}

impl Attr {
    const ALL: [Attr; 10] = [
        Attr::Class,
        Attr::Id,
        Attr::Role,
        Attr::Href,
        Attr::Rel,
        Attr::HttpEquiv,
        Attr::Name,
        Attr::Content,
        Attr::DataLang,
        Attr::Start,
    ];

    fn name(self) -> &'static str {
        match self {
            Attr::Class => "class",
            Attr::Id => "id",
            Attr::Role => "role",
            Attr::Href => "href",
            Attr::Rel => "rel",
            Attr::HttpEquiv => "http-equiv",
            Attr::Name => "name",
            Attr::Content => "content",
            Attr::DataLang => "data-lang",
            Attr::Start => "start",
        }
    }

    /// Whether `name` is this attribute's name: atoms compare as one integer, where the walk
    /// asks for several attributes of every element it opens.
    fn is(self, name: &LocalName) -> bool {
        match self {
            Attr::Class => *name == local_name!("class"),
            Attr::Id => *name == local_name!("id"),
            Attr::Role => *name == local_name!("role"),
            Attr::Href => *name == local_name!("href"),
            Attr::Rel => *name == local_name!("rel"),
            Attr::HttpEquiv => *name == local_name!("http-equiv"),
            Attr::Name => *name == local_name!("name"),
            Attr::Content => *name == local_name!("content"),
            // Not among html5ever's static atoms.
            Attr::DataLang => &**name == "data-lang",
            Attr::Start => *name == local_name!("start"),
        }
    }
}

/// Whether the tree keeps an attribute named `name`.
fn is_read(name: &LocalName) -> bool {
    Attr::ALL.iter().any(|attr| attr.is(name))
}

/// Whether a start tag's attribute named `name` reaches the tree: the tokenizer need not make
/// the others.
fn is_kept(name: &[u8]) -> bool {
    name == b"hidden" || Attr::ALL.iter().any(|attr| attr.name().as_bytes() == name)
}

/// Parses a whole HTML document.
pub fn parse_document(text: &str) -> Tree<Node> {
    let sink = Sink(RefCell::new(Tree::new(Node::Document)));
    html_tokens::build(text, sink, is_kept)
}

/// Builds the tree for html5ever's tree builder.
struct Sink(RefCell<Tree<Node>>);

impl Sink {
    /// Appends text to `parent`, merged into its last child when that is text.
    fn append_text(&self, parent: NodeId, text: StrTendril) {
        let mut tree = self.0.borrow_mut();
        let mut parent = tree.get_mut(parent).expect("a node of this tree");
        if let Some(mut last) = parent.last_child()
            && let Node::Text(run) = last.value()
        {
            run.push_tendril(&text);
            return;
        }
        parent.append(Node::Text(text));
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Tree<Node>;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Tree<Node> {
        self.0.into_inner()
    }

    // Nothing reports them: a page is read as browsers read it, errors and all.
    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        self.0.borrow().root().id()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.0.borrow(), |tree| {
            match tree.get(*target).map(|n| n.value()) {
                Some(Node::Element(element)) => &element.name,
                _ => unreachable!("the tree builder asks only elements their name"),
            }
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let template = name.expanded() == expanded_name!(html "template");
        let mut tree = self.0.borrow_mut();
        let mut node = tree.orphan(Node::Element(Element::new(name, attrs)));
        if template {
            node.append(Node::Fragment);
        }
        node.id()
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.0.borrow_mut().orphan(Node::Other).id()
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.0.borrow_mut().orphan(Node::Other).id()
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(id) => {
                let mut tree = self.0.borrow_mut();
                tree.get_mut(*parent)
                    .expect("a node of this tree")
                    .append_id(id);
            }
            NodeOrText::AppendText(text) => self.append_text(*parent, text),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self
            .0
            .borrow()
            .get(*element)
            .is_some_and(|n| n.parent().is_some());
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        self.0.borrow_mut().root_mut().append(Node::Other);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let tree = self.0.borrow();
        let template = tree.get(*target).expect("a node of this tree");
        template.first_child().expect("its contents").id()
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    // The tree builder keeps the mode it parses in; the tree has no use for it.
    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut tree = self.0.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            tree.get_mut(id).expect("a node of this tree").detach();
        }
        let mut sibling = tree.get_mut(*sibling).expect("a node of this tree");
        if sibling.parent().is_none() {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => {
                sibling.insert_id_before(id);
            }
            NodeOrText::AppendText(text) => {
                if let Some(mut prev) = sibling.prev_sibling()
                    && let Node::Text(run) = prev.value()
                {
                    run.push_tendril(&text);
                    return;
                }
                sibling.insert_before(Node::Text(text));
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut tree = self.0.borrow_mut();
        let mut node = tree.get_mut(*target).expect("a node of this tree");
        let Node::Element(element) = node.value() else {
            unreachable!("the tree builder adds attributes only to elements");
        };
        let added = Element::new(element.name.clone(), attrs);
        element.hidden |= added.hidden;
        for attr in added.attrs {
            if !element.attrs.iter().any(|a| a.name == attr.name) {
                element.attrs.push(attr);
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.0
            .borrow_mut()
            .get_mut(*target)
            .expect("a node of this tree")
            .detach();
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.0
            .borrow_mut()
            .get_mut(*new_parent)
            .expect("a node of this tree")
            .reparent_from_id_append(*node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::tendril::TendrilSink;

    /// The tree html5ever's own tokenizer feeds to the same tree builder and sink.
    fn by_html5evers_tokenizer(text: &str) -> Tree<Node> {
        let sink = Sink(RefCell::new(Tree::new(Node::Document)));
        html5ever::parse_document(sink, Default::default()).one(text)
    }

    /// One line per node: depth, kind, and what the walk can read of it.
    fn dump(tree: &Tree<Node>) -> String {
        let mut out = String::new();
        for edge in tree.root().traverse() {
            let ego_tree::iter::Edge::Open(node) = edge else {
                continue;
            };
            let depth = node.ancestors().count();
            let line = match node.value() {
                Node::Document => "document".to_string(),
                Node::Fragment => "fragment".to_string(),
                Node::Other => "other".to_string(),
                Node::Text(text) => format!("{:?}", &**text),
                Node::Element(e) => {
                    let attrs: Vec<String> = Attr::ALL
                        .iter()
                        .filter_map(|a| e.attr(*a).map(|v| format!("{}={v:?}", a.name())))
                        .collect();
                    format!(
                        "<{:?} {} {}{}>",
                        &*e.name.ns,
                        e.name(),
                        attrs.join(" "),
                        if e.is_hidden() { " hidden" } else { "" }
                    )
                }
            };
            out.push_str(&format!("{depth} {line}\n"));
        }
        out
    }

    /// Pages where the tokenizer's state depends on the tree builder, or where the two
    /// tokenizers could differ on their own.
    const PAGES: &[&str] = &[
        "\u{feff}<!DOCTYPE html><title>A &amp; <b>B</b></title><p>text",
        "<pre>\nfirst line kept\n</pre><textarea>\n<b>not a tag</b></textarea>",
        "<script>if (a < b && c) { document.write('</p>'); }</script><p>after</p>",
        "<script><!-- <script> </script> still script --></script><p>x",
        "<style>p > a { color: red }</style><noscript><p>no</p></noscript>",
        "<p>one<plaintext><b>all text</b></p>",
        "<svg><![CDATA[ <raw> ]]><title>svg title <b>bold</b></title></svg><p><![CDATA[x]]>",
        "<math><annotation-xml encoding=\"text/html\"><p>in math</p></annotation-xml></math>",
        "<table><input type=hidden name=h><tr><td>cell</td>stray text</tr></table>",
        "<a href=one href=two class=c CLASS=d id=x data-lang=rust hidden>dup</a>",
        "<p>nul\u{0}in\u{0}text</p><p>crlf\r\nand\rcr</p>",
        "<template><p>inside</p></template><svg><font color=red>font</font></svg>",
        "<b><i>mis</b>nested</i><p>&notin; &notit; &#x1F600; &#0; &bogus;</p>",
        "<meta charset=utf-8><meta http-equiv=refresh content=\"0; url=x.html\"><body id=b>",
        "<html class=a><body role=main><html id=late><body class=late>x</body>",
        "<select><option>a<option>b</select><iframe><p>raw</p></iframe><xmp><b></xmp>",
        "<!-- comment --><?pi data?><!doctype html public \"-//W3C//DTD HTML 4.01//EN\">",
        "<div attr='unclosed><p>text",
        "<p>ends in a tag <a href=\"x",
        "",
    ];

    #[test]
    fn tricky_pages_build_the_same_tree_as_html5evers_tokenizer() {
        for page in PAGES {
            assert_eq!(
                dump(&parse_document(page)),
                dump(&by_html5evers_tokenizer(page)),
                "{page:?}"
            );
        }
    }

    /// Every `.html` page under `CGEN_HTML_TREE_DIR` builds the same tree both ways (run with
    /// `--ignored` over a documentation folder).
    #[test]
    #[ignore = "reads a documentation folder named by CGEN_HTML_TREE_DIR"]
    fn every_page_of_a_folder_builds_the_same_tree_as_html5evers_tokenizer() {
        let dir = std::env::var("CGEN_HTML_TREE_DIR").expect("CGEN_HTML_TREE_DIR");
        let mut pages = 0;
        for entry in ignore::WalkBuilder::new(dir)
            .standard_filters(false)
            .build()
        {
            let path = entry.expect("a readable folder").into_path();
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            pages += 1;
            assert!(
                dump(&parse_document(&text)) == dump(&by_html5evers_tokenizer(&text)),
                "{}",
                path.display()
            );
        }
        assert!(pages > 0);
        eprintln!("{pages} pages built the same tree");
    }
}
