package main

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"wirewatch/internal/store"
)

// filterFlags are the store.Filter flags shared by search and export.
type filterFlags struct {
	actor, country, actorType, stance, category, place, section string
	from, to                                                    string
	limit                                                       int
}

func (ff *filterFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&ff.actor, "actor", "", "only this actor (id, e.g. volodymyr-zelensky, or a name)")
	fl.StringVar(&ff.country, "country", "", "only actors of this country code (UA, RU, …)")
	fl.StringVar(&ff.actorType, "type", "", "only actors of this type (person, government, military, …)")
	fl.StringVar(&ff.stance, "stance", "", "assert or deny")
	fl.StringVar(&ff.category, "category", "", "quantity category (killed, wounded, captured, …)")
	fl.StringVar(&ff.place, "place", "", "claim place or dateline place")
	fl.StringVar(&ff.section, "section", "", "page section (Buitenland, …)")
	fl.StringVar(&ff.from, "from", "", "from this time (2006-01-02 or RFC 3339)")
	fl.StringVar(&ff.to, "to", "", "up to this time (a date includes the whole day)")
}

func (ff *filterFlags) filter() (store.Filter, error) {
	f := store.Filter{
		Actor: ff.actor, Country: ff.country, ActorType: ff.actorType, Stance: ff.stance,
		Category: ff.category, Place: ff.place, Section: ff.section, Limit: ff.limit,
	}
	if f.Actor != "" {
		f.Actor = store.ActorID(f.Actor) // accept "Volodymyr Zelensky" as well as the id
	}
	if f.Stance != "" && f.Stance != "assert" && f.Stance != "deny" {
		return f, fmt.Errorf("--stance %q: want assert or deny", f.Stance)
	}
	var err error
	if f.From, err = parseTimeFlag("from", ff.from, false); err != nil {
		return f, err
	}
	if f.To, err = parseTimeFlag("to", ff.to, true); err != nil {
		return f, err
	}
	return f, nil
}

// parseTimeFlag reads RFC 3339 or a date; a date as an upper bound means its end.
func parseTimeFlag(name, v string, end bool) (*time.Time, error) {
	if v == "" {
		return nil, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		t, err := time.Parse(layout, v)
		if err != nil {
			continue
		}
		if layout == "2006-01-02" && end {
			t = t.Add(24*time.Hour - time.Nanosecond)
		}
		return &t, nil
	}
	return nil, fmt.Errorf("--%s %q: want 2006-01-02 or an RFC 3339 time", name, v)
}

func newSearchCmd(e *env) *cobra.Command {
	var (
		ff     filterFlags
		db     string
		asJSON bool
		cursor string
	)
	cmd := &cobra.Command{
		Use:   "search [flags] QUERY",
		Short: "Full-text search of stored items (Dutch stemming, ranked)",
		Long: "Search finds items whose headline and text contain all query words (matched on Dutch stems,\n" +
			"so \"aanvallen\" finds \"aanval\"), best first, with a snippet around the matches.\n" +
			"Filters narrow the items to those with matching claims, places, sections or times.",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := ff.filter()
			if err != nil {
				return err
			}
			f.Q, f.Cursor = strings.Join(args, " "), cursor
			if strings.TrimSpace(f.Q) == "" && f == (store.Filter{Limit: f.Limit, Cursor: f.Cursor}) {
				return fmt.Errorf("search: give a query or a filter")
			}
			st, err := openStore(cmd.Context(), db)
			if err != nil {
				return err
			}
			defer st.Close()
			hits, next, err := st.Search(cmd.Context(), f)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(e.stdout)
				enc.SetEscapeHTML(false)
				return enc.Encode(struct {
					Hits []store.SearchHit `json:"hits"`
					Next string            `json:"next,omitempty"`
				}{hits, next})
			}
			bold := isTerminal(e.stdout)
			for i, h := range hits {
				head := "(brief)"
				if h.Headline != nil {
					head = *h.Headline
				}
				where := ""
				if h.Dateline != nil && len(h.Dateline.Places) > 0 {
					where = " " + strings.Join(h.Dateline.Places, "/")
				}
				fmt.Fprintf(e.stdout, "%d. %s%s — %s  [item %s, %d claims, rank %.2f]\n", i+1,
					h.Time.Format("2006-01-02 15:04"), where, head, h.ItemID, h.Claims, h.Rank)
				fmt.Fprintf(e.stdout, "   %s\n", plainSnippet(h.Snippet, bold))
			}
			if len(hits) == 0 {
				fmt.Fprintln(e.stderr, "no items found")
			}
			if next != "" {
				fmt.Fprintf(e.stderr, "more: --cursor %s\n", next)
			}
			return nil
		},
	}
	ff.add(cmd)
	cmd.Flags().StringVar(&db, "db", "", "database: SQLite file (default "+defaultDB+") or postgres:// URL")
	cmd.Flags().IntVar(&ff.limit, "limit", 20, "hits per page")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON {hits, next}")
	cmd.Flags().StringVar(&cursor, "cursor", "", "continue after a previous page")
	return cmd
}

// plainSnippet turns an HTML snippet into terminal text: bold matches on a
// terminal, «…» elsewhere.
func plainSnippet(s string, bold bool) string {
	open, closing := "«", "»"
	if bold {
		open, closing = "\x1b[1m", "\x1b[0m"
	}
	s = strings.NewReplacer("<mark>", open, "</mark>", closing).Replace(s)
	return strings.ReplaceAll(html.UnescapeString(s), "\n", " ")
}

// isTerminal reports whether w is a character device (a terminal), without a
// dependency on x/term.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
