package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"wirewatch/internal/fetch"
)

// fetchConfigFromEnv is the polite-fetch configuration for commands without their own
// flags: WIREWATCH_CONTACT (put into the User-Agent) and WIREWATCH_ALLOW_PRIVATE.
func fetchConfigFromEnv() (fetch.Config, error) {
	cfg := fetch.Config{Contact: os.Getenv("WIREWATCH_CONTACT")}
	if v := os.Getenv("WIREWATCH_ALLOW_PRIVATE"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return cfg, fmt.Errorf("WIREWATCH_ALLOW_PRIVATE=%q: %w", v, err)
		}
		cfg.AllowPrivate = b
	}
	return cfg, nil
}

// fetchURL fetches one page politely (robots.txt, rate limit, size limit, no private
// addresses unless allowed) and returns its body and capture time, for `wirewatch ingest URL`.
func fetchURL(ctx context.Context, e *env, url string) (body []byte, capturedAt time.Time, err error) {
	cfg, err := fetchConfigFromEnv()
	if err != nil {
		return nil, time.Time{}, err
	}
	if cfg.Contact == "" {
		fmt.Fprintln(e.stderr, "wirewatch: warning: set WIREWATCH_CONTACT so site owners can reach you")
	}
	c := fetch.New(cfg)
	defer c.Close()
	resp, err := c.Fetch(ctx, fetch.Request{URL: url})
	if err != nil {
		return nil, time.Time{}, err
	}
	return resp.Body, resp.CapturedAt, nil
}
