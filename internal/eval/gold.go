// Package eval scores wirewatch's analysis against hand-made gold annotations
// (../shared/gold), UD Dutch treebanks and CoNLL-2002, and prints the figures.
package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// GoldPage is one gold file (see shared/gold/SCHEMA.md).
type GoldPage struct {
	Page       string          `json:"page"`
	Items      []GoldItem      `json:"items"`
	Quantities []GoldQuantity  `json:"quantities"`
	Entities   []GoldEntity    `json:"entities"`
	NonQuants  json.RawMessage `json:"non_quantities"`
}

// GoldDateline is a gold dateline.
type GoldDateline struct {
	Places   []string `json:"places"`
	Agencies []string `json:"agencies"`
}

// GoldItem is one gold item.
type GoldItem struct {
	N          int           `json:"n"`
	Kind       string        `json:"kind"`
	Headline   *string       `json:"headline"`
	Dateline   *GoldDateline `json:"dateline"`
	Age        *string       `json:"age"`
	AgeMinutes *int          `json:"age_minutes"`
	FirstWords string        `json:"first_words"`
	Claims     []GoldClaim   `json:"claims"`
}

// GoldActor is a gold claim's actor.
type GoldActor struct {
	Name    string  `json:"name"`
	Type    string  `json:"type"`
	Country *string `json:"country"`
}

// GoldClaim is one gold claim.
type GoldClaim struct {
	ID             string         `json:"id"`
	Sentence       string         `json:"sentence"`
	Speaker        string         `json:"speaker"`
	SpeakerAliases []string       `json:"speaker_aliases"`
	Actor          GoldActor      `json:"actor"`
	Mode           string         `json:"mode"`
	Cue            *string        `json:"cue"`
	Stance         string         `json:"stance"`
	Disputes       *string        `json:"disputes"`
	AlsoDisputes   []string       `json:"also_disputes"`
	Quantities     []GoldQuantity `json:"quantities"`
	Continues      *string        `json:"continues"`
	Implicit       bool           `json:"implicit"`
	Start          int            `json:"start"` // code points into the page file
	End            int            `json:"end"`
}

// GoldQuantity is a gold quantity; Item and Zone are set on page-level ones.
type GoldQuantity struct {
	Text     string   `json:"text"`
	Value    *float64 `json:"value"`
	Low      *float64 `json:"low"`
	High     *float64 `json:"high"`
	Approx   bool     `json:"approx"`
	Unit     string   `json:"unit"`
	Category string   `json:"category"`
	Item     int      `json:"item"`
	Zone     string   `json:"zone"`
	Claims   []string `json:"claims"`
}

// GoldEntity is a gold entity mention.
type GoldEntity struct {
	Text string `json:"text"`
	Type string `json:"type"`
	Item int    `json:"item"`
	Zone string `json:"zone"` // headline | dateline | body
}

// LoadGold reads every *.gold.json in dir, sorted by name.
func LoadGold(dir string) ([]GoldPage, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, fmt.Errorf("list gold files in %s: %w", dir, err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no *.gold.json files in %s", dir)
	}
	sort.Strings(paths)
	out := make([]GoldPage, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read gold %s: %w", p, err)
		}
		var g GoldPage
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("parse gold %s: %w", p, err)
		}
		if g.Page == "" {
			g.Page = strings.TrimSuffix(filepath.Base(p), ".gold.json")
		}
		out = append(out, g)
	}
	return out, nil
}
