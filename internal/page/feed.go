package page

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseFeed makes one item of each RSS/Atom/JSON feed entry. It also returns
// the feed's own time, used as the capture time when none is given. The text
// is already UTF-8 with its XML declaration saying so; gofeed reads it with
// encoding/xml, which does not expand custom entities.
func parseFeed(text string) ([]Item, *time.Time, error) {
	f, err := gofeed.NewParser().Parse(strings.NewReader(text))
	if err != nil {
		return nil, nil, fmt.Errorf("feed: %w", err)
	}
	stamp := f.UpdatedParsed
	if stamp == nil {
		stamp = f.PublishedParsed
	}
	if len(f.Items) == 0 {
		return nil, stamp, errors.New("feed: no entries")
	}
	items := make([]Item, 0, len(f.Items))
	for _, e := range f.Items {
		if e == nil {
			continue
		}
		body := e.Content
		if strings.TrimSpace(stripTags(body)) == "" {
			body = e.Description
		}
		b := &block{kind: KindArticle}
		var paras []line
		for i, tb := range fragmentBlocks(body) {
			s := tb.text
			if i == 0 {
				if d, rest, ok := ParseDateline(s); ok {
					b.dateline = &d
					s = strings.TrimSpace(rest)
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
		if title := firstText(stripTags(e.Title)); title != "" {
			b.headline = &title
		}
		if b.headline == nil && len(paras) == 0 {
			continue
		}
		it := b.item(nil)
		it.Start, it.End = 0, 0
		it.N = len(items)
		it.URL = strings.TrimSpace(e.Link)
		if it.URL == "" && len(e.Links) > 0 {
			it.URL = strings.TrimSpace(e.Links[0])
		}
		if t := e.PublishedParsed; t != nil {
			u := t.UTC()
			it.PublishedAt = &u
		} else if t := e.UpdatedParsed; t != nil {
			u := t.UTC()
			it.PublishedAt = &u
		}
		if it.PublishedAt != nil {
			it.PublishedPrecision = "second"
		}
		items = append(items, it)
	}
	if len(items) == 0 {
		return nil, stamp, errors.New("feed: no entry has a title or text")
	}
	return items, stamp, nil
}

// fragmentBlocks reads an entry's description or content: HTML when it has
// tags, else plain text with one paragraph a line.
func fragmentBlocks(s string) []textBlock {
	if !strings.Contains(s, "<") {
		var out []textBlock
		for _, l := range strings.Split(normalizeNewlines(html.UnescapeString(s)), "\n") {
			if l = strings.Join(strings.FieldsFunc(l, isSpace), " "); l != "" {
				out = append(out, textBlock{text: l})
			}
		}
		return out
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return []textBlock{{text: stripTags(s)}}
	}
	root := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return htmlBlocks(root, nil)
}

// stripTags returns the text of an HTML fragment on one line.
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return html.UnescapeString(s)
	}
	var parts []string
	for _, b := range fragmentBlocks(s) {
		parts = append(parts, b.text)
	}
	return strings.Join(parts, " ")
}
