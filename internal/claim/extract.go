package claim

// Extractor finds claims. It holds the actor alias table.
type Extractor struct{}

// NewExtractor returns an extractor with the shipped actor table.
// PLACEHOLDER: the real extractor replaces this file.
func NewExtractor() (*Extractor, error) { return &Extractor{}, nil }

// Extract finds the claims of one item.
func (e *Extractor) Extract(in Input) []Claim { return []Claim{} }

// LinkDisputes links denials to the claims they reject across the items of one page.
func (e *Extractor) LinkDisputes(items [][]Claim) {}
