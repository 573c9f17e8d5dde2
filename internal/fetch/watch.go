package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"wirewatch/internal/analyze"
	"wirewatch/internal/store"
)

// Saver is the part of store.Store the watcher needs.
type Saver interface {
	Save(ctx context.Context, r analyze.Result) (store.SaveStats, error)
	SaveFeed(ctx context.Context, f store.FeedState) error
	Feeds(ctx context.Context) ([]store.FeedState, error)
}

// SourceChecker may be implemented by a Saver that can tell whether a page with
// this source URL is stored; the watcher then never refetches a stored article,
// even right after a restart. Without it, an in-memory set and the entries' dates
// do most of that work.
type SourceChecker interface {
	HasSource(ctx context.Context, source string) (bool, error)
}

// PageAnalyzer turns raw bytes into an analysis; *analyze.Analyzer is one.
type PageAnalyzer interface {
	Page(source string, raw []byte, capturedAt *time.Time) (analyze.Result, error)
}

// WatchConfig tunes a Watcher. Zero fields take the defaults noted.
type WatchConfig struct {
	// MaxArticles bounds the article pages fetched per feed per poll (default 50).
	MaxArticles int
	// SkipFeedPage turns off storing the feed document itself as a page.
	SkipFeedPage bool
	// Log receives progress; nil discards it.
	Log *slog.Logger
}

// Watcher polls feeds, fetches the articles they link to and stores both.
type Watcher struct {
	client *Client
	store  Saver
	an     PageAnalyzer
	cfg    WatchConfig

	mu   sync.Mutex
	seen map[string]time.Time // article URL → when a feed last listed it, once handled
}

// seenRetention is how long a handled article URL is remembered after it left all
// feeds; links still listed are refreshed every poll.
const seenRetention = 48 * time.Hour

