package web

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"wirewatch/internal/store"
)

// Known values of the enumerated filters; anything else is a 400, so a typo
// does not silently return an unfiltered listing.
var (
	stances    = []string{"assert", "deny"}
	actorTypes = []string{"person", "government", "military", "media", "organization", "country", "group", "unknown"}
	categories = []string{"killed", "wounded", "killed_or_wounded", "captured", "soldiers", "fled", "recruited",
		"distance", "population", "count", "money", "seats", "executions", "other"}
	countryRE = regexp.MustCompile(`^[A-Za-z]{2,8}$`)
)

// filterParams are the query parameters that narrow a listing, in the order
// the UI carries them from one view to the next (export links, pagination).
var filterParams = []string{"q", "actor", "country", "type", "stance", "category", "place", "from", "to"}

// badRequest is an error the client caused.
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

func badf(format string, a ...any) error { return badRequest{fmt.Sprintf(format, a...)} }

// parseFilter reads the shared filters from a query string.
func parseFilter(q url.Values) (store.Filter, error) {
	var f store.Filter
	for k, v := range q {
		if len(v) > 1 && slices.Contains(filterParams, k) {
			return f, badf("parameter %q given %d times", k, len(v))
		}
	}
	get := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	f.Q = get("q")
	if len(f.Q) > 500 {
		return f, badf("q is longer than 500 bytes")
	}
	f.Actor = get("actor")
	f.Country = strings.ToUpper(get("country"))
	if f.Country != "" && !countryRE.MatchString(f.Country) {
		return f, badf("country %q is not a country code", f.Country)
	}
	f.ActorType = get("type")
	if f.ActorType != "" && !slices.Contains(actorTypes, f.ActorType) {
		return f, badf("type %q is not one of %s", f.ActorType, strings.Join(actorTypes, ", "))
	}
	f.Stance = get("stance")
	if f.Stance != "" && !slices.Contains(stances, f.Stance) {
		return f, badf("stance %q is not one of %s", f.Stance, strings.Join(stances, ", "))
	}
	f.Category = get("category")
	if f.Category != "" && !slices.Contains(categories, f.Category) {
		return f, badf("category %q is not one of %s", f.Category, strings.Join(categories, ", "))
	}
	f.Place = get("place")
	f.Section = get("section")
	var err error
	if f.From, err = parseTime(get("from"), false); err != nil {
		return f, badf("from: %v", err)
	}
	if f.To, err = parseTime(get("to"), true); err != nil {
		return f, badf("to: %v", err)
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		return f, badf("to is before from")
	}
	f.Limit = defaultLimit
	if l := get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			return f, badf("limit %q is not a positive number", l)
		}
		f.Limit = min(n, maxLimit) // capped, not refused: clients may ask for "all"
	}
	f.Cursor = get("cursor")
	if len(f.Cursor) > 1000 {
		return f, badf("cursor is too long")
	}
	return f, nil
}

// parseTime accepts RFC 3339 or a date; a date as upper bound means the end of that day.
func parseTime(s string, end bool) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return &t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, fmt.Errorf("%q is neither a date (2026-03-04) nor RFC 3339 time", s)
	}
	if end {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return &t, nil
}

// filterQuery turns the filter parameters of q back into a query string,
// leaving out cursor and limit; extra pairs are set on top.
func filterQuery(q url.Values, extra ...string) url.Values {
	out := url.Values{}
	for _, k := range filterParams {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			out.Set(k, v)
		}
	}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] == "" {
			out.Del(extra[i])
		} else {
			out.Set(extra[i], extra[i+1])
		}
	}
	return out
}
