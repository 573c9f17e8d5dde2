package page
import ("testing";"math/rand";"time";"os";"fmt"
"wirewatch/examples")
func TestZZHang(t *testing.T){
	r := rand.New(rand.NewSource(1))
	var seeds [][]byte
	for _, n := range examples.Names() { b,_ := examples.Read(n); seeds = append(seeds,b) }
	seeds = append(seeds, []byte(smallPage))
	for i := 0; i < 3000; i++ {
		b := append([]byte(nil), seeds[r.Intn(len(seeds))]...)
		for k := 0; k < 1+r.Intn(5); k++ {
			switch r.Intn(3) {
			case 0: if len(b)>0 { b[r.Intn(len(b))] = byte(r.Intn(256)) }
			case 1: if len(b)>1 { j := r.Intn(len(b)); b = append(b[:j], b[j+1:]...) }
			case 2: j := r.Intn(len(b)+1); b = append(b[:j], append([]byte{byte(r.Intn(128))}, b[j:]...)...)
			}
		}
		done := make(chan bool)
		go func(){ Parse("x", b, nil); close(done) }()
		select {
		case <-done:
		case <-time.After(5*time.Second):
			os.WriteFile("/tmp/hang.bin", b, 0644)
			t.Fatalf("hang at %d", i)
		}
	}
	fmt.Println("no hang")
}
