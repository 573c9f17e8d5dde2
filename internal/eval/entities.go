package eval

import "wirewatch/internal/analyze"

// ScoreEntities scores against the gold pages.
// PLACEHOLDER: replaced by the real scorer.
func ScoreEntities(gold []GoldPage, pred []analyze.Result) Section { return Section{} }
