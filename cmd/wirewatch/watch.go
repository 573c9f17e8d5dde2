package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"wirewatch/internal/analyze"
	"wirewatch/internal/fetch"
)

func newWatchCmd(e *env) *cobra.Command {
	var (
		db, feedsFile, contact string
		interval, timeout      time.Duration
		once, allowPrivate     bool
		asJSON, quiet          bool
		rateR                  float64
		maxBody                int64
		maxArticles            int
	)
	cmd := &cobra.Command{
		Use:   "watch [FEED_URL...]",
		Short: "Poll feeds and store the article pages they link to",
		Long: "watch polls each feed (RSS, Atom or JSON Feed) every --interval, fetches the\n" +
			"article pages it links to that were not fetched yet, and stores them (and the feed\n" +
			"itself) with the fetch time as capture time. It honours robots.txt and Crawl-delay,\n" +
			"limits requests per host, and uses conditional GET. Feed state survives restarts;\n" +
			"see `wirewatch feeds`. --feeds FILE reads a list (one URL a line, # comments) or OPML.\n" +
			"A feed that fails is recorded and the others go on; the exit status is non-zero\n" +
			"only when the store fails. SIGTERM/SIGINT stop cleanly.",
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			feeds, err := watchFeeds(e, args, feedsFile)
			if err != nil {
				return err
			}
			if contact == "" {
				contact = os.Getenv("WIREWATCH_CONTACT")
			}
			if contact == "" {
				fmt.Fprintln(e.stderr, "wirewatch: warning: no --contact; site owners cannot reach you")
			}
			s, err := openStore(ctx, db)
			if err != nil {
				return err
			}
			defer s.Close()
			an, err := analyze.New()
			if err != nil {
				return err
			}
			logOut := io.Writer(e.stderr)
			if quiet {
				logOut = io.Discard
			}
			client := fetch.New(fetch.Config{
				Contact: contact, Rate: rateR, Timeout: timeout, MaxBody: maxBody, AllowPrivate: allowPrivate,
			})
			defer client.Close()
			w := fetch.NewWatcher(client, s, an, fetch.WatchConfig{
				MaxArticles: maxArticles,
				Log:         slog.New(slog.NewTextHandler(logOut, nil)),
			})
			report := func(rs []fetch.PollResult) { writePoll(e, rs, asJSON) }
			if once {
				rs, err := w.Poll(ctx, feeds)
				if ctx.Err() != nil {
					return nil // stopped by a signal
				}
				report(rs)
				return err
			}
			return w.Run(ctx, feeds, interval, report)
		},
	}
	f := cmd.Flags()
	f.StringVar(&db, "db", defaultDB, "SQLite file or postgres:// URL")
	f.StringVar(&feedsFile, "feeds", "", "file with feed URLs: one per line (# comments) or OPML; - for stdin")
	f.DurationVar(&interval, "interval", 10*time.Minute, "time between polls")
	f.BoolVar(&once, "once", false, "poll once and exit")
	f.StringVar(&contact, "contact", "", "e-mail or URL for the User-Agent (default $WIREWATCH_CONTACT)")
	f.BoolVar(&allowPrivate, "allow-private", false, "allow loopback/private/link-local addresses")
	f.Float64Var(&rateR, "rate", 1, "maximum requests per second per host (robots.txt Crawl-delay can lower it)")
	f.DurationVar(&timeout, "timeout", 30*time.Second, "timeout for one request, body included")
	f.Int64Var(&maxBody, "max-body", 10<<20, "largest body accepted, in bytes")
	f.IntVar(&maxArticles, "max-articles", 50, "article pages fetched per feed per poll")
	f.BoolVar(&asJSON, "json", false, "report each poll as JSON lines")
	f.BoolVar(&quiet, "quiet", false, "no progress log on stderr")
	return cmd
}

// watchFeeds is the feed URLs from the arguments and the --feeds file, checked and deduplicated.
func watchFeeds(e *env, args []string, file string) ([]string, error) {
	feeds, err := fetch.ParseFeedList([]byte(strings.Join(args, "\n")))
	if err != nil {
		return nil, fmt.Errorf("feed arguments: %w", err)
	}
	if file != "" {
		var data []byte
		if file == "-" {
			data, err = io.ReadAll(e.stdin)
		} else {
			data, err = os.ReadFile(file)
		}
		if err != nil {
			return nil, fmt.Errorf("read feeds: %w", err)
		}
		more, err := fetch.ParseFeedList(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		seen := map[string]bool{}
		for _, f := range feeds {
			seen[f] = true
		}
		for _, f := range more {
			if !seen[f] {
				seen[f] = true
				feeds = append(feeds, f)
			}
		}
	}
	if len(feeds) == 0 {
		return nil, errors.New("no feeds: give FEED_URL arguments or --feeds FILE")
	}
	return feeds, nil
}

func writePoll(e *env, rs []fetch.PollResult, asJSON bool) {
	for _, r := range rs {
		if asJSON {
			b, _ := json.Marshal(r) // a struct of plain fields always marshals
			fmt.Fprintf(e.stdout, "%s\n", b)
			continue
		}
		state := fmt.Sprint(r.Status)
		if r.NotModified {
			state = "304 not modified"
		}
		fmt.Fprintf(e.stdout, "%s\t%s\tentries=%d fetched=%d skipped=%d failed=%d new_pages=%d new_items=%d",
			r.Feed, state, r.Entries, r.Fetched, r.Skipped, r.Failed, r.NewPages, r.NewItems)
		if r.Error != "" {
			fmt.Fprintf(e.stdout, "\terror: %s", oneLine(r.Error, 200))
		}
		fmt.Fprintln(e.stdout)
	}
}
