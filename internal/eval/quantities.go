package eval

import "wirewatch/internal/analyze"

// ScoreQuantities scores against the gold pages.
// PLACEHOLDER: replaced by the real scorer.
func ScoreQuantities(gold []GoldPage, pred []analyze.Result) Section { return Section{} }
