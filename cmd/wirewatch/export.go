package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"wirewatch/internal/export"
)

func newExportCmd(e *env) *cobra.Command {
	var (
		ff           filterFlags
		db, format   string
		what, output string
		bom          bool
	)
	cmd := &cobra.Command{
		Use:   "export [flags]",
		Short: "Write claims, items or actors as JSON Lines or CSV",
		Long: "Export writes one record per line (jsonl) or row (csv, RFC 4180). Claims carry their item and\n" +
			"page provenance: item id, headline, dateline, published time and the pages they were seen on.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != export.JSONL && format != export.CSV {
				return fmt.Errorf("--format %q: want jsonl or csv", format)
			}
			f, err := ff.filter()
			if err != nil {
				return err
			}
			f.Limit = 0
			ctx := cmd.Context()
			st, err := openStore(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			w, finish, err := outputFile(e.stdout, output)
			if err != nil {
				return err
			}
			opt := export.Options{BOM: bom}
			var n int
			switch what {
			case "claims":
				n, err = export.Claims(w, format, opt, export.StoreClaims(ctx, st, f))
			case "items":
				n, err = export.Items(w, format, opt, export.StoreItems(ctx, st, f))
			case "actors":
				n, err = export.Actors(w, format, opt, export.StoreActors(ctx, st, f))
			default:
				err = fmt.Errorf("--what %q: want claims, items or actors", what)
			}
			if err = finish(err); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			fmt.Fprintf(e.stderr, "exported %d %s\n", n, what)
			return nil
		},
	}
	ff.add(cmd)
	fl := cmd.Flags()
	fl.StringVar(&db, "db", "", "database: SQLite file (default "+defaultDB+") or postgres:// URL")
	fl.StringVar(&format, "format", export.JSONL, "jsonl or csv")
	fl.StringVar(&what, "what", "claims", "claims, items or actors")
	fl.StringVarP(&output, "output", "o", "", "write to FILE (default stdout)")
	fl.BoolVar(&bom, "bom", false, "start CSV with a UTF-8 byte order mark (for spreadsheets)")
	return cmd
}

// outputFile returns stdout, or a temporary file next to path that finish
// renames into place only when the export succeeded.
func outputFile(stdout io.Writer, path string) (io.Writer, func(error) error, error) {
	if path == "" || path == "-" {
		return stdout, func(err error) error { return err }, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, nil, fmt.Errorf("create %s: %w", path, err)
	}
	bw := bufio.NewWriter(tmp)
	return bw, func(err error) error {
		if err == nil {
			err = bw.Flush()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(tmp.Name(), 0o644)
		}
		if err == nil {
			err = os.Rename(tmp.Name(), path)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
		return err
	}, nil
}
