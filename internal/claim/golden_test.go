package claim

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden runs the extractor over hand-written items and compares the claims
// (without ids) with testdata/items.golden.json; run with -update to rewrite it.
func TestGolden(t *testing.T) {
	e := newTestExtractor(t)
	raw, err := os.ReadFile(filepath.Join("testdata", "items.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(raw), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	var all [][]Claim
	for i, block := range strings.Split(strings.Join(lines, "\n"), "\n---\n") {
		parts := strings.SplitN(strings.TrimSpace(block), "\n", 2)
		head := parts[0]
		if head == "-" {
			head = ""
		}
		body := ""
		if len(parts) > 1 {
			body = parts[1]
		}
		if j := strings.Index(body, " - "); j >= 0 && j < 40 {
			body = body[j+3:] // drop the dateline as the page parser does
		}
		all = append(all, e.Extract(input("golden-"+string(rune('a'+i)), head, body)))
	}
	e.LinkDisputes(all)
	// Replace ids by positions so the file stays readable and stable.
	pos := map[string]string{}
	for i, cs := range all {
		for j := range cs {
			pos[cs[j].ID] = string(rune('a'+i)) + string(rune('0'+j))
		}
	}
	for i := range all {
		for j := range all[i] {
			c := &all[i][j]
			c.ID = pos[c.ID]
			for k, d := range c.Disputes {
				c.Disputes[k] = pos[d]
			}
		}
	}
	got, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "items.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("claims differ from %s (run with -update after checking):\n%s", path, got)
	}
}
