package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"wirewatch/internal/analyze"
	"wirewatch/internal/page"
)

func newReanalyzeCmd(e *env) *cobra.Command {
	var (
		db, actors string
		workers    int
	)
	cmd := &cobra.Command{
		Use:   "reanalyze [--db PATH]",
		Short: "Rerun the current analysis on every stored page",
		Long: "Reanalyze reads every stored raw page, analyses it again and saves the result: items get the\n" +
			"new analysis and their claims are replaced. Pages, items and sightings are never deleted.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			a, err := loadAnalyzer(actors)
			if err != nil {
				return err
			}
			st, err := openStore(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			total, err := st.Stats(ctx)
			if err != nil {
				return err
			}
			start := time.Now()
			prog := newProgress(e.stderr, total.Pages)
			pages := make(chan page.Page)
			results := make(chan analyze.Result, workers)
			var wg sync.WaitGroup
			for range max(workers, 1) {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for p := range pages {
						// A page that still fails keeps its raw bytes and gets the new error.
						res, _ := a.Page(p.Source, p.Raw, p.CapturedAt)
						res.Page.ID = p.ID
						results <- res
					}
				}()
			}
			var walkErr error
			go func() {
				walkErr = st.RawPages(ctx, func(p page.Page) error {
					select {
					case pages <- p:
						return nil
					case <-ctx.Done():
						return ctx.Err()
					}
				})
				close(pages)
				wg.Wait()
				close(results)
			}()
			var n, failed, claims, saveErrs int
			for res := range results {
				n++
				if res.Error != "" {
					failed++
				}
				ss, err := st.Save(ctx, res)
				if err != nil {
					saveErrs++
					prog.clear()
					fmt.Fprintf(e.stderr, "wirewatch: reanalyze %s: %v\n", res.Page.Source, err)
				}
				claims += ss.Claims
				prog.step(n)
			}
			prog.clear()
			fmt.Fprintf(e.stderr, "reanalysed %d pages with analysis %s: %d claims, %d pages unparsable, %d save errors, %.1f pages/s\n",
				n, analyze.Version, claims, failed, saveErrs, float64(n)/max(time.Since(start).Seconds(), 1e-9))
			if walkErr != nil {
				return fmt.Errorf("reanalyze: %w", walkErr)
			}
			if saveErrs > 0 {
				return exitError{1}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "database: SQLite file (default "+defaultDB+") or postgres:// URL")
	cmd.Flags().StringVar(&actors, "actors", "", "extra actor table (TSV)")
	cmd.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "pages analysed concurrently")
	return cmd
}