// NewWatcher makes a Watcher.
func NewWatcher(c *Client, s Saver, a PageAnalyzer, cfg WatchConfig) *Watcher {
	if cfg.MaxArticles <= 0 {
		cfg.MaxArticles = 50
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Watcher{client: c, store: s, an: a, cfg: cfg, seen: map[string]time.Time{}}
}

// PollResult is what one poll of one feed did.
type PollResult struct {
	Feed        string `json:"feed"`
	Status      int    `json:"status"`
	NotModified bool   `json:"not_modified"`
	Entries     int    `json:"entries"`
	Fetched     int    `json:"fetched"`   // article pages fetched and stored
	Skipped     int    `json:"skipped"`   // already handled, or disallowed by robots.txt
	Failed      int    `json:"failed"`    // article fetches or saves that failed
	NewPages    int    `json:"new_pages"` // pages new to the store (feed included)
	NewItems    int    `json:"new_items"` // items new to the store
	Error       string `json:"error,omitempty"`
}

// Run polls all feeds now and then every interval until ctx ends, calling report
// after each round. A cancelled context is a clean stop (nil error).
func (w *Watcher) Run(ctx context.Context, feeds []string, interval time.Duration, report func([]PollResult)) error {
	if interval <= 0 {
		return errors.New("watch: interval must be positive")
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		res, err := w.Poll(ctx, feeds)
		if ctx.Err() != nil {
			return nil
		}
		if report != nil {
			report(res)
		}
		if err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Poll polls every feed once. A feed's failure is recorded in its state and does not
// stop the others; the error returned is only for store failures (or cancellation).
func (w *Watcher) Poll(ctx context.Context, feeds []string) ([]PollResult, error) {
	states, err := w.store.Feeds(ctx)
	if err != nil {
		return nil, fmt.Errorf("watch: load feed state: %w", err)
	}
	byURL := make(map[string]store.FeedState, len(states))
	for _, s := range states {
		byURL[s.URL] = s
	}
	var out []PollResult
	var errs []error
	for _, f := range feeds {
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		st, ok := byURL[f]
		if !ok {
			st = store.FeedState{URL: f}
		}
		r, err := w.pollFeed(ctx, st)
		if err != nil {
			errs = append(errs, err)
		}
		out = append(out, r)
	}
	w.mu.Lock()
	for link, t := range w.seen {
		if time.Since(t) > seenRetention {
			delete(w.seen, link)
		}
	}
	w.mu.Unlock()
	return out, errors.Join(errs...)
}

// pollFeed polls one feed and saves its new state.
func (w *Watcher) pollFeed(ctx context.Context, prev store.FeedState) (PollResult, error) {
	log := w.cfg.Log.With("feed", prev.URL)
	res := PollResult{Feed: prev.URL}
	st := prev
	now := time.Now().UTC().Truncate(time.Second)
	st.LastFetch = &now

	fail := func(status int, err error) (PollResult, error) {
		if ctx.Err() != nil {
			return res, ctx.Err() // shutting down: not the feed's fault, keep its state
		}
		res.Status, res.Error = status, err.Error()
		st.Status, st.LastError = status, err.Error()
		log.Warn("feed failed", "err", err)
		if serr := w.store.SaveFeed(ctx, st); serr != nil {
			return res, fmt.Errorf("save feed %s: %w", prev.URL, serr)
		}
		return res, nil
	}

	resp, err := w.client.Fetch(ctx, Request{
		URL: prev.URL, ETag: prev.ETag, LastModified: prev.LastModified,
		Accept: "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5",
	})
	if err != nil {
		var se *StatusError
		status := 0
		if errors.As(err, &se) {
			status = se.Status
		}
		return fail(status, err)
	}
	res.Status = resp.Status
	if resp.NotModified {
		res.NotModified = true
		res.Entries = prev.Items
		st.Status, st.LastError = resp.Status, ""
		log.Info("feed not modified")
		if err := w.store.SaveFeed(ctx, st); err != nil {
			return res, fmt.Errorf("save feed %s: %w", prev.URL, err)
		}
		return res, nil
	}
	feed, err := ParseFeed(resp.Body, resp.ContentType)
	if err != nil {
		// The validators are not kept, so the next poll fetches the feed again in full.
		return fail(resp.Status, fmt.Errorf("%s: %w", prev.URL, err))
	}
	res.Entries = len(feed.Items)
	st.Title, st.Items, st.Status = feed.Title, len(feed.Items), resp.Status

	var problems []error
	if !w.cfg.SkipFeedPage && len(feed.Items) > 0 { // an empty feed is no page of items
		if _, err := w.ingest(ctx, prev.URL, resp, &res); err != nil {
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			problems = append(problems, err)
		}
	}
	problems = append(problems, w.fetchArticles(ctx, prev, feed, resp.URL, &res)...)
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	st.ETag, st.LastModified = resp.ETag, resp.LastModified
	st.LastError = ""
	if len(problems) > 0 {
		st.LastError = summarise(problems)
		res.Error = st.LastError
	}
	log.Info("feed polled", "entries", res.Entries, "fetched", res.Fetched, "skipped", res.Skipped,
		"failed", res.Failed, "new_items", res.NewItems)
	if err := w.store.SaveFeed(ctx, st); err != nil {
		return res, fmt.Errorf("save feed %s: %w", prev.URL, err)
	}
	return res, nil
}

// summarise keeps the feed's last-error line short: the first problem and a count.
func summarise(errs []error) string {
	if len(errs) == 1 {
		return errs[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", errs[0], len(errs)-1)
}

// restartMargin allows for clock differences when skipping entries older than the
// previous successful poll (which stored them already).
const restartMargin = time.Hour

// fetchArticles fetches and stores the pages a feed links to that were not handled yet.
func (w *Watcher) fetchArticles(ctx context.Context, prev store.FeedState, feed *gofeed.Feed, base string, res *PollResult) []error {
	links := EntryLinks(feed, base)
	dates := entryDates(feed, base)
	now := time.Now()
	handled := func(link string) {
		w.mu.Lock()
		w.seen[link] = now
		w.mu.Unlock()
	}
	var problems []error
	fetched, left := 0, 0
	for _, link := range links {
		if ctx.Err() != nil {
			break
		}
		w.mu.Lock()
		_, done := w.seen[link]
		w.mu.Unlock()
		if done { // by this feed or another one
			handled(link)
			res.Skipped++
			continue
		}
		// After a restart the in-memory set is empty: entries dated before the last
		// clean poll were stored by it.
		if d, ok := dates[link]; ok && prev.LastFetch != nil && prev.LastError == "" && (prev.Status == 200 || prev.Status == 304) &&
			d.Before(prev.LastFetch.Add(-restartMargin)) {
			handled(link)
			res.Skipped++
			continue
		}
		if sc, ok := w.store.(SourceChecker); ok {
			if has, err := sc.HasSource(ctx, link); err == nil && has {
				handled(link)
				res.Skipped++
				continue
			}
		}
		if fetched >= w.cfg.MaxArticles {
			left++ // waits for the next poll
			continue
		}
		resp, err := w.client.Fetch(ctx, Request{URL: link, Accept: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"})
		if errors.Is(err, ErrDisallowed) { // no request was made: does not count against the cap
			if !errors.Is(err, ErrRobotsUnavailable) {
				handled(link) // robots.txt says no; do not ask again every poll
			}
			res.Skipped++
			continue
		}
		fetched++
		if err != nil {
			if ctx.Err() == nil {
				res.Failed++
				problems = append(problems, err)
			}
			continue
		}
		saved, err := w.ingest(ctx, resp.URL, resp, res)
		if saved {
			res.Fetched++
			handled(link) // stored, even if its analysis failed: a re-analysis can redo it
		} else if ctx.Err() == nil {
			res.Failed++
		}
		if err != nil && ctx.Err() == nil {
			problems = append(problems, err)
		}
	}
	if left > 0 {
		// Recorded as a problem so that a restart does not take these as stored.
		problems = append(problems, fmt.Errorf("%d articles left for the next poll (at most %d per poll)", left, w.cfg.MaxArticles))
	}
	return problems
}

// entryDates maps entry links to their publication (or update) time, when given.
func entryDates(f *gofeed.Feed, base string) map[string]time.Time {
	m := map[string]time.Time{}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		t := it.PublishedParsed
		if it.UpdatedParsed != nil && (t == nil || it.UpdatedParsed.After(*t)) {
			t = it.UpdatedParsed
		}
		if t == nil {
			continue
		}
		one := &gofeed.Feed{Items: []*gofeed.Item{it}}
		for _, l := range EntryLinks(one, base) {
			m[l] = *t
		}
	}
	return m
}

// ingest analyses a fetched body with its capture time and stores it. An analysis
// error still stores the raw page (so a later version can redo it) and is reported.
func (w *Watcher) ingest(ctx context.Context, source string, resp *Response, res *PollResult) (saved bool, err error) {
	at := resp.CapturedAt
	r, aerr := w.an.Page(source, resp.Body, &at)
	if r.Page.ID == "" {
		return false, fmt.Errorf("analyse %s: %w", source, aerr)
	}
	stats, err := w.store.Save(ctx, r)
	if err != nil {
		return false, fmt.Errorf("save %s: %w", source, err)
	}
	if stats.NewPage {
		res.NewPages++
	}
	res.NewItems += stats.NewItems
	if aerr != nil {
		return true, fmt.Errorf("analyse %s: %w", source, aerr)
	}
	return true, nil
}
