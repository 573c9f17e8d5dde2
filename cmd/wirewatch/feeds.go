package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"wirewatch/internal/store"
)

func newFeedsCmd(e *env) *cobra.Command {
	var db string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "feeds",
		Short: "List watched feeds: last fetch, HTTP status, items found, last error",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := openStore(ctx, db)
			if err != nil {
				return err
			}
			defer s.Close()
			feeds, err := s.Feeds(ctx)
			if err != nil {
				return fmt.Errorf("list feeds: %w", err)
			}
			if asJSON {
				if feeds == nil {
					feeds = []store.FeedState{}
				}
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(feeds)
			}
			return writeFeeds(e, feeds)
		},
	}
	cmd.Flags().StringVar(&db, "db", defaultDB, "SQLite file or postgres:// URL")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func writeFeeds(e *env, feeds []store.FeedState) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "URL\tTITLE\tLAST FETCH\tSTATUS\tITEMS\tLAST ERROR")
	for _, f := range feeds {
		last := "never"
		if f.LastFetch != nil {
			last = f.LastFetch.UTC().Format(time.RFC3339)
		}
		status := "-"
		if f.Status != 0 {
			status = fmt.Sprint(f.Status)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", f.URL, oneLine(f.Title, 40), last, status, f.Items, oneLine(f.LastError, 100))
	}
	return tw.Flush()
}

// oneLine keeps a table cell on one line and at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
