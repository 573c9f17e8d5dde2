package corpus

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestDeterministicAndVaried(t *testing.T) {
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	g := New(1, base)
	a, b := g.Page(3), New(1, base).Page(3)
	if !bytes.Equal(a.Raw, b.Raw) || a.Result.Page.ID != b.Result.Page.ID {
		t.Error("same seed and page number gave different pages")
	}
	seen := map[string]bool{}
	claims, denials := 0, 0
	for i := range 50 {
		d := g.Page(i)
		if seen[d.Result.Page.ID] {
			t.Errorf("page %d repeats an earlier page", i)
		}
		seen[d.Result.Page.ID] = true
		if len(d.Result.Items) != 1+g.BriefsPerPage {
			t.Errorf("page %d has %d items", i, len(d.Result.Items))
		}
		for _, it := range d.Result.Items {
			if !strings.Contains(string(d.Raw), it.Text) {
				t.Errorf("page %d: item text not in raw page", i)
			}
			for _, c := range it.Claims {
				claims++
				if c.Stance == "deny" {
					denials++
				}
				if it.Text[c.Start:c.End] != c.Sentence {
					t.Errorf("claim offsets %d:%d do not give its sentence", c.Start, c.End)
				}
				if len(c.Quantities) == 0 || c.Quantities[0].Value == nil {
					t.Errorf("claim without its figure: %+v", c)
				}
			}
		}
	}
	if claims < 200 || denials == 0 {
		t.Errorf("50 pages gave %d claims, %d denials; want many and some denials", claims, denials)
	}
	// Neighbouring pages share briefs.
	p0, p1 := g.Page(10).Result.Items, g.Page(11).Result.Items
	shared := 0
	for _, x := range p0 {
		for _, y := range p1 {
			if x.ID == y.ID {
				shared++
			}
		}
	}
	if shared == 0 {
		t.Error("neighbouring pages share no item")
	}
}
