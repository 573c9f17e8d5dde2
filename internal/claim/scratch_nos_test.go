//go:build scratch

package claim

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

func TestScratchNOS(t *testing.T) {
	e := newTestExtractor(t)
	f, err := os.Open(os.Getenv("NEWS"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n, skip := 0, 0
	for sc.Scan() && n < 25 {
		var r struct {
			Title, Text string
			Mentions    bool `json:"mentions_russia_ukraine"`
			HasText     bool `json:"has_text"`
		}
		json.Unmarshal(sc.Bytes(), &r)
		if !r.Mentions || !r.HasText || len(r.Text) > 3000 {
			continue
		}
		skip++
		if skip%7 != 0 {
			continue
		}
		n++
		cs := e.Extract(input("x", r.Title, r.Text))
		t.Logf("=== %s (%d bytes)", r.Title, len(r.Text))
		for _, c := range cs {
			t.Logf("  [%s|%s/%s|%s %s %s] %s", c.Speaker, c.Actor.Name, c.Actor.Type, c.Mode, c.Cue, c.Stance, clipS(c.Sentence, 150))
		}
	}
}

func clipS(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
