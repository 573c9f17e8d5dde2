package page

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"wirewatch/examples"
)

// FuzzParse: no input panics, and whatever comes out is sane: valid kinds and
// numbering, text that is its paragraphs joined, offsets inside the decoded
// text, and ids that do not change between two parses.
func FuzzParse(f *testing.F) {
	for _, n := range examples.Names() {
		b, err := examples.Read(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(smallPage))
	f.Add([]byte("Meer uit Buitenland\n1 uur geleden\nzojuistKIEV (ANP) - x\n"))
	f.Add([]byte("<html><aside><h3>Meer uit Buitenland</h3><ul><li>KIEV (ANP) - x<time>net</time></li></ul></aside>"))
	f.Add([]byte(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title></entry></feed>`))
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, items, err := Parse("fuzz", raw, &at)
		if p.ID == "" {
			t.Fatal("page without id")
		}
		if err != nil {
			if len(items) != 0 {
				t.Fatal("items returned with an error")
			}
			return
		}
		text, format, derr := Decode(raw)
		if derr != nil || format != p.Format {
			t.Fatalf("Decode disagrees with Parse: %v, %s vs %s", derr, format, p.Format)
		}
		_, again, err := Parse("fuzz", raw, &at)
		if err != nil || len(again) != len(items) {
			t.Fatalf("second parse differs: %v, %d vs %d items", err, len(again), len(items))
		}
		prevN := -1
		for i, it := range items {
			if it.Kind != KindArticle && it.Kind != KindBrief {
				t.Fatalf("item %d kind %q", i, it.Kind)
			}
			if it.N <= prevN {
				t.Fatalf("item %d n=%d not increasing after %d", i, it.N, prevN)
			}
			prevN = it.N
			if it.Text != strings.Join(it.Paragraphs, "\n") {
				t.Fatalf("item %d text is not its paragraphs", i)
			}
			if !utf8.ValidString(it.Text) {
				t.Fatalf("item %d text is not UTF-8", i)
			}
			if it.ID != again[i].ID || it.ID != idOf(&it) {
				t.Fatalf("item %d id unstable", i)
			}
			if it.Start < 0 || it.End < it.Start || it.End > len(text) {
				t.Fatalf("item %d offsets %d..%d outside 0..%d", i, it.Start, it.End, len(text))
			}
			if p.Format == FormatText {
				for _, para := range it.Paragraphs {
					if !strings.Contains(text[it.Start:it.End], para) {
						t.Fatalf("item %d paragraph %q not inside its range", i, para)
					}
				}
			}
			if it.Dateline != nil && (len(it.Dateline.Places) == 0 || len(it.Dateline.Agencies) == 0) {
				t.Fatalf("item %d empty dateline %+v", i, it.Dateline)
			}
			if (it.Age == nil) != (it.AgeMinutes == nil) || (it.AgeMinutes != nil && *it.AgeMinutes < 0) {
				t.Fatalf("item %d age %v / %v", i, it.Age, it.AgeMinutes)
			}
		}
	})
}
