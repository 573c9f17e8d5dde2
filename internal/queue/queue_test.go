package queue_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"wirewatch/internal/analyze"
	"wirewatch/internal/queue"
	"wirewatch/internal/queue/queuetest"
	"wirewatch/internal/store"
)

func connect(t testing.TB, url string, cfg queue.Config) *queue.Queue {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	q, err := queue.Connect(ctx, url, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = q.JetStream().DeleteStream(ctx, cfg.Stream)
		_ = q.JetStream().DeleteStream(ctx, cfg.DeadStream)
		q.Close()
	})
	return q
}

func testConfig(t testing.TB) queue.Config {
	cfg := queue.ConfigFor(queuetest.StreamName(t))
	cfg.AckWait = 5 * time.Second
	cfg.MaxDeliver = 3
	return cfg
}

func TestPublishDedupe(t *testing.T) {
	url := queuetest.SharedURL(t)
	q := connect(t, url, testConfig(t))
	ctx := context.Background()
	g := queuetest.NewGenerator(1)
	pages := [][]byte{g.Page(0), g.Page(1), g.Page(2)}
	tests := []struct {
		raw  []byte
		dup  bool
		name string
	}{
		{pages[0], false, "first"}, {pages[1], false, "second"}, {pages[0], true, "repeat of first"},
		{pages[2], false, "third"}, {pages[2], true, "repeat of third"},
	}
	for _, tc := range tests {
		dup, err := q.Publish(ctx, queue.Job{Raw: tc.raw, Source: tc.name})
		if err != nil {
			t.Fatal(err)
		}
		if dup != tc.dup {
			t.Errorf("%s: duplicate = %v, want %v", tc.name, dup, tc.dup)
		}
	}
	n, err := q.Pending(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Fatalf("pending = %d, want 3", n)
	}
}

// flaky fails the first failures saves of each page, then records them.
type flaky struct {
	mu       sync.Mutex
	failures int
	tries    map[string]int
	saved    map[string]int
	calls    atomic.Int64
}

func (f *flaky) Save(ctx context.Context, r analyze.Result) (store.SaveStats, error) {
	f.calls.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tries[r.Page.ID]++
	if f.tries[r.Page.ID] <= f.failures {
		return store.SaveStats{}, errors.New("injected: connection reset")
	}
	f.saved[r.Page.ID]++
	return store.SaveStats{NewPage: true}, nil
}

func TestWorkerRetriesAndDeadLetters(t *testing.T) {
	url := queuetest.SharedURL(t)
	an, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		failures  int
		pages     int
		wantSaved int
		wantDead  int
	}{
		{"no failures", 0, 6, 6, 0},
		{"one failure then retried", 1, 4, 4, 0},
		{"always failing goes to dead letters", 99, 3, 0, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := testConfig(t)
			q := connect(t, url, cfg)
			g := queuetest.NewGenerator(7)
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			for i := 0; i < tc.pages; i++ {
				if _, err := q.Publish(ctx, queue.Job{Raw: g.Page(i), Source: "gen"}); err != nil {
					t.Fatal(err)
				}
			}
			f := &flaky{failures: tc.failures, tries: map[string]int{}, saved: map[string]int{}}
			w := &queue.Worker{Queue: q, Analyzer: an, Store: f, Concurrency: 2}
			wctx, stop := context.WithCancel(ctx)
			done := make(chan error, 1)
			go func() { done <- w.Run(wctx) }()
			for ctx.Err() == nil {
				c := w.Counts()
				if int(c.Stored) == tc.wantSaved && int(c.Dead) == tc.wantDead {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			stop()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			if ctx.Err() != nil {
				t.Fatalf("timed out: %+v", w.Counts())
			}
			for id, n := range f.saved {
				if n != 1 {
					t.Errorf("page %s saved %d times", id[:8], n)
				}
			}
			if len(f.saved) != tc.wantSaved {
				t.Errorf("saved %d pages, want %d", len(f.saved), tc.wantSaved)
			}
			pending, err := q.Pending(ctx)
			if err != nil {
				t.Fatal(err)
			}
			dead, err := q.DeadLetters(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if pending != 0 || int(dead) != tc.wantDead {
				t.Errorf("pending %d dead %d, want 0 and %d", pending, dead, tc.wantDead)
			}
			if tc.wantDead > 0 && f.calls.Load() != int64(tc.pages*cfg.MaxDeliver) {
				t.Errorf("save calls %d, want %d (MaxDeliver each)", f.calls.Load(), tc.pages*cfg.MaxDeliver)
			}
		})
	}
}

func TestUnparseablePageGoesToDeadLettersAtOnce(t *testing.T) {
	url := queuetest.SharedURL(t)
	an, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t)
	q := connect(t, url, cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// An empty body cannot be a page.
	if _, err := q.JetStream().Publish(ctx, cfg.Subject, nil); err != nil {
		t.Fatal(err)
	}
	f := &flaky{tries: map[string]int{}, saved: map[string]int{}}
	w := &queue.Worker{Queue: q, Analyzer: an, Store: f}
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	for ctx.Err() == nil && w.Counts().Dead == 0 {
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	<-done
	c := w.Counts()
	if c.Dead != 1 || c.Retried != 0 {
		t.Fatalf("counts %+v, want one dead letter without retries", c)
	}
	s, err := q.JetStream().Stream(ctx, cfg.DeadStream)
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.GetLastMsgForSubject(ctx, cfg.DeadSubject)
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Get(queue.HeaderError) == "" {
		t.Fatalf("dead letter has no %s header: %v", queue.HeaderError, m.Header)
	}
}
