// Package queue is wirewatch's scale-out work queue on NATS JetStream: ingest
// publishes raw pages to a work-queue stream, workers pull them, analyse and
// store them, and acknowledge only after the write has committed.
//
// JetStream delivers at least once; the store's idempotent writes make a
// redelivery harmless. Every JetStream call gets its own short context and is
// retried, because a request sent while the client reconnects to a new
// leader is lost and would otherwise block until its context ends.
package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Header names carried with each page.
const (
	HeaderSource     = "Wirewatch-Source"
	HeaderCapturedAt = "Wirewatch-Captured-At"
	HeaderError      = "Wirewatch-Error"
	HeaderDeliveries = "Wirewatch-Deliveries"
)

// Config names the stream and sets the delivery policy.
type Config struct {
	Stream      string        // work-queue stream, e.g. WIREWATCH_PAGES
	Subject     string        // its subject, e.g. wirewatch.pages
	DeadStream  string        // dead letters, e.g. WIREWATCH_DEAD
	DeadSubject string        // e.g. wirewatch.dead
	Consumer    string        // durable pull consumer, e.g. workers
	Replicas    int           // 1, or 3 on a cluster
	AckWait     time.Duration // redelivery after this long without an ack
	MaxDeliver  int           // attempts before a page goes to the dead letters
	Duplicates  time.Duration // dedupe window for message ids (page ids)
	Request     time.Duration // timeout of one JetStream request
}

// DefaultConfig is the production naming.
func DefaultConfig() Config {
	return Config{
		Stream: "WIREWATCH_PAGES", Subject: "wirewatch.pages",
		DeadStream: "WIREWATCH_DEAD", DeadSubject: "wirewatch.dead",
		Consumer: "workers", Replicas: 1,
		AckWait: 30 * time.Second, MaxDeliver: 5,
		Duplicates: time.Hour, Request: 2 * time.Second,
	}
}

// ConfigFor is DefaultConfig with stream and subjects derived from name, so
// several queues (tests) can share one server.
func ConfigFor(name string) Config {
	c := DefaultConfig()
	c.Stream = name
	c.Subject = "wirewatch." + name + ".pages"
	c.DeadStream = name + "_DEAD"
	c.DeadSubject = "wirewatch." + name + ".dead"
	return c
}

// Job is one page to analyse.
type Job struct {
	Raw        []byte
	Source     string
	CapturedAt *time.Time
}

// ID is the page id: sha256 of the raw bytes, also the JetStream message id.
func (j Job) ID() string {
	s := sha256.Sum256(j.Raw)
	return hex.EncodeToString(s[:])
}

// Queue is a connection to the stream.
type Queue struct {
	nc  *nats.Conn
	js  jetstream.JetStream
	cfg Config
}

