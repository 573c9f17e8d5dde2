package page

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Parse reads one page. capturedAt may be nil when unknown. The format is
// detected from the content. The returned Page is filled even on error, as far
// as known; errors say what went wrong and where, the caller adds the source.
func Parse(source string, raw []byte, capturedAt *time.Time) (Page, []Item, error) {
	return ParseContentType(source, raw, "", capturedAt)
}

// ParseContentType is Parse for bytes that came with an HTTP Content-Type
// header: its charset is used to decode the page when the page itself does
// not say otherwise (a BOM still wins; for HTML the header beats a meta tag).
func ParseContentType(source string, raw []byte, contentType string, capturedAt *time.Time) (p Page, items []Item, err error) {
	sum := sha256.Sum256(raw)
	p = Page{ID: hex.EncodeToString(sum[:]), Source: source, Format: FormatText, CapturedAt: capturedAt, Raw: raw}
	if capturedAt != nil {
		t := capturedAt.UTC()
		p.CapturedAt = &t
	}
	// A parser bug must not take the whole run down with it.
	defer func() {
		if r := recover(); r != nil {
			items, err = nil, fmt.Errorf("internal error parsing %s page: %v", p.Format, r)
		}
	}()
	text, format, err := decode(raw, contentType)
	p.Format = format
	if err != nil {
		return p, nil, err
	}
	switch format {
	case FormatHTML:
		items, err = parseHTML(text, p.CapturedAt)
	case FormatFeed:
		var feedTime *time.Time
		items, feedTime, err = parseFeed(text)
		if p.CapturedAt == nil && feedTime != nil {
			t := feedTime.UTC()
			p.CapturedAt = &t
		}
	default:
		items = parseText(text, p.CapturedAt)
		if len(items) == 0 {
			err = ErrEmpty
		}
	}
	if err != nil {
		return p, nil, err
	}
	for i := range items {
		items[i].ID = idOf(&items[i])
	}
	return p, items, nil
}

// idOf is the item's id; an item without text (a feed entry with only a
// title) is known by its headline instead.
func idOf(it *Item) string {
	if it.Text == "" && it.Headline != nil {
		return ItemID(it.Dateline, *it.Headline)
	}
	return ItemID(it.Dateline, it.Text)
}

// Decode turns raw page bytes into normalised UTF-8 text (BOM stripped, the
// declared or guessed charset decoded, CRLF and CR turned into LF) and tells
// the format detected from the content.
func Decode(raw []byte) (text, format string, err error) {
	return decode(raw, "")
}

func decode(raw []byte, contentType string) (text, format string, err error) {
	if isBlank(raw) {
		return "", FormatText, ErrEmpty
	}
	b, err := unBOM(raw)
	if err != nil {
		return "", FormatText, err
	}
	if err := checkBinary(b); err != nil {
		return "", FormatText, err
	}
	format = sniff(b)
	switch format {
	case FormatHTML:
		text, _, err = decodeHTML(b, contentType)
	case FormatFeed:
		text, err = decodeXML(b, contentType)
	default:
		text, err = decodeDeclared(b, contentType)
	}
	if err != nil {
		return "", format, err
	}
	text = normalizeNewlines(text)
	if isBlank([]byte(text)) {
		return "", format, ErrEmpty
	}
	return text, format, nil
}

func isBlank(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r', '\f', '\v':
		default:
			return false
		}
	}
	return true
}

// ItemID is the stable id of a wire item: a hash of its normalised dateline
// and text, so the same brief on two pages (with different ages) is one item.
func ItemID(d *Dateline, text string) string {
	h := sha256.New()
	if d != nil {
		h.Write([]byte(strings.ToUpper(strings.Join(d.Places, "/"))))
		h.Write([]byte{0})
		h.Write([]byte(strings.ToUpper(strings.Join(d.Agencies, "/"))))
	}
	h.Write([]byte{'\n'})
	h.Write(normalizeForID(text))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// normalizeForID lower-cases text and collapses runs of white space into one
// space, trimmed, in one pass (it runs over every byte of every page).
func normalizeForID(text string) []byte {
	out := make([]byte, 0, len(text))
	space := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				space = len(out) > 0
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			if space {
				out = append(out, ' ')
				space = false
			}
			out = append(out, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if isSpace(r) {
			space = len(out) > 0
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = utf8.AppendRune(out, unicode.ToLower(r))
	}
	return out
}
