//go:build !unix

package page

// cpuSeconds is unknown here; the benchmark then reports wall-clock figures only.
func cpuSeconds() float64 { return 0 }
