package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"wirewatch/internal/store/sqlite"
)

// TestIngestSurvivesSIGKILL kills an ingest mid-run, ingests again and checks
// the database ends exactly like a clean run's and passes integrity_check.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests a corpus three times")
	}
	tmp := t.TempDir()
	bin, pre := wirewatchBinary(t)
	dir := filepath.Join(tmp, "corpus")
	writeCorpus(t, dir, 80)

	clean := filepath.Join(tmp, "clean.db")
	if out, err := exec.Command(bin, append(pre, "ingest", "--db", clean, dir)...).CombinedOutput(); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, out)
	}
	want := dbStats(t, clean)

	crash := filepath.Join(tmp, "crash.db")
	for round := 0; round < 2; round++ {
		cmd := exec.Command(bin, append(pre, "ingest", "--db", crash, "--workers", "2", dir)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill once some pages are committed (or after a while, whichever first).
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
			if n := committedPages(crash); n >= 15*(round+1) {
				break
			}
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Logf("round %d: ingest ended before the kill (%v)", round, err)
		}
	}
	if n := committedPages(crash); n >= want.Pages {
		t.Logf("the killed runs had already stored all %d pages", n)
	}
	if out, err := exec.Command(bin, append(pre, "ingest", "--db", crash, dir)...).CombinedOutput(); err != nil {
		t.Fatalf("ingest after kill: %v\n%s", err, out)
	}
	got := dbStats(t, crash)
	if !sameCounts(got, want) {
		t.Errorf("after kill and re-ingest: %+v\nclean run:             %+v", got, want)
	}
	s, err := sqlite.Open(context.Background(), crash)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if res, err := s.IntegrityCheck(context.Background()); err != nil || res != "ok" {
		t.Errorf("integrity_check = %q, %v", res, err)
	}
}

// wirewatchBinary is the program to run: $WIREWATCH_BIN when set (a binary
// built with go build), else this test binary re-executed as wirewatch (see
// TestWirewatchProcess), which avoids linking a second large binary on a busy
// machine. Either way it is a separate process that SIGKILL really kills.
func wirewatchBinary(t *testing.T) (string, []string) {
	if bin := os.Getenv("WIREWATCH_BIN"); bin != "" {
		return bin, nil
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("WIREWATCH_AS_CLI", "1")
	return self, []string{"-test.run=^TestWirewatchProcess$", "--"}
}

// TestWirewatchProcess is not a test: run by wirewatchBinary with
// WIREWATCH_AS_CLI=1, it is the wirewatch command.
func TestWirewatchProcess(t *testing.T) {
	if os.Getenv("WIREWATCH_AS_CLI") != "1" {
		t.Skip("helper process for TestIngestSurvivesSIGKILL")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(run(context.Background(), args, os.Stdin, os.Stdout, os.Stderr))
}

// committedPages counts pages in the database without writing to it; 0 when
// it does not exist yet or is busy.
func committedPages(path string) int {
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		return 0
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		return 0
	}
	return st.Pages
}