// Connect dials url (comma-separated for a cluster) and creates or updates
// the streams.
func Connect(ctx context.Context, url string, cfg Config) (*Queue, error) {
	nc, err := nats.Connect(url,
		nats.Name("wirewatch"),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(200*time.Millisecond),
		nats.ReconnectBufSize(-1), // fail publishes while disconnected; we retry them
	)
	if err != nil {
		return nil, fmt.Errorf("queue: connect %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: jetstream: %w", err)
	}
	q := &Queue{nc: nc, js: js, cfg: cfg}
	if err := q.ensureStreams(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return q, nil
}

// Close drains and closes the connection.
func (q *Queue) Close() error {
	if err := q.nc.Drain(); err != nil {
		q.nc.Close()
		return err
	}
	return nil
}

// Config returns the queue's configuration.
func (q *Queue) Config() Config { return q.cfg }

// JetStream exposes the JetStream handle (tests, tools).
func (q *Queue) JetStream() jetstream.JetStream { return q.js }

func (q *Queue) ensureStreams(ctx context.Context) error {
	pages := jetstream.StreamConfig{
		Name: q.cfg.Stream, Subjects: []string{q.cfg.Subject},
		Retention: jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage,
		Replicas: max(q.cfg.Replicas, 1), Duplicates: q.cfg.Duplicates,
		Description: "wirewatch raw pages awaiting analysis",
	}
	dead := jetstream.StreamConfig{
		Name: q.cfg.DeadStream, Subjects: []string{q.cfg.DeadSubject},
		Retention: jetstream.LimitsPolicy, Storage: jetstream.FileStorage,
		Replicas: max(q.cfg.Replicas, 1), Duplicates: q.cfg.Duplicates,
		Description: "wirewatch pages that could not be analysed or stored",
	}
	for _, sc := range []jetstream.StreamConfig{pages, dead} {
		err := retry(ctx, q.cfg.Request, func(ctx context.Context) error {
			_, err := q.js.CreateOrUpdateStream(ctx, sc)
			return err
		})
		if err != nil {
			return fmt.Errorf("queue: stream %s: %w", sc.Name, err)
		}
	}
	return nil
}

// Publish queues one page. It reports whether JetStream dropped it as a
// repeat of a page already queued within the dedupe window.
func (q *Queue) Publish(ctx context.Context, j Job) (duplicate bool, err error) {
	msg := nats.NewMsg(q.cfg.Subject)
	msg.Data = j.Raw
	msg.Header.Set(HeaderSource, j.Source)
	if j.CapturedAt != nil {
		msg.Header.Set(HeaderCapturedAt, j.CapturedAt.UTC().Format(time.RFC3339Nano))
	}
	id := j.ID()
	err = retry(ctx, q.cfg.Request, func(ctx context.Context) error {
		ack, err := q.js.PublishMsg(ctx, msg, jetstream.WithMsgID(id))
		if err == nil {
			duplicate = ack.Duplicate
		}
		return err
	})
	if err != nil {
		return false, fmt.Errorf("queue: publish %s: %w", j.Source, err)
	}
	return duplicate, nil
}

// Pending counts the pages waiting in the stream (not yet acknowledged).
func (q *Queue) Pending(ctx context.Context) (uint64, error) {
	return q.count(ctx, q.cfg.Stream)
}

// DeadLetters counts the pages in the dead-letter stream.
func (q *Queue) DeadLetters(ctx context.Context) (uint64, error) {
	return q.count(ctx, q.cfg.DeadStream)
}

// count reads how many messages a stream holds.
func (q *Queue) count(ctx context.Context, stream string) (uint64, error) {
	var n uint64
	err := retry(ctx, q.cfg.Request, func(ctx context.Context) error {
		s, err := q.js.Stream(ctx, stream)
		if err != nil {
			return err
		}
		info, err := s.Info(ctx)
		if err != nil {
			return err
		}
		n = info.State.Msgs
		return nil
	})
	return n, err
}

func decode(m jetstream.Msg) (Job, error) {
	j := Job{Raw: m.Data(), Source: m.Headers().Get(HeaderSource)}
	if s := m.Headers().Get(HeaderCapturedAt); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return j, fmt.Errorf("bad %s header %q: %w", HeaderCapturedAt, s, err)
		}
		j.CapturedAt = &t
	}
	if len(j.Raw) == 0 {
		return j, errors.New("empty page")
	}
	return j, nil
}

// retry runs fn with a fresh per-request timeout until it succeeds or ctx
// ends, backing off up to a second between tries. Errors that a retry
// cannot cure are returned at once.
func retry(ctx context.Context, timeout time.Duration, fn func(context.Context) error) error {
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	wait := 50 * time.Millisecond
	for {
		rctx, cancel := context.WithTimeout(ctx, timeout)
		err := fn(rctx)
		cancel()
		if err == nil {
			return nil
		}
		if permanent(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (last error: %v)", ctx.Err(), err)
		case <-time.After(wait):
		}
		wait = min(wait*2, time.Second)
	}
}

// permanent errors are configuration mistakes, not outages.
func permanent(err error) bool {
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		// 10058: stream name in use with another configuration; 10065: subjects
		// overlap with another stream; 10099: overlapping work-queue consumer.
		switch apiErr.ErrorCode {
		case jetstream.JSErrCodeStreamNameInUse, jetstream.JSErrCodeBadRequest,
			jetstream.JSErrCodeConsumerNameExists, 10065, 10099:
			return true
		}
	}
	return errors.Is(err, nats.ErrConnectionClosed) || errors.Is(err, nats.ErrMaxPayload) ||
		errors.Is(err, jetstream.ErrInvalidStreamName)
}
