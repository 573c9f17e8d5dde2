package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"wirewatch/internal/corpus"
	"wirewatch/internal/store"
	"wirewatch/internal/store/sqlite"
)

// writeCorpus writes n generated pages under dir (some in a subdirectory).
func writeCorpus(t *testing.T, dir string, n int) {
	t.Helper()
	g := corpus.New(42, time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC))
	for i := range n {
		d := g.Page(i)
		sub := dir
		if i%3 == 0 {
			sub = filepath.Join(dir, "sub")
		}
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(sub, fmt.Sprintf("page%04d.txt", i))
		if err := os.WriteFile(p, d.Raw, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, d.CapturedAt, d.CapturedAt); err != nil {
			t.Fatal(err)
		}
	}
}

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func dbStats(t *testing.T, path string) store.Stats {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// sameCounts compares everything but Latest.
func sameCounts(a, b store.Stats) bool {
	a.Latest, b.Latest = nil, nil
	return a == b
}

func TestIngestDirectoryWithBadEntries(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, 12)
	// Entries that must be reported without stopping the others.
	bad := map[string]string{
		"blob.bin":  "binary",
		"empty.txt": "empty",
		"fifo":      "not a regular file",
		"dangling":  "no such file",
	}
	if err := os.WriteFile(filepath.Join(dir, "blob.bin"), []byte("\x7fELF\x00\x00\x01binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	// Unreadable for everyone but root.
	locked := filepath.Join(dir, "locked.txt")
	if err := os.WriteFile(locked, []byte("x"), 0o000); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		bad["locked.txt"] = "permission denied"
	} else if err := os.Remove(locked); err != nil {
		t.Fatal(err)
	}
	// Hidden files and directories are skipped silently.
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte("\x00binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte("\x00binary"), 0o644); err != nil {
		t.Fatal(err)
	}

	db := filepath.Join(t.TempDir(), "w.db")
	code, _, stderr := runCLI(t, "", "ingest", "--db", db, "--workers", "2", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1 (some pages failed); stderr:\n%s", code, stderr)
	}
	for name, reason := range bad {
		found := false
		for _, line := range strings.Split(stderr, "\n") {
			if strings.Contains(line, filepath.Join(dir, name)) && strings.Contains(line, reason) {
				found = true
			}
		}
		if !found {
			t.Errorf("stderr does not report %s (%s):\n%s", name, reason, stderr)
		}
	}
	if strings.Contains(stderr, ".hidden") || strings.Contains(stderr, ".git") {
		t.Errorf("hidden entries were read:\n%s", stderr)
	}
	want := fmt.Sprintf("ingested %d pages (12 new)", 12+len(bad))
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, fmt.Sprintf("%d errors", len(bad))) {
		t.Errorf("summary lacks %q / %d errors:\n%s", want, len(bad), stderr)
	}
	first := dbStats(t, db)
	if first.Pages != 12 || first.Items == 0 {
		t.Errorf("stats after ingest = %+v, want 12 pages with items", first)
	}

	// Again: nothing new, same counts.
	_, _, stderr = runCLI(t, "", "ingest", "--db", db, dir)
	if !strings.Contains(stderr, "(0 new): 0 new items") {
		t.Errorf("second ingest summary:\n%s", stderr)
	}
	if again := dbStats(t, db); !sameCounts(first, again) {
		t.Errorf("second ingest changed counts: %+v → %+v", first, again)
	}

	// Reanalysis keeps every page and item.
	code, _, stderr = runCLI(t, "", "reanalyze", "--db", db)
	if code != 0 {
		t.Fatalf("reanalyze exit %d:\n%s", code, stderr)
	}
	if re := dbStats(t, db); re.Pages != first.Pages || re.Items != first.Items {
		t.Errorf("reanalyze changed pages/items: %+v → %+v", first, re)
	}
}

func TestIngestStdinAndCapturedAt(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.db")
	d := corpus.New(1, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)).Page(0)
	code, _, stderr := runCLI(t, string(d.Raw), "ingest", "--db", db, "--captured-at", "2026-04-01T08:30:00Z", "-")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	st := dbStats(t, db)
	if st.Pages != 1 || st.Latest == nil || !st.Latest.Equal(time.Date(2026, 4, 1, 8, 30, 0, 0, time.UTC)) {
		t.Errorf("stats = %+v, want one page captured 2026-04-01T08:30Z", st)
	}
	if code, _, stderr := runCLI(t, "", "ingest", "--db", db, "--captured-at", "gisteren", "-"); code == 0 || !strings.Contains(stderr, "captured-at") {
		t.Errorf("bad --captured-at accepted: %d %s", code, stderr)
	}
}

func TestSearchAndExportCLI(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, 15)
	db := filepath.Join(t.TempDir(), "w.db")
	if code, _, stderr := runCLI(t, "", "ingest", "--db", db, dir); code != 0 {
		t.Fatalf("ingest exit %d:\n%s", code, stderr)
	}
	st := dbStats(t, db)

	// Every generated page names a dateline place; search for a word all pages share.
	code, out, stderr := runCLI(t, "", "search", "--db", db, "--json", "--limit", "5", "ANP")
	if code != 0 {
		t.Fatalf("search exit %d: %s", code, stderr)
	}
	var res struct {
		Hits []store.SearchHit `json:"hits"`
		Next string            `json:"next"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search --json output %q: %v", out, err)
	}
	code, out, _ = runCLI(t, "", "search", "--db", db, "situatie")
	if code != 0 {
		t.Fatalf("search exit %d", code)
	}
	if strings.Contains(out, "<mark>") {
		t.Errorf("text output contains HTML marks: %s", out)
	}
	if code, _, stderr := runCLI(t, "", "search", "--db", db, "--stance", "maybe", "x"); code == 0 {
		t.Errorf("bad --stance accepted: %s", stderr)
	}

	for _, tc := range []struct {
		what string
		want int
	}{{"claims", st.Claims}, {"items", st.Items}, {"actors", st.Actors}} {
		out := filepath.Join(t.TempDir(), tc.what+".csv")
		code, _, stderr := runCLI(t, "", "export", "--db", db, "--format", "csv", "--bom", "--what", tc.what, "-o", out)
		if code != 0 {
			t.Fatalf("export %s exit %d: %s", tc.what, code, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("\uFEFF")) {
			t.Errorf("export %s: no BOM", tc.what)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatalf("export %s: %v", tc.what, err)
		}
		if len(rows)-1 != tc.want {
			t.Errorf("export %s: %d rows, want %d", tc.what, len(rows)-1, tc.want)
		}
	}
	code, out, _ = runCLI(t, "", "export", "--db", db, "--stance", "assert")
	if code != 0 {
		t.Fatal("export jsonl failed")
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var c store.ClaimRecord
		if err := json.Unmarshal([]byte(line), &c); err != nil || c.Stance != "assert" {
			t.Errorf("jsonl line %q: %v stance %q", line, err, c.Stance)
		}
	}
	if code, _, _ := runCLI(t, "", "export", "--db", db, "--format", "xml"); code == 0 {
		t.Error("--format xml accepted")
	}
}
