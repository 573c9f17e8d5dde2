package page

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textBlock is one block of text from an HTML tree: a paragraph or a heading.
type textBlock struct {
	text    string
	heading bool
}

var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Section: true, atom.Article: true, atom.Aside: true,
	atom.Header: true, atom.Footer: true, atom.Main: true, atom.Nav: true, atom.Br: true,
	atom.Tr: true, atom.Table: true, atom.Figure: true, atom.Figcaption: true,
	atom.Dd: true, atom.Dt: true, atom.Dl: true, atom.Pre: true, atom.Hr: true,
}

var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Svg: true, atom.Button: true, atom.Form: true,
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// htmlBlocks flattens a tree into paragraphs and headings. skip names extra
// elements to leave out (e.g. time in a brief, whose age is read apart).
func htmlBlocks(n *html.Node, skip map[atom.Atom]bool) []textBlock {
	var out []textBlock
	var buf strings.Builder
	heading := false
	flush := func() {
		s := strings.Join(strings.FieldsFunc(buf.String(), isSpace), " ")
		if s != "" {
			out = append(out, textBlock{text: s, heading: heading})
		}
		buf.Reset()
		heading = false
	}
	// An explicit stack: hostile pages nest deeply.
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := []frame{{n: n}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		c := f.n
		if f.exit {
			flush()
			continue
		}
		switch c.Type {
		case html.TextNode:
			buf.WriteString(c.Data)
			continue
		case html.ElementNode:
			if skipTags[c.DataAtom] || skip[c.DataAtom] {
				continue
			}
			if blockTags[c.DataAtom] {
				flush()
				heading = isHeading(c.DataAtom)
				stack = append(stack, frame{n: c, exit: true})
			} else {
				buf.WriteByte(' ')
			}
		case html.CommentNode, html.DoctypeNode:
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, frame{n: k})
		}
	}
	flush()
	return out
}

// maxExtractorBytes is the largest page given to trafilatura.
const maxExtractorBytes = 2 << 20

// parseHTML reads an HTML page: headline from the page, briefs from a sidebar,
// the lead article with trafilatura, then the text rules on its paragraphs.
func parseHTML(text string, captured *time.Time) ([]Item, error) {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	q := goquery.NewDocumentFromNode(doc)
	headline := firstText(
		attr(q.Find(`meta[property="og:title"]`), "content"),
		q.Find("h1").First().Text(),
		q.Find("title").First().Text(),
	)
	canonical := firstText(attr(q.Find(`link[rel="canonical"]`), "href"), attr(q.Find(`meta[property="og:url"]`), "content"))
	var published *time.Time
	if s := attr(q.Find(`meta[property="article:published_time"]`), "content"); s != "" {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			t = t.UTC()
			published = &t
		}
	}

	section, side := findSidebar(q)
	var briefs []Item
	if side != nil {
		briefs = sidebarBriefs(side, captured)
		side.Remove()
	}
	for i := range briefs {
		briefs[i].URL = resolveURL(canonical, briefs[i].URL)
	}

	// The fallback is taken first because trafilatura may change the tree.
	fallback := mainBlocks(q)
	var blocks []textBlock
	cfg := trafilatura.DefaultConfig()
	cfg.MinExtractedSize = 40 // wire articles and briefs are short
	var terr error
	// trafilatura runs at under a MB a second; a huge page keeps to the
	// linear fallback so it still parses in reasonable time.
	if len(text) <= maxExtractorBytes {
		var res *trafilatura.ExtractResult
		res, terr = trafilatura.ExtractDocument(doc, trafilatura.Options{
			Config: cfg, ExcludeComments: true, HtmlDateMode: trafilatura.Disabled, Focus: trafilatura.FavorRecall,
		})
		if terr == nil && res != nil && res.ContentNode != nil {
			blocks = htmlBlocks(res.ContentNode, nil)
		}
	}
	if len(blocks) == 0 || merged(blocks, fallback) {
		blocks = fallback
	} else {
		blocks = restoreHeadings(blocks, fallback)
	}
	if len(blocks) > 0 && headline != "" && blocks[0].text == headline {
		blocks = blocks[1:]
	}

	var items []Item
	if len(blocks) > 0 || headline != "" {
		var textSection string
		items, textSection = itemsFromBlocks(headline, blocks, captured)
		if section == "" {
			section = textSection
		}
		if len(items) > 0 && items[0].Kind == KindArticle {
			items[0].URL = canonical
			if published != nil {
				items[0].PublishedAt = published
				items[0].PublishedPrecision = "second"
			}
		}
	}
	items = append(items, briefs...)
	base := 1 // briefs count from 1 even when the page has no lead article
	if len(items) > 0 && items[0].Kind == KindArticle {
		base = 0
	}
	for i := range items {
		items[i].N = base + i
	}
	if len(items) == 0 {
		if terr != nil {
			return nil, fmt.Errorf("html: no text found: %w", terr)
		}
		return nil, errors.New("html: no text found")
	}
	for i := range items {
		items[i].Section = section
	}
	return items, nil
}

