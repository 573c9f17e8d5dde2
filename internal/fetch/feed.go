package fetch

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"
)

// xmlDeclEncoding finds the encoding pseudo-attribute of an XML declaration.
var xmlDeclEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// DecodeFeed converts a feed body to UTF-8. The charset comes from a byte-order mark,
// else the Content-Type, else the XML declaration, else UTF-8 if valid, else
// windows-1252. The XML declaration is rewritten to say UTF-8, because gofeed would
// otherwise decode the already-decoded text a second time.
func DecodeFeed(body []byte, contentType string) ([]byte, string, error) {
	name := ""
	head := body[:min(len(body), 1024)]
	if e, n, certain := charset.DetermineEncoding(head, ""); certain && e != nil {
		name = n // BOM
	}
	if name == "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
			name = params["charset"]
		}
	}
	if name == "" {
		if m := xmlDeclEncoding.FindSubmatch(head); m != nil {
			name = string(m[1])
		}
	}
	if name == "" {
		if utf8.Valid(body) {
			name = "utf-8"
		} else {
			name = "windows-1252"
		}
	}
	enc, canon := charset.Lookup(name)
	if enc == nil {
		return nil, "", fmt.Errorf("unknown charset %q", name)
	}
	out := body
	if canon != "utf-8" {
		var err error
		out, err = enc.NewDecoder().Bytes(body)
		if err != nil {
			return nil, "", fmt.Errorf("decode %s: %w", canon, err)
		}
	}
	out = bytes.TrimPrefix(out, []byte("\uFEFF"))
	if m := xmlDeclEncoding.FindSubmatchIndex(out); m != nil {
		out = append(append(append([]byte{}, out[:m[2]]...), "UTF-8"...), out[m[3]:]...)
	}
	return out, canon, nil
}

// ParseFeed parses an RSS, Atom or JSON feed fetched by us (never gofeed.ParseURL,
// which would bypass robots.txt, rate limits and the address checks).
func ParseFeed(body []byte, contentType string) (*gofeed.Feed, error) {
	dec, _, err := DecodeFeed(body, contentType)
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(dec))
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	return f, nil
}

// EntryLinks are the article URLs of a feed's entries, resolved against base,
// http(s) only, without fragments and duplicates, in feed order.
func EntryLinks(f *gofeed.Feed, base string) []string {
	var out []string
	seen := map[string]bool{}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		link := strings.TrimSpace(it.Link)
		if link == "" && len(it.Links) > 0 {
			link = strings.TrimSpace(it.Links[0])
		}
		if link == "" {
			continue
		}
		u, err := resolve(base, link)
		if err != nil || seen[u] {
			continue
		}
		seen[u] = true
		out = append(out, u)
	}
	return out
}
