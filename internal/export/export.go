// Package export writes ledger records as JSON Lines or CSV (RFC 4180), one
// record per line/row, for `wirewatch export` and the web UI's downloads.
package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"wirewatch/internal/nlp/quantity"
	"wirewatch/internal/store"
)

// Formats.
const (
	JSONL = "jsonl"
	CSV   = "csv"
)

// Options tune the output.
type Options struct {
	// BOM starts CSV output with a UTF-8 byte order mark, so spreadsheet
	// programs read the accents right.
	BOM bool
}

// ClaimColumns is the CSV header of Claims.
var ClaimColumns = []string{
	"claim_id", "time", "published_at", "actor_id", "actor", "actor_type", "actor_country", "speaker",
	"stance", "mode", "cue", "content", "sentence", "quantities", "places", "target", "disputes", "disputed_by",
	"item_id", "headline", "dateline_places", "dateline_agencies", "page_sources", "page_ids",
}

// ItemColumns is the CSV header of Items.
var ItemColumns = []string{
	"item_id", "kind", "time", "published_at", "section", "headline", "dateline_places", "dateline_agencies",
	"age", "url", "claims", "quantities", "page_sources", "first_seen", "analysis_version", "text",
}

// ActorColumns is the CSV header of Actors.
var ActorColumns = []string{"actor_id", "name", "type", "country", "aliases", "roles", "claims", "denials", "first", "last"}

// Claims writes claims with their item and page provenance; it returns how many.
func Claims(w io.Writer, format string, opt Options, seq iter.Seq2[store.ClaimRecord, error]) (int, error) {
	return write(w, format, opt, ClaimColumns, seq, claimRow)
}

// Items writes items with their sightings; it returns how many.
func Items(w io.Writer, format string, opt Options, seq iter.Seq2[store.ItemRecord, error]) (int, error) {
	return write(w, format, opt, ItemColumns, seq, itemRow)
}

// Actors writes actors; it returns how many.
func Actors(w io.Writer, format string, opt Options, seq iter.Seq2[store.ActorRecord, error]) (int, error) {
	return write(w, format, opt, ActorColumns, seq, actorRow)
}

func write[T any](w io.Writer, format string, opt Options, header []string, seq iter.Seq2[T, error], row func(T) []string) (int, error) {
	bw := bufio.NewWriter(w)
	n := 0
	switch format {
	case JSONL:
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for rec, err := range seq {
			if err != nil {
				return n, err
			}
			if err := enc.Encode(rec); err != nil {
				return n, fmt.Errorf("write jsonl: %w", err)
			}
			n++
		}
	case CSV:
		if opt.BOM {
			if _, err := bw.WriteString("\uFEFF"); err != nil {
				return 0, fmt.Errorf("write csv: %w", err)
			}
		}
		cw := csv.NewWriter(bw)
		cw.UseCRLF = true // RFC 4180
		if err := cw.Write(header); err != nil {
			return 0, fmt.Errorf("write csv: %w", err)
		}
		for rec, err := range seq {
			if err != nil {
				return n, err
			}
			if err := cw.Write(neutralise(row(rec))); err != nil {
				return n, fmt.Errorf("write csv: %w", err)
			}
			n++
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return n, fmt.Errorf("write csv: %w", err)
		}
	default:
		return 0, fmt.Errorf("unknown export format %q (want jsonl or csv)", format)
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("write %s: %w", format, err)
	}
	return n, nil
}

func claimRow(c store.ClaimRecord) []string {
	var dlPlaces, dlAgencies []string
	if c.Dateline != nil {
		dlPlaces, dlAgencies = c.Dateline.Places, c.Dateline.Agencies
	}
	return []string{
		c.ID, ts(&c.Time), ts(c.PublishedAt), c.ActorID, c.Actor.Name, c.Actor.Type, deref(c.Actor.Country), c.Speaker,
		c.Stance, c.Mode, c.Cue, c.Content, c.Sentence, Quantities(c.Quantities), join(c.Places), c.Target,
		join(c.Disputes), join(c.DisputedBy),
		c.ItemID, deref(c.Headline), join(dlPlaces), join(dlAgencies), join(c.PageSources), join(c.PageIDs),
	}
}

