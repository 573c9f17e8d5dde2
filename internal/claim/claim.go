// Package claim finds attributed statements (who claims what) in analysed wire
// items: speaker, cue, mode, stance, the claim's numbers and places, and which
// other claims a denial disputes.
package claim

import (
	"wirewatch/internal/nlp"
	"wirewatch/internal/nlp/ner"
	"wirewatch/internal/nlp/quantity"
)

// Actor is the normalised source of a claim.
type Actor struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"` // person government military media organization country group unknown
	Country *string  `json:"country"`
	Roles   []string `json:"roles,omitempty"`
}

// Claim is one attributed statement.
type Claim struct {
	ID       string   `json:"id"`
	Sentence string   `json:"sentence"`
	Content  string   `json:"content"`
	Speaker  string   `json:"speaker"`
	Actor    Actor    `json:"actor"`
	Mode     string   `json:"mode"` // direct indirect headline
	Cue      string   `json:"cue"`
	Stance   string   `json:"stance"` // assert deny
	Disputes []string `json:"disputes"`
	// Target names the actor whose claims a denial rejects ("Sergej Sjojgoe",
	// "Russische media"), so the store can link denials across pages.
	Target     string              `json:"target,omitempty"`
	Quantities []quantity.Quantity `json:"quantities"`
	Places     []string            `json:"places"`
	Start      int                 `json:"start"` // byte offsets of the sentence in the item text; -1 for a headline
	End        int                 `json:"end"`
}

// Input is one analysed item.
type Input struct {
	ItemID     string
	Headline   string // "" for briefs
	Text       string
	Sentences  []nlp.Sentence
	Entities   []ner.Entity
	Quantities []quantity.Quantity
}
