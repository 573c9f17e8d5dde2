package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"wirewatch/internal/analyze"
	"wirewatch/internal/store"
)

// Saver is the part of store.Store a worker writes to.
type Saver interface {
	Save(ctx context.Context, r analyze.Result) (store.SaveStats, error)
}

// Worker pulls pages, analyses and stores them.
type Worker struct {
	Queue       *Queue
	Analyzer    *analyze.Analyzer
	Store       Saver
	Log         *slog.Logger
	Concurrency int           // pull loops, each handling one page at a time (default 1)
	Batch       int           // pages per fetch (default 4)
	SaveTimeout time.Duration // for one Save (default 60s)
	// Drain bounds how long a cancelled worker keeps finishing pages in hand.
	Drain time.Duration

	stored, retried, dead atomic.Int64
}

// Counts is what a worker did.
type Counts struct {
	Stored  int64 `json:"stored"`  // pages saved and acknowledged
	Retried int64 `json:"retried"` // failed attempts handed back for redelivery
	Dead    int64 `json:"dead"`    // pages sent to the dead letters
}

// Counts reports progress so far.
func (w *Worker) Counts() Counts {
	return Counts{Stored: w.stored.Load(), Retried: w.retried.Load(), Dead: w.dead.Load()}
}

// permanentError marks a page that no retry can store.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// consumer creates or binds the durable pull consumer.
func (q *Queue) consumer(ctx context.Context) (jetstream.Consumer, error) {
	cc := jetstream.ConsumerConfig{
		Durable: q.cfg.Consumer, AckPolicy: jetstream.AckExplicitPolicy,
		AckWait: q.cfg.AckWait, MaxDeliver: q.cfg.MaxDeliver,
		FilterSubject: q.cfg.Subject, MaxAckPending: 1000,
		Replicas: max(q.cfg.Replicas, 1),
	}
	var c jetstream.Consumer
	err := retry(ctx, q.cfg.Request, func(ctx context.Context) error {
		var err error
		c, err = q.js.CreateOrUpdateConsumer(ctx, q.cfg.Stream, cc)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s: %w", q.cfg.Consumer, err)
	}
	return c, nil
}

// Run works until ctx is cancelled, then finishes the pages in hand and
// returns nil. It returns an error only when the consumer cannot be set up.
func (w *Worker) Run(ctx context.Context) error {
	if w.Log == nil {
		w.Log = slog.New(slog.DiscardHandler)
	}
	cons, err := w.Queue.consumer(ctx)
	if err != nil {
		return err
	}
	n := max(w.Concurrency, 1)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.loop(ctx, cons)
		}()
	}
	wg.Wait()
	return nil
}

func (w *Worker) loop(ctx context.Context, cons jetstream.Consumer) {
	batch := w.Batch
	if batch <= 0 {
		batch = 4
	}
	wait := 100 * time.Millisecond
	for ctx.Err() == nil {
		// FetchMaxWait bounds the request, so a fetch lost in a failover
		// is simply repeated.
		mb, err := cons.Fetch(batch, jetstream.FetchMaxWait(w.Queue.cfg.Request))
		if err != nil {
			w.Log.Warn("fetch failed", "err", err)
			sleep(ctx, wait)
			wait = min(wait*2, 2*time.Second)
			continue
		}
		wait = 100 * time.Millisecond
		for m := range mb.Messages() {
			w.handle(ctx, m)
		}
		if err := mb.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) {
			w.Log.Warn("fetch ended", "err", err)
			sleep(ctx, wait)
		}
	}
}

// handle processes one message; it runs to completion even when ctx is
// cancelled (bounded by Drain), so a stopping worker drains what it holds.
func (w *Worker) handle(ctx context.Context, m jetstream.Msg) {
	drain := w.Drain
	if drain <= 0 {
		drain = 30 * time.Second
	}
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(drain, cancel)
		go func() { <-hctx.Done(); t.Stop() }()
	})
	defer stop()

	md, err := m.Metadata()
	delivered := uint64(1)
	if err == nil {
		delivered = md.NumDelivered
	}
	// Keep a slow page from being redelivered to another worker mid-analysis.
	ticker := time.NewTicker(max(w.Queue.cfg.AckWait/3, time.Second))
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-ticker.C:
				_ = m.InProgress()
			}
		}
	}()
	err = w.process(hctx, m)
	close(done)
	ticker.Stop()

	switch {
	case err == nil:
		w.ack(hctx, m)
		w.stored.Add(1)
	case errors.As(err, new(permanentError)) || delivered >= uint64(w.Queue.cfg.MaxDeliver):
		w.Log.Error("page to dead letters", "subject", m.Subject(), "deliveries", delivered, "err", err)
		if derr := w.deadLetter(hctx, m, err, delivered); derr != nil {
			// Leave it unacknowledged: it comes back and we try again.
			w.Log.Error("dead letter failed", "err", derr)
			_ = m.NakWithDelay(backoff(delivered))
			w.retried.Add(1)
			return
		}
		_ = m.Term()
		w.dead.Add(1)
	default:
		w.Log.Warn("page failed, will retry", "deliveries", delivered, "err", err)
		_ = m.NakWithDelay(backoff(delivered))
		w.retried.Add(1)
	}
}

func (w *Worker) process(ctx context.Context, m jetstream.Msg) error {
	j, err := decode(m)
	if err != nil {
		return permanentError{err}
	}
	res, aerr := w.Analyzer.Page(j.Source, j.Raw, j.CapturedAt)
	timeout := w.SaveTimeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// An unparseable page is still recorded (with its error) before it goes
	// to the dead letters, as a direct ingest would.
	if _, err := w.Store.Save(sctx, res); err != nil {
		return fmt.Errorf("store %s: %w", j.Source, err)
	}
	if aerr != nil {
		return permanentError{fmt.Errorf("analyse: %w", aerr)}
	}
	return nil
}

// ack confirms the ack with the server, retrying briefly; if it never gets
// through, the page is redelivered and the idempotent Save makes that harmless.
func (w *Worker) ack(ctx context.Context, m jetstream.Msg) {
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(ctx, w.Queue.cfg.Request)
		err := m.DoubleAck(actx)
		cancel()
		if err == nil || errors.Is(err, jetstream.ErrMsgAlreadyAckd) {
			return
		}
		w.Log.Warn("ack failed", "err", err)
		sleep(ctx, 200*time.Millisecond)
	}
}

func (w *Worker) deadLetter(ctx context.Context, m jetstream.Msg, cause error, delivered uint64) error {
	msg := nats.NewMsg(w.Queue.cfg.DeadSubject)
	msg.Data = m.Data()
	for k, v := range m.Headers() {
		msg.Header[k] = v
	}
	msg.Header.Del(nats.MsgIdHdr)
	msg.Header.Set(HeaderError, cause.Error())
	msg.Header.Set(HeaderDeliveries, strconv.FormatUint(delivered, 10))
	j := Job{Raw: m.Data()}
	return retry(ctx, w.Queue.cfg.Request, func(ctx context.Context) error {
		_, err := w.Queue.js.PublishMsg(ctx, msg, jetstream.WithMsgID(j.ID()))
		return err
	})
}

// backoff grows with the number of deliveries: 1s, 2s, 4s … up to 30s.
func backoff(delivered uint64) time.Duration {
	d := time.Second << min(delivered-1, 5)
	return min(d, 30*time.Second)
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