func itemRow(it store.ItemRecord) []string {
	var dlPlaces, dlAgencies, sources []string
	if it.Dateline != nil {
		dlPlaces, dlAgencies = it.Dateline.Places, it.Dateline.Agencies
	}
	for _, s := range it.Sightings {
		sources = append(sources, s.Source)
	}
	return []string{
		it.ID, it.Kind, ts(&it.Time), ts(it.PublishedAt), it.Section, deref(it.Headline), join(dlPlaces), join(dlAgencies),
		deref(it.Age), it.URL, strconv.Itoa(len(it.Claims)), Quantities(it.Quantities), join(sources),
		ts(&it.FirstSeen), it.AnalysisVersion, it.Text,
	}
}

func actorRow(a store.ActorRecord) []string {
	return []string{
		a.ID, a.Name, a.Type, deref(a.Country), join(a.Aliases), join(a.Roles),
		strconv.Itoa(a.Claims), strconv.Itoa(a.Denials), ts(a.First), ts(a.Last),
	}
}

// Quantities renders quantities in one readable cell:
// "200 (killed); 1000000000–2000000000 (money)".
func Quantities(qs []quantity.Quantity) string {
	parts := make([]string, 0, len(qs))
	for _, q := range qs {
		var v string
		switch {
		case q.Value != nil:
			v = num(*q.Value)
		case q.Low != nil && q.High != nil:
			v = num(*q.Low) + "–" + num(*q.High)
		case q.Low != nil:
			v = "≥" + num(*q.Low)
		case q.High != nil:
			v = "≤" + num(*q.High)
		default:
			v = q.Text
		}
		if q.Approx {
			v = "~" + v
		}
		if q.Category != "" {
			v += " (" + q.Category + ")"
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, "; ")
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func join(s []string) string { return strings.Join(s, "; ") }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func ts(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// StoreClaims pages through s.Claims with f's filters.
func StoreClaims(ctx context.Context, s store.Store, f store.Filter) iter.Seq2[store.ClaimRecord, error] {
	return paged(ctx, f, s.Claims)
}

// StoreItems pages through s.Items with f's filters.
func StoreItems(ctx context.Context, s store.Store, f store.Filter) iter.Seq2[store.ItemRecord, error] {
	return paged(ctx, f, s.Items)
}

// StoreActors lists s.Actors with f's filters (up to store.MaxLimit).
func StoreActors(ctx context.Context, s store.Store, f store.Filter) iter.Seq2[store.ActorRecord, error] {
	return func(yield func(store.ActorRecord, error) bool) {
		if f.Limit == 0 {
			f.Limit = store.MaxLimit
		}
		as, err := s.Actors(ctx, f)
		if err != nil {
			yield(store.ActorRecord{}, err)
			return
		}
		for _, a := range as {
			if !yield(a, nil) {
				return
			}
		}
	}
}

func paged[T any](ctx context.Context, f store.Filter, list func(context.Context, store.Filter) ([]T, string, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		if f.Limit == 0 {
			f.Limit = 500
		}
		for {
			recs, next, err := list(ctx, f)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, r := range recs {
				if !yield(r, nil) {
					return
				}
			}
			if next == "" {
				return
			}
			f.Cursor = next
		}
	}
}

// neutralise keeps spreadsheets from running page text as a formula: a cell
// that starts with = + - @ or a control character, and is not a plain number,
// gets a leading apostrophe (the usual CSV-injection guard).
func neutralise(cells []string) []string {
	for i, c := range cells {
		if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			continue
		}
		if _, err := strconv.ParseFloat(c, 64); err == nil {
			continue
		}
		cells[i] = "'" + c
	}
	return cells
}
