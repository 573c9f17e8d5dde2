package eval

import "wirewatch/internal/analyze"

// ScoreSegmentation scores against the gold pages.
// PLACEHOLDER: replaced by the real scorer.
func ScoreSegmentation(gold []GoldPage, pred []analyze.Result) Section { return Section{} }
