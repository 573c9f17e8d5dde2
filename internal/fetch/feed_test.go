package fetch

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

const rssTemplate = `<?xml version="1.0" encoding="%ENC%"?>
<rss version="2.0"><channel>
<title>Nieuws uit Zeeland - overzicht</title>
<link>https://nieuws.example.nl/</link>
<item><title>Brug bij Vlissingen één dag dicht</title><link>/artikel/brug</link>
<pubDate>Wed, 04 Mar 2026 09:30:00 +0100</pubDate><description>Gemeente meldt onderhoud aan de brug; reünie gaat door.</description></item>
<item><title>Café in Middelburg krijgt prijs</title><link>https://nieuws.example.nl/artikel/cafe#reacties</link></item>
</channel></rss>`

func rss(enc string) string { return strings.ReplaceAll(rssTemplate, "%ENC%", enc) }

func latin1(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseFeedCharsets(t *testing.T) {
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(rss("UTF-16")))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantCharset string
	}{
		{"utf-8", []byte(rss("UTF-8")), "application/rss+xml", "utf-8"},
		{"utf-8 with BOM", append([]byte("\uFEFF"), rss("UTF-8")...), "", "utf-8"},
		{"latin-1 declared in XML only", latin1(t, rss("ISO-8859-1")), "application/xml", "windows-1252"},
		{"latin-1 in Content-Type only", latin1(t, rss("ISO-8859-1")), "text/xml; charset=iso-8859-1", "windows-1252"},
		{"latin-1 undeclared", latin1(t, strings.Replace(rss("X"), ` encoding="X"`, "", 1)), "", "windows-1252"},
		{"utf-16 with BOM", utf16, "", "utf-16le"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, cs, err := DecodeFeed(tt.body, tt.contentType)
			if err != nil || cs != tt.wantCharset {
				t.Fatalf("DecodeFeed charset %q, %v; want %q", cs, err, tt.wantCharset)
			}
			f, err := ParseFeed(tt.body, tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != 2 || f.Items[0].Title != "Brug bij Vlissingen één dag dicht" ||
				f.Items[1].Title != "Café in Middelburg krijgt prijs" {
				t.Fatalf("items decoded wrongly: %q / %q", f.Items[0].Title, f.Items[1].Title)
			}
			if !strings.Contains(f.Items[0].Description, "reünie") {
				t.Errorf("description %q lost its diaeresis", f.Items[0].Description)
			}
			links := EntryLinks(f, "https://nieuws.example.nl/feed.xml")
			want := []string{"https://nieuws.example.nl/artikel/brug", "https://nieuws.example.nl/artikel/cafe"}
			if !slices.Equal(links, want) {
				t.Errorf("links %q, want %q", links, want)
			}
		})
	}
}

