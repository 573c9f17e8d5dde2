package ner

import (
	"bytes"
	_ "embed"
	"fmt"
)

// modelFile is the trained model, rebuilt by `wirewatch train-ner --out internal/nlp/ner/model.bin.gz`.
//
//go:embed model.bin.gz
var modelFile []byte

// Default loads the embedded model. Loading takes a few hundred milliseconds, so
// callers load it once and keep the Tagger (it is safe for concurrent use).
func Default() (Tagger, error) {
	m, err := DefaultModel()
	if err != nil {
		return nil, err
	}
	return m, nil
}

// DefaultModel is Default with the concrete type, for tagging CoNLL tokens.
func DefaultModel() (*Model, error) {
	m, err := Load(bytes.NewReader(modelFile))
	if err != nil {
		return nil, fmt.Errorf("load embedded NER model (rebuild with `wirewatch train-ner`): %w", err)
	}
	return m, nil
}

// Resources returns the model's lexical resources (gazetteer, clusters), so a
// model can be retrained without reading the unlabelled news again.
func (m *Model) Resources() Resources { return Resources{r: m.res} }
