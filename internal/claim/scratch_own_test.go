//go:build scratch

package claim

import "testing"

func TestScratchOwn(t *testing.T) {
	e := newTestExtractor(t)
	for _, txt := range []string{
		"Volgens de Amerikaanse president Joe Biden en zijn Franse ambtgenoot Emmanuel Macron moet de steun doorgaan.",
		"Rusland en Oekraïne beschuldigen elkaar van de beschieting van de kerncentrale.",
		"De VS en de EU zeggen dat de sancties blijven.",
		"Het is volgens de politie onduidelijk hoe de brand ontstond.",
		"Volgens de eerste berichten zijn er veel doden.",
		"Volgens getuigen klonken er drie explosies.",
		"Volgens het Russische persbureau TASS is de brug hersteld.",
		"De Oekraïense luchtmacht zegt 30 drones te hebben neergeschoten.",
		"Maandagavond maakte het Pentagon bekend dat er extra troepen komen.",
		"De aanval kostte aan zeker tien mensen het leven, meldt de gouverneur van de regio op Telegram.",
		"De Russische minister van Defensie zei: \"We gaan door tot alle doelen bereikt zijn.\"",
		"Het leger ontkende niet dat er burgers zijn geraakt.",
		"De woordvoerder wilde niet zeggen hoeveel soldaten er zijn gesneuveld.",
		"Hamas noemde de beschuldigingen van Israël \"pure leugens\".",
	} {
		cs := e.Extract(input("x", "", txt))
		t.Logf("%s\n%s", txt, dump(cs))
	}
}
