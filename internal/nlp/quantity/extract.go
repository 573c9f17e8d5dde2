package quantity

import "wirewatch/internal/nlp"

// Extract finds the quantities in text, given its sentences.
// PLACEHOLDER: the real extractor replaces this file.
func Extract(text string, sents []nlp.Sentence) []Quantity { return []Quantity{} }
