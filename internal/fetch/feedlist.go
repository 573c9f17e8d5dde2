package fetch

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// ParseFeedList reads a feeds file: either OPML (outlines with xmlUrl, nested or not)
// or a plain list with one URL per line, blank lines and # comments ignored. It
// returns the absolute http(s) URLs without duplicates, in file order.
func ParseFeedList(data []byte) ([]string, error) {
	trim := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	if bytes.HasPrefix(trim, []byte("<")) {
		return parseOPML(trim)
	}
	var out []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		// A comment starts a line or follows white space; a # inside a URL is a fragment.
		if strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if i := strings.Index(line, "\t#"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" {
			continue
		}
		u, err := feedURL(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read feed list: %w", err)
	}
	return out, nil
}

func parseOPML(data []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var out []string
	seen := map[string]bool{}
	sawOPML := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, fmt.Errorf("OPML line %d: %w", line, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(se.Name.Local) {
		case "opml":
			sawOPML = true
		case "outline":
			for _, a := range se.Attr {
				if !strings.EqualFold(a.Name.Local, "xmlUrl") || strings.TrimSpace(a.Value) == "" {
					continue
				}
				u, err := feedURL(strings.TrimSpace(a.Value))
				if err != nil {
					line, _ := d.InputPos()
					return nil, fmt.Errorf("OPML line %d: %w", line, err)
				}
				if !seen[u] {
					seen[u] = true
					out = append(out, u)
				}
			}
		}
	}
	if !sawOPML {
		return nil, errors.New("feed list starts with '<' but is not OPML")
	}
	return out, nil
}

// feedURL checks that s is an absolute http(s) URL and returns it normalised.
func feedURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("bad URL %q: %w", s, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("not an absolute http(s) URL: %q", s)
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String(), nil
}

// resolve makes ref absolute against base and checks it is http(s).
func resolve(base, ref string) (string, error) {
	b, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	r, err := url.Parse(ref)
	if err != nil {
		return "", err
	}
	return feedURL(b.ResolveReference(r).String())
}
