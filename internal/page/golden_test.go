package page

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"wirewatch/examples"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCapture is the capture time all golden files are made with.
var goldenCapture = time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)

// goldenOut is what a golden file holds: the page header and the items,
// paragraphs included (they are not in the JSON of Item itself).
type goldenOut struct {
	Page  Page         `json:"page"`
	Items []goldenItem `json:"items"`
}

type goldenItem struct {
	Item
	Paragraphs []string `json:"paragraphs"`
}

func goldenInputs(t *testing.T) map[string][]byte {
	t.Helper()
	in := map[string][]byte{}
	for _, n := range examples.Names() {
		b, err := examples.Read(n)
		if err != nil {
			t.Fatal(err)
		}
		in["example_"+filepath.Base(n)] = b
	}
	files, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in[filepath.Base(f)] = b
	}
	return in
}

// TestGolden parses every example page and every page in testdata and
// compares the result with testdata/golden/NAME.golden (go test -update rewrites them).
func TestGolden(t *testing.T) {
	for name, raw := range goldenInputs(t) {
		t.Run(name, func(t *testing.T) {
			p, items, err := Parse(name, raw, &goldenCapture)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			out := goldenOut{Page: p}
			for _, it := range items {
				out.Items = append(out.Items, goldenItem{Item: it, Paragraphs: it.Paragraphs})
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(out); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(name, filepath.Ext(name))+".golden")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run go test ./internal/page -run TestGolden -update): %v", err)
			}
			if d := cmp.Diff(string(want), buf.String()); d != "" {
				t.Errorf("%s differs from golden (-want +got):\n%s", name, d)
			}
		})
	}
}

// TestExampleShapes checks, independently of the golden files, the shape each
// example was written to show.
func TestExampleShapes(t *testing.T) {
	type want struct {
		format    string
		items     int
		briefs    int
		section   string
		dateline  bool // lead has a dateline
		subheads  int
		headline  string
		firstAge  string
		firstPlcs string
	}
	cases := map[string]want{
		"01_kyiv_drone_attack.txt": {FormatText, 9, 8, "Buitenland", true, 1, "Oekraïne: zeker 40 doden bij Russische aanval op Charkiv", "8 minuten geleden", "KHARTOEM"},
		"02_multiword_places.txt":  {FormatText, 8, 7, "Buitenland", true, 0, "Israël: honderden strijders opgepakt in Gaza-Stad", "zojuist", "SINT-PETERSBURG"},
		"03_no_dateline.txt":       {FormatText, 1, 0, "", false, 1, "Analyse: waarom het front in de Donbas nauwelijks beweegt", "", ""},
		"04_congo_crlf.txt":        {FormatText, 5, 4, "Buitenland", true, 0, "VN: meer dan 1 miljoen mensen gevlucht voor geweld in Oost-Congo", "12 minuten geleden", "KIEV"},
		"05_yemen_windows1252.txt": {FormatText, 4, 3, "Buitenland", true, 1, "Jemen: Houthi’s claimen aanval op tanker in Rode Zee", "17 minuten geleden", "ADEN"},
		"06_sudan_sidebar.html":    {FormatHTML, 4, 3, "Buitenland", true, 1, "Sudan: RSF doodt zeker 40 burgers bij aanval op El Fasher", "14 minuten geleden", "KYIV"},
		"07_feed_rss.xml":          {FormatFeed, 3, 0, "", true, 0, "Rusland: 150 Oekraïense militairen gevangengenomen bij Pokrovsk", "", ""},
		"08_feed_atom.xml":         {FormatFeed, 2, 0, "", true, 1, "NAVO: Rusland heeft tussen de 600.000 en 700.000 militairen in Oekraïne", "", ""},
	}
	for _, n := range examples.Names() {
		base := filepath.Base(n)
		w, ok := cases[base]
		if !ok {
			t.Errorf("example %s has no expectations here", base)
			continue
		}
		t.Run(base, func(t *testing.T) {
			raw, _ := examples.Read(n)
			p, items, err := Parse(n, raw, &goldenCapture)
			if err != nil {
				t.Fatal(err)
			}
			if p.Format != w.format {
				t.Errorf("format %q, want %q", p.Format, w.format)
			}
			if len(items) != w.items {
				t.Fatalf("%d items, want %d", len(items), w.items)
			}
			briefs := 0
			for i, it := range items {
				if it.Kind == KindBrief {
					briefs++
					if it.Headline != nil {
						t.Errorf("brief %d has headline %q", i, *it.Headline)
					}
				}
				if it.Section != w.section {
					t.Errorf("item %d section %q, want %q", i, it.Section, w.section)
				}
				if it.Text != strings.Join(it.Paragraphs, "\n") {
					t.Errorf("item %d: Text is not its paragraphs joined", i)
				}
			}
			if briefs != w.briefs {
				t.Errorf("%d briefs, want %d", briefs, w.briefs)
			}
			lead := items[0]
			if (lead.Dateline != nil) != w.dateline {
				t.Errorf("lead dateline %v, want present=%v", lead.Dateline, w.dateline)
			}
			if len(lead.Subheadings) != w.subheads {
				t.Errorf("lead subheadings %q, want %d", lead.Subheadings, w.subheads)
			}
			if lead.Headline == nil || *lead.Headline != w.headline {
				t.Errorf("headline %v, want %q", lead.Headline, w.headline)
			}
			if w.briefs > 0 {
				b := items[1]
				if b.Age == nil || *b.Age != w.firstAge {
					t.Errorf("first brief age %v, want %q", b.Age, w.firstAge)
				}
				if b.Dateline == nil || b.Dateline.Places[0] != w.firstPlcs {
					t.Errorf("first brief dateline %v, want place %q", b.Dateline, w.firstPlcs)
				}
			}
		})
	}
}