// itemsFromBlocks turns the article text into items. Usually that is one lead
// article; when the text itself carries a "Meer uit" line or glued-age
// datelines (a scraped text page saved as HTML), the text rules cut it into
// the lead and its briefs, and HTML headings stay subheadings.
func itemsFromBlocks(headline string, blocks []textBlock, captured *time.Time) ([]Item, string) {
	// Split on a "Meer uit" line, an age glued to a dateline, or a second
	// dateline (the first is the lead's own).
	split, datelines := false, 0
	for _, b := range blocks {
		if _, ok := parseSection(b.text); ok {
			split = true
			break
		}
		if _, rest, ok := ParseAgePrefix(b.text); ok && rest != "" {
			if _, _, ok := ParseDateline(rest); ok {
				split = true
				break
			}
		}
		if _, _, ok := ParseDateline(b.text); ok {
			if datelines++; datelines > 1 {
				split = true
				break
			}
		}
	}
	if !split {
		lead := leadFromBlocks(blocks)
		if headline != "" {
			h := headline
			lead.Headline = &h
		}
		return []Item{lead}, ""
	}
	var sb strings.Builder
	if headline != "" {
		sb.WriteString(headline)
		sb.WriteByte('\n')
	}
	headings := map[string]bool{}
	for _, b := range blocks {
		sb.WriteString(b.text)
		sb.WriteByte('\n')
		if b.heading {
			headings[b.text] = true
		}
	}
	items := parseText(sb.String(), captured)
	section := ""
	for i := range items {
		it := &items[i]
		section = it.Section
		it.Start, it.End = 0, 0
		var paras []string
		for k, p := range it.Paragraphs {
			if k > 0 && headings[p] {
				it.Subheadings = append(it.Subheadings, p)
				continue
			}
			paras = append(paras, p)
		}
		if len(paras) != len(it.Paragraphs) {
			it.Paragraphs = paras
			it.Text = strings.Join(paras, "\n")
			it.ID = ItemID(it.Dateline, it.Text)
		}
	}
	return items, section
}

// leadFromBlocks applies the dateline and subheading rules to extracted blocks.
func leadFromBlocks(blocks []textBlock) Item {
	b := &block{kind: KindArticle}
	var paras []line
	for i, tb := range blocks {
		s := tb.text
		// The dateline opens the body; a byline or date line may stand before it.
		if b.dateline == nil && i < 3 {
			if d, rest, ok := ParseDateline(s); ok && allShort(paras) {
				b.dateline = &d
				s = strings.TrimSpace(rest)
				paras = paras[:0]
			}
		}
		if s == "" {
			continue
		}
		if tb.heading && len(paras) > 0 {
			b.subheadings = append(b.subheadings, s)
			continue
		}
		paras = append(paras, line{s: s})
	}
	b.addBody(paras)
	it := b.item(nil)
	it.Start, it.End = 0, 0
	return it
}

// allShort: lines short enough to be a byline or a date, not a paragraph.
func allShort(ls []line) bool {
	for _, l := range ls {
		if len(l.s) > 100 {
			return false
		}
	}
	return true
}

// findSidebar finds the block of briefs: the container of a "Meer uit X"
// heading, else an aside, else an element whose class or id says so.
func findSidebar(q *goquery.Document) (string, *goquery.Selection) {
	var section string
	var side *goquery.Selection
	// Walk text nodes, not elements, so a big page costs one pass.
	q.Find("body").Each(func(_ int, body *goquery.Selection) {
		for _, n := range body.Nodes {
			walkText(n, func(t *html.Node) bool {
				name, ok := parseSection(strings.Join(strings.FieldsFunc(t.Data, isSpace), " "))
				if !ok || t.Parent == nil {
					return true
				}
				section = name
				// The nearest ancestor that holds entries.
				for p := goquery.NewDocumentFromNode(t.Parent).Selection; p.Length() > 0 && !p.Is("body,html"); p = p.Parent() {
					if p.Is("main") || p.Find("h1,main").Length() > 0 {
						break // that far up it holds the article itself
					}
					if p.Find("li,article,p").Length() > 0 {
						side = p
						break
					}
				}
				return false
			})
		}
	})
	if side == nil {
		if a := q.Find("aside").First(); a.Length() > 0 {
			side = a
		} else if a := q.Find(`[class*="sidebar"],[id*="sidebar"],[class*="briefs"],[class*="related"]`).First(); a.Length() > 0 {
			side = a
		}
	}
	return section, side
}

