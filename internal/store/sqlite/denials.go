package sqlite

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"wirewatch/internal/store"
)

// denialCache holds, for the length of one write transaction, the stored
// denials naming a target (by slug) over a time range, with the count and
// weakest score of their cross-page links. Every fresh claim asks which
// denials near it name its actor; a batch of pages asks that thousands of
// times about a few dozen targets, so the answers come from memory and the
// saver keeps them current as it inserts denials and changes links.
type denialCache struct {
	bySlug map[string]*slugDenials
	byID   map[string]*cachedDenial
}

type slugDenials struct {
	from, to int64           // loaded time range (inclusive)
	list     []*cachedDenial // by time, then id
}

type cachedDenial struct {
	id, itemID, slug string
	time             int64
	words, cats      []string
	n, minScore      int // cross-page links: count, lowest score (0 without links)
}

// denialMargin widens a loaded range beyond the dispute window, so the
// other pages of a batch (hours apart) find their range loaded.
const denialMargin = int64(48 * 60 * 60 * 1e9)

// maxDenialSpan and maxCachedDenials bound the cache's memory.
const (
	maxDenialSpan    = 8 * int64(store.DisputeWindow)
	maxCachedDenials = 100_000
)

func newDenialCache() *denialCache {
	return &denialCache{bySlug: map[string]*slugDenials{}, byID: map[string]*cachedDenial{}}
}

// reset forgets everything: after changes the cache does not follow
// (claims replaced or deleted, claim times moved).
func (c *denialCache) reset() {
	clear(c.bySlug)
	clear(c.byID)
}

func lessDenial(a, b *cachedDenial) bool {
	if a.time != b.time {
		return a.time < b.time
	}
	return a.id < b.id
}

// near returns the denials naming slug within the dispute window of t: at
// most limit at or after t (nearest first), then at most limit before t.
func (sv *saver) nearDenials(slug string, t int64, limit int) ([]*cachedDenial, error) {
	window := int64(store.DisputeWindow)
	sd, err := sv.loadDenials(slug, t-window, t+window)
	if err != nil {
		return nil, err
	}
	i := sort.Search(len(sd.list), func(i int) bool { return sd.list[i].time >= t })
	var out []*cachedDenial
	for j := i; j < len(sd.list) && j < i+limit && sd.list[j].time <= t+window; j++ {
		out = append(out, sd.list[j])
	}
	for j := i - 1; j >= 0 && j >= i-limit && sd.list[j].time >= t-window; j-- {
		out = append(out, sd.list[j])
	}
	return out, nil
}

// loadDenials makes sure the denials naming slug in [from, to] are cached.
func (sv *saver) loadDenials(slug string, from, to int64) (*slugDenials, error) {
	c := sv.denials
	if sd, ok := c.bySlug[slug]; ok && sd.from <= from && sd.to >= to {
		return sd, nil
	}
	from, to = from-denialMargin, to+denialMargin
	if sd, ok := c.bySlug[slug]; ok {
		// Extend the range, unless that would keep a long stretch of
		// history in memory (a watcher running for months).
		if max(to, sd.to)-min(from, sd.from) <= maxDenialSpan {
			from, to = min(from, sd.from), max(to, sd.to)
		}
		for _, d := range sd.list {
			delete(c.byID, d.id)
		}
	}
	if len(c.byID) > maxCachedDenials {
		c.reset()
	}
	rows, err := sv.query(`SELECT d.id, d.item_id, d.time, d.words, d.cats,
			(SELECT count(*) FROM disputes x WHERE x.denial_id = d.id AND x.cross_page = 1),
			(SELECT COALESCE(min(score), 0) FROM disputes x WHERE x.denial_id = d.id AND x.cross_page = 1)
		FROM claims d WHERE d.target_id = ?1 AND d.target_id <> '' AND d.time BETWEEN ?2 AND ?3`, slug, from, to)
	if err != nil {
		return nil, fmt.Errorf("denials of %s: %w", slug, err)
	}
	defer rows.Close()
	sd := &slugDenials{from: from, to: to}
	for rows.Next() {
		d := &cachedDenial{slug: slug}
		var words, cats string
		if err := rows.Scan(&d.id, &d.itemID, &d.time, &words, &cats, &d.n, &d.minScore); err != nil {
			return nil, err
		}
		d.words, d.cats = strings.Fields(words), strings.Fields(cats)
		sd.list = append(sd.list, d)
		c.byID[d.id] = d
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("denials of %s: %w", slug, err)
	}
	slices.SortFunc(sd.list, func(a, b *cachedDenial) int {
		if lessDenial(a, b) {
			return -1
		}
		if lessDenial(b, a) {
			return 1
		}
		return 0
	})
	c.bySlug[slug] = sd
	return sd, nil
}

// addDenial records a denial just stored (in a loaded range of its slug).
func (c *denialCache) addDenial(d *cachedDenial) {
	if old, ok := c.byID[d.id]; ok {
		// Stored before and saved again: its fields may have changed.
		if sd, ok := c.bySlug[old.slug]; ok {
			sd.list = slices.DeleteFunc(sd.list, func(x *cachedDenial) bool { return x.id == d.id })
		}
		delete(c.byID, d.id)
	}
	sd, ok := c.bySlug[d.slug]
	if !ok || d.time < sd.from || d.time > sd.to {
		return // loaded with the rest when first needed
	}
	i := sort.Search(len(sd.list), func(i int) bool { return !lessDenial(sd.list[i], d) })
	sd.list = slices.Insert(sd.list, i, d)
	c.byID[d.id] = d
}

// moved records that a cached denial's time changed.
func (c *denialCache) moved(id string, t int64) {
	d, ok := c.byID[id]
	if !ok {
		return
	}
	m := *d
	m.time = t
	c.addDenial(&m)
}

// linked records a new cross-page link of a cached denial.
func (c *denialCache) linked(denialID string, score int) {
	d, ok := c.byID[denialID]
	if !ok {
		return
	}
	if d.n == 0 || score < d.minScore {
		d.minScore = score
	}
	d.n++
}

// refresh rereads a cached denial's link count and weakest score after its
// links were changed wholesale.
func (sv *saver) refreshDenial(denialID string) error {
	d, ok := sv.denials.byID[denialID]
	if !ok {
		return nil
	}
	err := sv.queryRow(`SELECT count(*), COALESCE(min(score), 0) FROM disputes WHERE denial_id = ? AND cross_page = 1`, denialID).Scan(&d.n, &d.minScore)
	if err != nil {
		return fmt.Errorf("links of %s: %w", denialID, err)
	}
	return nil
}
