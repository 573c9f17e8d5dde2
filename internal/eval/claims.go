package eval

import "wirewatch/internal/analyze"

// ScoreClaims scores against the gold pages.
// PLACEHOLDER: replaced by the real scorer.
func ScoreClaims(gold []GoldPage, pred []analyze.Result) Section { return Section{} }
