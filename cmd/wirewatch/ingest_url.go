package main

import (
	"context"
	"errors"
	"time"
)

// fetchURL fetches one page politely (robots.txt, rate limit, size limit) and
// returns its body and capture time, for `wirewatch ingest URL`.
// PLACEHOLDER: replaced by the fetch work.
func fetchURL(ctx context.Context, e *env, url string) (body []byte, capturedAt time.Time, err error) {
	return nil, time.Time{}, errors.New("ingest URL: not built yet")
}
