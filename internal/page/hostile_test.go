package page

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

const smallPage = "Rusland: dertig militairen gedood\nMOSKOU (ANP/RTR) - Het Russische leger zegt dat dertig militairen zijn gedood.\nOekraïne ontkent dat.\nMeer uit Buitenland\nKIEV (ANP) - Oekraïne meldt twaalf drones.\n5 minuten geledenBAGDAD (ANP/AFP) - Irak protesteert.\n2 uur geleden\n"

func TestHostileErrors(t *testing.T) {
	cases := []struct {
		name    string
		raw     []byte
		is      error  // errors.Is target, or nil
		contain string // substring of the message
	}{
		{"empty", nil, ErrEmpty, "empty page"},
		{"whitespace", []byte(" \n\t\r\n "), ErrEmpty, "empty page"},
		{"bom only", []byte("\xEF\xBB\xBF\n"), ErrEmpty, "empty page"},
		{"nul byte", []byte("Kop\nKIEV (ANP) - tekst\x00meer"), ErrBinary, "line 2, column 19: NUL byte"},
		{"control bytes", bytes.Repeat([]byte{0x01, 0x02, 'a', 0x03}, 100), ErrBinary, "control bytes"},
		{"png", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 1, 2}, 50)...), ErrBinary, "NUL byte"},
		{"feed without entries", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`), nil, "feed: no entries"},
		{"broken feed", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</titl`), nil, "feed"},
		{"html without text", []byte("<!DOCTYPE html><html><head></head><body></body></html>"), nil, "html: no text found"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, items, err := Parse("x", c.raw, nil)
			if err == nil {
				t.Fatalf("no error; items %+v", items)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %v is not %v", err, c.is)
			}
			if !strings.Contains(err.Error(), c.contain) {
				t.Errorf("error %q does not contain %q", err, c.contain)
			}
			if p.ID == "" || p.Source != "x" {
				t.Errorf("page header not filled on error: %+v", p)
			}
		})
	}
}

// TestEncodingsAndNewlines: every variant of the same page gives the same items.
func TestEncodingsAndNewlines(t *testing.T) {
	_, want, err := Parse("utf8", []byte(smallPage), nil)
	if err != nil {
		t.Fatal(err)
	}
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes([]byte(smallPage))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(smallPage))
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string][]byte{
		"bom":          append([]byte("\xEF\xBB\xBF"), smallPage...),
		"crlf":         []byte(strings.ReplaceAll(smallPage, "\n", "\r\n")),
		"cr":           []byte(strings.ReplaceAll(smallPage, "\n", "\r")),
		"windows-1252": cp1252,
		"utf-16":       utf16,
		"blank lines":  []byte(strings.ReplaceAll(smallPage, "\n", "\n\n")),
		"trailing ws":  []byte(strings.ReplaceAll(smallPage, "\n", "  \t\n")),
	}
	for name, raw := range variants {
		t.Run(name, func(t *testing.T) {
			p, got, err := Parse(name, raw, nil)
			if err != nil {
				t.Fatal(err)
			}
			if p.Format != FormatText {
				t.Errorf("format %s", p.Format)
			}
			if len(got) != len(want) {
				t.Fatalf("%d items, want %d", len(got), len(want))
			}
			for i := range got {
				if got[i].ID != want[i].ID || got[i].Text != want[i].Text {
					t.Errorf("item %d: %q (%s), want %q (%s)", i, got[i].Text, got[i].ID, want[i].Text, want[i].ID)
				}
			}
		})
	}
}

