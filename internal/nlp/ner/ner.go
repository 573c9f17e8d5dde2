// Package ner is a Dutch named-entity tagger (PER, LOC, ORG, MISC) trained on
// CoNLL-2002; the model file is embedded in the binary.
package ner

import "wirewatch/internal/nlp"

// Entity is one entity mention with byte offsets in the analysed text.
type Entity struct {
	Text  string `json:"text"`
	Type  string `json:"type"` // PER LOC ORG MISC
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Tagger finds entities in sentences.
type Tagger interface {
	Entities(text string, sents []nlp.Sentence) []Entity
}
