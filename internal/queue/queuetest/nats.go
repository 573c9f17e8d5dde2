package queuetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"wirewatch/internal/store/postgres/pgtest"
)

// EnvNATS names the variable pointing the integration tests at a NATS server.
const EnvNATS = "WIREWATCH_NATS_URL"

// SharedURL returns the NATS URL from the environment, or skips (fails under CI=true).
func SharedURL(t testing.TB) string {
	t.Helper()
	return pgtest.Skip(t, EnvNATS, "NATS JetStream")
}

// StreamName is a fresh stream name for one test.
func StreamName(t testing.TB) string {
	var b [5]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	return "WWTEST_" + strings.ToUpper(hex.EncodeToString(b[:]))
}

// ServerBinary finds nats-server, or skips (fails under CI=true).
func ServerBinary(t testing.TB) string {
	t.Helper()
	for _, p := range []string{os.Getenv("WIREWATCH_NATS_SERVER"), "/usr/sbin/nats-server"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("nats-server"); err == nil {
		return p
	}
	msg := "nats-server binary not found (apt-get install nats-server)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// FreePort returns a loopback TCP port that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Server is a nats-server subprocess that can be stopped and started again
// with the same ports and store directory.
type Server struct {
	t      testing.TB
	bin    string
	Name   string
	Port   int
	Conf   string
	Log    string
	cmd    *exec.Cmd
	exited chan struct{}
}

// URL is the client URL.
func (s *Server) URL() string { return fmt.Sprintf("nats://127.0.0.1:%d", s.Port) }

// StartServer runs a single JetStream server on a free loopback port with
// its store under dir.
func StartServer(t testing.TB, dir string) *Server {
	t.Helper()
	port := FreePort(t)
	conf := filepath.Join(dir, "nats.conf")
	body := fmt.Sprintf("server_name: single\nlisten: 127.0.0.1:%d\njetstream { store_dir: %q }\n", port, filepath.Join(dir, "js"))
	if err := os.WriteFile(conf, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &Server{t: t, bin: ServerBinary(t), Name: "single", Port: port, Conf: conf, Log: filepath.Join(dir, "nats.log")}
	s.Start()
	t.Cleanup(func() { s.Kill(syscall.SIGKILL) })
	return s
}

// StartCluster runs three JetStream servers clustered on loopback
// (STACK.md §2.1 with ports of our own).
func StartCluster(t testing.TB, dir string) []*Server {
	t.Helper()
	bin := ServerBinary(t)
	var client, route [3]int
	for i := range client {
		client[i], route[i] = FreePort(t), FreePort(t)
	}
	var routes []string
	for _, p := range route {
		routes = append(routes, fmt.Sprintf("nats-route://127.0.0.1:%d", p))
	}
	var out []*Server
	for i := 0; i < 3; i++ {
		name := fmt.Sprintf("n%d", i+1)
		conf := filepath.Join(dir, name+".conf")
		body := fmt.Sprintf(`server_name: %s
listen: 127.0.0.1:%d
jetstream { store_dir: %q }
cluster {
  name: wwtest
  listen: 127.0.0.1:%d
  routes: [%s]
}
`, name, client[i], filepath.Join(dir, "js"+name), route[i], strings.Join(routes, ", "))
		if err := os.WriteFile(conf, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		s := &Server{t: t, bin: bin, Name: name, Port: client[i], Conf: conf, Log: filepath.Join(dir, name+".log")}
		s.Start()
		t.Cleanup(func() { s.Kill(syscall.SIGKILL) })
		out = append(out, s)
	}
	return out
}

// ClusterURL joins the client URLs of servers.
func ClusterURL(servers []*Server) string {
	var u []string
	for _, s := range servers {
		u = append(u, s.URL())
	}
	return strings.Join(u, ",")
}

// Start (re)starts the server and waits until it accepts connections.
func (s *Server) Start() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin, "-c", s.Conf, "-l", s.Log)
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("start nats-server: %v", err)
	}
	s.exited = make(chan struct{})
	go func(c *exec.Cmd, done chan struct{}) { _ = c.Wait(); close(done) }(s.cmd, s.exited)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", s.Port), 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("nats-server %s did not listen on %d; log %s", s.Name, s.Port, s.Log)
}

// Kill sends sig and waits for the process to exit.
func (s *Server) Kill(sig syscall.Signal) {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	select {
	case <-s.exited:
		return
	default:
	}
	_ = s.cmd.Process.Signal(sig)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	select {
	case <-s.exited:
	case <-ctx.Done():
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}