func TestInvalidUTF8FallsBackToWindows1252(t *testing.T) {
	raw := []byte("Kop\nPARIJS (ANP) - De Franse minister zei \x93nee\x94 tegen Caf\xe9 Ren\xe9e.\n")
	_, items, err := Parse("x", raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "De Franse minister zei “nee” tegen Café Renée."; items[0].Text != want {
		t.Errorf("text %q, want %q", items[0].Text, want)
	}
}

func TestHTMLCharsetFromMeta(t *testing.T) {
	body := `<html><head><meta charset="windows-1252"><title>Kop</title></head><body><article><h1>Kop</h1><p>GENÈVE (ANP) - De VN zeggen dat zeker 40 mensen zijn omgekomen bij een aanval op een markt in de regio. Het leger ontkent dat het de markt heeft beschoten en spreekt van propaganda van de tegenstander.</p></article></body></html>`
	raw, err := charmap.Windows1252.NewEncoder().Bytes([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	p, items, err := Parse("x", raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != FormatHTML || len(items) == 0 || items[0].Dateline == nil || items[0].Dateline.Places[0] != "GENÈVE" {
		t.Fatalf("format %s items %+v dateline %+v", p.Format, items, items[0].Dateline)
	}
}

func TestCapturedAtGivesPublishedAt(t *testing.T) {
	at := time.Date(2026, 3, 4, 12, 0, 0, 0, time.FixedZone("CET", 3600))
	p, items, err := Parse("x", []byte(smallPage), &at)
	if err != nil {
		t.Fatal(err)
	}
	if p.CapturedAt == nil || !p.CapturedAt.Equal(at) || p.CapturedAt.Location() != time.UTC {
		t.Errorf("captured_at %v, want %v in UTC", p.CapturedAt, at)
	}
	b := items[1]
	if b.PublishedAt == nil || !b.PublishedAt.Equal(at.Add(-5*time.Minute)) || b.PublishedPrecision != "minute" {
		t.Errorf("published_at %v (%s), want %v", b.PublishedAt, b.PublishedPrecision, at.Add(-5*time.Minute))
	}
	if items[0].PublishedAt != nil {
		t.Errorf("lead without age got published_at %v", items[0].PublishedAt)
	}
	_, items, _ = Parse("x", []byte(smallPage), nil)
	if items[1].PublishedAt != nil || items[1].AgeMinutes == nil || *items[1].AgeMinutes != 5 {
		t.Errorf("without capture time: published_at %v, age_minutes %v", items[1].PublishedAt, items[1].AgeMinutes)
	}
}

// TestHugePage: 50 MB of text parses (in linear time; the benchmark measures speed).
func TestHugePage(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB page skipped in -short")
	}
	var b bytes.Buffer
	b.WriteString("Kop van een heel lange pagina\nKIEV (ANP) - Begin.\n")
	para := strings.Repeat("Het leger zegt dat zeker 40 militairen zijn gedood, maar Moskou ontkent dat. ", 13) + "\n"
	for b.Len() < 50<<20 {
		b.WriteString(para)
	}
	raw := b.Bytes()
	_, items, err := Parse("huge", raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || len(items[0].Paragraphs) < 40000 {
		t.Fatalf("%d items, %d paragraphs", len(items), len(items[0].Paragraphs))
	}
	// 20 MB of HTML: past the extractor's limit, the fallback reads it.
	var h bytes.Buffer
	h.WriteString("<html><head><title>Kop</title></head><body><article><p>KIEV (ANP) - Begin.</p>")
	for h.Len() < 20<<20 {
		h.WriteString("<p>" + strings.TrimSpace(para) + "</p>\n")
	}
	p, items, err := Parse("huge.html", h.Bytes(), nil)
	if err != nil || p.Format != FormatHTML || len(items) != 1 || len(items[0].Paragraphs) < 10000 {
		t.Fatalf("huge html: %v, format %s, %d items", err, p.Format, len(items))
	}
	// One line of 50 MB: no quadratic behaviour on long lines either.
	one := bytes.ReplaceAll(raw, []byte("\n"), []byte(" "))
	if _, items, err = Parse("oneline", one, nil); err != nil || len(items) != 1 {
		t.Fatalf("one line: %v, %d items", err, len(items))
	}
}

func TestTruncatedHTML(t *testing.T) {
	full := `<!DOCTYPE html><html><head><title>Kop</title></head><body><article><h1>Kop</h1><p>KIEV (ANP) - Oekraïne zegt dat er zeker 40 doden zijn gevallen bij een aanval op de stad. Rusland ontkent dat en noemt de berichten leugens van de regering in Kyiv.</p><p>Tweede alinea met meer tekst over de aanval en de reacties.</p></article></body></html>`
	for _, cut := range []int{len(full) / 3, len(full) / 2, len(full) - 30, len(full) - 1} {
		p, items, err := Parse("x", []byte(full[:cut]), nil)
		if err != nil {
			t.Errorf("cut at %d: %v", cut, err)
			continue
		}
		if p.Format != FormatHTML || len(items) == 0 || items[0].Headline == nil {
			t.Errorf("cut at %d: format %s, items %+v", cut, p.Format, items)
		}
	}
}

// TestFeedEntityExpansion: a "billion laughs" feed must not expand its entities.
func TestFeedEntityExpansion(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">`)
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := "lol" + string(rune('0'+i))
		b.WriteString(`<!ENTITY ` + name + ` "` + strings.Repeat("&"+prev+";", 10) + `">`)
		prev = name
	}
	b.WriteString(`]><rss version="2.0"><channel><title>t</title><item><title>Kop &lol9;</title><description>KIEV (ANP) - Tekst &lol9;.</description></item></channel></rss>`)
	_, items, err := Parse("bomb", []byte(b.String()), nil)
	if err != nil {
		return // refusing the feed is fine too
	}
	for _, it := range items {
		if len(it.Text) > 1000 || (it.Headline != nil && len(*it.Headline) > 1000) {
			t.Fatalf("entities were expanded: text %d bytes", len(it.Text))
		}
	}
}

func TestFeedWindows1252Declared(t *testing.T) {
	xml := `<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>t</title><item><title>Caf` + "\xe9" + ` gebombardeerd</title><description>BEIROET (ANP) - Een caf` + "\xe9" + ` werd geraakt.</description></item></channel></rss>`
	_, items, err := Parse("x", []byte(xml), nil)
	if err != nil {
		t.Fatal(err)
	}
	if *items[0].Headline != "Café gebombardeerd" || items[0].Text != "Een café werd geraakt." {
		t.Errorf("headline %q text %q", *items[0].Headline, items[0].Text)
	}
}

func TestSniff(t *testing.T) {
	cases := map[string]string{
		"Kop\nKIEV (ANP) - x":                             FormatText,
		"<!DOCTYPE html><html>":                           FormatHTML,
		"  <html><body>x":                                 FormatHTML,
		"<p>los fragment</p>":                             FormatHTML,
		`<?xml version="1.0"?><rss version="2.0">`:        FormatFeed,
		`<?xml version="1.0"?><!-- c --><feed xmlns`:      FormatFeed,
		`<?xml version="1.0"?><html xmlns`:                FormatHTML,
		`<rdf:RDF xmlns:rdf="x">`:                         FormatFeed,
		`{"version": "https://jsonfeed.org/version/1.1"}`: FormatFeed,
		`{"a": 1}`: FormatText,
	}
	for in, want := range cases {
		if got := sniff([]byte(in)); got != want {
			t.Errorf("sniff(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestParseContentType(t *testing.T) {
	page := "Kop\nPARIJS (ANP) - Een caf\xe9 werd geraakt.\n"
	cases := []struct {
		name, ct, raw, want string
	}{
		{"text latin1 header", "text/plain; charset=iso-8859-1", page, "Een café werd geraakt."},
		{"text no header", "", page, "Een café werd geraakt."},
		{"text utf8 header", "text/plain; charset=utf-8", "Kop\nPARIJS (ANP) - Een café.\n", "Een café."},
		{"html header beats default", "text/html; charset=windows-1252",
			"<html><body><article><p>PARIJS (ANP) - Een caf\xe9 werd geraakt door een drone, zegt de politie. Het leger ontkent dat en spreekt van een ongeluk met een gasfles in de keuken.</p></article></body></html>",
			"Een café werd geraakt door een drone, zegt de politie. Het leger ontkent dat en spreekt van een ongeluk met een gasfles in de keuken."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, items, err := ParseContentType("x", []byte(c.raw), c.ct, nil)
			if err != nil {
				t.Fatal(err)
			}
			if items[0].Text != c.want {
				t.Errorf("text %q, want %q", items[0].Text, c.want)
			}
		})
	}
}

// TestHTMLBylineBeforeDateline: a byline or date before the dateline is no paragraph.
func TestHTMLBylineBeforeDateline(t *testing.T) {
	raw := `<html><head><title>Kop</title></head><body><h1>Kop</h1><p>Door onze correspondent</p><p>4 maart 2026, 09:12</p><p>KHARKIV (ANP) - Bij een aanval vielen volgens de gouverneur zeker vijf doden.</p><p>Rusland ontkent dat.</p></body></html>`
	_, items, err := Parse("x", []byte(raw), nil)
	if err != nil {
		t.Fatal(err)
	}
	it := items[0]
	if it.Dateline == nil || it.Dateline.Places[0] != "KHARKIV" {
		t.Fatalf("dateline %+v; paragraphs %q", it.Dateline, it.Paragraphs)
	}
	if want := "Bij een aanval vielen volgens de gouverneur zeker vijf doden.\nRusland ontkent dat."; it.Text != want {
		t.Errorf("text %q, want %q", it.Text, want)
	}
}

// TestMostlyUTF8: a UTF-8 page with one stray byte stays UTF-8 (the stray
// byte becomes U+FFFD) instead of turning every accent into mojibake.
func TestMostlyUTF8(t *testing.T) {
	raw := []byte("Oekraïne meldt aanval\nKIEV (ANP) - Oekraïne zegt dat Rusland \xff aanviel. Geëvacueerd: één dorp.\n")
	_, items, err := Parse("x", raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Oekraïne zegt dat Rusland \uFFFD aanviel. Geëvacueerd: één dorp."; items[0].Text != want {
		t.Errorf("text %q, want %q", items[0].Text, want)
	}
}

func TestFeedTitleOnlyEntriesHaveDistinctIDs(t *testing.T) {
	raw := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Eerste kop</title></item><item><title>Tweede kop</title></item></channel></rss>`
	_, items, err := Parse("x", []byte(raw), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].ID == items[1].ID {
		t.Fatalf("items %+v", items)
	}
}
