package web

import (
	"context"
	"fmt"
	"path"
	"time"

	"wirewatch/examples"
	"wirewatch/internal/analyze"
	"wirewatch/internal/store"
)

// DemoTime is the capture time given to the example pages, fixed so the demo
// looks the same on every run. Each page is captured an hour after the previous.
var DemoTime = time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)

// LoadDemo fills an empty store with the embedded example pages, analysed by an.
// A store that already holds pages is left alone; it returns how many pages it saved.
func LoadDemo(ctx context.Context, st store.Store, an *analyze.Analyzer) (int, error) {
	stats, err := st.Stats(ctx)
	if err != nil {
		return 0, fmt.Errorf("demo: %w", err)
	}
	if stats.Pages > 0 {
		return 0, nil
	}
	n := 0
	for i, name := range examples.Names() {
		raw, err := examples.Read(name)
		if err != nil {
			return n, fmt.Errorf("demo: read %s: %w", name, err)
		}
		at := DemoTime.Add(time.Duration(i) * time.Hour)
		res, aerr := an.Page("examples/"+path.Base(name), raw, &at)
		// A page the parser refuses is still stored with its error, as ingest does.
		if _, err := st.Save(ctx, res); err != nil {
			return n, fmt.Errorf("demo: save %s: %w", name, err)
		}
		if aerr == nil {
			n++
		}
	}
	return n, nil
}