func TestParseFeedErrors(t *testing.T) {
	tests := []struct{ name, body string }{
		{"unclosed tags", `<?xml version="1.0"?><rss version="2.0"><channel><title>Kapot</title><item><title>x`},
		{"not a feed", `<html><body>Dit is geen feed</body></html>`},
		{"empty", ``},
		{"unknown charset", `<?xml version="1.0" encoding="klingon-8"?><rss version="2.0"><channel></channel></rss>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFeed([]byte(tt.body), "")
			if err == nil || !strings.HasPrefix(err.Error(), "parse feed: ") {
				t.Fatalf("err = %v, want a parse feed error", err)
			}
		})
	}
}

// billionLaughs nests entity definitions so that naive expansion would need ~10^9 copies.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n")
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := "lol" + string(rune('0'+i))
		b.WriteString("<!ENTITY " + name + " \"" + strings.Repeat("&"+prev+";", 10) + "\">\n")
		prev = name
	}
	b.WriteString("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://example.nl/a</link></item></channel></rss>")
	return b.String()
}

func TestBillionLaughsBounded(t *testing.T) {
	body := []byte(billionLaughs())
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f, err := ParseFeed(body, "application/rss+xml")
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Fatalf("parsing a %d-byte entity bomb allocated %d MiB", len(body), alloc>>20)
	}
	if err == nil {
		// Parsed without expanding: no field may hold the expansion.
		for _, it := range f.Items {
			if len(it.Title) > len(body) {
				t.Fatalf("entity expanded to %d bytes", len(it.Title))
			}
		}
		if len(f.Title) > len(body) {
			t.Fatalf("entity expanded to %d bytes", len(f.Title))
		}
	}
	t.Logf("entity bomb of %d bytes: err=%v, allocated %d KiB", len(body), err, (after.TotalAlloc-before.TotalAlloc)>>10)
}

func TestParseFeedList(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []string
		wantErr string
	}{
		{"plain list", "# mijn feeds\nhttps://a.example.nl/rss\n\n  http://b.example.nl/feed.xml  # nachtelijk\nhttps://a.example.nl/rss\n",
			[]string{"https://a.example.nl/rss", "http://b.example.nl/feed.xml"}, ""},
		{"CRLF and BOM", "\uFEFFhttps://a.example.nl/rss\r\nhttps://c.example.nl/atom\r\n",
			[]string{"https://a.example.nl/rss", "https://c.example.nl/atom"}, ""},
		{"fragment dropped", "https://a.example.nl/rss#top\n", []string{"https://a.example.nl/rss"}, ""},
		{"relative URL", "https://a.example.nl/rss\n/feed.xml\n", nil, "line 2"},
		{"other scheme", "ftp://a.example.nl/rss\n", nil, "line 1"},
		{"empty", "# niets\n\n", nil, ""},
		{"opml nested", `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Feeds</title></head><body>
<outline text="Binnenland"><outline text="A" type="rss" xmlUrl="https://a.example.nl/rss"/>
<outline text="B" type="rss" xmlUrl="https://b.example.nl/atom" htmlUrl="https://b.example.nl/"/></outline>
<outline text="zonder url"/><outline text="A weer" xmlUrl="https://a.example.nl/rss"/>
</body></opml>`, []string{"https://a.example.nl/rss", "https://b.example.nl/atom"}, ""},
		{"opml bad url", `<opml version="1.0"><body><outline xmlUrl="javascript:alert(1)"/></body></opml>`, nil, "OPML line 1"},
		{"opml broken", `<opml version="1.0"><body><outline xmlUrl="https://a.example.nl/rss">`, nil, "OPML"},
		{"xml but not opml", `<rss version="2.0"></rss>`, nil, "not OPML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFeedList([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzParseFeedList(f *testing.F) {
	f.Add([]byte("https://a.example.nl/rss\n# c\nhttp://b.example.nl/x # y\n"))
	f.Add([]byte(`<opml version="2.0"><body><outline xmlUrl="https://a.example.nl/rss"/></body></opml>`))
	f.Add([]byte("\uFEFF<opml><body><outline><outline xmlUrl='http://x.nl/f'/></outline></body></opml>"))
	f.Add([]byte("https://a.example.nl/rss#x\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		urls, err := ParseFeedList(data)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, u := range urls {
			if seen[u] {
				t.Fatalf("duplicate %q", u)
			}
			seen[u] = true
			if _, err := feedURL(u); err != nil {
				t.Fatalf("returned an invalid URL %q: %v", u, err)
			}
		}
		// The URLs written back as a plain list must read back the same.
		again, err := ParseFeedList([]byte(strings.Join(urls, "\n")))
		if err != nil {
			t.Fatalf("re-parse of %q: %v", urls, err)
		}
		if !slices.Equal(urls, again) && !(len(urls) == 0 && len(again) == 0) {
			t.Fatalf("round trip %q -> %q", urls, again)
		}
	})
}

func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(rss("UTF-8")), "application/rss+xml")
	f.Add([]byte(rss("ISO-8859-1")), "")
	f.Add([]byte(billionLaughs()), "text/xml")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[{"id":"1","url":"/a"}]}`), "application/feed+json")
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><link href="b"/></entry></feed>`), "text/xml; charset=utf-16")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		dec, cs, err := DecodeFeed(body, contentType)
		if err == nil && cs != "utf-8" && !utf8.Valid(dec) {
			t.Fatalf("decoded %s is not UTF-8", cs)
		}
		feed, err := ParseFeed(body, contentType)
		if err != nil {
			return
		}
		for _, l := range EntryLinks(feed, "https://example.nl/feed") {
			if _, err := feedURL(l); err != nil {
				t.Fatalf("EntryLinks returned %q: %v", l, err)
			}
		}
	})
}

func BenchmarkParseFeed(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Bench</title>`)
	for i := range 100 {
		fmt.Fprintf(&sb, "<item><title>Bericht %d over de reünie in Zierikzee</title><link>/artikel/%d</link>"+
			"<pubDate>Wed, 04 Mar 2026 09:30:00 +0100</pubDate><description>Korte samenvatting van bericht %d.</description></item>", i, i, i)
	}
	sb.WriteString("</channel></rss>")
	body, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte(sb.String()))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		f, err := ParseFeed(body, "")
		if err != nil || len(f.Items) != 100 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*100)/b.Elapsed().Seconds(), "entries/s")
}