// sidebarBriefs makes one brief of each entry that opens with a dateline.
func sidebarBriefs(side *goquery.Selection, captured *time.Time) []Item {
	entries := side.Find("li")
	if entries.Length() == 0 {
		entries = side.Find("article")
	}
	if entries.Length() == 0 {
		entries = side.Find("p")
	}
	var out []Item
	entries.Each(func(_ int, e *goquery.Selection) {
		if e.Find("li").Length() > 0 {
			return // an outer list item; its inner entries count
		}
		var age *Age
		var stamp *time.Time
		if t := e.Find("time").First(); t.Length() > 0 {
			if a, rest, ok := ParseAgePrefix(strings.TrimSpace(t.Text())); ok && rest == "" {
				age = &a
			}
			if dt, ok := t.Attr("datetime"); ok {
				if ts, err := time.Parse(time.RFC3339, strings.TrimSpace(dt)); err == nil {
					ts = ts.UTC()
					stamp = &ts
				}
			}
		}
		var paras []string
		b := &block{kind: KindBrief}
		for _, tb := range htmlBlocks(e.Get(0), map[atom.Atom]bool{atom.Time: true}) {
			s := tb.text
			if a, rest, ok := ParseAgePrefix(s); ok {
				if age == nil {
					age = &a
				}
				s = strings.TrimSpace(rest)
			}
			if a, rest, ok := parseAgeSuffix(s); ok {
				if age == nil {
					age = &a
				}
				s = strings.TrimSpace(rest)
			}
			if len(paras) == 0 && b.dateline == nil {
				d, rest, ok := ParseDateline(s)
				if !ok && tb.heading {
					continue // a teaser title above the brief; briefs have no headline
				}
				if !ok {
					return // not a wire brief (navigation, teaser)
				}
				b.dateline = &d
				s = strings.TrimSpace(rest)
			}
			if s != "" {
				paras = append(paras, s)
			}
		}
		if b.dateline == nil {
			return
		}
		b.paras = paras
		b.age = age
		it := b.item(captured)
		if age == nil && stamp != nil {
			it.PublishedAt = stamp
			it.PublishedPrecision = "second"
		}
		it.Start, it.End = 0, 0
		if href, ok := e.Find("a[href]").First().Attr("href"); ok {
			it.URL = href
		}
		out = append(out, it)
	})
	return out
}

// mainBlocks is the fallback article text: article, else main, else body.
func mainBlocks(q *goquery.Document) []textBlock {
	for _, sel := range []string{"article", "main", "body"} {
		if s := q.Find(sel).First(); s.Length() > 0 {
			if bs := htmlBlocks(s.Get(0), nil); len(bs) > 0 {
				return dropFirstHeading(bs)
			}
		}
	}
	return nil
}

// dropFirstHeading removes the page title repeated at the top of the body.
func dropFirstHeading(bs []textBlock) []textBlock {
	if len(bs) > 1 && bs[0].heading {
		return bs[1:]
	}
	return bs
}

// resolveURL makes a link absolute against the page's canonical URL when it can.
func resolveURL(base, ref string) string {
	if ref == "" || base == "" {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}

func attr(s *goquery.Selection, name string) string {
	v, _ := s.First().Attr(name)
	return strings.TrimSpace(v)
}

func firstText(ss ...string) string {
	for _, s := range ss {
		if s = strings.Join(strings.FieldsFunc(s, isSpace), " "); s != "" {
			return s
		}
	}
	return ""
}

// walkText calls f on every text node under n in document order until f returns false.
func walkText(n *html.Node, f func(*html.Node) bool) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.TextNode {
			if !f(c) {
				return
			}
			continue
		}
		if c.Type == html.ElementNode && skipTags[c.DataAtom] {
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
}

// merged tells when the extractor glued blocks of the page together (its
// baseline does for short pages: "KopKIEV (ANP) - ..."): a block that is not
// one of the page's own blocks but appears in them joined without separator.
func merged(got, page []textBlock) bool {
	own := make(map[string]bool, len(page))
	for _, b := range page {
		own[b.text] = true
	}
	for _, b := range got {
		if own[b.text] {
			continue
		}
		var joined strings.Builder
		for _, p := range page {
			joined.WriteString(p.text)
		}
		return strings.Contains(joined.String(), b.text)
	}
	return false
}

// restoreHeadings puts back the subheadings the extractor dropped: a heading of
// the page that stood right before a paragraph the extractor kept (and after
// the first one) goes back in front of it.
func restoreHeadings(got, page []textBlock) []textBlock {
	kept := make(map[string]bool, len(got))
	for _, b := range got {
		kept[b.text] = true
	}
	before := map[string]string{} // kept paragraph -> heading to put before it
	for i := 1; i+1 < len(page); i++ {
		h, next := page[i], page[i+1]
		if h.heading && !kept[h.text] && !next.heading && kept[next.text] {
			before[next.text] = h.text
		}
	}
	if len(before) == 0 {
		return got
	}
	out := make([]textBlock, 0, len(got)+len(before))
	for i, b := range got {
		if h, ok := before[b.text]; ok && i > 0 {
			out = append(out, textBlock{text: h, heading: true})
			delete(before, b.text)
		}
		out = append(out, b)
	}
	return out
}
