package main

import (
	"context"
	"errors"
	"time"
)

// ingestToQueue publishes the pages at paths to the NATS JetStream queue at url
// instead of analysing them here; workers store them.
// PLACEHOLDER: replaced by the scale-out work.
func ingestToQueue(ctx context.Context, e *env, url string, paths []string, capturedAt *time.Time) error {
	return errors.New("ingest --queue: not built yet")
}
