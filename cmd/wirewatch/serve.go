package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"wirewatch/internal/analyze"
	"wirewatch/internal/web"
)

func newServeCmd(e *env) *cobra.Command {
	var (
		db, addr, token string
		demo, jsonLogs  bool
	)
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve the web UI and the JSON API",
		Long: "Serve runs the web UI (search, item reader, actor ledgers, disputes) and the read-only JSON API\n" +
			"under /api/v1 (described at /api/v1/openapi.json), with Prometheus metrics at /metrics.\n\n" +
			"--demo fills an empty database with the bundled example pages; without --db it uses a\n" +
			"temporary database, so `wirewatch serve --demo` shows a working UI in one command.\n\n" +
			"POST /api/v1/ingest accepts raw pages only when a token is set (--token or WIREWATCH_TOKEN);\n" +
			"clients then send \"Authorization: Bearer <token>\".",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			var h slog.Handler = slog.NewTextHandler(e.stderr, nil)
			if jsonLogs {
				h = slog.NewJSONHandler(e.stderr, nil)
			}
			log := slog.New(h)
			if token == "" {
				token = os.Getenv("WIREWATCH_TOKEN")
			}
			if demo && db == "" {
				dir, err := os.MkdirTemp("", "wirewatch-demo-")
				if err != nil {
					return fmt.Errorf("demo database: %w", err)
				}
				defer os.RemoveAll(dir)
				db = filepath.Join(dir, "demo.db")
			}
			st, err := openStore(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()

			var an *analyze.Analyzer
			if demo || token != "" {
				if an, err = analyze.New(); err != nil {
					return err
				}
			}
			if demo {
				n, err := web.LoadDemo(ctx, st, an)
				if err != nil {
					return err
				}
				if n > 0 {
					log.Info("demo: loaded example pages", "pages", n, "db", db)
				}
			}
			srv, err := web.New(web.Config{Store: st, Analyzer: an, Token: token, Logger: log})
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("listen %s: %w", addr, err)
			}
			hs := web.NewHTTPServer(addr, srv, log)
			hs.BaseContext = func(net.Listener) context.Context { return ctx }
			fmt.Fprintf(e.stderr, "wirewatch: serving on http://%s/ (ingest %s)\n", ln.Addr(), map[bool]string{true: "enabled", false: "off"}[token != ""])
			errc := make(chan error, 1)
			go func() { errc <- hs.Serve(ln) }()
			select {
			case err := <-errc:
				return fmt.Errorf("serve: %w", err)
			case <-ctx.Done():
			}
			// Finish requests in flight, then close the store.
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := hs.Shutdown(sctx); err != nil {
				return fmt.Errorf("shutdown: %w", err)
			}
			if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
				return fmt.Errorf("serve: %w", err)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&db, "db", "", "database: SQLite file (default "+defaultDB+", or a temporary file with --demo) or postgres:// URL")
	fl.StringVar(&addr, "addr", "127.0.0.1:8080", "listen address HOST:PORT")
	fl.BoolVar(&demo, "demo", false, "fill an empty database with the bundled example pages")
	fl.StringVar(&token, "token", "", "enable POST /api/v1/ingest with this bearer token (default $WIREWATCH_TOKEN)")
	fl.BoolVar(&jsonLogs, "log-json", false, "write access logs as JSON")
	return cmd
}
